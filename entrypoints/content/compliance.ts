/**
 * Forbidden phrases in the console's reply box. As the agent types (after the input method
 * commits, never mid-composition) the draft is checked with the packs' lists; a warning beside
 * the box names the phrase, its category and a better script, and goes away when the phrase
 * does. A category a team lead made blocking also stops Enter and the send button with a
 * confirm. The background is told only that a warning appeared (category, once per crossing),
 * never the text. Only the agent's own typing, Enter and clicks (trusted events) and our own
 * insertions show the warning or the confirm; events the page dispatches do nothing.
 *
 * A check never holds the page for long: it runs in slices of SLICE_MS (patterns are linear-time,
 * but a pack may hold hundreds of them), handing the page back between slices; a newer keystroke
 * replaces an unfinished check.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileRules, firstPerCategory, type CheckRun, type Finding, type Matcher } from '../../utils/compliance';
import type { ComplianceCategory, ComplianceRules } from '../../utils/compliance/rules';
import { translator, type Translate } from '../../utils/i18n';
import { editableFromEvent } from '../../utils/insertion/editable';
import { onMessage, sendMessage } from '../../utils/messaging/protocol';
import type { Rect } from '../../utils/palette/place';
import type { SiteRule } from '../../scripts-library/rule-schema';
import { fromAgent } from '../../utils/ui-kit/agent';
import { isRuleTarget, queryRule, queryRuleAll, type RuleSelector } from '../../utils/sites/rule-selector';
import { ComplianceUi } from './compliance-ui';

export interface ComplianceWatch {
  /** The warning's place on screen while it shows. */
  noteRect(): Rect | null;
  /** We inserted into `el` (some editors take text without a trusted input event): check it now. */
  inserted(el: HTMLElement): void;
  /**
   * Presses the console's send button for insert-and-send, unless the draft holds a blocking
   * phrase: then the agent is asked first, as for their own Enter. True when it was pressed.
   */
  pressSend(button: HTMLElement): boolean;
}

/** What the draft says, as the agent sees it. */
export function draftText(el: HTMLElement): string {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  return el.innerText ?? el.textContent ?? '';
}

const safeQuery = (selector: RuleSelector | undefined) => queryRule(document, selector) as HTMLElement | null;

/** Longest stretch one check may hold the page before handing it back (a long task is 50 ms). */
const SLICE_MS = 12;

export function watchCompliance(
  ctx: ContentScriptContext,
  deps: { field(): HTMLElement | null; rule(): SiteRule | null },
): ComplianceWatch {
  let rules: ComplianceRules | null = null;
  let matcher: Matcher | null = null;
  let byId = new Map<string, ComplianceCategory>();
  let t: Translate = translator('zh-CN');
  /** The editor the shown state belongs to, and the categories currently warned about in it. */
  let current: HTMLElement | null = null;
  const warned = new Set<string>();
  /** Our own re-dispatched send passes the checks once. */
  let bypass = false;
  let recheck: ReturnType<typeof setInterval> | null = null;

  const ui = new ComplianceUi(document, (key) => {
    void sendMessage('insertScript', { scriptKey: key, via: 'compliance' }).then(
      (r) => {
        if (r?.ok) return;
        ui.showNote(
          t(r && !r.ok && r.reason === 'needs-values' ? 'complianceSuggestNeedsPanel' : 'complianceSuggestFailed'),
        );
      },
      () => ui.showNote(t('complianceSuggestFailed')),
    );
  });

  const load = () =>
    sendMessage('getComplianceRules')
      .then((r) => {
        if (!r || ctx.isInvalid) return;
        if (r.version !== rules?.version) {
          rules = r;
          matcher = compileRules(r.categories);
          running = null;
          byId = new Map(r.categories.map((c) => [c.id, c]));
          t = translator(r.locale);
          if (current) check(current);
        }
      })
      .catch(() => undefined);

  /**
   * Is this the reply box the site rule names (whose send button it also names)? The checks
   * themselves run in every field the agent types in: before a console is taught (or when its
   * rule points elsewhere) a reply still gets its warning.
   */
  const isRuleInput = (el: HTMLElement) => isRuleTarget(el, deps.rule()?.input);

  /** The check under way (or last finished) and the draft it is for. */
  let running: { el: HTMLElement; text: string; run: CheckRun; done: boolean } | null = null;
  let resume: ReturnType<typeof setTimeout> | null = null;

  /** Findings for the draft as it is now; a check already done for this very text is reused. */
  const findingsOf = (el: HTMLElement): Finding[] => {
    if (!matcher) return [];
    const text = draftText(el);
    if (running?.el === el && running.text === text) {
      // Sending is the agent's one-off act, not a keystroke: finish a check still under way.
      if (!running.done) running.done = running.run.step(() => false);
      return running.run.findings();
    }
    return matcher.check(text);
  };

  const stopRecheck = () => {
    if (recheck !== null) clearInterval(recheck);
    recheck = null;
  };

  /** Start checking the draft; the result is shown when the last slice is done. */
  function check(el: HTMLElement) {
    if (resume !== null) clearTimeout(resume);
    resume = null;
    if (!matcher) return show(el, []);
    const text = draftText(el);
    if (running?.el === el && running.text === text && running.done) return show(el, running.run.findings());
    const job = { el, text, run: matcher.begin(text), done: false };
    running = job;
    const slice = () => {
      resume = null;
      if (running !== job || ctx.isInvalid) return;
      const started = performance.now();
      job.done = job.run.step(() => performance.now() - started > SLICE_MS);
      if (job.done) show(el, job.run.findings());
      else resume = setTimeout(slice, 0);
    };
    slice();
  }

  function show(el: HTMLElement, findings: Finding[]) {
    if (el !== current) {
      current = el;
      warned.clear();
    }
    const found = firstPerCategory(findings);
    const now = new Set(found.map((f) => f.categoryId));
    for (const f of found)
      if (!warned.has(f.categoryId)) {
        warned.add(f.categoryId);
        void sendMessage('complianceWarning', { categoryId: f.categoryId, categoryName: f.categoryName }).catch(
          () => undefined,
        );
      }
    for (const id of [...warned]) if (!now.has(id)) warned.delete(id);

    ui.warn(
      el,
      found.slice(0, 3).map((f) => ({
        text: t('complianceWarning', { phrase: f.phrase, category: f.categoryName, advice: f.advice }).replace(
          /[：:]\s*$/,
          '',
        ),
        tryLabel: t('complianceTry'),
        suggested: (byId.get(f.categoryId)?.suggested ?? []).slice(0, 2),
      })),
      found.some((f) => f.severity === 'block'),
      t('complianceSuggestHint'),
    );
    if (!found.length) ui.showNote('');
    // The console may clear or change the box without an input event (after sending, switching
    // conversations): while a warning shows, look again now and then so it never goes stale.
    if (found.length && recheck === null)
      recheck = setInterval(() => {
        if (!current || !current.isConnected) {
          ui.warn(document.documentElement, [], false, '');
          return stopRecheck();
        }
        check(current);
      }, 400);
    else if (!found.length) stopRecheck();
  }

  /**
   * The agent's input method is composing. Its compositionend may come untrusted (Chrome builds
   * it so when the commit arrives as text): it counts when it ends the agent's composition.
   */
  let agentComposing = false;
  const onEdit = (event: Event) => {
    if (event.type === 'compositionend') {
      if (!agentComposing && !fromAgent(event)) return;
      agentComposing = false;
    } else if (!fromAgent(event) || (event as InputEvent).isComposing) return; // checked on compositionend
    const el = editableFromEvent(event);
    if (el) check(el);
  };
  ctx.addEventListener(document, 'input', onEdit, { capture: true });
  ctx.addEventListener(
    document,
    'compositionstart',
    (event: CompositionEvent) => {
      if (fromAgent(event)) agentComposing = true;
    },
    { capture: true },
  );
  ctx.addEventListener(document, 'compositionend', onEdit, { capture: true });
  ctx.addEventListener(window, 'resize', () => ui.place());
  ctx.addEventListener(document, 'scroll', () => ui.place(), { capture: true, passive: true });

  const blockingFinding = (el: HTMLElement | null): Finding | undefined =>
    el ? findingsOf(el).find((f) => f.severity === 'block') : undefined;

  /** Asks before a send; "仍然发送" sends the way the agent tried to. */
  const ask = (el: HTMLElement, finding: Finding, resend: () => void) =>
    ui.confirm(
      el,
      {
        question: t('complianceConfirm', { phrase: finding.phrase, category: finding.categoryName }),
        back: t('complianceBack'),
        send: t('complianceSendAnyway'),
      },
      () => el.focus(),
      () => {
        for (const f of firstPerCategory(findingsOf(el)))
          if (f.severity === 'block')
            void sendMessage('complianceWarning', {
              categoryId: f.categoryId,
              categoryName: f.categoryName,
              override: true,
            }).catch(() => undefined);
        el.focus();
        bypass = true;
        try {
          resend();
        } finally {
          bypass = false;
        }
        setTimeout(() => current && check(current), 50);
      },
    );

  /** Stops the agent's send and asks. */
  const intercept = (event: Event, el: HTMLElement, finding: Finding, resend: () => void) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(el, finding, resend);
  };

  const sendButton = () => {
    const button = safeQuery(deps.rule()?.sendButton);
    return button && !(button as HTMLButtonElement).disabled ? button : null;
  };

  // Capture on document: before the console's own Enter handler. The inline palette listens on
  // window (earlier still) and marks keys it used with preventDefault; those are not sends.
  ctx.addEventListener(
    document,
    'keydown',
    (event: KeyboardEvent) => {
      if (bypass || !fromAgent(event) || event.key !== 'Enter' || event.shiftKey) return;
      if (event.isComposing || event.keyCode === 229 || event.defaultPrevented) return;
      const el = editableFromEvent(event);
      if (!el) return;
      const finding = blockingFinding(el);
      if (!finding) return;
      const init: KeyboardEventInit = {
        key: 'Enter',
        code: 'Enter',
        keyCode: 13,
        which: 13,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        bubbles: true,
        cancelable: true,
        composed: true,
      } as KeyboardEventInit;
      intercept(event, el, finding, () => {
        // Press the console's send button when its rule names one for this box; else Enter again.
        const button = isRuleInput(el) ? sendButton() : null;
        if (button) button.click();
        else el.dispatchEvent(new KeyboardEvent('keydown', init));
      });
    },
    { capture: true },
  );

  ctx.addEventListener(
    document,
    'click',
    (event: MouseEvent) => {
      const selector = deps.rule()?.sendButton;
      if (bypass || !selector || !fromAgent(event)) return;
      const target = event.composedPath()[0];
      if (!(target instanceof Element)) return;
      // The send button, or what is inside it (an icon), wherever it lives (a shadow root too).
      const button = queryRuleAll(document, selector).find((b) => b === target || b.contains(target));
      if (!button) return;
      const el = deps.field() ?? safeQuery(deps.rule()?.input);
      const finding = blockingFinding(el);
      if (!el || !finding) return;
      intercept(event, el, finding, () => (button as HTMLElement).click());
    },
    { capture: true },
  );

  void load();
  // Rules may have changed while this tab sat in the background: look again on coming back.
  let lastLoad = Date.now();
  ctx.addEventListener(window, 'focus', () => {
    if (Date.now() - lastLoad > 10_000) {
      lastLoad = Date.now();
      void load();
    }
  });
  const removeReload = onMessage('reloadComplianceRules', () => void load());
  ctx.onInvalidated(() => {
    removeReload();
    stopRecheck();
    if (resume !== null) clearTimeout(resume);
    ui.destroy();
  });

  return {
    noteRect: () => ui.rect(),
    inserted(el) {
      check(el);
    },
    pressSend(button) {
      const el = deps.field() ?? safeQuery(deps.rule()?.input);
      const finding = blockingFinding(el);
      if (el && finding) {
        ask(el, finding, () => button.click());
        return false;
      }
      button.click();
      return true;
    },
  };
}
