/**
 * The palette's search over the library: the side panel's index (visible scripts → documents,
 * the same engine, usage statistics over the same window), built on first use and kept in step
 * with the tables by Dexie live queries (every write goes through the background, so its own
 * live queries see them all). No extension APIs: unit-tested in Node with fake-indexeddb.
 */
import { liveQuery } from 'dexie';
import type { HuashuDB, ScriptRow } from '../../utils/db/schema';
import { allScripts } from '../../utils/db/script-store';
import { cueSourcesFrom, docFromRow, situationPaths, visibleScripts } from '../../utils/db/search-docs';
import type { ChipScript, PaletteHit, PaletteSearchResult } from '../../utils/messaging/protocol';
import { buildSearchIndex, usageStatsFrom, type SearchDoc, type SearchIndex, type UsageStats } from '../../utils/search';
import { pickStatsFrom, prepareSuggestLibrary, suggestReplies, type ChatMessage, type CueSource, type SuggestLibrary, type Suggestions } from '../../utils/suggest';

/** Same window as the panel's ranking (entrypoints/sidepanel/App.tsx). */
const USAGE_WINDOW_MS = 60 * 24 * 3600 * 1000;

interface Library {
  index: SearchIndex;
  docs: SearchDoc[];
  rows: Map<string, ScriptRow>;
  paths: Map<string, string[]>;
  /** The library's customer wording (situations' and scripts' cues). */
  cues: CueSource[];
  /** The wording read into lookup tables, prepared on the first suggestion. */
  suggest?: SuggestLibrary;
}

/**
 * The index and usage, built on first use and then followed by live queries. One index serves
 * the palette's search and the suggestions for a conversation's latest messages.
 */
export class LibrarySearch {
  private library: Library | null = null;
  private usage: Map<string, UsageStats> = new Map();
  private picks: ReturnType<typeof pickStatsFrom> = new Map();
  private firstBuild: Promise<void> | null = null;
  private latest = 0;
  /**
   * The last suggestions and what they were computed from. The palette searches on every
   * keystroke with the same conversation: classify it once, not per keystroke (at 50,000 scripts
   * a classification costs several milliseconds). Any change of library, usage, picks, limit or
   * messages computes afresh (each is replaced, never mutated, when it changes).
   */
  private lastSuggest: { lib: Library; usage: Map<string, UsageStats>; picks: ReturnType<typeof pickStatsFrom>; limit: number; messages: string; result: Suggestions } | null = null;

  constructor(private readonly db: HuashuDB) {}

  /** Starts following the tables (once); resolves when the first index is built. */
  start(): Promise<void> {
    this.firstBuild ??= new Promise<void>((resolve) => {
      liveQuery(() => Promise.all([allScripts(this.db), this.db.situations.toArray()])).subscribe({
        next: ([scripts, situations]) => void this.update(scripts, situations).then(resolve),
        error: (e: unknown) => {
          console.error('话术助手: palette index', e);
          resolve();
        },
      });
      liveQuery(() => this.db.usage.where('at').above(Date.now() - USAGE_WINDOW_MS).toArray()).subscribe({
        next: (rows) => {
          this.usage = usageStatsFrom(rows, Date.now());
          this.picks = pickStatsFrom(rows, Date.now());
        },
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
    const cues = cueSourcesFrom(situations, visible);
    if (this.library) {
      // Only what changed is re-indexed (the panel's `sync`, see use-search-index.ts).
      this.library.index.sync(docs);
      this.library = { index: this.library.index, docs, rows, paths, cues };
      return;
    }
    const index = await buildSearchIndex(docs);
    // A newer change arrived while building: keep this index, bring it up to date.
    if (run !== this.latest && this.library) return;
    this.library = { index, docs, rows, paths, cues };
  }

  /** Suggestions for a conversation's latest messages (newest last), from the same index. */
  async suggest(messages: readonly ChatMessage[], limit: number): Promise<Suggestions | null> {
    await this.start();
    const lib = this.library;
    if (!lib || !messages.some((m) => m.from === 'customer')) return null;
    const key = messages.map((m) => `${m.from}\u0001${m.at ?? ''}\u0001${m.text}`).join('\u0002');
    const last = this.lastSuggest;
    if (last && last.lib === lib && last.usage === this.usage && last.picks === this.picks && last.limit === limit && last.messages === key) return last.result;
    lib.suggest ??= prepareSuggestLibrary(lib.index, lib.docs, lib.cues);
    const result = suggestReplies(messages, lib.suggest, { usage: this.usage, picks: this.picks, now: Date.now(), limit });
    this.lastSuggest = { lib, usage: this.usage, picks: this.picks, limit, messages: key, result };
    return result;
  }

  /** The first `limit` suggested scripts as chips show them: title, situation, and what was detected. */
  async suggestedScripts(messages: readonly ChatMessage[], limit: number): Promise<ChipScript[]> {
    const suggestions = await this.suggest(messages, limit);
    const lib = this.library;
    if (!suggestions || !lib) return [];
    return suggestions.scripts.flatMap((s) => {
      const row = lib.rows.get(s.key);
      return row ? [{ key: row.key, title: row.title, situation: (lib.paths.get(row.situationKey) ?? []).join(' / '), detected: s.detected }] : [];
    }).slice(0, limit);
  }

  /**
   * `messages`: the open conversation's latest messages, when the tab has them. With nothing typed
   * the suggestions for them come first; a query ranks the detected situation a little higher.
   */
  async search(query: string, limit: number, messages: readonly ChatMessage[] = []): Promise<PaletteSearchResult> {
    await this.start();
    const lib = this.library;
    if (!lib) return { hits: [], ready: false };
    const suggestions = messages.length ? await this.suggest(messages, 5) : null;
    const situationId = suggestions?.situations[0]?.id;
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
      // Nothing typed yet: suggestions for the customer's latest message, then the agent's most
      // used scripts, then the library in order.
      const suggested = (suggestions?.scripts ?? []).map((s) => s.key).filter((k) => lib.rows.has(k));
      const used = [...this.usage.entries()].sort((a, b) => (b[1].frecency ?? b[1].count) - (a[1].frecency ?? a[1].count));
      const keys = [...suggested, ...used.map(([k]) => k).filter((k) => lib.rows.has(k)), ...lib.rows.keys()];
      const first = new Set(suggested);
      return {
        hits: [...new Set(keys)].slice(0, n).map((k) => ({ ...toHit(lib.rows.get(k)!), ...(first.has(k) ? { suggested: true } : {}) })),
        ready: true,
      };
    }
    const ctx = { usage: this.usage, now: Date.now(), limit: n, ...(situationId ? { situationId } : {}) };
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

