/**
 * The background's search index cached in IndexedDB (IndexSnapshotRow), with the documents it
 * was built from, so a background that wakes answers at once — from the snapshot — and then
 * checks it against the database (by content hash) and brings it up to date.
 */
import { packDocsSteps, unpackDocsSteps } from '../library/packed-docs';
import { runSliced } from '../library/slices';
import {
  buildSearchIndex,
  restoreSearchIndexSteps,
  SNAPSHOT_VERSION,
  type SearchDoc,
  type SearchIndex,
} from '../search';
import type { HuashuDB } from './schema';

const ROW_ID = 'library';

export interface CachedLibrary {
  /** In library order. */
  docs: SearchDoc[];
  /** `libraryHashSteps` of `docs`. */
  hash: string;
  /** The cached index, restored in slices (see runSliced). */
  restore(): Promise<SearchIndex>;
}

/**
 * The cached library, or null when there is none or it is from another index version. The
 * documents come first (a woken background lists them at once); the index is restored after,
 * in slices, so nothing holds the worker for long.
 */
export async function readSnapshot(db: HuashuDB): Promise<CachedLibrary | null> {
  const row = await db.indexSnapshots.get(ROW_ID);
  if (!row || row.version !== SNAPSHOT_VERSION || row.order.length !== row.docs.count) return null;
  const docs = await runSliced(unpackDocsSteps(row.docs));
  return {
    docs,
    hash: row.hash,
    restore: async () => {
      const inIndexOrder = Array.from(row.order, (position) => docs[position]!);
      const snapshot = { version: row.version, docs: inIndexOrder, fed: row.fed, base: row.base };
      return (await runSliced(restoreSearchIndexSteps(snapshot))) ?? buildSearchIndex(docs);
    },
  };
}

/** Caches `index`, freshly built from `docs` (library order) whose hash is `hash`. */
export async function saveSnapshot(
  db: HuashuDB,
  index: SearchIndex,
  docs: readonly SearchDoc[],
  hash: string,
): Promise<void> {
  const packed = await runSliced(packDocsSteps(docs));
  if (!packed) return;
  const snapshot = index.toSnapshot();
  const order = await runSliced(positionsOf(snapshot.docs, docs));
  await db.indexSnapshots.put({
    id: ROW_ID,
    version: snapshot.version,
    hash,
    docs: packed,
    order,
    fed: snapshot.fed,
    base: snapshot.base,
  });
}

/** Per document of `inIndex`: its position in `docs`, in steps. */
function* positionsOf(inIndex: readonly SearchDoc[], docs: readonly SearchDoc[]): Generator<void, Uint32Array> {
  const position = new Map<string, number>();
  for (let i = 0; i < docs.length; i++) {
    position.set(docs[i]!.key, i);
    if (i % 5000 === 4999) yield;
  }
  const order = new Uint32Array(inIndex.length);
  for (let i = 0; i < inIndex.length; i++) {
    order[i] = position.get(inIndex[i]!.key) ?? 0;
    if (i % 5000 === 4999) yield;
  }
  return order;
}
