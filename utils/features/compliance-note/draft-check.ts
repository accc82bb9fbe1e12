/**
 * Checking a draft for forbidden phrases without holding the page: the check runs in slices of
 * SLICE_MS (patterns are linear-time, but a pack may hold hundreds of them), handing the page
 * back between slices; a newer keystroke replaces an unfinished check. DOM only (draft text).
 */
import type { CheckRun, Finding, Matcher } from '../../compliance';
import { draftText } from '../../dom/editable';

/** Longest stretch one check may hold the page before handing it back (a long task is 50 ms). */
const SLICE_MS = 12;

interface Job {
  el: HTMLElement;
  text: string;
  run: CheckRun;
  done: boolean;
}

export class DraftCheck {
  private matcher: Matcher | null = null;
  /** The check under way (or last finished) and the draft it is for. */
  private running: Job | null = null;
  private resume: ReturnType<typeof setTimeout> | null = null;

  /** `alive`: false once the content script is gone (a slice still queued then does nothing). */
  constructor(private readonly alive: () => boolean) {}

  /** New rules: checks from now on use them; a result of the old ones is never reused. */
  setMatcher(matcher: Matcher): void {
    this.matcher = matcher;
    this.running = null;
  }

  /**
   * Findings for the draft as it is now, at once. Sending is the agent's one-off act, not a
   * keystroke: a check still under way for this very text is finished here, a done one reused.
   */
  findingsNow(el: HTMLElement): Finding[] {
    if (!this.matcher) return [];
    const text = draftText(el);
    const job = this.running;
    if (job?.el === el && job.text === text) {
      if (!job.done) job.done = job.run.step(() => false);
      return job.run.findings();
    }
    return this.matcher.check(text);
  }

  /** Starts checking `el`'s draft; `done` gets the findings when the last slice is through. */
  start(el: HTMLElement, done: (findings: Finding[]) => void): void {
    this.cancel();
    if (!this.matcher) return done([]);
    const text = draftText(el);
    const last = this.running;
    if (last?.el === el && last.text === text && last.done) return done(last.run.findings());
    const job: Job = { el, text, run: this.matcher.begin(text), done: false };
    this.running = job;
    const slice = () => {
      this.resume = null;
      if (this.running !== job || !this.alive()) return;
      const started = performance.now();
      job.done = job.run.step(() => performance.now() - started > SLICE_MS);
      if (job.done) done(job.run.findings());
      else this.resume = setTimeout(slice, 0);
    };
    slice();
  }

  /** Drops a check still waiting for its next slice. */
  cancel(): void {
    if (this.resume !== null) clearTimeout(this.resume);
    this.resume = null;
  }
}
