/**
 * Attaches to a console page (every frame): remembers the reply field the agent last focused
 * and where its caret was, tells the background, and inserts text there when asked.
 * Never opens the database; page text goes only to the background (the last few messages, for
 * suggestions), never to the network.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  editableFromEvent,
  editingHost,
  editorKindOf,
  fieldLabel,
  restoreSelection,
  saveSelection,
  type SavedSelection,
} from '../../utils/insertion/editable';
import { chainPreferring, insertIntoEditor } from '../../utils/insertion/inserters';
import type { GetDataType } from '@webext-core/messaging';
import { deliverImages } from '../../utils/insertion/images';
import {
  onMessage,
  sendMessage,
  type FocusReport,
  type InsertResult,
  type Protocol,
} from '../../utils/messaging/protocol';
import { InsertLedger } from '../../utils/insertion/once';
import { STATIC_CONSOLE_MATCHES } from '../../utils/sites/builtin';
import { ruleForPage } from '../../utils/sites/match';
import {
  conversationItem,
  messageList,
  readMessageTexts,
  textOf,
  watchConversation,
  type ConversationSnapshot,
} from '../../utils/sites/reader';
import type { SiteRule } from '../../scripts-library/rule-schema';
import { fromAgent } from '../../utils/ui-kit/agent';
import { queryRule, type RuleSelector } from '../../utils/sites/rule-selector';
import { startChips } from './chips';
import { startPalette } from './palette';
import { draftText, watchCompliance } from './compliance';
import { startTeaching } from './teach';

/** Suggestions read this many of the last messages, this much of each. */
const RECENT_MESSAGES = 6;
const MAX_MESSAGE_CHARS = 500;

/** `el` (or something inside it) has the keyboard: this document has focus and it is the active element. */
function hasFocus(el: HTMLElement): boolean {
  if (!document.hasFocus()) return false;
  const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
  return active !== null && (active === el || el.contains(active));
}

export default defineContentScript({
  matches: STATIC_CONSOLE_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    let field: HTMLElement | null = null;
    let selection: SavedSelection = null;
    let lastReport = '';

    const report = (data: FocusReport) => {
      const key = `${data.kind}|${data.label}|${data.unreachableFrame ?? ''}`;
      // Re-report a refocus only after a pause: the background keeps "last focused", not a log.
      if (key === lastReport) return;
      lastReport = key;
      setTimeout(() => (lastReport = ''), 1000);
      sendMessage('editorFocused', data).catch(() => undefined);
    };

    const adopt = (el: HTMLElement | null) => {
      if (!el) return;
      if (el !== field) selection = saveSelection(el);
      field = el;
      report({ kind: editorKindOf(el) ?? 'contenteditable', label: fieldLabel(el) });
    };
    // The agent's focus and typing pick the field insertions go to; a page dispatching `focusin`
    // or `input` at a field of its choosing (a hidden one, to catch the next script) does not.
    ctx.addEventListener(document, 'focusin', (event) => fromAgent(event) && adopt(editableFromEvent(event)), {
      capture: true,
    });
    // Consoles often focus their reply box on load, before we run; and clicking a box that
    // already has focus fires no focusin. Take the focused field now, and again whenever the
    // agent types or comes back to this window.
    const adoptActive = () => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const kind = editorKindOf(active);
      if (kind) adopt(kind === 'contenteditable' ? editingHost(active as HTMLElement) : (active as HTMLElement));
    };
    adoptActive();
    ctx.addEventListener(window, 'focus', adoptActive);
    ctx.addEventListener(document, 'input', (event) => fromAgent(event) && adopt(editableFromEvent(event)), {
      capture: true,
    });

    // Keep the caret position current; it is what the agent expects when they come back
    // from the side panel, where the page's own selection may already be gone.
    const remember = () => {
      if (
        field &&
        (field === document.activeElement || field.contains(document.activeElement) || field.getRootNode() !== document)
      )
        // A selection outside the field (focus moved to the palette) keeps the caret we had.
        selection = saveSelection(field) ?? selection;
    };
    ctx.addEventListener(document, 'selectionchange', remember);
    // `selectionchange` is queued: typing a character and pressing the palette's hotkey at once
    // can move focus before it fires. While focus leaves the field the selection is still in it,
    // so take it now (document.activeElement no longer points at the field at that moment).
    ctx.addEventListener(
      document,
      'focusout',
      (event) => {
        const from = event.composedPath()[0];
        if (field && from instanceof Node && (from === field || field.contains(from)))
          selection = saveSelection(field) ?? selection;
        else remember();
      },
      { capture: true },
    );

    // A field in a cross-origin frame we are not running in: the top frame can only see the
    // <iframe> itself. Say so, so the panel can tell the agent instead of failing silently.
    if (window === window.top) {
      ctx.addEventListener(window, 'blur', () => {
        ctx.setTimeout(() => {
          const active = document.activeElement;
          if (active instanceof HTMLIFrameElement && !canReach(active)) {
            report({ kind: 'contenteditable', label: 'iframe', unreachableFrame: true });
          }
        }, 300);
      });
    }

    const ledger = new InsertLedger();
    const removeListener = onMessage('insertText', ({ data }) => ledger.run(data.requestId, () => insertHere(data)));
    const insertHere = async (data: GetDataType<Protocol['insertText']>): Promise<InsertResult> => {
      if (!field) return { ok: false, reason: 'no-target' };
      const el = field;
      // The field still has the keyboard (the inline list, a quick Enter after typing): its live
      // caret is the truth; `selectionchange` may not have told us of the last keystrokes yet.
      if (hasFocus(el)) selection = saveSelection(el) ?? selection;
      // Rich editors also say which one took the text (`editor`: 'lexical', 'quill', …). A
      // picture-only script has no text to insert: only its pictures go in.
      const result: InsertResult =
        !data.text && data.images?.length
          ? { ok: true, kind: editorKindOf(el) ?? 'contenteditable' }
          : await palette.ownInsertion(
              () =>
                insertIntoEditor(
                  {
                    el,
                    text: data.text,
                    selection,
                    replaceAll: data.mode === 'replace-draft',
                    ...(data.caret !== undefined ? { caret: data.caret } : {}),
                    // The inline trigger and query (`/退货`) the script replaces.
                    ...(data.replaceBefore ? { replaceBefore: data.replaceBefore } : {}),
                  },
                  // A site rule may name the editor to try first on its console.
                  chainPreferring(rule?.inserter),
                ),
              data.press,
            );
      if (result.ok && el === field) selection = saveSelection(el);
      if (result.ok) compliance.inserted(el);
      if (result.ok && data.images?.length) return { ...result, images: await deliverImages(el, data.images) };
      return result;
    };
    const removePing = onMessage('ping', () => 'pong');

    // Forbidden phrases: warn as the agent types, confirm before a blocked send.
    const compliance = watchCompliance(ctx, { field: () => field, rule: () => rule });

    // The hotkey palette and the inline trigger.
    const palette = startPalette(ctx, {
      restoreFocus: () => {
        if (!field?.isConnected) return false;
        // Focus is already back in the field (a frame the palette gave focus back to at once):
        // its caret is where the agent left it, maybe after more typing. A saved one is older.
        if (hasFocus(field)) return true;
        field.focus({ preventScroll: true });
        restoreSelection(field, selection);
        return true;
      },
    });

    // Reply deadlines: follow the open conversation through this console's site rule. Only ids,
    // senders and times go to the background for them; suggestions send the text of the last
    // few messages when a customer writes, which the background keeps in memory only.
    let rule: SiteRule | null = null;
    const removeOpen = onMessage('openConversation', ({ data }) => {
      const taught = rule;
      const item = taught && conversationItem(taught, document, data.conversationId);
      if (!taught || !item) return false;
      // Where an agent clicks, the customer's name: kits that wrap each item (chatscope's li >
      // div) listen on the inner element, which a click on the wrapper never reaches.
      ((queryRule(item, taught.conversationList?.title) ?? item) as HTMLElement).click();
      return true;
    });
    const removeDraft = onMessage('readDraft', () => (field?.isConnected ? draftText(field) : ''));
    const removeValues = onMessage('readPageValues', () => {
      if (!rule) return {};
      const customerName = textOf(document, rule.customerName);
      const orderId = textOf(document, rule.orderId);
      return { ...(customerName ? { customerName } : {}), ...(orderId ? { orderId } : {}) };
    });
    // Suggestion chips beside the reply box of the frame that has it (the site rule's input, or
    // the field the agent last focused here).
    const query = (selector: RuleSelector | undefined) => queryRule(document, selector) as HTMLElement | null;
    const chips = startChips(ctx, {
      anchor: () => {
        const input = query(rule?.input);
        const box = input && editorKindOf(input) === 'contenteditable' ? editingHost(input) : input;
        return box ?? (field?.isConnected ? field : null);
      },
      useField: (el) => {
        if (el !== field) adopt(el);
      },
      avoid: () =>
        [query(rule?.sendButton)?.getBoundingClientRect() ?? null, compliance.noteRect()].filter((r) => r !== null),
      palette,
    });
    let watching: AbortController | null = null;
    const loadRule = () =>
      sendMessage('getSiteRules')
        .then((candidates) => ruleForPage(candidates ?? [], (selector) => query(selector) !== null))
        .then((found) => {
          watching?.abort();
          rule = found;
          if (!found || ctx.isInvalid) return;
          watching = new AbortController();
          ctx.signal.addEventListener('abort', () => watching?.abort());
          let lastCustomer = '';
          let lastConversation: string | null = null;
          const onSnapshot = (snap: ConversationSnapshot) => {
            // Once more if no answer came (the service worker was stopped while handling it): the
            // message starts a new one, and a snapshot applied twice is a no-op (seen ids).
            void sendMessage('conversationSnapshot', snap)
              .catch(() => sendMessage('conversationSnapshot', snap))
              .catch(() => undefined);
            // Chips answer a message that arrives in the open conversation, not one already there
            // when the agent opens it (or the page loads).
            const sameConversation = snap.conversationId === lastConversation;
            lastConversation = snap.conversationId;
            chips.snapshot(snap.conversationId, snap.messages.at(-1)?.from ?? null);
            // Suggestions: the text of the last few messages, only when a customer message is
            // new to us (or the agent opened another conversation), and only to the background.
            const newest = snap.messages.findLast((m) => m.from === 'customer');
            const key = newest ? `${snap.conversationId}|${newest.id}` : '';
            const list = messageList(found, document);
            if (!newest || key === lastCustomer || !list) return;
            lastCustomer = key;
            const messages = readMessageTexts(found, list, RECENT_MESSAGES, MAX_MESSAGE_CHARS);
            void sendMessage('recentMessages', { conversationId: snap.conversationId, messages })
              .then(() => {
                if (sameConversation) chips.customerMessage(snap.conversationId);
              })
              .catch(() => undefined);
          };
          watchConversation(found, document, () => location.href, onSnapshot, watching.signal);
        })
        .catch(() => undefined);
    void loadRule();
    const removeReload = onMessage('reloadSiteRule', () => void loadRule());
    const removeSend = onMessage('pressSend', () => {
      const button = query(rule?.sendButton);
      if (!button || (button as HTMLButtonElement).disabled) return false;
      return compliance.pressSend(button);
    });

    // Teach mode runs in the top frame: the agent points, we derive the rule and hand it to the
    // panel for a preview; nothing is saved until the agent says so there.
    const removeTeach = onMessage('beginTeach', () => {
      if (window !== window.top) return false;
      startTeaching(ctx.signal);
      return true;
    });

    ctx.onInvalidated(() => {
      removeListener();
      removePing();
      removeOpen();
      removeValues();
      removeDraft();
      removeReload();
      removeSend();
      removeTeach();
    });
  },
});

function canReach(frame: HTMLIFrameElement): boolean {
  try {
    return frame.contentDocument !== null;
  } catch {
    return false;
  }
}
