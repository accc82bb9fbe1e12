/**
 * The images a synced pack version needs and the database lacks: taken from the pack when it
 * embeds them, otherwise fetched from `images/<hash>.<ext>` next to the pack URL, a few at a
 * time. An image's name is its content hash, so a stored image is never fetched again and no
 * conditional request is needed for it: only the hashes we lack go over the network.
 *
 * All or nothing: the first image that fails (HTTP error, timeout, too large, not the bytes its
 * hash names, does not decode) fails the whole sync, and the previous version of the pack stays
 * in use, its images included. Pure apart from the injected `fetch` and decoder.
 */
import { imageFileName, MAX_IMAGE_BYTES, type ScriptImageRef } from '../../scripts-library/images';
import type { Pack } from '../../scripts-library/schema';
import { acceptImage, embeddedImages, type DecodeImage } from '../images/receive';
import { checkPackUrl } from './fetch-pack';

export interface FetchImagesOptions {
  fetch: typeof globalThis.fetch;
  decode: DecodeImage;
  timeoutMs: number;
  /** Downloads at once. */
  concurrency?: number;
}

export type FetchImagesResult = { ok: true; blobs: Map<string, Blob>; fetched: number } | { ok: false; detail: string };

export const IMAGE_FETCH_CONCURRENCY = 4;

/** Where a hosted pack keeps an image: `images/<hash>.<ext>` beside the pack file. */
export function imageUrl(packUrl: string, ref: Pick<ScriptImageRef, 'hash' | 'type'>): string {
  return new URL(`images/${imageFileName(ref)}`, packUrl).href;
}

async function fetchOne(
  url: string,
  ref: ScriptImageRef,
  opts: FetchImagesOptions,
): Promise<{ ok: true; blob: Blob } | { ok: false; detail: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    const res = await opts.fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: controller.signal,
    });
    if (res.url && !checkPackUrl(res.url).ok) return { ok: false, detail: `${res.url}` };
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, detail: `HTTP ${res.status}` };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_IMAGE_BYTES) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, detail: `${declared} bytes` };
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const accepted = await acceptImage(bytes, ref, opts.decode);
    return accepted.ok ? accepted : { ok: false, detail: accepted.message };
  } catch (e) {
    return {
      ok: false,
      detail: controller.signal.aborted
        ? `${(opts.timeoutMs / 1000).toFixed(1)} s`
        : (e as Error)?.message || String(e),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The checked bytes of `missing` (the references the database lacks), from the pack or from `packUrl`'s images folder. */
export async function fetchPackImages(
  pack: Pack,
  packUrl: string,
  missing: readonly ScriptImageRef[],
  opts: FetchImagesOptions,
): Promise<FetchImagesResult> {
  const embedded = await embeddedImages(pack, missing, opts.decode);
  if (!embedded.ok) return { ok: false, detail: embedded.errors[0]! };
  const blobs = embedded.blobs;
  const queue = missing.filter((r) => !blobs.has(r.hash));
  let failed: string | null = null;
  let next = 0;
  const worker = async () => {
    while (failed === null && next < queue.length) {
      const ref = queue[next++]!;
      const url = imageUrl(packUrl, ref);
      const got = await fetchOne(url, ref, opts);
      if (got.ok) blobs.set(ref.hash, got.blob);
      else failed ??= `images/${imageFileName(ref)}: ${got.detail}`;
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? IMAGE_FETCH_CONCURRENCY, queue.length) }, worker),
  );
  return failed !== null ? { ok: false, detail: failed } : { ok: true, blobs, fetched: queue.length };
}
