/**
 * The one library service: the search index over the visible scripts, the usage window, the
 * suggestions, and the mapping from a script to what a list shows. One live instance runs in
 * the background (entrypoints/background/library-search.ts feeds it from the database); the
 * side panel, the palette, the inline list and the chips all ask it through messages, so there
 * is one index in memory and one ranking. Pure: no Dexie, no browser APIs (tested in Node).
 */
import type { ScriptRow, SituationRow } from '../db/schema';
import { cueSourcesFrom, docFromRow, situationPaths, visibleScriptsSteps } from './search-docs';
import { usageStatsFrom, type SearchDoc, type SearchHit, type SearchIndex, type UsageStats } from '../search';
import {
  pickStatsFrom,
  prepareSuggestLibrary,
  suggestReplies,
  type ChatMessage,
  type CueSource,
  type PickEvent,
  type SuggestLibrary,
  type Suggestions,
} from '../suggest';
import { runSliced } from './slices';
import type { LibraryItem, LibrarySuggestion, PanelView, PanelViewRequest } from './types';

/** How far back usage counts for ranking: the panel's, the palette's and the chips' alike. */
export const USAGE_WINDOW_MS = 60 * 24 * 3600 * 1000;
/** Search results a list shows at most (a query that needs more is a query to refine). */
export const MAX_SEARCH_RESULTS = 50;
/** Items per panel request: a screen or two; the list asks for more as it scrolls. */
export const MAX_PAGE = 200;

/** Builds (or restores) an index for the given documents; the caller decides how to slice it. */
export type IndexBuilder = (docs: SearchDoc[]) => Promise<SearchIndex>;

interface Content {
  /** Null while the first index is being built or restored: browsing works already, search not yet. */
  index: SearchIndex | null;
  /** In the order the browse list shows them. */
  docs: SearchDoc[];
  /** Scripts per situation key (own scripts only; the tree adds up its subtrees). */
  counts: Map<string, number>;
}

/**
 * What the service holds for these rows: the documents the index reads (visible scripts,
 * situation names resolved) and the library's customer wording (situations' and scripts' cues).
 */
export function* libraryContent(
  scripts: readonly ScriptRow[],
  situations: readonly SituationRow[],
): Generator<void, { docs: SearchDoc[]; cues: CueSource[] }> {
  const paths = situationPaths(situations);
  const visible = yield* visibleScriptsSteps(scripts);
  const docs: SearchDoc[] = new Array<SearchDoc>(visible.length);
  for (let i = 0; i < visible.length; i++) {
    docs[i] = docFromRow(visible[i]!, paths);
    if (i % STEP === STEP - 1) yield;
  }
  return { docs, cues: cueSourcesFrom(situations, visible) };
}

/** Documents per step of the sliced loops over the library. */
const STEP = 2000;

function* countsBySituation(docs: readonly SearchDoc[]): Generator<void, Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < docs.length; i++) {
    const s = docs[i]!.situationId;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (i % STEP === STEP - 1) yield;
  }
  return counts;
}

/**
 * After a sync the index keeps its own object for every unchanged script: the list takes those
 * too, so the library is not held twice (the index's and the last read's) at 200,000 scripts.
 */
function* sharedWithIndex(index: SearchIndex, docs: SearchDoc[]): Generator<void> {
  for (let i = 0; i < docs.length; i++) {
    const kept = index.get(docs[i]!.key);
    // The index does not compare pictures: a script whose pictures changed keeps its new object.
    if (kept && kept !== docs[i] && JSON.stringify(kept.images) === JSON.stringify(docs[i]!.images)) docs[i] = kept;
    if (i % STEP === STEP - 1) yield;
  }
}

/** A script as every list shows it (panel, suggestions, palette, inline list). */
export function itemOf(doc: SearchDoc, hit?: SearchHit): LibraryItem {
  const item: LibraryItem = {
    key: doc.key,
    title: doc.title,
    body: doc.body,
    purpose: doc.purpose,
    situation: doc.situationPath.join(' / '),
    ...(doc.shortcut ? { shortcut: doc.shortcut } : {}),
    ...(doc.images?.length ? { images: doc.images } : {}),
  };
  if (hit) {
    const h: NonNullable<LibraryItem['highlights']> = {};
    for (const { field, ranges } of hit.highlights)
      if (field === 'title' || field === 'body' || field === 'purpose') h[field] = ranges;
    item.highlights = h;
  }
  return item;
}

export class LibraryService {
  private content: Content | null = null;
  private usage: Map<string, UsageStats> = new Map();
  private picks: ReturnType<typeof pickStatsFrom> = new Map();
  /**
   * Changes whenever what a list would show may have changed (content or usage). Starts
   * anywhere: a page that outlived a stopped background must not take the new one's first
   * versions for those it already has.
   */
  private revision = Math.floor(Math.random() * 2 ** 30);
  /**
   * The last suggestions and what they were computed from. The palette searches on every
   * keystroke with the same conversation: classify it once, not per keystroke (at 50,000 scripts
   * a classification costs several milliseconds). Content, usage, picks, limit and messages are
   * each replaced, never mutated, when they change.
   */
  private lastSuggest: {
    lib: SuggestLibrary;
    usage: Map<string, UsageStats>;
    picks: ReturnType<typeof pickStatsFrom>;
    limit: number;
    messages: string;
    result: Suggestions;
  } | null = null;
  private cues: CueSource[] = [];
  private cuesKey = '[]';
  /** The cues read into lookup tables for this content, prepared on the first suggestion. */
  private prepared: { content: Content; cues: CueSource[]; lib: SuggestLibrary } | null = null;
  /** The panel's last search (its results, for a list scrolling page by page). */
  private lastSearch: { revision: number; query: string; detected: string | undefined; items: LibraryItem[] } | null =
    null;
  /** The last browse list (situation subtree → documents), for a list scrolling page by page. */
  private lastBrowse: { content: Content; situationKey: string | null; docs: readonly SearchDoc[] } | null = null;

  /** The index is there: search, suggestions and the palette answer. */
  get ready(): boolean {
    return !!this.content?.index;
  }

  get version(): number {
    return this.revision;
  }

  get size(): number {
    return this.content?.docs.length ?? 0;
  }

  /**
   * The library's documents changed (or are first known). The first time, `build` makes the
   * index (sliced or from a cached snapshot) and `listed` is called as soon as the library can
   * be listed, before it; after that only what changed is re-indexed.
   */
  async setDocs(docs: SearchDoc[], build: IndexBuilder, listed: () => void = () => undefined): Promise<void> {
    const counts = await runSliced(countsBySituation(docs));
    const index = this.content?.index;
    if (index) {
      // In slices: at 200,000 scripts comparing every document takes the worker a quarter second.
      await runSliced(index.syncSteps(docs));
      await runSliced(sharedWithIndex(index, docs));
      this.content = { index, docs, counts };
      this.revision++;
      return;
    }
    // The panel can list the library while the index is made: a woken background answers the
    // first look at once, and the search a moment later.
    this.content = { index: null, docs, counts };
    this.revision++;
    listed();
    this.content = { index: await build(docs), docs, counts };
    this.revision++;
  }

  /**
   * Swaps in a freshly built index for the same documents (after a sync brought a cached one up
   * to date: the rebuild compacts it, so it can be cached again).
   */
  replaceIndex(docs: SearchDoc[], index: SearchIndex): void {
    const content = this.content;
    if (!content || content.docs !== docs) return;
    this.content = { index, docs: content.docs, counts: content.counts };
    this.revision++;
  }

  /**
   * The library's customer wording, read again on every change of the tables. Unchanged wording
   * keeps its first object, so the classifier reads it once (about 100 ms for the default pack's)
   * and an edit of a script's text does not read it again.
   */
  setCues(cues: CueSource[]): void {
    const key = JSON.stringify(cues);
    if (key === this.cuesKey) return;
    this.cuesKey = key;
    this.cues = cues;
  }

  /** The usage events of the window (USAGE_WINDOW_MS), newest or not. */
  setUsage(events: readonly PickEvent[], now = Date.now()): void {
    this.usage = usageStatsFrom(events, now);
    this.picks = pickStatsFrom(events, now);
    this.revision++;
  }

  /** The index itself, for a snapshot. */
  get index(): SearchIndex | null {
    return this.content?.index ?? null;
  }

  private get searchable(): (Content & { index: SearchIndex }) | null {
    const content = this.content;
    return content?.index ? (content as Content & { index: SearchIndex }) : null;
  }

  /** Suggestions for a conversation's latest messages (newest last), from the same index. */
  suggest(messages: readonly ChatMessage[], limit: number): Suggestions | null {
    const content = this.searchable;
    if (!content || !messages.some((m) => m.from === 'customer')) return null;
    const key = messages.map((m) => `${m.from}\u0001${m.at ?? ''}\u0001${m.text}`).join('\u0002');
    let prepared = this.prepared;
    if (!prepared || prepared.content !== content || prepared.cues !== this.cues)
      prepared = this.prepared = {
        content,
        cues: this.cues,
        lib: prepareSuggestLibrary(content.index, content.docs, this.cues),
      };
    const lib = prepared.lib;
    const last = this.lastSuggest;
    if (
      last &&
      last.lib === lib &&
      last.usage === this.usage &&
      last.picks === this.picks &&
      last.limit === limit &&
      last.messages === key
    )
      return last.result;
    const result = suggestReplies(messages, lib, { usage: this.usage, picks: this.picks, now: Date.now(), limit });
    this.lastSuggest = { lib, usage: this.usage, picks: this.picks, limit, messages: key, result };
    return result;
  }

  /** Suggested scripts as items, with the situation each is suggested for and why. */
  suggestedItems(
    messages: readonly ChatMessage[],
    limit: number,
  ): { suggestions: Suggestions; items: LibrarySuggestion[] } | null {
    const suggestions = this.suggest(messages, limit);
    const content = this.searchable;
    if (!suggestions || !content) return null;
    const items = suggestions.scripts.flatMap((s) => {
      const doc = content.index.get(s.key);
      return doc ? [{ ...itemOf(doc), detected: s.detected, reason: s.reason }] : [];
    });
    return { suggestions, items: items.slice(0, limit) };
  }

  /**
   * Ranked results for a query, as the panel, the palette and the inline list show them.
   * `situationId`: the detected situation, ranked a little higher. A `/code` query puts the
   * script with exactly that code first and marks it.
   */
  search(query: string, limit: number, situationId?: string): LibraryItem[] {
    const content = this.searchable;
    if (!content || !query.trim()) return [];
    const n = Math.min(Math.max(1, Math.floor(limit) || 1), MAX_SEARCH_RESULTS);
    const trimmed = query.trim();
    const code = trimmed.startsWith('/') ? trimmed.slice(1).toLowerCase() : null;
    const ctx = { usage: this.usage, now: Date.now(), limit: n, ...(situationId ? { situationId } : {}) };
    let found = content.index.search(query, ctx);
    // `/…` asks for shortcut codes first; a query that is no code (`/qitianwuliyou`, `/退货`)
    // goes on with the results for the same words.
    if (code !== null && found.length < n) {
      const seen = new Set(found.map((f) => f.key));
      found = [...found, ...content.index.search(trimmed.slice(1), ctx).filter((f) => !seen.has(f.key))].slice(0, n);
    }
    const items = found.flatMap((hit) => {
      const doc = content.index.get(hit.key);
      if (!doc) return [];
      const item = itemOf(doc, hit);
      if (code && doc.shortcut?.toLowerCase() === code) item.exactShortcut = true;
      return [item];
    });
    // An exact shortcut code is what the agent meant: first, whatever else ranks.
    return items.sort((a, b) => Number(!!b.exactShortcut) - Number(!!a.exactShortcut));
  }

  /**
   * The palette's list with nothing typed: suggestions for the customer's latest message, then
   * the agent's most used scripts, then the library in order.
   */
  firstScripts(limit: number, messages: readonly ChatMessage[]): LibraryItem[] {
    const content = this.searchable;
    if (!content) return [];
    const n = Math.min(Math.max(1, Math.floor(limit) || 1), MAX_SEARCH_RESULTS);
    const suggested = (messages.length ? (this.suggest(messages, 5)?.scripts ?? []) : []).map((s) => s.key);
    const used = [...this.usage.entries()]
      .sort((a, b) => (b[1].frecency ?? b[1].count) - (a[1].frecency ?? a[1].count))
      .map(([k]) => k);
    const first = new Set(suggested);
    const out: LibraryItem[] = [];
    const taken = new Set<string>();
    const take = (key: string) => {
      if (out.length >= n || taken.has(key)) return;
      const doc = content.index.get(key);
      if (!doc) return;
      taken.add(key);
      out.push({ ...itemOf(doc), ...(first.has(key) ? { suggested: true } : {}) });
    };
    for (const k of suggested) take(k);
    for (const k of used) take(k);
    for (let i = 0; i < content.docs.length && out.length < n; i++) take(content.docs[i]!.key);
    return out;
  }

  /** What the side panel shows: one page of its list, the suggestions, the tree's counts. */
  panelView(request: PanelViewRequest): PanelView {
    const content = this.content;
    const version = this.revision;
    if (!content) return { ready: false, version, total: 0, offset: 0, items: [], libraryTotal: 0 };
    const limit = Math.min(Math.max(0, Math.floor(request.limit) || 0), MAX_PAGE);
    const offset = Math.max(0, Math.floor(request.offset) || 0);
    const counts = request.knownVersion === version ? {} : { counts: Object.fromEntries(content.counts) };
    const suggested =
      request.query.trim() || !request.messages?.length ? null : this.suggestedItems(request.messages, 5);
    const detected = request.messages?.length ? this.suggest(request.messages, 5)?.situations[0]?.id : undefined;
    const suggestions = suggested
      ? {
          suggestions: {
            situations: suggested.suggestions.situations
              .slice(0, 2)
              .map((s) => ({ id: s.id, name: s.path.at(-1) ?? s.id })),
            items: suggested.items,
          },
        }
      : {};
    if (request.query.trim()) {
      const items = this.panelSearch(request.query, detected);
      return {
        ready: content.index !== null,
        version,
        total: items.length,
        offset,
        items: items.slice(offset, offset + limit),
        libraryTotal: content.docs.length,
        ...counts,
        ...suggestions,
      };
    }
    const docs = this.browse(content, request.situationKeys ?? null);
    return {
      ready: true,
      version,
      total: docs.length,
      offset,
      items: docs.slice(offset, offset + limit).map((d) => itemOf(d)),
      libraryTotal: content.docs.length,
      ...counts,
      ...suggestions,
    };
  }

  /**
   * The panel's search results, all of them: each keystroke's answer carries the first page
   * only, and the list asks for the next as it scrolls, without searching again.
   */
  private panelSearch(query: string, detected: string | undefined): LibraryItem[] {
    const last = this.lastSearch;
    if (last && last.revision === this.revision && last.query === query && last.detected === detected)
      return last.items;
    const items = this.search(query, MAX_SEARCH_RESULTS, detected);
    this.lastSearch = { revision: this.revision, query, detected, items };
    return items;
  }

  /** The scripts of a situation subtree (all of them for null), in library order; cached for paging. */
  private browse(content: Content, situationKeys: readonly string[] | null): readonly SearchDoc[] {
    if (!situationKeys) return content.docs;
    const id = situationKeys.join('\u0000');
    const last = this.lastBrowse;
    if (last && last.content === content && last.situationKey === id) return last.docs;
    const keys = new Set(situationKeys);
    const docs = content.docs.filter((d) => keys.has(d.situationId));
    this.lastBrowse = { content, situationKey: id, docs };
    return docs;
  }
}
