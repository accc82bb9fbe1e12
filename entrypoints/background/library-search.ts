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
import { allScripts } from '../../utils/db/script-store';
import { LibraryService, libraryDocs, USAGE_WINDOW_MS } from '../../utils/library/service';
import { loadIndex, saveIndex } from '../../utils/db/index-snapshot';
import type { PanelView, PanelViewRequest } from '../../utils/library/types';
import type { ChipScript, PaletteSearchResult } from '../../utils/messaging/protocol';
import type { ChatMessage } from '../../utils/suggest';

export class LibrarySearch {
  readonly service = new LibraryService();
  private firstBuild: Promise<void> | null = null;
  /** Changes of the tables arrive one after another: the next waits for the previous. */
  private updating: Promise<void> = Promise.resolve();

  /** `onChange`: the content or usage changed (pages showing a list ask again). */
  constructor(
    private readonly db: HuashuDB,
    private readonly onChange: (version: number) => void = () => undefined,
  ) {}

  /**
   * Starts following the tables (once); resolves when the first index is there — or when it
   * could not be made (the error is logged, and searches answer `ready: false`), never later.
   */
  start(): Promise<void> {
    this.firstBuild ??= new Promise<void>((resolve) => {
      liveQuery(() => Promise.all([allScripts(this.db), this.db.situations.toArray()])).subscribe({
        next: ([scripts, situations]) => {
          this.updating = this.updating
            .then(() => this.update(libraryDocs(scripts, situations)))
            .catch((e: unknown) => console.error('话术助手: library index', e))
            .finally(resolve);
        },
        error: (e: unknown) => {
          console.error('话术助手: library index', e);
          resolve();
        },
      });
      liveQuery(() => this.db.usage.where('at').above(Date.now() - USAGE_WINDOW_MS).toArray()).subscribe({
        next: (rows) => {
          this.service.setUsage(rows);
          this.onChange(this.service.version);
        },
        error: (e: unknown) => console.error('话术助手: usage for ranking', e),
      });
    });
    return this.firstBuild;
  }

  private async update(docs: Parameters<LibraryService['setDocs']>[0]): Promise<void> {
    let built: string | null = null;
    await this.service.setDocs(docs, async (first) => {
      const { index, restored, hash } = await loadIndex(this.db, first);
      if (!restored) built = hash;
      return index;
    });
    this.onChange(this.service.version);
    // A fresh build is cached so the next wake of the background restores it instead.
    if (built !== null && this.service.index) await saveIndex(this.db, this.service.index, built).catch((e: unknown) => console.warn('话术助手: index cache', e));
  }

  /** What the side panel shows (see PanelView). */
  async panelView(request: PanelViewRequest): Promise<PanelView> {
    await this.start();
    return this.service.panelView(request);
  }

  /** The first `limit` suggested scripts as chips show them: title, situation, and what was detected. */
  async suggestedScripts(messages: readonly ChatMessage[], limit: number): Promise<ChipScript[]> {
    await this.start();
    return (this.service.suggestedItems(messages, limit)?.items ?? []).map((s) => ({ key: s.key, title: s.title, situation: s.situation, detected: s.detected }));
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
        : this.service.search(query, limit, messages.length ? this.service.suggest(messages, 5)?.situations[0]?.id : undefined);
    return { hits: items.map((item) => ({ ...item, highlights: item.highlights ?? {} })), ready: true };
  }
}
