/**
 * The send guard: a draft holding a blocking phrase does not go out on the agent's Enter or
 * click on the send button, nor on insert-and-send, until the agent confirms. "仍然发送" sends
 * the way the agent tried to, recorded as an override; "返回修改" puts them back in the box.
 *
 * Listens in the capture phase on `document`: before the console's own Enter handler. The inline
 * list listens on `window` (earlier still) and marks keys it used with preventDefault; those are
 * not sends.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { firstPerCategory, type Finding } from '../../compliance';
import { editableFromEvent } from '../../dom/editable';
import { sendMessage } from '../../messaging/protocol';
import { fromAgent } from '../../ui-kit/agent';
import type { Shared } from '../shared';
import type { RuleTexts } from './content';
import type { ComplianceUi } from './view';

export interface GuardDeps {
  ui: ComplianceUi;
  texts: RuleTexts;
  /** Findings for `el`'s draft as it is now. */
  findingsNow(el: HTMLElement): Finding[];
  /** Check the warned field again (after a send the console may have emptied it). */
  recheck(): void;
}

/** After "仍然发送", when to look at the draft again: the console clears it on sending. */
const RECHECK_AFTER_SEND_MS = 50;

export function guardSends(ctx: ContentScriptContext, shared: Shared, deps: GuardDeps) {
  /** Our own re-dispatched send passes the checks once. */
  let bypass = false;

  const blockingFinding = (el: HTMLElement | null): Finding | undefined =>
    el ? deps.findingsNow(el).find((f) => f.severity === 'block') : undefined;

  /** The draft a send button sends: the field the agent used, else the rule's reply box. */
  const sentDraft = () => shared.target.field ?? shared.site.input();

  /** Asks before a send; "仍然发送" sends the way the agent tried to. */
  const ask = (el: HTMLElement, finding: Finding, resend: () => void) => {
    const { t } = deps.texts;
    deps.ui.confirm(
      el,
      {
        question: t('complianceConfirm', { phrase: finding.phrase, category: finding.categoryName }),
        back: t('complianceBack'),
        send: t('complianceSendAnyway'),
      },
      () => el.focus(),
      () => {
        reportOverride(deps.findingsNow(el));
        el.focus();
        bypass = true;
        try {
          resend();
        } finally {
          bypass = false;
        }
        setTimeout(deps.recheck, RECHECK_AFTER_SEND_MS);
      },
    );
  };

  /** Stops the agent's send and asks. */
  const intercept = (event: Event, el: HTMLElement, finding: Finding, resend: () => void) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(el, finding, resend);
  };

  ctx.addEventListener(
    document,
    'keydown',
    (event: KeyboardEvent) => {
      if (bypass || !fromAgent(event) || event.key !== 'Enter' || event.shiftKey) return;
      if (event.isComposing || event.keyCode === 229 || event.defaultPrevented) return;
      const el = editableFromEvent(event);
      const finding = blockingFinding(el);
      if (!el || !finding) return;
      intercept(event, el, finding, () => {
        // Press the console's send button when its rule names one for this box; else Enter again.
        const button = shared.site.isReplyBox(el) ? shared.site.enabledSendButton() : null;
        if (button) button.click();
        else el.dispatchEvent(new KeyboardEvent('keydown', enterLike(event)));
      });
    },
    { capture: true },
  );

  ctx.addEventListener(
    document,
    'click',
    (event: MouseEvent) => {
      if (bypass || !shared.site.rule?.sendButton || !fromAgent(event)) return;
      const target = event.composedPath()[0];
      const button = target instanceof Element ? shared.site.sendButtonAround(target) : null;
      if (!button) return;
      const el = sentDraft();
      const finding = blockingFinding(el);
      if (!el || !finding) return;
      intercept(event, el, finding, () => button.click());
    },
    { capture: true },
  );

  return {
    pressSend(button: HTMLElement): boolean {
      const el = sentDraft();
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

/** The agent sent anyway: each blocking category counts as overridden once. */
function reportOverride(findings: Finding[]) {
  for (const f of firstPerCategory(findings))
    if (f.severity === 'block')
      void sendMessage('complianceWarning', {
        categoryId: f.categoryId,
        categoryName: f.categoryName,
        override: true,
      }).catch(() => undefined);
}

/** The agent's Enter again, with its modifiers, for a console without a send button in its rule. */
function enterLike(event: KeyboardEvent): KeyboardEventInit {
  return {
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
}
