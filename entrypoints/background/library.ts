/**
 * The palette's and inline list's search service (issue 4). Content scripts cannot open our
 * database (IndexedDB there is the console's), so the background keeps the same index the side
 * panel builds — visible scripts → documents (utils/db/search-docs), the same engine, the same
 * usage statistics — kept in step with the tables by Dexie live queries, and answers
 * `searchScripts` with only what the list shows. Insertion goes through the panel's own path.
 */
import { liveQuery } from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { db, type ScriptRow } from '../../utils/db';
import { docFromRow, situationPaths, visibleScripts } from '../../utils/db/search-docs';
import { resolveLocale } from '../../utils/i18n';
import { BUILTIN_PLACEHOLDER_EXAMPLES } from '../../utils/insertion/placeholders';
import { sendMessage, type InsertResult, type InsertTarget, type PaletteConfig, type PaletteHit, type PaletteInsertResult, type PaletteSearchResult } from '../../utils/messaging/protocol';
import { DEFAULT_HOTKEY, hotkeyProblem, parseHotkey } from '../../utils/palette/hotkey';
import { buildSearchIndex, usageStatsFrom, type SearchIndex, type UsageStats } from '../../utils/search';
import { settingsFromRows } from '../../utils/settings';
import { allTargets } from './insert-targets';

type Sender = Browser.runtime.MessageSender;
/** Same window as the panel's ranking (entrypoints/sidepanel/App.tsx). */
const USAGE_WINDOW_MS = 60 * 24 * 3600 * 1000;
/** The name of the palette command in wxt.config.ts. */
export const PALETTE_COMMAND = 'open-palette';

interface Library {
  index: SearchIndex;
  rows: Map<string, ScriptRow>;
  paths: Map<string, string[]>;
}

/** The index and usage, built on first use and then followed by live queries. */
class LibrarySearch {
  private library: Library | null = null;
  private usage: Map<string, UsageStats> = new Map();
  private firstBuild: Promise<void> | null = null;
  private latest = 0;

  /** Starts following the tables (once); resolves when the first index is built. */
  start(): Promise<void> {
    this.firstBuild ??= new Promise<void>((resolve) => {
      liveQuery(() => Promise.all([db.scripts.toArray(), db.situations.toArray()])).subscribe({
        next: ([scripts, situations]) => void this.update(scripts, situations).then(resolve),
        error: (e: unknown) => {
          console.error('话术助手: palette index', e);
          resolve();
        },
      });
      liveQuery(() => db.usage.where('at').above(Date.now() - USAGE_WINDOW_MS).toArray()).subscribe({
        next: (rows) => (this.usage = usageStatsFrom(rows, Date.now())),
        error: () => undefined,
      });
    });
    return this.firstBuild;
  }

  private async update(scripts: ScriptRow[], situations: Parameters<typeof situationPaths>[0]) {
    const run = ++this.latest;
    const visible = visibleScripts(scripts);
    const paths = situationPaths(situations);
    const docs = visible.map((row) => docFromRow(row, paths));
    const rows = new Map(visible.map((r) => [r.key, r]));
    if (this.library) {
      // Only what changed is re-indexed (the panel's `sync`, see use-search-index.ts).
      this.library.index.sync(docs);
      this.library = { index: this.library.index, rows, paths };
      return;
    }
    const index = await buildSearchIndex(docs);
    // A newer change arrived while building: keep this index, bring it up to date.
    if (run !== this.latest && this.library) return;
    this.library = { index, rows, paths };
  }

  async search(query: string, limit: number): Promise<PaletteSearchResult> {
    await this.start();
    const lib = this.library;
    if (!lib) return { hits: [], ready: false };
    const n = Math.min(Math.max(1, Math.floor(limit) || 1), 50);
    const code = query.trim().startsWith('/') ? query.trim().slice(1).toLowerCase() : null;
    const toHit = (row: ScriptRow, highlights: PaletteHit['highlights'] = {}): PaletteHit => ({
      key: row.key,
      title: row.title,
      body: row.body,
      purpose: row.purpose,
      situation: (lib.paths.get(row.situationKey) ?? []).join(' / '),
      ...(row.shortcut ? { shortcut: row.shortcut } : {}),
      ...(code && row.shortcut?.toLowerCase() === code ? { exactShortcut: true } : {}),
      highlights,
    });
    if (!query.trim() || query.trim() === '/') {
      // Nothing typed yet: the agent's most used scripts first, then the library in order.
      const used = [...this.usage.entries()].sort((a, b) => (b[1].frecency ?? b[1].count) - (a[1].frecency ?? a[1].count));
      const keys = [...used.map(([k]) => k).filter((k) => lib.rows.has(k)), ...lib.rows.keys()];
      return { hits: [...new Set(keys)].slice(0, n).map((k) => toHit(lib.rows.get(k)!)), ready: true };
    }
    const ctx = { usage: this.usage, now: Date.now(), limit: n };
    let found = lib.index.search(query, ctx);
    // `/…` asks for shortcut codes first; a query that is no code (`/qitianwuliyou`, `/退货`)
    // goes on with the panel's results for the same words.
    if (code !== null && found.length < n) {
      const seen = new Set(found.map((f) => f.key));
      found = [...found, ...lib.index.search(query.trim().slice(1), ctx).filter((f) => !seen.has(f.key))].slice(0, n);
    }
    const hits = found.flatMap((hit) => {
      const row = lib.rows.get(hit.key);
      if (!row) return [];
      const h: PaletteHit['highlights'] = {};
      for (const { field, ranges } of hit.highlights) if (field === 'title' || field === 'body' || field === 'purpose') h[field] = ranges;
      return [toHit(row, h)];
    });
    // An exact shortcut code is what the agent meant: first, whatever else ranks.
    hits.sort((a, b) => Number(!!b.exactShortcut) - Number(!!a.exactShortcut));
    return { hits, ready: true };
  }
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

async function paletteConfig(): Promise<PaletteConfig> {
  const settings = settingsFromRows(await db.settings.toArray());
  // A stored hotkey that is no longer acceptable falls back to the default rather than clash.
  const hotkey = hotkeyProblem(parseHotkey(settings.paletteHotkey)) ? DEFAULT_HOTKEY : settings.paletteHotkey;
  return { hotkey, triggers: settings.inlineTriggers, locale: resolveLocale(settings.locale, navigator.language) };
}

/** Labels and examples for the placeholders a script still needs, as the panel's form shows them. */
async function fieldsFor(missing: string[], suggestions: Record<string, string> = {}) {
  const defs = new Map<string, { label: string; example: string }>();
  for (const p of await db.packs.toArray()) for (const d of p.placeholders) defs.set(d.name, { label: d.label, example: d.example });
  return missing.map((name) => ({
    name,
    label: defs.get(name)?.label || name,
    example: defs.get(name)?.example || BUILTIN_PLACEHOLDER_EXAMPLES[name] || '',
    initial: suggestions[name] ?? '',
  }));
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
  insertScript(scriptKey: string, windowId?: number, values?: Record<string, string>, at?: { target?: InsertTarget | null; replaceBefore?: string }): Promise<InsertResult>;
}

/** Registers the palette command and returns the content-report handlers (behind index.ts's sender gate). */
export function registerPalette({ ready, insertScript }: PaletteDeps) {
  const library = new LibrarySearch();
  // Chrome's and Firefox's keyboard shortcut (chrome://extensions/shortcuts); the page's own
  // key handler covers the same key when the browser has none set.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== PALETTE_COMMAND) return;
    const open = async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (id !== undefined) await openPaletteIn(id);
    };
    void open();
  });

  return {
    searchScripts: async ({ query, limit }: { query: string; limit: number }): Promise<PaletteSearchResult> => {
      await ready;
      return library.search(String(query).slice(0, 200), limit);
    },
    insertFromPalette: async (
      data: { scriptKey: string; values?: Record<string, string>; replaceBefore?: string; here: boolean },
      sender: Sender,
    ): Promise<PaletteInsertResult> => {
      await ready;
      const tab = sender.tab!;
      const target: InsertTarget | null = data.here
        ? {
            tabId: tab.id!,
            frameId: sender.frameId ?? 0,
            windowId: tab.windowId ?? -1,
            kind: 'contenteditable',
            label: '',
            title: tab.title ?? '',
            host: hostOf(tab.url ?? sender.url),
            at: Date.now(),
          }
        : await tabTarget(tab.id!);
      const result = await insertScript(data.scriptKey, undefined, data.values ?? {}, {
        target,
        ...(data.replaceBefore ? { replaceBefore: data.replaceBefore.slice(0, 64) } : {}),
      });
      if (!result.ok && result.reason === 'needs-values' && result.missing) return { ...result, fields: await fieldsFor(result.missing, result.suggestions) };
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
      if (target && target.kind !== 'unreachable-frame') await sendMessage('focusField', undefined, { tabId: target.tabId, frameId: target.frameId }).catch(() => false);
    },
  };
}
