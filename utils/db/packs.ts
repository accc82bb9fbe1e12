/** Writing packs to the database. Called by the background only (it owns the writes). */
import { imageRefsOf } from '../../scripts-library/images';
import { MAX_LIBRARY_SCRIPTS, reservedPackIdError, type Pack } from '../../scripts-library/schema';
import type { DecodeImage } from '../images/receive';
import {
  dropOwner,
  embeddedImagesToStore,
  packOwner,
  previousVersionOwner,
  setOwnerImages,
  type ImageBlobs,
} from './images';
import { diffScripts, packToRows, PERSONAL_PACK_ID, type ScriptDiff } from '../../scripts-library/pack-rows';
import { CHUNK_SIZE, chunkKey, type HuashuDB, type PackRow, type PackSource } from './schema';
import { deletePackScripts, packChunkScripts, replacePackScripts } from './script-store';
import { flagPersonalCopies } from './sync-apply';

const ORDER_PERSONAL = 0;
const ORDER_BUILTIN = 10;
const ORDER_OTHERS = 100;

/**
 * Replace one pack's situations and scripts with `pack`, in one transaction: either the new
 * version is fully in place or the old one is untouched. Personal scripts live in their own
 * pack and are never rewritten here; personal copies of this pack's scripts get their
 * `conflict` flag set or cleared, as after a sync.
 */
/** Installing would take the library past MAX_LIBRARY_SCRIPTS: nothing was written. */
export class LibraryFullError extends Error {
  readonly code = 'library-full';
  constructor(
    readonly installed: number,
    readonly adding: number,
    readonly max: number,
  ) {
    const n = (x: number) => x.toLocaleString('en');
    super(
      `话术库最多 ${n(max)} 条话术：已有其他 ${n(installed)} 条，此包 ${n(adding)} 条，未安装。请先移除不用的话术包。` +
        ` (The library holds at most ${n(max)} scripts: ${n(installed)} installed, ${n(adding)} in this pack; not installed.)`,
    );
  }
}

/**
 * Scripts stored outside one pack: the agent's own rows, and the other packs' from their number
 * of chunks and the size of the last one — a few reads, where counting every script key of a
 * 200,000-script library would cost the install a second or more.
 */
async function scriptsOutside(db: HuashuDB, packId: string): Promise<number> {
  let total = await db.scripts.where('packId').notEqual(packId).count();
  for (const p of await db.packs.toCollection().primaryKeys()) {
    if (p === packId) continue;
    const chunks = await db.scriptChunks.where('packId').equals(p).count();
    if (chunks === 0) continue;
    const last = await db.scriptChunks.get(chunkKey(p, chunks - 1));
    total += (chunks - 1) * CHUNK_SIZE + (last?.rows.length ?? 0);
  }
  return total;
}

/** Throws LibraryFullError when `adding` scripts as pack `packId` (replacing its own) would not fit. */
export async function checkLibraryRoom(
  db: HuashuDB,
  packId: string,
  adding: number,
  max = MAX_LIBRARY_SCRIPTS,
): Promise<void> {
  const others = await scriptsOutside(db, packId);
  if (others + adding > max) throw new LibraryFullError(others, adding, max);
}

export async function installPack(
  db: HuashuDB,
  pack: Pack,
  source: PackSource,
  now = Date.now(),
  imageBlobs: ImageBlobs = new Map(),
): Promise<ScriptDiff> {
  // The same refusal as `pack validate` and sync give (the bundle itself installs its own id).
  const reserved = source.kind === 'builtin' ? null : reservedPackIdError(pack.id);
  if (reserved) throw new Error(reserved.message);
  const rows = packToRows(pack, source, now);
  return db.transaction(
    'rw',
    [db.packs, db.situations, db.scripts, db.scriptChunks, db.siteRules, db.images],
    async () => {
      const existing = await db.packs.get(pack.id);
      if (existing && existing.source.kind !== source.kind && existing.source.kind === 'builtin')
        throw new Error(`话术包 id "${pack.id}" 与内置话术包相同，请换一个 id`);
      await checkLibraryRoom(db, pack.id, rows.scripts.length);
      const before = await packChunkScripts(db, pack.id);
      await db.situations.where('packId').equals(pack.id).delete();
      await db.scripts.where('packId').equals(pack.id).delete();
      await db.situations.bulkPut(rows.situations);
      await replacePackScripts(db, pack.id, rows.scripts);
      await setOwnerImages(db, packOwner(pack.id), imageRefsOf(rows.scripts).values(), imageBlobs);
      await db.siteRules.filter((r) => r.packId === pack.id).delete();
      await db.siteRules.bulkPut(pack.siteRules.map((r) => ({ ...r, packId: pack.id, createdAt: now })));
      const row: PackRow = {
        ...rows.pack,
        installedAt: existing?.installedAt ?? now,
        order: existing?.order ?? (source.kind === 'builtin' ? ORDER_BUILTIN : ORDER_OTHERS),
        ...(existing?.sync ? { sync: existing.sync } : {}),
      };
      await db.packs.put(row);
      const diff = diffScripts(before, rows.scripts);
      // The agent's copies of this pack's scripts: flagged where the new version differs from
      // what they were copied from (a re-imported file, an extension update of the built-in pack).
      if (existing) {
        const newByKey = new Map(rows.scripts.map((r) => [r.key, r]));
        await flagPersonalCopies(db, pack.id, newByKey, new Set([...diff.changed, ...diff.added]), {
          fromVersion: existing.version,
          toVersion: pack.version,
          now,
        });
      }
      return diff;
    },
  );
}

/**
 * Install a pack read from a file: the images it embeds are checked (`decode`: the browser's
 * decoder) and stored with it. An image that is neither embedded nor stored refuses the file.
 */
export async function installPackFile(
  db: HuashuDB,
  pack: Pack,
  fileName: string,
  decode: DecodeImage,
  now = Date.now(),
): Promise<ScriptDiff> {
  const images = await embeddedImagesToStore(db, pack, decode);
  if (!images.ok) throw new Error(`图片有误：${images.errors.slice(0, 3).join('；')}`);
  return installPack(db, pack, { kind: 'file', fileName }, now, images.blobs);
}

/**
 * Remove a pack whole: its rows, the version kept for rolling back, and the pictures nothing
 * else (another pack, the agent's own scripts) still uses. Removing is how an agent frees space,
 * so nothing of the pack may stay behind unseen.
 */
export async function removePack(db: HuashuDB, packId: string): Promise<void> {
  if (packId === PERSONAL_PACK_ID) throw new Error('个人话术不能删除');
  await db.transaction(
    'rw',
    [db.packs, db.situations, db.scripts, db.scriptChunks, db.siteRules, db.images, db.packVersions],
    async () => {
      await db.siteRules.filter((r) => r.packId === packId).delete();
      await dropOwner(db, packOwner(packId));
      await dropOwner(db, previousVersionOwner(packId));
      await db.packVersions.delete(packId);
      await db.situations.where('packId').equals(packId).delete();
      await db.scripts.where('packId').equals(packId).delete();
      await deletePackScripts(db, packId);
      await db.packs.delete(packId);
    },
  );
}

/** The agent's own scripts live in a pack of their own that no sync or update ever replaces. */
export async function ensurePersonalPack(db: HuashuDB, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.packs, async () => {
    if (await db.packs.get(PERSONAL_PACK_ID)) return;
    await db.packs.add({
      id: PERSONAL_PACK_ID,
      name: '我的话术',
      version: '1',
      updatedAt: new Date(now).toISOString(),
      author: '',
      description: '',
      locale: 'zh-CN',
      locked: false,
      placeholders: [],
      forbidden: [],
      source: { kind: 'personal' },
      installedAt: now,
      order: ORDER_PERSONAL,
    });
  });
}

/** A pack known by its id, version and date, read (and validated) only when it is to be installed. */
export interface DeferredPack {
  id: string;
  version: string;
  updatedAt: string;
  load(): Pack;
}

/**
 * First run and every extension update: install the bundled pack when it is missing or differs
 * from the stored copy. Agents' own scripts are in the personal pack and stay as they are. A
 * DeferredPack is validated only then: the background checks on every wake, and validating the
 * bundled pack cost it a tenth of a second each time.
 */
export async function ensureBuiltinPack(
  db: HuashuDB,
  pack: Pack | DeferredPack,
  now = Date.now(),
): Promise<'installed' | 'updated' | 'current'> {
  const stored = await db.packs.get(pack.id);
  if (stored && stored.version === pack.version && stored.updatedAt === pack.updatedAt) return 'current';
  await installPack(db, 'load' in pack ? pack.load() : pack, { kind: 'builtin' }, now);
  return stored ? 'updated' : 'installed';
}
