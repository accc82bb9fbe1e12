/**
 * Thumbnails for the in-page lists (palette, inline list, chips): content scripts cannot read
 * our database, so they ask here by content hash and get a small copy (utils/images/thumbnail.ts).
 * Made once per picture while the background runs; the pictures themselves never change under
 * a hash.
 */
import { bytesToBase64 } from '../../scripts-library/images';
import type { HuashuDB } from '../../utils/db';
import { makeThumbnail } from '../../utils/images/thumbnail';
import type { Thumbnail } from '../../utils/messaging/protocol';
import type { BackgroundDeps, HandlerGroup } from './handlers';

/** One list's worth per request (30 rows, few with pictures). */
const MAX_PER_REQUEST = 24;
const CACHE_SIZE = 300;
/** A picture this small goes as it is when the browser cannot make a thumbnail. */
const SMALL_ENOUGH = 64 * 1024;

const HASH = /^[0-9a-f]{64}$/;

async function thumbnailOf(db: HuashuDB, hash: string): Promise<Thumbnail | null> {
  const row = await db.images.get(hash);
  if (!row) return null;
  const blob = await makeThumbnail(row.blob).catch(() => (row.blob.size <= SMALL_ENOUGH ? row.blob : null));
  if (!blob) return null;
  return { type: blob.type || row.type, base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) };
}

export function thumbnailHandlers({ db, ready }: BackgroundDeps) {
  const cache = new Map<string, Promise<Thumbnail | null>>();
  const cached = (hash: string) => {
    let made = cache.get(hash);
    if (made) cache.delete(hash);
    else {
      made = thumbnailOf(db, hash).catch(() => null);
      // A picture not stored yet (a sync under way) is asked for again next time.
      const mine = made;
      void mine.then((thumb) => {
        if (!thumb && cache.get(hash) === mine) cache.delete(hash);
      });
    }
    cache.set(hash, made);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return made;
  };
  return {
    getThumbnails: async ({ hashes }) => {
      await ready;
      const wanted = [...new Set(Array.isArray(hashes) ? hashes : [])]
        .filter((h) => typeof h === 'string' && HASH.test(h))
        .slice(0, MAX_PER_REQUEST);
      const out: Record<string, Thumbnail> = {};
      for (const [i, thumb] of (await Promise.all(wanted.map(cached))).entries()) if (thumb) out[wanted[i]!] = thumb;
      return out;
    },
  } satisfies HandlerGroup;
}
