/**
 * The inline list: `/退货` or `、退货` at the start of a word shows matching scripts at the caret;
 * Enter/Tab insert and remove the trigger, Esc leaves the text alone, and the reply box keeps
 * the focus. It opens only on a trigger character the agent typed — never on text we inserted or
 * the page put in. It shares the palette's list view and key handling (palette/content.ts
 * routes keys and input events here).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { editableFromEvent } from '../../dom/editable';
import { fromAgent } from '../../ui-kit/agent';
import type { ListSession } from '../palette/session';
import { caretBox, textBeforeCaret } from './caret-position';
import { detectTrigger, searchQueryFor, type TriggerMatch } from './trigger';

/** Scripts the inline list shows at most. */
const INLINE_LIMIT = 8;
/** Text before a trigger that tells it apart from another one on the same line. */
const TRIGGER_CONTEXT = 24;
/** How long a cancelled edit that never renders is watched for. */
const RENDER_WATCH_MS = 1000;

/** The trigger the agent typed: the list opens for it, and only for it, until it is gone. */
interface TypedTrigger {
  el: HTMLElement;
  /**
   * The text just before the trigger: the same trigger has the same text before it. (Not its
   * offset: we read a window of text before the caret, which slides as a long line grows.)
   */
  before: string;
}

const triggerAt = (el: HTMLElement, text: string, match: TriggerMatch): TypedTrigger => ({
  el,
  before: text.slice(Math.max(0, match.start - TRIGGER_CONTEXT), match.start),
});

/** A key that only moves or confirms: with a modifier it belongs to the console or the browser. */
export const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey;

export function consume(e: Event) {
  e.preventDefault();
  e.stopImmediatePropagation();
}

export class InlineList {
  /** The field and trigger the list is open (or opening) for. */
  current: { el: HTMLElement; match: TriggerMatch } | null = null;
  /** The trigger the agent typed last; Esc and our own insertions forget it. */
  private armed: TypedTrigger | null = null;
  /** The agent just typed a trigger character into this field (its text is not updated yet). */
  private pendingArm: HTMLElement | null = null;
  private rendered: MutationObserver | null = null;
  /** The query (`/th1`) whose results the list shows; while the next one's are on their way, an older one's. */
  private shownFor: string | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly session: ListSession,
    private readonly hooks: { restoreFocus(): boolean; pick(index: number): void },
  ) {}

  private get view() {
    return this.session.view;
  }

  /** The list is open with scripts to pick from. */
  get showing(): boolean {
    return this.view.mode === 'inline' && this.current !== null && this.view.count > 0;
  }

  close() {
    if (this.view.mode === 'inline') this.view.close();
    this.current = null;
    this.shownFor = null;
  }

  /** Esc: quiet for this trigger while the agent goes on typing it; a new trigger opens the list again. */
  dismiss() {
    this.armed = null;
    const hadForm = this.view.formOpen;
    this.close();
    if (hadForm) this.hooks.restoreFocus();
  }

  /** The agent typed `data` into `el`: a trigger character in it arms the list for that field. */
  noteTyped(el: HTMLElement | null, data: string) {
    if (this.session.config.triggers.some((t) => data.includes(t))) this.pendingArm = el;
  }

  /** The agent's keydown of a trigger while our insertion is still finishing arms it. */
  noteKey(e: KeyboardEvent) {
    if (this.session.inserting && this.session.config.triggers.includes(e.key)) this.pendingArm = editableFromEvent(e);
  }

  /** `typed`: what the agent's keystroke just put in (the input event's data); '' when the caret only moved. */
  check(el: HTMLElement, typed = '') {
    const { view, session } = this;
    if (view.mode === 'palette' || view.formOpen || session.inserting) return;
    const text = session.config.triggers.length ? textBeforeCaret(el) : null;
    const match = text === null ? null : detectTrigger(text, session.config.triggers);
    if (!match) return this.close();
    const at = triggerAt(el, text!, match);
    if (typed.includes(match.trigger) || this.pendingArm === el) this.armed = at;
    this.pendingArm = null;
    // A trigger the agent did not type (in a script we inserted, or put there by the page), or
    // one they dismissed with Esc, stays text.
    if (!this.armed || this.armed.el !== el || this.armed.before !== at.before || !match.query) return this.close();
    if (this.current?.el === el && this.current.match.typed === match.typed) return;
    this.current = { el, match };
    void this.show(el, match);
  }

  private async show(el: HTMLElement, match: TriggerMatch) {
    const { view } = this;
    const search = this.session.search(searchQueryFor(match), INLINE_LIMIT);
    const { hits } = await search.answer;
    const stillWanted = this.current?.el === el && this.current.match.typed === match.typed;
    if (!search.current() || !stillWanted || view.mode === 'palette') return;
    // Nothing to offer: no list, and Enter stays the console's.
    if (!hits.length) {
      if (view.mode === 'inline') view.close();
      return;
    }
    const box = caretBox(el, view.scratch);
    if (!box) return this.close();
    view.openInline(box);
    view.setHits(hits);
    this.shownFor = match.typed;
  }

  /** Keys while the list is open: move, pick, dismiss. */
  key(e: KeyboardEvent) {
    const { view, session } = this;
    const up = e.key === 'ArrowUp';
    // The script is on its way: a second Enter, Tab or Space must neither insert it again nor
    // reach the console (it would send, or type into the script's place).
    if (session.picking && (e.key === 'Enter' || e.key === 'Tab' || e.key === ' ') && plain(e)) return take(session, e);
    if ((e.key === 'ArrowDown' || up) && plain(e))
      return void (consume(e), view.setActive(view.active + (up ? -1 : 1)));
    if ((e.key === 'Enter' || e.key === 'Tab') && plain(e))
      return void (take(session, e), this.hooks.pick(view.active));
    if (e.key === 'Escape') return void (consume(e), this.dismiss());
    // An exact shortcut code (`/th1`) goes in at once with Space, as a text expander would —
    // the code typed now, not the one shown: after a fast `/th12`, the list may still show
    // `/th1`'s results, whose exact code is another script (that Space stays a space).
    const fresh = this.shownFor === this.current?.match.typed;
    if (e.key === ' ' && plain(e) && fresh && view.active === 0 && view.hit(0)?.exactShortcut)
      return void (take(session, e), this.hooks.pick(0));
  }

  /** The caret moved (click, arrow keys): the list follows it or closes. */
  followCaret() {
    let pending = false;
    this.ctx.addEventListener(document, 'selectionchange', () => {
      if (!this.current || pending || this.session.composing) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (this.current && !this.view.formOpen) this.check(this.current.el);
      });
    });
  }

  /** The page scrolled or resized: the open list stays at the caret. */
  place() {
    if (this.view.mode !== 'inline' || !this.current) return;
    const box = caretBox(this.current.el, this.view.scratch);
    if (box) this.view.place(box);
  }

  /**
   * Editors that apply typing to their own model (Slate, and any that cancel `beforeinput`)
   * fire no `input` event: the text reaches the DOM when they render it. Look again once the
   * editing host changes after the agent's `beforeinput` that no `input` followed.
   */
  watchRender(e: InputEvent) {
    this.stopWatchingRender();
    if (!fromAgent(e) || this.session.inserting || this.view.owns(e.target) || this.session.isComposing(e)) return;
    const el = editableFromEvent(e);
    if (!el || el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return;
    const observer = new MutationObserver(() => {
      this.stopWatchingRender();
      this.check(el);
    });
    observer.observe(el, { childList: true, characterData: true, subtree: true });
    this.rendered = observer;
    // A cancelled edit that never renders leaves nothing to watch for long.
    this.ctx.setTimeout(() => this.rendered === observer && this.stopWatchingRender(), RENDER_WATCH_MS);
  }

  stopWatchingRender() {
    this.rendered?.disconnect();
    this.rendered = null;
  }

  /**
   * Around our own insertion (`run` counts it as running): a trigger in the script is text; the
   * agent's next one opens the list again. One the agent typed while the insertion finished
   * (armed by its keydown) stays armed.
   */
  async duringInsertion<T>(run: () => Promise<T>): Promise<T> {
    // The list's job is done once its script goes in: keys typed from now on are the agent's
    // text, not choices in a list (an exact code's Space would insert the script again).
    if (this.view.mode === 'inline') this.close();
    const armedBefore = this.armed;
    const pendingBefore = this.pendingArm;
    try {
      return await run();
    } finally {
      if (this.armed === armedBefore) this.armed = null;
      if (this.pendingArm === pendingBefore) this.pendingArm = null;
      // The agent may have typed the whole `/th1` before we finished: look at it now.
      else if (this.pendingArm) this.check(this.pendingArm);
    }
  }
}

/**
 * Takes an Enter, Tab or Space for us: the console sees none of this press, though its keyup
 * comes after our insertion has moved focus back into the reply box.
 */
export function take(session: ListSession, e: KeyboardEvent) {
  consume(e);
  session.taken = { key: e.key, code: e.code };
}
