/**
 * Suggested replies in the background: keeps the last few messages of each console tab's open
 * conversation (text included) in memory and in `storage.session` — cleared when the browser
 * closes, never written to the database, never sent anywhere — for the side panel to read;
 * and inserts a suggested script recording the situation it was suggested for. The palette's
 * suggestions come from the background's one library index (library-search.ts), fed by
 * `recentMessagesOf`.
 */
import { browser } from 'wxt/browser';
import { RECENT_MESSAGES_KEY, type InsertResult, type RecentMessages } from '../../utils/messaging/protocol';
import type { MessageText } from '../../utils/sites/reader';
import { MAX_MESSAGE_CHARS, RECENT_MESSAGES } from '../../utils/suggest/recent';
import { TabSessionMap } from './tab-session';

type InsertFn = (
  scriptKey: string,
  windowId: number | undefined,
  values: Record<string, string> | undefined,
  usage: { via: 'suggestion'; situationKey: string },
) => Promise<InsertResult>;

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

/** Handlers for the suggestion messages (spread into the background's gated handler maps). */
export function registerSuggest(insertScript: InsertFn) {
  // The stored copy goes with the other per-tab records (dropClosedTabs).
  browser.tabs.onRemoved.addListener((tabId) => recent.delete(tabId));
  return {
    page: {
      insertSuggestion: ({
        scriptKey,
        situationKey,
        windowId,
        values,
        requestId,
      }: {
        scriptKey: string;
        situationKey: string;
        windowId?: number;
        values?: Record<string, string>;
        requestId?: string;
      }) =>
        insertScript(scriptKey, windowId, values, {
          via: 'suggestion',
          situationKey: String(situationKey).slice(0, 200),
          ...(requestId ? { requestId: String(requestId).slice(0, 100) } : {}),
        }),
    },
    content: {
      recentMessages: async (
        { conversationId, messages }: { conversationId: string; messages: MessageText[] },
        sender: { tab?: { id?: number } },
      ) => {
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
    },
  };
}
