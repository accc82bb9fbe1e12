/**
 * How much of the database each pack and the statistics take, for the options page's storage
 * status. Sizes are of the rows as JSON (UTF-8): close to what IndexedDB stores, and the same
 * measure for every part, so the agent can see what to remove when space runs out.
 */
import { imageUsage } from './images';
import { PERSONAL_PACK_ID } from '../../scripts-library/pack-rows';
import type { HuashuDB } from './schema';

export interface StorageUsage {
  /** Bytes per pack id: its row, situations, scripts (pack chunks, or the agent's own rows). */
  packs: Map<string, number>;
  /** Usage events, reply clocks, response records and warning counts. */
  stats: number;
  /** Script pictures: stored once per hash whoever uses them, so counted apart from the packs. */
  images: { count: number; bytes: number };
}

const encoder = new TextEncoder();
const sizeOf = (row: unknown) => encoder.encode(JSON.stringify(row)).length;

export async function storageUsage(db: HuashuDB): Promise<StorageUsage> {
  const packs = new Map<string, number>();
  const add = (packId: string, bytes: number) => packs.set(packId, (packs.get(packId) ?? 0) + bytes);
  await db.packs.each((p) => add(p.id, sizeOf(p)));
  await db.situations.each((s) => add(s.packId, sizeOf(s)));
  await db.scriptChunks.each((c) => add(c.packId, sizeOf(c)));
  // The agent's rows (own scripts, personal copies, hidden copies) count for 我的话术.
  await db.scripts.each((s) => add(PERSONAL_PACK_ID, sizeOf(s)));
  // The version kept for 回退到上一版 belongs to its pack.
  await db.packVersions.each((v) => add(v.packId, sizeOf(v)));
  let stats = 0;
  const tally = (row: unknown) => void (stats += sizeOf(row));
  await db.usage.each(tally);
  await db.conversations.each(tally);
  await db.responses.each(tally);
  await db.warnings.each(tally);
  return { packs, stats, images: await imageUsage(db) };
}
