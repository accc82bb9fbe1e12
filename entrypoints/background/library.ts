/**
 * The palette's and inline list's search service. Content scripts cannot open our
 * database (IndexedDB there is the console's), so the background keeps the same index the side
 * panel builds — visible scripts → documents (utils/db/search-docs), the same engine, the same
 * usage statistics — kept in step with the tables by Dexie live queries, and answers
 * `searchScripts` with only what the list shows. Insertion goes through the panel's own path.
 */
import { browser, type Browser } from 'wxt/browser';
import { db } from '../../utils/db';
import { resolveLocale } from '../../utils/i18n';
import type { KeyPress } from '../../utils/features/palette/key-press';
import { placeholderFields } from '../../utils/library/fields';
import {
  sendMessage,
  type InsertResult,
  type InsertTarget,
  type PaletteConfig,
  type PaletteInsertResult,
  type PaletteSearchResult,
} from '../../utils/messaging/protocol';
import { DEFAULT_HOTKEY, hotkeyProblem, parseHotkey } from '../../utils/features/palette/hotkey';
import { settingsFromRows } from '../../utils/settings';
import { allTargets } from './insert-targets';
import { attachNow } from './site-access';
import { LibrarySearch } from './library-search';
import { recentMessagesOf } from './suggest';
import type { InsertOptions } from './insert-options';
import { hostOf } from '../../utils/sites/match';

type Sender = Browser.runtime.MessageSender;
/** The name of the palette command in wxt.config.ts. */
export const PALETTE_COMMAND = 'open-palette';

async function paletteConfig(): Promise<PaletteConfig> {
  const settings = settingsFromRows(await db.settings.toArray());
  // A stored hotkey that is no longer acceptable falls back to the default rather than clash.
  const hotkey = hotkeyProblem(parseHotkey(settings.paletteHotkey)) ? DEFAULT_HOTKEY : settings.paletteHotkey;
  // The options page validates; this keeps a hand-edited or older value from firing everywhere.
  const triggers = settings.inlineTriggers.filter((t) => t.length > 0 && t.length <= 3 && !/[\p{L}\p{N}\s]/u.test(t));
  return { hotkey, triggers, locale: resolveLocale(settings.locale, navigator.language) };
}

/** Labels and examples for the placeholders a script still needs, as the panel's form shows them. */
export async function fieldsFor(missing: string[], suggestions: Record<string, string> = {}) {
  return placeholderFields(await db.packs.toArray(), missing, suggestions);
}

/** The reply field of the frame that asks (the inline list's, a chip's). */
export function senderTarget(sender: Sender): InsertTarget {
  const tab = sender.tab!;
  return {
    tabId: tab.id!,
    frameId: sender.frameId ?? 0,
    windowId: tab.windowId ?? -1,
    kind: 'contenteditable',
    label: '',
    title: tab.title ?? '',
    host: hostOf(tab.url ?? sender.url),
    at: Date.now(),
  };
}

/** The field the agent last focused in this tab (the palette may sit in another frame). */
async function tabTarget(tabId: number): Promise<InsertTarget | null> {
  return (await allTargets()).find((t) => t.tabId === tabId) ?? null;
}

/** Opens the palette in the tab's top frame, or where the reply field is when the top frame has no script of ours. */
async function openPaletteIn(tabId: number): Promise<boolean> {
  if (await sendMessage('openPalette', undefined, { tabId, frameId: 0 }).catch(() => false)) return true;
  const target = await tabTarget(tabId);
  if (!target || target.frameId === 0) return false;
  return sendMessage('openPalette', undefined, { tabId, frameId: target.frameId }).catch(() => false);
}

export interface PaletteDeps {
  ready: Promise<unknown>;
  insertScript(
    scriptKey: string,
    windowId?: number,
    values?: Record<string, string>,
    opts?: InsertOptions,
  ): Promise<InsertResult>;
  /** The background's one library index (shared with the suggestion chips). */
  library?: LibrarySearch;
}

/** Registers the palette command and returns the content-report handlers (behind index.ts's sender gate). */
export function registerPalette({ ready, insertScript, library = new LibrarySearch(db) }: PaletteDeps) {
  // Chrome's and Firefox's keyboard shortcut (chrome://extensions/shortcuts); the page's own
  // key handler covers the same key when the browser has none set.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== PALETTE_COMMAND) return;
    const open = async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (id === undefined || (await openPaletteIn(id))) return;
      // Not attached there: the shortcut granted activeTab, as a toolbar click does. Attach to
      // this page now and open the palette in it.
      await attachNow(id);
      await openPaletteIn(id);
    };
    void open();
  });

  return {
    searchScripts: async (
      { query, limit }: { query: string; limit: number },
      sender: Sender,
    ): Promise<PaletteSearchResult> => {
      await ready;
      // The conversation open in this tab: its latest customer message puts suggestions first.
      const recent = sender.tab?.id !== undefined ? await recentMessagesOf(sender.tab.id) : undefined;
      return library.search(String(query).slice(0, 200), limit, recent?.messages ?? []);
    },
    insertFromPalette: async (
      data: {
        scriptKey: string;
        values?: Record<string, string>;
        replaceBefore?: string;
        here: boolean;
        press?: KeyPress;
      },
      sender: Sender,
    ): Promise<PaletteInsertResult> => {
      await ready;
      const target: InsertTarget | null = data.here ? senderTarget(sender) : await tabTarget(sender.tab!.id!);
      const result = await insertScript(data.scriptKey, undefined, data.values ?? {}, {
        target,
        via: 'palette',
        ...(data.replaceBefore ? { replaceBefore: data.replaceBefore.slice(0, 64) } : {}),
        ...(data.press
          ? { press: { key: String(data.press.key).slice(0, 16), code: String(data.press.code).slice(0, 32) } }
          : {}),
      });
      if (!result.ok && result.reason === 'needs-values' && result.missing)
        return { ...result, fields: await fieldsFor(result.missing, result.suggestions) };
      return result;
    },
    getPaletteConfig: async (): Promise<PaletteConfig> => {
      await ready;
      void library.start(); // warm the index while the agent reads the conversation
      return paletteConfig();
    },
    requestPalette: async (_data: undefined, sender: Sender): Promise<boolean> => openPaletteIn(sender.tab!.id!),
    paletteClosed: async (_data: undefined, sender: Sender): Promise<void> => {
      const target = await tabTarget(sender.tab!.id!);
      if (target && target.kind !== 'unreachable-frame')
        await sendMessage('focusField', undefined, { tabId: target.tabId, frameId: target.frameId }).catch(() => false);
    },
  };
}
