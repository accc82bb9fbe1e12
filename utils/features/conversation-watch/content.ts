/**
 * Follows the open conversation through this console's site rule. Reply deadlines get only ids,
 * senders and times; suggestions get the text of the last few messages when a customer writes
 * (the background keeps them in memory only); the chips hear of every snapshot, so a switch of
 * conversation or the agent's reply hides them.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../messaging/protocol';
import { messageList, readMessageTexts, watchConversation, type ConversationSnapshot } from '../../sites/reader';
import type { SiteRule } from '../../../scripts-library/rule-schema';
import type { Chips } from '../chips/content';
import { answer, type Shared } from '../shared';

/** Starts watching; the returned function switches to a newly loaded rule (null: stop). */
export function startConversationWatch(
  ctx: ContentScriptContext,
  shared: Shared,
  chips: Chips,
): (rule: SiteRule | null) => void {
  answer(ctx, 'openConversation', ({ data }) => {
    const opener = shared.site.conversationOpener(data.conversationId);
    opener?.click();
    return opener !== null;
  });
  answer(ctx, 'readPageValues', () => shared.site.pageValues());

  let watching: AbortController | null = null;
  ctx.onInvalidated(() => watching?.abort());
  return (rule) => {
    watching?.abort();
    watching = null;
    if (!rule) return;
    watching = new AbortController();
    watchConversation(rule, document, () => location.href, snapshotHandler(rule, chips), watching.signal);
  };
}

/** What each snapshot of one rule's conversation sets off. */
function snapshotHandler(rule: SiteRule, chips: Chips): (snap: ConversationSnapshot) => void {
  let lastCustomer = '';
  let lastConversation: string | null = null;
  return (snap) => {
    reportSnapshot(snap);
    // Chips answer a message that arrives in the open conversation, not one already there when
    // the agent opens it (or the page loads).
    const sameConversation = snap.conversationId === lastConversation;
    lastConversation = snap.conversationId;
    chips.snapshot(snap.conversationId, snap.messages.at(-1)?.from ?? null);
    // Suggestions: the text of the last few messages, only when a customer message is new to us
    // (or the agent opened another conversation), and only to the background.
    const newest = snap.messages.findLast((m) => m.from === 'customer');
    const key = newest ? `${snap.conversationId}|${newest.id}` : '';
    const list = messageList(rule, document);
    if (!newest || key === lastCustomer || !list) return;
    lastCustomer = key;
    const messages = readMessageTexts(rule, list);
    void sendMessage('recentMessages', { conversationId: snap.conversationId, messages })
      .then(() => {
        if (sameConversation) chips.customerMessage(snap.conversationId);
      })
      // No background to suggest anything: no chips, and the next message tries again.
      .catch(() => undefined);
  };
}

/**
 * Ids, senders and times for the reply clocks. Once more if no answer came (the service worker
 * was stopped while handling it): the message starts a new one, and a snapshot applied twice is
 * a no-op (seen ids).
 */
function reportSnapshot(snap: ConversationSnapshot) {
  void sendMessage('conversationSnapshot', snap)
    .catch(() => sendMessage('conversationSnapshot', snap))
    .catch(() => undefined);
}
