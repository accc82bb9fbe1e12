/**
 * The background's search index cached in IndexedDB (IndexSnapshotRow), with the documents it
 * was built from, so a background that wakes answers at once — from the snapshot — and then
 * checks it against the database (by content hash) and brings it up to date.
 *
 * Stored in parts of a few megabytes each: IndexedDB hands a row over (and takes it) as one
 * task of the worker, so one row of 200,000 documents and the whole index held the background
 * for a second or more; a part is a few milliseconds, and the first one is enough for the
 * panel's first page.
 */
import { packDocsSteps, unpackDocsSteps } from '../library/packed-docs';
import { runSliced } from '../library/slices';
import {
  buildSearchIndex,
  restoreSearchIndexSteps,
  SNAPSHOT_VERSION,
  type BaseSegmentData,
  type SearchDoc,
  type SearchIndex,
} from '../search';
import type { CueSource } from '../suggest';
import type { HuashuDB, IndexSnapshotHeader, IndexSnapshotPart, IndexSnapshotRow } from './schema';

const HEADER_ID = 'library';
/** Bump when the parts change shape: an older cache is then ignored and written anew. */
const LAYOUT = 3;
/**
 * Documents per part: about a megabyte of text (its write or read is ~15 ms of the worker's
 * time at 200,000 scripts), and far more than the panel's first page.
 */
export const DOCS_PER_PART = 2500;
/** Elements per part of an index array (1 MB of 32-bit numbers). */
const ELEMENTS_PER_PART = 1 << 18;

const partId = (generation: string, n: number) => `${HEADER_ID}#${generation}#${n}`;
const isHeader = (row: IndexSnapshotRow | undefined): row is IndexSnapshotHeader =>
  !!row && row.id === HEADER_ID && 'generation' in row;

/** The cache's header (what it holds, its hash), or null when there is none of this layout. */
export async function snapshotHeader(db: HuashuDB): Promise<IndexSnapshotHeader | null> {
  const head = await db.indexSnapshots.get(HEADER_ID);
  return isHeader(head) && head.layout === LAYOUT ? head : null;
}

/** What the cache offers before all of it is read: the list's first page and the counts. */
export interface CachedPreview {
  /** The first documents in library order (at least a page of the list, unless the library is smaller). */
  first: SearchDoc[];
  count: number;
  counts: Map<string, number>;
}

export interface CachedLibrary {
  /** In library order. */
  docs: SearchDoc[];
  /** `libraryHashSteps` of `docs`. */
  hash: string;
  /** `libraryStamp` of the tables they were read from, if known. */
  stamp?: string;
  cues: CueSource[];
  /** The cached index, restored in slices (see runSliced); built anew if its parts are gone. */
  restore(): Promise<SearchIndex>;
}

/**
 * The cached library, or null when there is none, it is from another version or layout, or a
 * part is missing. `preview` is called as soon as the first part is read (before the rest).
 * The documents come part by part; the index is restored after, in slices, so nothing holds
 * the worker for long.
 */
export async function readSnapshot(
  db: HuashuDB,
  preview: (cached: CachedPreview) => void = () => undefined,
): Promise<CachedLibrary | null> {
  const head = await snapshotHeader(db);
  if (!head || head.version !== SNAPSHOT_VERSION) return null;
  const part = async (n: number) => (await db.indexSnapshots.get(partId(head.generation, n))) as IndexSnapshotPart;
  const docs: SearchDoc[] = [];
  for (let n = 0; n < head.docParts; n++) {
    const packed = (await part(n))?.docs;
    if (!packed) return null;
    const some = await runSliced(unpackDocsSteps(packed));
    for (const d of some) docs.push(d);
    if (n === 0) preview({ first: some, count: head.count, counts: new Map(head.counts) });
  }
  if (docs.length !== head.count) return null;
  return {
    docs,
    hash: head.hash,
    ...(head.stamp ? { stamp: head.stamp } : {}),
    cues: head.cues,
    restore: async () => {
      const arrays = await readArrays(head, part);
      const order = arrays?.get('order');
      const fed = arrays?.get('fed');
      if (!arrays || !order || !fed || order.length !== docs.length) return buildSearchIndex(docs);
      const inIndexOrder = new Array<SearchDoc>(order.length);
      for (let i = 0; i < order.length; i++) inIndexOrder[i] = docs[order[i]!]!;
      const base = {
        unitKeys: arrays.get('unitKeys'),
        unitIds: arrays.get('unitIds'),
        unitCount: head.unitCount,
        offsets: arrays.get('offsets'),
        headEnds: arrays.get('headEnds'),
        postings: arrays.get('postings'),
        situationCounts: arrays.get('situationCounts'),
      } as BaseSegmentData;
      const snapshot = { version: head.version, docs: inIndexOrder, fed: fed as Uint32Array, base };
      return (await runSliced(restoreSearchIndexSteps(snapshot))) ?? buildSearchIndex(docs);
    },
  };
}

type NumberArray = Uint32Array | Int32Array | Uint16Array;

/** The index's arrays put together from their parts, or null when one is missing or short. */
async function readArrays(
  head: IndexSnapshotHeader,
  part: (n: number) => Promise<IndexSnapshotPart>,
): Promise<Map<string, NumberArray> | null> {
  const arrays = new Map<string, NumberArray>();
  const filled = new Map<string, number>();
  for (const { name, type, length } of head.arrays) {
    arrays.set(
      name,
      type === 'i32' ? new Int32Array(length) : type === 'u16' ? new Uint16Array(length) : new Uint32Array(length),
    );
    filled.set(name, 0);
  }
  for (let n = head.docParts; n < head.parts; n++) {
    const piece = (await part(n))?.array;
    const into = piece && arrays.get(piece.name);
    if (!piece || !into || piece.offset + piece.data.length > into.length) return null;
    into.set(piece.data, piece.offset);
    filled.set(piece.name, filled.get(piece.name)! + piece.data.length);
  }
  for (const [name, array] of arrays) if (filled.get(name) !== array.length) return null;
  return arrays;
}

/**
 * Caches `index`, freshly built (compacted) from `docs` (library order) whose hash is `hash`.
 * The parts go first, each in its own write; the header naming them last, so a cache is either
 * whole or the previous one. Parts no header names (an older cache, a write cut off) go after.
 */
export async function saveSnapshot(
  db: HuashuDB,
  index: SearchIndex,
  docs: readonly SearchDoc[],
  hash: string,
  tables: { stamp: string | null; cues: CueSource[] },
): Promise<void> {
  const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  let parts = 0;
  const put = (part: Omit<IndexSnapshotPart, 'id'>) =>
    db.indexSnapshots.put({ id: partId(generation, parts++), ...part });
  for (let from = 0; from < docs.length; from += DOCS_PER_PART) {
    const packed = await runSliced(packDocsSteps(docs.slice(from, from + DOCS_PER_PART)));
    // A text holding a separator: this library is built, not cached.
    if (!packed) return dropParts(db, generation);
    await put({ docs: packed });
  }
  const docParts = parts;
  const snapshot = index.toSnapshot();
  const order = await runSliced(positionsOf(snapshot.docs, docs));
  const base = snapshot.base;
  const arrays: [string, NumberArray][] = [
    ['order', order],
    ['fed', snapshot.fed],
    ['unitKeys', base.unitKeys],
    ['unitIds', base.unitIds],
    ['offsets', base.offsets],
    ['headEnds', base.headEnds],
    ['postings', base.postings],
    ['situationCounts', base.situationCounts],
  ];
  for (const [name, array] of arrays)
    for (let offset = 0; offset < array.length; offset += ELEMENTS_PER_PART)
      // A copy: a view would take its whole buffer into the row.
      await put({ array: { name, offset, data: array.slice(offset, offset + ELEMENTS_PER_PART) } });
  const counts = await runSliced(countsOf(docs));
  const header: IndexSnapshotHeader = {
    id: HEADER_ID,
    version: snapshot.version,
    layout: LAYOUT,
    generation,
    hash,
    ...(tables.stamp ? { stamp: tables.stamp } : {}),
    cues: tables.cues,
    count: docs.length,
    counts: [...counts],
    docParts,
    parts,
    arrays: arrays.map(([name, a]) => ({
      name,
      type: a instanceof Int32Array ? 'i32' : a instanceof Uint16Array ? 'u16' : 'u32',
      length: a.length,
    })),
    unitCount: base.unitCount,
  };
  await db.indexSnapshots.put(header);
  await dropParts(db, generation, true);
}

/** Deletes the parts of `generation` — or, with `others`, every part but its. */
async function dropParts(db: HuashuDB, generation: string, others = false): Promise<void> {
  const mine = `${HEADER_ID}#${generation}#`;
  const keys = (await db.indexSnapshots.toCollection().primaryKeys()).filter(
    (id) => id !== HEADER_ID && id.startsWith(mine) !== others,
  );
  await db.indexSnapshots.bulkDelete(keys);
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

/** Scripts per situation key, in steps. */
function* countsOf(docs: readonly SearchDoc[]): Generator<void, Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < docs.length; i++) {
    const s = docs[i]!.situationId;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (i % 5000 === 4999) yield;
  }
  return counts;
}
