/**
 * The live instance of the library service (utils/library): fed from the database by Dexie live
 * queries (every write goes through the background or lands in the same IndexedDB, so its
 * change events reach here), its first index restored from the cached snapshot when the
 * library has not changed since, otherwise built in slices and cached. The panel, the palette,
 * the inline list and the chips all ask this one instance. No extension APIs: unit-tested in
 * Node with fake-indexeddb.
 */
import { liveQuery } from 'dexie';
import type { HuashuDB } from '../../utils/db/schema';
import { allScripts, chunkStamps } from '../../utils/db/script-store';
import { itemOf, LibraryService, libraryContent, MAX_PAGE, USAGE_WINDOW_MS } from '../../utils/library/service';
import { readSnapshot, saveSnapshot, type CachedPreview } from '../../utils/db/index-snapshot';
import { libraryHashSteps, libraryStamp, runSliced } from '../../utils/library/slices';
import { buildSearchIndex, type SearchDoc } from '../../utils/search';
import type { PanelView, PanelViewRequest } from '../../utils/library/types';
import type { ChipScript, PaletteSearchResult } from '../../utils/messaging/protocol';
import type { ChatMessage, CueSource } from '../../utils/suggest';

/** How long edits must pause before the edited library is cached (a rebuild in slices, then the write). */
const CACHE_AFTER_EDITS_MS = 5000;

export class LibrarySearch {
  readonly service = new LibraryService();
  private firstBuild: Promise<void> | null = null;
  /** Hash of the documents the service holds (restored or read). */
  private hash: string | null = null;
  /**
   * Fingerprint of the tables those documents were read from (libraryStamp), null when unknown:
   * while it holds, a change of the tables that leaves it (a pack's sync status, usage) or a
   * wake to an unchanged library reads no script.
   */
  private stamp: string | null = null;
  /** The library's customer wording as last read (cached with the index). */
  private cues: CueSource[] = [];
  /** The index came from the cache and has not been checked against the tables yet. */
  private fromSnapshot = false;
  /** Resolves once the service lists the library (or the first index could not be made). */
  private markListed!: () => void;
  private readonly listed = new Promise<void>((resolve) => (this.markListed = resolve));
  private isListed = false;
  /** The cache's first documents, while the rest is read: the list's first page answers from them. */
  private preview: CachedPreview | null = null;
  /** Resolves once the list's first page can be answered (from the cache's preview, or listed). */
  private markPreviewed!: () => void;
  private readonly previewed = new Promise<void>((resolve) => (this.markPreviewed = resolve));
  /** Changes of the tables arrive one after another: the next waits for the previous. */
  private updating: Promise<void> = Promise.resolve();
  /** The cache of the library as edited, written once the edits pause (see cacheAfterEdits). */
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `onChange`: the content or usage changed (pages showing a list ask again). `cacheAfterMs`:
   * how long edits must pause before the edited library is cached.
   */
  constructor(
    private readonly db: HuashuDB,
    private readonly onChange: (version: number) => void = () => undefined,
    private readonly cacheAfterMs = CACHE_AFTER_EDITS_MS,
  ) {
    this.listed.then(() => {
      this.isListed = true;
      this.preview = null;
      this.markPreviewed();
    });
  }

  /**
   * Starts following the tables (once); resolves when the first index is there — or when it
   * could not be made (the error is logged, and searches answer `ready: false`), never later.
   * A cached snapshot answers first; the tables' first read then confirms or updates it.
   */
  start(): Promise<void> {
    this.firstBuild ??= new Promise<void>((built) => {
      // The first list needs the documents only: it is answered before the index is there.
      const resolve = () => {
        listed();
        built();
      };
      const listed = () => {
        performance.mark('library: listed');
        this.markListed();
      };
      const preview = (cached: CachedPreview) => {
        if (this.isListed) return;
        performance.mark('library: first page');
        this.preview = cached;
        this.markPreviewed();
      };
      const restored = readSnapshot(this.db, preview)
        .then(async (cached) => {
          // Marks for the background benchmark's trace (and DevTools): where a wake spends its time.
          performance.mark('library: cache read');
          if (!cached || this.service.index) return;
          this.setCues(cached.cues);
          await this.service.setDocs(cached.docs, () => cached.restore(), listed);
          performance.mark('library: index ready');
          this.hash = cached.hash;
          this.stamp = cached.stamp ?? null;
          this.fromSnapshot = true;
          this.onChange(this.service.version);
          resolve();
        })
        // A cache that cannot be read or restored is no library: the tables' read builds it.
        .catch((e: unknown) => console.warn('话术助手: index cache', e));
      // In one explicit transaction: one consistent read of the tables, and one Dexie keeps no
      // copy of (a live query's plain reads are cached and handed over deep-cloned: at
      // 200,000 scripts, the library twice more in memory and a clone of it on every change).
      // The scripts are read only when the tables' fingerprint says they may have changed.
      const read = () =>
        this.db.transaction('r', [this.db.scripts, this.db.scriptChunks, this.db.situations], async () => {
          const [own, situations, stamps] = await Promise.all([
            this.db.scripts.toArray(),
            this.db.situations.toArray(),
            chunkStamps(this.db),
          ]);
          const stamp = stamps && libraryStamp(stamps, own, situations);
          const scripts = stamp !== null && stamp === this.stamp ? null : await allScripts(this.db);
          return { stamp, scripts, situations };
        });
      // After the cache: its fingerprint decides whether the tables must be read at all.
      void restored.then(() =>
        liveQuery(read).subscribe({
          next: ({ stamp, scripts, situations }) => {
            this.updating = this.updating
              .then(async () => {
                // Unchanged since the documents were read (or cached): a cache is current.
                if (!scripts) return void (this.fromSnapshot = false);
                await this.update(await runSliced(libraryContent(scripts, situations)), stamp);
              })
              .catch((e: unknown) => console.error('话术助手: library index', e))
              .finally(resolve);
          },
          error: (e: unknown) => {
            console.error('话术助手: library index', e);
            resolve();
          },
        }),
      );
      liveQuery(() =>
        this.db.usage
          .where('at')
          .above(Date.now() - USAGE_WINDOW_MS)
          .toArray(),
      ).subscribe({
        next: (rows) => {
          this.service.setUsage(rows);
          this.onChange(this.service.version);
        },
        error: (e: unknown) => console.error('话术助手: usage for ranking', e),
      });
    });
    return this.firstBuild;
  }

  /** The tables changed (or were first read): bring the service up to date, unless nothing did. */
  private async update({ docs, cues }: { docs: SearchDoc[]; cues: CueSource[] }, stamp: string | null): Promise<void> {
    // The customer wording is read on every change (it is small); the documents only when they changed.
    this.setCues(cues);
    const hash = await runSliced(libraryHashSteps(docs));
    if (hash === this.hash) {
      this.stamp = stamp;
      // Cached without a fingerprint (chunks without stamps then): cached again with this one.
      if (this.fromSnapshot && stamp) this.cacheAfterEdits(docs, hash);
      this.fromSnapshot = false;
      return;
    }
    await this.service.setDocs(
      docs,
      (first) => buildSearchIndex(first),
      () => this.markListed(),
    );
    this.hash = hash;
    this.stamp = stamp;
    this.onChange(this.service.version);
    // The cache follows the library whenever the index was built anew: first, or after a change
    // large enough to compact it (a pack installed), or when the cached library turned out stale
    // (the synced index is then rebuilt in slices, to be cached). Small edits are cached once
    // they pause: a background stopped after them then wakes to the library as edited instead
    // of syncing and rebuilding it first.
    const stale = this.fromSnapshot;
    this.fromSnapshot = false;
    if (this.service.index?.compacted || stale) await this.cache(docs, hash);
    else this.cacheAfterEdits(docs, hash);
  }

  /** Caches the library (`docs`, of hash `hash`), rebuilding the index in slices if edits left it uncompacted. */
  private async cache(docs: SearchDoc[], hash: string): Promise<void> {
    clearTimeout(this.cacheTimer);
    if (!this.service.index?.compacted) this.service.replaceIndex(docs, await buildSearchIndex(docs));
    const index = this.service.index;
    // Another change came meanwhile: it is cached in its turn.
    if (!index?.compacted || this.hash !== hash) return;
    await saveSnapshot(this.db, index, docs, hash, { stamp: this.stamp, cues: this.cues }).catch((e: unknown) =>
      console.warn('话术助手: index cache', e),
    );
  }

  private setCues(cues: CueSource[]): void {
    this.cues = cues;
    this.service.setCues(cues);
  }

  private cacheAfterEdits(docs: SearchDoc[], hash: string): void {
    clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.updating = this.updating
        .then(() => (this.hash === hash ? this.cache(docs, hash) : undefined))
        .catch((e: unknown) => console.warn('话术助手: index cache', e));
    }, this.cacheAfterMs);
  }

  /** What the side panel shows (see PanelView): the library's list as soon as it is known, search once the index is there. */
  async panelView(request: PanelViewRequest): Promise<PanelView> {
    void this.start();
    await this.previewed;
    const early = this.isListed ? null : this.previewView(request);
    if (early) return early;
    await this.listed;
    return this.service.panelView(request);
  }

  /**
   * The list's first page from the cache's first part, while the rest is read: the whole
   * library unfiltered, nothing typed, a page the part holds. Null for anything else (it waits
   * for the whole list). Suggestions come with the index.
   */
  private previewView(request: PanelViewRequest): PanelView | null {
    const preview = this.preview;
    if (!preview || request.query.trim() || request.situationKeys) return null;
    const limit = Math.min(Math.max(0, Math.floor(request.limit) || 0), MAX_PAGE);
    const offset = Math.max(0, Math.floor(request.offset) || 0);
    if (offset + limit > preview.first.length && preview.first.length < preview.count) return null;
    const version = this.service.version;
    return {
      ready: true,
      version,
      total: preview.count,
      offset,
      items: preview.first.slice(offset, offset + limit).map((d) => itemOf(d)),
      libraryTotal: preview.count,
      ...(request.knownVersion === version ? {} : { counts: Object.fromEntries(preview.counts) }),
    };
  }

  /** The first `limit` suggested scripts as chips show them: title, situation, and what was detected. */
  async suggestedScripts(messages: readonly ChatMessage[], limit: number): Promise<ChipScript[]> {
    await this.start();
    return (this.service.suggestedItems(messages, limit)?.items ?? []).map((s) => ({
      key: s.key,
      title: s.title,
      situation: s.situation,
      detected: s.detected,
      ...(s.images?.length ? { images: s.images } : {}),
    }));
  }

  /**
   * The palette's and inline list's search. `messages`: the open conversation's latest
   * messages, when the tab has them. With nothing typed the suggestions for them come first; a
   * query ranks the detected situation a little higher.
   */
  async search(query: string, limit: number, messages: readonly ChatMessage[] = []): Promise<PaletteSearchResult> {
    await this.start();
    if (!this.service.ready) return { hits: [], ready: false };
    const trimmed = query.trim();
    const items =
      !trimmed || trimmed === '/'
        ? this.service.firstScripts(limit, messages)
        : this.service.search(
            query,
            limit,
            messages.length ? this.service.suggest(messages, 5)?.situations[0]?.id : undefined,
          );
    return { hits: items.map((item) => ({ ...item, highlights: item.highlights ?? {} })), ready: true };
  }
}
