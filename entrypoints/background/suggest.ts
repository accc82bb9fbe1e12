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

/** The same bounds as the content script: a report from a page never holds more. */
const MAX_MESSAGES = 6;
const MAX_CHARS = 500;

/** The service worker's copy; storage.session is what survives the worker being stopped. */
const recent = new Map<number, RecentMessages>();

async function loadAll(): Promise<Record<string, RecentMessages>> {
  const got = await browser.storage.session.get(RECENT_MESSAGES_KEY);
  return (got[RECENT_MESSAGES_KEY] as Record<string, RecentMessages> | undefined) ?? {};
}

async function store(entry: RecentMessages | { tabId: number; remove: true }): Promise<void> {
  const all = await loadAll();
  if ('remove' in entry) {
    if (!(entry.tabId in all)) return;
    delete all[entry.tabId];
  } else all[entry.tabId] = entry;
  await browser.storage.session.set({ [RECENT_MESSAGES_KEY]: all });
}

function bounded(messages: MessageText[]): MessageText[] {
  return messages.slice(-MAX_MESSAGES).map((m) => ({
    id: String(m.id).slice(0, 100),
    from: m.from === 'agent' ? 'agent' : 'customer',
    text: String(m.text).slice(0, MAX_CHARS),
    at: typeof m.at === 'number' ? m.at : null,
  }));
}

export async function recentMessagesOf(tabId: number): Promise<RecentMessages | undefined> {
  return recent.get(tabId) ?? (await loadAll())[tabId];
}

/** A closed tab's messages go with it. */
export function forgetClosedTabs() {
  browser.tabs.onRemoved.addListener((tabId) => {
    recent.delete(tabId);
    void store({ tabId, remove: true });
  });
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
      await store(entry);
    },
  }) satisfies HandlerGroup;
