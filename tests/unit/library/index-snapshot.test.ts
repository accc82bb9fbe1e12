/**
 * The cached index in parts: what a woken background reads back is the library it cached and
 * answers the same searches; a cache whose write was cut off (a background stopped mid-write)
 * is never read as a library — it is ignored and built anew — and its leftovers go.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DOCS_PER_PART,
  readSnapshot,
  saveSnapshot,
  snapshotHeader,
  type CachedPreview,
} from '../../../utils/db/index-snapshot';
import { HuashuDB } from '../../../utils/db/schema';
import { createSearchIndex } from '../../../utils/search';
import { randomLibrary, randomQueries } from '../search/engine-cases';

const docs = randomLibrary(21, DOCS_PER_PART * 2 + 700, 20);
const queries = randomQueries(22, docs, 40);
const index = createSearchIndex(docs);
const answers = (i: typeof index) => queries.map((q) => i.search(q, { now: 0 }));

const open: HuashuDB[] = [];
function database() {
  const db = new HuashuDB(`s${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  return db;
}
afterEach(() => open.splice(0).forEach((d) => d.close()));

async function partIds(db: HuashuDB): Promise<string[]> {
  return (await db.indexSnapshots.toCollection().primaryKeys()).filter((id) => id !== 'library');
}

describe('the cached index, stored in parts', () => {
  it('reads back the library it cached, first page first, and restores an index that answers the same', async () => {
    const db = database();
    await saveSnapshot(db, index, docs, 'h1', { stamp: null, cues: [] });
    let preview: CachedPreview | null = null;
    const cached = await readSnapshot(db, (p) => (preview ??= p));
    expect(preview!.count).toBe(docs.length);
    expect(preview!.first).toEqual(docs.slice(0, DOCS_PER_PART));
    expect(preview!.counts.get(docs[0]!.situationId)).toBe(
      docs.filter((d) => d.situationId === docs[0]!.situationId).length,
    );
    expect(cached!.hash).toBe('h1');
    expect(cached!.docs).toEqual(docs);
    expect(answers(await cached!.restore())).toEqual(answers(index));
  });

  it('ignores a cache whose documents were cut off mid-write, and a new cache drops its leftovers', async () => {
    const db = database();
    await saveSnapshot(db, index, docs, 'h1', { stamp: null, cues: [] });
    const head = (await snapshotHeader(db))!;
    // The background stopped before its last document part was written.
    await db.indexSnapshots.delete(`library#${head.generation}#${head.docParts - 1}`);
    expect(await readSnapshot(db)).toBeNull();
    // Parts of a write that never reached its header: no header names them.
    await db.indexSnapshots.put({ id: 'library#cutoff#0' } as never);
    await saveSnapshot(db, index, docs, 'h2', { stamp: null, cues: [] });
    const fresh = (await snapshotHeader(db))!;
    expect(fresh.generation).not.toBe(head.generation);
    expect((await partIds(db)).every((id) => id.startsWith(`library#${fresh.generation}#`))).toBe(true);
    expect((await partIds(db)).length).toBe(fresh.parts);
    expect((await readSnapshot(db))!.docs).toEqual(docs);
  });

  it('builds the index anew when a part of its arrays is missing, with the same answers', async () => {
    const db = database();
    await saveSnapshot(db, index, docs, 'h1', { stamp: null, cues: [] });
    const head = (await snapshotHeader(db))!;
    await db.indexSnapshots.delete(`library#${head.generation}#${head.parts - 1}`);
    const cached = await readSnapshot(db);
    expect(cached!.docs).toEqual(docs);
    expect(answers(await cached!.restore())).toEqual(answers(index));
  });

  it('ignores a cache of the earlier layout (one row holding everything)', async () => {
    const db = database();
    await db.indexSnapshots.put({ id: 'library', docs: undefined } as never);
    expect(await readSnapshot(db)).toBeNull();
  });
});
