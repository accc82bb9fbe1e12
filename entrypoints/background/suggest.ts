/**
 * Suggested replies in the background: keeps the last few messages of each console tab's open
 * conversation (text included) in memory and in `storage.session` — cleared when the browser
 * closes, never written to the database, never sent anywhere — for the side panel to read;
 * inserts a suggested script recording the situation it was suggested for; and answers
 * `suggestForTab` for other parts of the extension (the palette can show suggestions first).
 */
import { browser } from 'wxt/browser';
import type { HuashuDB } from '../../utils/db';
import { situationPaths, docFromRow, visibleScripts } from '../../utils/db/search-docs';
import { RECENT_MESSAGES_KEY, type InsertResult, type RecentMessages } from '../../utils/messaging/protocol';
import { createSearchIndex, usageStatsFrom } from '../../utils/search';
import type { MessageText } from '../../utils/sites/reader';
import { pickStatsFrom, prepareSuggestLibrary, suggestReplies, type SuggestLibrary, type Suggestions } from '../../utils/suggest';

/** The same bounds as the content script: a report from a page never holds more. */
const MAX_MESSAGES = 6;
const MAX_CHARS = 500;
const USAGE_WINDOW_MS = 60 * 24 * 3600 * 1000;

type InsertFn = (scriptKey: string, windowId: number | undefined, values: Record<string, string> | undefined, usage: { via: 'suggestion'; situationKey: string }) => Promise<InsertResult>;

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

/** The library index, rebuilt only when the scripts change. */
let cached: { signature: string; lib: SuggestLibrary } | null = null;

async function libraryOf(db: HuashuDB): Promise<SuggestLibrary> {
  const [scripts, situations] = await Promise.all([db.scripts.toArray(), db.situations.toArray()]);
  const signature = `${scripts.length}|${scripts.reduce((m, s) => Math.max(m, s.updatedAt), 0)}|${situations.length}`;
  if (cached?.signature === signature) return cached.lib;
  const paths = situationPaths(situations);
  const docs = visibleScripts(scripts).map((row) => docFromRow(row, paths));
  const lib = prepareSuggestLibrary(createSearchIndex(docs), docs);
  cached = { signature, lib };
  return lib;
}

/**
 * Suggestions for the conversation open in `tabId`, from its last messages: for the palette
 * (or any other part) to show them first. Null when no customer message has been seen there.
 */
export async function suggestForTab(db: HuashuDB, tabId: number, limit = 5): Promise<(Suggestions & { conversationId: string }) | null> {
  const entry = await recentMessagesOf(tabId);
  if (!entry) return null;
  const now = Date.now();
  const [lib, usageRows] = await Promise.all([libraryOf(db), db.usage.where('at').above(now - USAGE_WINDOW_MS).toArray()]);
  const result = suggestReplies(entry.messages, lib, { usage: usageStatsFrom(usageRows, now), picks: pickStatsFrom(usageRows, now), now, limit });
  return { ...result, conversationId: entry.conversationId };
}

/** Handlers for the suggestion messages (spread into the background's gated handler maps). */
export function registerSuggest(insertScript: InsertFn) {
  browser.tabs.onRemoved.addListener((tabId) => {
    recent.delete(tabId);
    void store({ tabId, remove: true });
  });
  return {
    page: {
      insertSuggestion: ({ scriptKey, situationKey, windowId, values }: { scriptKey: string; situationKey: string; windowId?: number; values?: Record<string, string> }) =>
        insertScript(scriptKey, windowId, values, { via: 'suggestion', situationKey: String(situationKey).slice(0, 200) }),
    },
    content: {
      recentMessages: async ({ conversationId, messages }: { conversationId: string; messages: MessageText[] }, sender: { tab?: { id?: number } }) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined || !Array.isArray(messages)) return;
        const entry: RecentMessages = { tabId, conversationId: String(conversationId).slice(0, 200), messages: bounded(messages), at: Date.now() };
        recent.set(tabId, entry);
        await store(entry);
      },
    },
  };
}
