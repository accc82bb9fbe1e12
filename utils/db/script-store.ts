/**
 * The one way to read and write scripts. Two tables hold them:
 * - `scripts`: the agent's own rows (origin 'personal': personal scripts, personal copies that
 *   stand in for a pack script, hidden copies). Few; edited one by one on `db.scripts`.
 * - `scriptChunks`: pack scripts, up to CHUNK_SIZE per row, in pack order. A pack's scripts are
 *   only ever replaced as a whole (install, sync, extension update) or deleted with the pack.
 *
 * Readers that used `db.scripts` for every script use `allScripts`/`getScript`/`packScripts`
 * here. A liveQuery over these functions observes both tables, because they read both.
 */
import { toChunks, type HuashuDB, type ScriptChunkRow, type ScriptRow } from './schema';

function flatten(chunks: ScriptChunkRow[]): ScriptRow[] {
  chunks.sort((a, b) => (a.packId < b.packId ? -1 : a.packId > b.packId ? 1 : a.n - b.n));
  const out: ScriptRow[] = [];
  for (const c of chunks) for (const r of c.rows) out.push(r);
  return out;
}

/** Every script: the agent's own rows first, then each pack's scripts in pack order. */
export async function allScripts(db: HuashuDB): Promise<ScriptRow[]> {
  const personal = await db.scripts.toArray();
  // Page by page: IndexedDB hands a query's rows over in one task, and 200,000 scripts at once
  // hold the background for most of a second.
  const chunks: ScriptChunkRow[] = [];
  for (
    let page = await db.scriptChunks.orderBy(':id').limit(CHUNKS_PER_READ).toArray();
    page.length > 0;
    page = await db.scriptChunks.where(':id').above(page.at(-1)!.key).limit(CHUNKS_PER_READ).toArray()
  )
    chunks.push(...page);
  return personal.concat(flatten(chunks));
}

/** Chunks per read of allScripts: a few thousand scripts. */
const CHUNKS_PER_READ = 8;

/** The pack scripts of one pack, in pack order (no personal rows). */
export async function packChunkScripts(db: HuashuDB, packId: string): Promise<ScriptRow[]> {
  return flatten(await db.scriptChunks.where('packId').equals(packId).toArray());
}

/** Every row filed under `packId`: for the personal pack its rows, for a pack its scripts. */
export async function packScripts(db: HuashuDB, packId: string): Promise<ScriptRow[]> {
  const [own, chunked] = await Promise.all([
    db.scripts.where('packId').equals(packId).toArray(),
    packChunkScripts(db, packId),
  ]);
  return own.concat(chunked);
}

/** One script by key, personal or pack. */
export async function getScript(db: HuashuDB, key: string): Promise<ScriptRow | undefined> {
  const own = await db.scripts.get(key);
  if (own) return own;
  const chunk = await db.scriptChunks.where('keys').equals(key).first();
  return chunk?.rows.find((r) => r.key === key);
}

/** Several scripts by key (undefined where missing), reading only the chunks that hold them. */
export async function getScripts(db: HuashuDB, keys: readonly string[]): Promise<(ScriptRow | undefined)[]> {
  const own = await db.scripts.bulkGet([...keys]);
  const missing = keys.filter((_, i) => !own[i]);
  const found = new Map<string, ScriptRow>();
  if (missing.length) {
    const wanted = new Set(missing);
    for (const c of await db.scriptChunks.where('keys').anyOf(missing).toArray())
      for (const r of c.rows) if (wanted.has(r.key)) found.set(r.key, r);
  }
  return keys.map((k, i) => own[i] ?? found.get(k));
}

/** Number of scripts filed under each pack id (personal rows count under their own pack id). */
export async function scriptCounts(db: HuashuDB): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.scripts.each((r) => counts.set(r.packId, (counts.get(r.packId) ?? 0) + 1));
  // From the chunks' script-key index alone (one entry per pack script): no chunk is read.
  await db.scriptChunks.orderBy('keys').eachKey((_key, cursor) => {
    const chunk = String(cursor.primaryKey);
    const packId = chunk.slice(0, chunk.lastIndexOf('#'));
    counts.set(packId, (counts.get(packId) ?? 0) + 1);
  });
  return counts;
}

/**
 * Replace one pack's scripts with `rows` (in pack order). Call it inside the caller's
 * transaction, which must include `db.scriptChunks`: the old and new versions never mix.
 */
export async function replacePackScripts(db: HuashuDB, packId: string, rows: readonly ScriptRow[]): Promise<void> {
  await db.scriptChunks.where('packId').equals(packId).delete();
  const stamp = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  await db.scriptChunks.bulkAdd(toChunks(packId, rows).map((chunk) => ({ ...chunk, stamp })));
}

/**
 * Every pack chunk's key and stamp (ScriptChunkRow.stamp), read from the index alone: no script
 * is read. Null when a chunk has no stamp (written before they existed): then only reading the
 * scripts tells what changed.
 */
export async function chunkStamps(db: HuashuDB): Promise<string[] | null> {
  const count = await db.scriptChunks.count();
  const stamps: string[] = [];
  await db.scriptChunks
    .orderBy('stamp')
    .eachKey((stamp, cursor) => stamps.push(`${String(cursor.primaryKey)}=${String(stamp)}`));
  return stamps.length === count ? stamps.sort() : null;
}

/** Delete one pack's scripts (inside the caller's transaction, which includes `db.scriptChunks`). */
export async function deletePackScripts(db: HuashuDB, packId: string): Promise<void> {
  await db.scriptChunks.where('packId').equals(packId).delete();
}
