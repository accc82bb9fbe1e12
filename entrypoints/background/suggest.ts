/**
 * Suggested replies in the background: keeps the last few messages of each console tab's open
 * conversation (text included) in memory and in `storage.session` — cleared when the browser
 * closes, never written to the database, never sent anywhere — for the side panel to read.
 * The palette's and the chips' suggestions come from the background's one library index
 * (library-search.ts), fed by `recentMessagesOf`.
 */
import { browser } from 'wxt/browser';
import { RECENT_MESSAGES_KEY, type RecentMessages } from '../../utils/messaging/protocol';
import type { MessageText } from '../../utils/sites/reader';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { MAX_MESSAGE_CHARS, RECENT_MESSAGES } from '../../utils/suggest/recent';
import { TabSessionMap } from './tab-session';

/** The service worker's copy; storage.session is what survives the worker being stopped. */
const recent = new Map<number, RecentMessages>();

/** What survives the worker being stopped; the side panel reads it too. */
const stored = new TabSessionMap<RecentMessages>(RECENT_MESSAGES_KEY);

function bounded(messages: MessageText[]): MessageText[] {
  return messages.slice(-RECENT_MESSAGES).map((m) => ({
    id: String(m.id).slice(0, 100),
    from: m.from === 'agent' ? 'agent' : 'customer',
    text: String(m.text).slice(0, MAX_MESSAGE_CHARS),
    at: typeof m.at === 'number' ? m.at : null,
  }));
}

export async function recentMessagesOf(tabId: number): Promise<RecentMessages | undefined> {
  return recent.get(tabId) ?? (await stored.get(tabId));
}

/** A closed tab's messages go with it: this copy here, the stored one with the other per-tab records. */
export function forgetClosedTabs() {
  browser.tabs.onRemoved.addListener((tabId) => recent.delete(tabId));
}

export const suggestHandlers = (_deps: BackgroundDeps) =>
  ({
    recentMessages: async ({ conversationId, messages }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !Array.isArray(messages)) return;
      const entry: RecentMessages = {
        tabId,
        conversationId: String(conversationId).slice(0, 200),
        messages: bounded(messages),
        at: Date.now(),
      };
      recent.set(tabId, entry);
      await stored.set(tabId, entry);
    },
  }) satisfies HandlerGroup;
