/**
 * Script images in the database: one row per content hash, with the owners that use it (see
 * ImageRow). Every write that adds, replaces or drops scripts calls `setOwnerImages` or
 * `dropOwner` inside its own transaction, so a pack install, a sync, a removal or an edit of
 * the agent's own script changes the scripts and the image counts together or not at all.
 *
 * Bytes are checked before they get here (type, caps, hash, decoded dimensions): these
 * functions store what they are given.
 */
import { bytesToBase64, IMAGE_EXTENSIONS, imageRefsOf, type ScriptImageRef } from '../../scripts-library/images';
import type { PastedImage } from '../messaging/protocol';
import type { Pack } from '../../scripts-library/schema';
import { embeddedImages, type DecodeImage } from '../images/receive';
import type { HuashuDB, ImageRow } from './schema';

/** New image bytes for a write, by hash (what a pack file embedded or a sync downloaded). */
export type ImageBlobs = ReadonlyMap<string, Blob>;

export const packOwner = (packId: string) => `pack:${packId}`;
export const scriptOwner = (scriptKey: string) => `script:${scriptKey}`;
/** The previous version of a subscribed pack, kept for rolling back (`packVersions`). */
export const previousVersionOwner = (packId: string) => `previous:${packId}`;

/** A script names an image that is neither stored nor among the new bytes: nothing is written. */
export class MissingImageError extends Error {
  constructor(readonly hashes: string[]) {
    super(
      `缺少 ${hashes.length} 张图片（${hashes
        .slice(0, 3)
        .map((h) => h.slice(0, 12))
        .join('、')}…）`,
    );
  }
}

/**
 * Make `owner` use exactly `refs`: rows it no longer uses lose it (and go when nobody is left),
 * rows it newly uses gain it, images not stored yet are stored from `blobs`. Call inside a
 * transaction that includes `db.images`.
 */
export async function setOwnerImages(
  db: HuashuDB,
  owner: string,
  refs: Iterable<ScriptImageRef>,
  blobs: ImageBlobs = new Map(),
): Promise<void> {
  const wanted = new Map<string, ScriptImageRef>();
  for (const r of refs) wanted.set(r.hash, r);
  const held = await db.images.where('owners').equals(owner).toArray();
  const heldHashes = new Set(held.map((r) => r.hash));
  const dropped = held.filter((r) => !wanted.has(r.hash));
  const toAdd = [...wanted.keys()].filter((h) => !heldHashes.has(h));
  const existing = await db.images.bulkGet(toAdd);
  const missing = toAdd.filter((h, i) => !existing[i] && !blobs.has(h));
  if (missing.length) throw new MissingImageError(missing);

  const puts: ImageRow[] = [];
  const deletes: string[] = [];
  for (const row of dropped) {
    const owners = row.owners.filter((o) => o !== owner);
    if (owners.length) puts.push({ ...row, owners });
    else deletes.push(row.hash);
  }
  toAdd.forEach((hash, i) => {
    const row = existing[i];
    if (row) {
      puts.push({ ...row, owners: [...row.owners, owner] });
      return;
    }
    const ref = wanted.get(hash)!;
    puts.push({
      hash,
      blob: blobs.get(hash)!,
      type: ref.type,
      width: ref.width,
      height: ref.height,
      bytes: ref.bytes,
      owners: [owner],
    });
  });
  if (deletes.length) await db.images.bulkDelete(deletes);
  if (puts.length) await db.images.bulkPut(puts);
}

/** `owner` also uses `refs` (all stored already), keeping what it uses so far. */
export async function holdImages(db: HuashuDB, owner: string, refs: Iterable<ScriptImageRef>): Promise<void> {
  const held = await db.images.where('owners').equals(owner).toArray();
  const all = new Map<string, ScriptImageRef>(
    held.map((r) => [
      r.hash,
      { hash: r.hash, type: r.type, alt: '', width: r.width, height: r.height, bytes: r.bytes },
    ]),
  );
  for (const r of refs) all.set(r.hash, r);
  await setOwnerImages(db, owner, all.values());
}

/** `owner` (a removed pack, a deleted script) uses no image any more. */
export function dropOwner(db: HuashuDB, owner: string): Promise<void> {
  return setOwnerImages(db, owner, []);
}

/** Of these hashes, the ones not stored yet (what a sync still has to download). */
export async function missingImages(db: HuashuDB, hashes: readonly string[]): Promise<string[]> {
  const rows = await db.images.bulkGet([...hashes]);
  return hashes.filter((_, i) => !rows[i]);
}

/** Stored images by hash (undefined where missing). */
export function getImages(db: HuashuDB, hashes: readonly string[]): Promise<(ImageRow | undefined)[]> {
  return db.images.bulkGet([...hashes]);
}

/** Number of images and their bytes, for the storage-usage view. */
export async function imageUsage(db: HuashuDB): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  await db.images.each((r) => {
    count++;
    bytes += r.bytes;
  });
  return { count, bytes };
}

/**
 * For installing `pack` from a file: the checked bytes of the images it uses that are not
 * stored yet, from those it embeds. One still missing after this makes the install fail whole
 * (MissingImageError), so the caller need not check.
 */
export async function embeddedImagesToStore(
  db: HuashuDB,
  pack: Pack,
  decode: DecodeImage,
): Promise<{ ok: true; blobs: ImageBlobs } | { ok: false; errors: string[] }> {
  const refs = imageRefsOf(pack.scripts);
  if (!refs.size) return { ok: true, blobs: new Map() };
  const missing = new Set(await missingImages(db, [...refs.keys()]));
  return embeddedImages(
    pack,
    [...refs.values()].filter((r) => missing.has(r.hash)),
    decode,
  );
}

/** A script's stored pictures as the content script pastes them (named after their alt text). */
export async function pastedImages(db: HuashuDB, refs: readonly ScriptImageRef[]): Promise<PastedImage[]> {
  const rows = await getImages(
    db,
    refs.map((r) => r.hash),
  );
  const out: PastedImage[] = [];
  for (const [i, row] of rows.entries()) {
    if (!row) continue;
    const stem = refs[i]!.alt.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || row.hash.slice(0, 12);
    out.push({
      name: `${stem}.${IMAGE_EXTENSIONS[row.type]}`,
      type: row.type,
      base64: bytesToBase64(new Uint8Array(await row.blob.arrayBuffer())),
    });
  }
  return out;
}

/** An exported pack with the pictures its scripts show embedded (base64 by hash), so the file stands on its own. */
export async function withEmbeddedImages(db: HuashuDB, pack: Pack): Promise<Pack> {
  const refs = imageRefsOf(pack.scripts);
  if (!refs.size) return pack;
  const rows = await getImages(db, [...refs.keys()]);
  const images: Record<string, string> = {};
  for (const row of rows) if (row) images[row.hash] = bytesToBase64(new Uint8Array(await row.blob.arrayBuffer()));
  return { ...pack, images };
}
