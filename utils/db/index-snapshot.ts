/**
 * The background's search index, cached in IndexedDB (IndexSnapshotRow): restored when the
 * background wakes and the library hashes the same, built in slices and saved otherwise.
 */
import { libraryHashSteps, runSliced } from '../library/slices';
import { buildSearchIndex, restoreSearchIndex, SNAPSHOT_VERSION, type SearchDoc, type SearchIndex } from '../search';
import type { HuashuDB } from './schema';

const ROW_ID = 'library';

/** The index for `docs`: the cached one when it was built from the same documents, else a fresh sliced build. */
export async function loadIndex(db: HuashuDB, docs: readonly SearchDoc[]): Promise<{ index: SearchIndex; restored: boolean; hash: string }> {
  const [hash, row] = await Promise.all([runSliced(libraryHashSteps(docs)), db.indexSnapshots.get(ROW_ID).catch(() => undefined)]);
  if (row && row.version === SNAPSHOT_VERSION && row.hash === hash) {
    const byKey = new Map(docs.map((d) => [d.key, d]));
    const ordered = row.keys ? row.keys.split('\n').map((k) => byKey.get(k)) : [];
    if (ordered.every((d) => d !== undefined)) {
      const index = restoreSearchIndex({ version: row.version, docs: ordered, base: row.base });
      if (index) return { index, restored: true, hash };
    }
  }
  return { index: await buildSearchIndex(docs), restored: false, hash };
}

/** Caches `index`, built from documents that hash to `hash`, for the next wake of the background. */
export async function saveIndex(db: HuashuDB, index: SearchIndex, hash: string): Promise<void> {
  const snapshot = index.toSnapshot();
  await db.indexSnapshots.put({ id: ROW_ID, version: snapshot.version, hash, keys: snapshot.docs.map((d) => d.key).join('\n'), base: snapshot.base });
}
