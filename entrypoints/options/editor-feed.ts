/**
 * The editor's library feed: every script row, held as an `EditorLibrary`
 * (utils/pages/editor-library.ts) that answers windows of it. The options page runs it in a
 * worker (editor-worker.ts), so reading and deriving 200,000 rows after every write never blocks
 * the page; happy-dom tests run it in-thread.
 *
 * The rows are read in library order a few chunks at a time. The first screens are answered as
 * soon as they are read (a library of the first rows, `complete: false`); the rest — other
 * windows, filters, counts, duplicates — as soon as the whole library is. Reading 200,000 rows
 * takes seconds; the agent sees the first ones after a few reads.
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import type { HuashuDB, ScriptChunkRow, ScriptRow } from '../../utils/db/schema';
import { chunkKey } from '../../utils/db/schema';
import { storageUsage, type StorageUsage } from '../../utils/db/storage-usage';
import {
  EditorLibrary,
  type DuplicatesRequest,
  type DuplicatesView,
  type EditorListRequest,
  type EditorView,
} from '../../utils/pages/editor-library';

/** The calls the page makes, the same through the worker and in-thread. */
export interface EditorSourceApi {
  view(request: EditorListRequest): Promise<EditorView>;
  duplicates(request: DuplicatesRequest): Promise<DuplicatesView>;
  reordered(
    list: Pick<EditorListRequest, 'situationKeys' | 'filter'>,
    key: string,
    delta: -1 | 1,
  ): Promise<string[] | null>;
  /** Scripts per pack id (the agent's own rows under theirs). */
  packCounts(): Promise<Map<string, number>>;
  /** What each pack and the statistics take (reads every row: never on the page's thread). */
  storageUsage(): Promise<StorageUsage>;
}

/** Rows read before the first answer: a few screens of the list. */
const FIRST_ROWS = 1_000;
/** Chunks per read: each read is one task of the worker (a few thousand rows). */
const CHUNKS_PER_READ = 8;

/** The tables the rows come from: a write to any other leaves the library as it is. */
const touchesScripts = (parts: ObservabilitySet) =>
  Object.keys(parts).some((k) => /^idb:\/\/[^/]+\/(scripts|scriptChunks)\//.test(k));

export class EditorFeed implements EditorSourceApi {
  /** The last library published: complete, or the first rows of one being read. */
  private library: EditorLibrary | null = null;
  private waiting: { promise: Promise<EditorLibrary>; resolve(lib: EditorLibrary): void } | null = null;
  /** Raised by every change: a read that is overtaken stops at its next step. */
  private reading = 0;
  private stopped = false;
  /** Starts anywhere: a page must not take a restarted feed's versions for ones it has. */
  private version = Math.floor(Math.random() * 2 ** 30);
  private readonly onMutated = (parts: ObservabilitySet) => {
    if (touchesScripts(parts)) void this.read();
  };

  /** `onChange`: the rows changed, or more of them were read (the page asks again for what it shows). */
  constructor(
    private readonly db: HuashuDB,
    private readonly onChange: (version: number) => void,
  ) {
    // Dexie announces every committed write, this context's and other contexts' (the import
    // worker, the background), as live queries see them; a plain read here keeps no copy of
    // the rows in Dexie's query cache as a live query would.
    Dexie.on.storagemutated.subscribe(this.onMutated);
    void this.read();
  }

  private publish(library: EditorLibrary) {
    this.library = library;
    if (library.complete && this.waiting) {
      this.waiting.resolve(library);
      this.waiting = null;
    }
    this.onChange(library.version);
  }

  /** The whole library in allScripts' order: the agent's own rows, then each pack's chunks in order. */
  private async read(): Promise<void> {
    const reading = ++this.reading;
    const overtaken = () => this.stopped || reading !== this.reading;
    try {
      const rows: ScriptRow[] = await this.db.scripts.toArray();
      let shownFirst = false;
      const packIds = (await this.db.scriptChunks.orderBy('packId').uniqueKeys()) as string[];
      for (const packId of packIds) {
        for (let n = 0; ; n += CHUNKS_PER_READ) {
          if (overtaken()) return;
          const keys = Array.from({ length: CHUNKS_PER_READ }, (_, i) => chunkKey(packId, n + i));
          const chunks = (await this.db.scriptChunks.bulkGet(keys)).filter((c): c is ScriptChunkRow => !!c);
          if (overtaken()) return;
          for (const c of chunks) for (const r of c.rows) rows.push(r);
          // Only before the first complete library: after a change the last one stays until the new one is read.
          if (!shownFirst && rows.length >= FIRST_ROWS && !this.library?.complete) {
            shownFirst = true;
            this.publish(new EditorLibrary(rows.slice(), ++this.version, false));
          }
          if (chunks.length < CHUNKS_PER_READ) break;
        }
      }
      if (overtaken()) return;
      this.publish(new EditorLibrary(rows, ++this.version));
    } catch (e) {
      console.error('话术助手: editor rows', e);
    }
  }

  /** The last complete library, or the first one once it is read. */
  private complete(): Promise<EditorLibrary> {
    if (this.library?.complete) return Promise.resolve(this.library);
    if (!this.waiting) {
      let resolve!: (lib: EditorLibrary) => void;
      const promise = new Promise<EditorLibrary>((r) => (resolve = r));
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }

  view = async (request: EditorListRequest) => {
    const shown = this.library;
    return (shown?.answers(request) ? shown : await this.complete()).view(request);
  };
  duplicates = async (request: DuplicatesRequest) => (await this.complete()).duplicatesView(request);
  reordered: EditorSourceApi['reordered'] = async (list, key, delta) =>
    (await this.complete()).reordered(list, key, delta);

  packCounts = async () => (await this.complete()).packCounts;
  // After the library: it reads every row too, and must not hold up the list's first rows.
  storageUsage = async () => {
    await this.complete();
    return storageUsage(this.db);
  };

  stop() {
    this.stopped = true;
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
  }
}
