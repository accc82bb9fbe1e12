/**
 * The content hash of a pack: SHA-256 (hex) of its canonical JSON without `contentHash`.
 * Canonical = the validated pack (defaults filled in) with object keys sorted, so the same
 * content always hashes the same however the file was formatted or its keys ordered.
 * Uses Web Crypto, which Node 20+ and every browser context (service worker included) have.
 */
import type { Pack } from './schema';

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      // No prototype: a key named `__proto__` stays a key instead of replacing the prototype.
      const sorted = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** SHA-256 (hex) of text (as UTF-8) or of raw bytes (a script image's content hash). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash a publisher writes into `contentHash`. Pass a validated pack (see `validatePack`). */
export function computeContentHash(pack: Pack): Promise<string> {
  const { contentHash: _ignored, ...rest } = pack;
  return sha256Hex(canonicalJson(rest));
}

/** `true` when the pack has no `contentHash`, or the one it has matches its content. */
export async function contentHashMatches(pack: Pack): Promise<boolean> {
  if (!pack.contentHash) return true;
  return (await computeContentHash(pack)) === pack.contentHash;
}

/**
 * cyrb53: a fast 53-bit hash over UTF-16 code units. Not cryptographic: it only has to spread
 * names (import ids) and tell versions of one script apart (script fingerprints). Synchronous.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
