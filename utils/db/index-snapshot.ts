/**
 * The background's search index cached in IndexedDB (IndexSnapshotRow), with the documents it
 * was built from, so a background that wakes answers at once — from the snapshot — and then
 * checks it against the database (by content hash) and brings it up to date.
 */
import { packDocs, unpackDocs } from '../library/packed-docs';
import { restoreSearchIndex, SNAPSHOT_VERSION, type SearchDoc, type SearchIndex } from '../search';
import type { HuashuDB } from './schema';

const ROW_ID = 'library';

export interface CachedLibrary {
  /** In library order. */
  docs: SearchDoc[];
  index: SearchIndex;
  /** `libraryHashSteps` of `docs`. */
  hash: string;
}

/** The cached library, or null when there is none or it is from another index version. */
export async function readSnapshot(db: HuashuDB): Promise<CachedLibrary | null> {
  const row = await db.indexSnapshots.get(ROW_ID);
  if (!row || row.version !== SNAPSHOT_VERSION || row.order.length !== row.docs.count) return null;
  const docs = unpackDocs(row.docs);
  const inIndexOrder = Array.from(row.order, (position) => docs[position]!);
  const index = restoreSearchIndex({ version: row.version, docs: inIndexOrder, fed: row.fed, base: row.base });
  return index ? { docs, index, hash: row.hash } : null;
}

/** Caches `index`, freshly built from `docs` (library order) whose hash is `hash`. */
export async function saveSnapshot(
  db: HuashuDB,
  index: SearchIndex,
  docs: readonly SearchDoc[],
  hash: string,
): Promise<void> {
  const packed = packDocs(docs);
  if (!packed) return;
  const snapshot = index.toSnapshot();
  const position = new Map(docs.map((d, i) => [d.key, i]));
  const order = Uint32Array.from(snapshot.docs, (d) => position.get(d.key) ?? 0);
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
