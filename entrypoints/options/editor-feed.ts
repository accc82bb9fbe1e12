/**
 * The editor's library feed: every script row, read by one Dexie live query and held as an
 * `EditorLibrary` (utils/pages/editor-library.ts) that answers windows of it. The options page
 * runs it in a worker (editor-worker.ts), so reading and deriving 200,000 rows after every write
 * never blocks the page; happy-dom tests run it in-thread.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { HuashuDB } from '../../utils/db/schema';
import { allScripts } from '../../utils/db/script-store';
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

export class EditorFeed implements EditorSourceApi {
  private library: EditorLibrary | null = null;
  private first: Promise<void>;
  private subscription: Subscription;
  /** Starts anywhere: a page must not take a restarted feed's versions for ones it has. */
  private version = Math.floor(Math.random() * 2 ** 30);

  /** `onChange`: the rows changed (the page asks again for what it shows). */
  constructor(
    private readonly db: HuashuDB,
    onChange: (version: number) => void,
  ) {
    let arrived: () => void;
    this.first = new Promise<void>((resolve) => (arrived = resolve));
    this.subscription = liveQuery(() => allScripts(db)).subscribe({
      next: (rows) => {
        this.library = new EditorLibrary(rows, ++this.version);
        arrived();
        onChange(this.version);
      },
      error: (e: unknown) => console.error('话术助手: editor rows', e),
    });
  }

  private async ready(): Promise<EditorLibrary> {
    await this.first;
    return this.library!;
  }

  view = async (request: EditorListRequest) => (await this.ready()).view(request);
  duplicates = async (request: DuplicatesRequest) => (await this.ready()).duplicatesView(request);
  reordered: EditorSourceApi['reordered'] = async (list, key, delta) =>
    (await this.ready()).reordered(list, key, delta);

  packCounts = async () => (await this.ready()).packCounts;
  storageUsage = () => storageUsage(this.db);

  stop() {
    this.subscription.unsubscribe();
  }
}
