/**
 * Fetching a subscribed pack: one conditional GET (ETag / Last-Modified), a timeout, a size
 * cap enforced on the streamed body (a server may lie in Content-Length or send none), then
 * JSON parsing, schema validation and the publisher's content-hash check. Never throws:
 * every failure comes back as an error result with a code and its cause, so the caller can
 * keep the previous version in use and show why.
 *
 * Pure apart from the injected `fetch`: no Dexie, no extension APIs, so it tests in Node
 * against a real HTTP server.
 */
import { timed, TimedOut } from './timed';
import { computeContentHash } from '../../scripts-library/hash';
import { decodeFileText } from '../../scripts-library/io/text';
import { validatePack, type Pack } from '../../scripts-library/schema';

export type FetchPackErrorCode =
  | 'not-allowed-url'
  | 'timeout'
  | 'network'
  | 'http'
  | 'too-large'
  | 'not-json'
  | 'invalid'
  | 'hash-mismatch'
  | 'id-mismatch'
  | 'older-version';

export interface FetchPackError {
  kind: 'error';
  code: FetchPackErrorCode;
  /** The cause in the source's own terms (HTTP status, parser message, first schema errors…). */
  detail: string;
  status?: number;
}

export type FetchPackResult =
  | { kind: 'unchanged'; etag?: string; lastModified?: string }
  | {
      kind: 'updated';
      pack: Pack;
      /** SHA-256 of the canonical pack (whether or not the publisher declared one). */
      hash: string;
      etag?: string;
      lastModified?: string;
      bytes: number;
    }
  | FetchPackError;

export interface ConditionalState {
  etag?: string;
  lastModified?: string;
}

export interface FetchPackOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  maxBytes: number;
  /** When set, a pack with another id is refused (a subscription stays one pack). */
  expectId?: string;
  /** When set, a pack with a lower version is refused (a stale mirror or a replayed file). */
  minVersion?: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine (a team's test server). */
export function checkPackUrl(raw: string): { ok: true; url: URL } | { ok: false; detail: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, detail: raw.trim() || '(空)' };
  }
  if (url.username || url.password) return { ok: false, detail: url.host };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return { ok: true, url };
  return { ok: false, detail: `${url.protocol}//${url.host}` };
}

/** A publisher on this machine (a team's test server): no host permission to ask for. */
export function isLocalPackUrl(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/**
 * The host permission a pack URL needs: its scheme and host, every port (a pattern with a
 * port is not matched by the host-wide grant the built-in localhost consoles already have).
 */
export function hostPermissionPattern(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}

/** `1.2.0` vs `1.10` → negative, zero or positive; a pre-release suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const nums = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const fail = (code: FetchPackErrorCode, detail: string, status?: number): FetchPackError => ({
  kind: 'error',
  code,
  detail,
  ...(status !== undefined ? { status } : {}),
});

class TooLarge extends Error {}

/**
 * Reads the body, stopping (and cancelling the stream) once it passes `maxBytes`, and decodes it
 * by the same rules as an imported file: invalid UTF-8 is refused with its line, never turned
 * into U+FFFD in the team's scripts.
 */
async function readCapped(
  res: Response,
  maxBytes: number,
): Promise<{ text: string; bytes: number } | { refused: string; bytes: number }> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new TooLarge(String(declared));
  if (!res.body) return { text: '', bytes: 0 };
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(String(bytes));
    }
    parts.push(value);
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  const decoded = decodeFileText(all);
  return decoded.ok ? { text: decoded.text, bytes } : { refused: decoded.message, bytes };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function fetchPack(
  rawUrl: string,
  prev: ConditionalState,
  opts: FetchPackOptions,
): Promise<FetchPackResult> {
  const checked = checkPackUrl(rawUrl);
  if (!checked.ok) return fail('not-allowed-url', checked.detail);

  const headers: Record<string, string> = { Accept: 'application/json' };
  if (prev.etag) headers['If-None-Match'] = prev.etag;
  if (prev.lastModified) headers['If-Modified-Since'] = prev.lastModified;

  let etag: string | undefined;
  let lastModified: string | undefined;
  let got: FetchPackResult | { kind: 'body'; text: string; bytes: number };
  try {
    // The limit covers the body too: a server that trickles it is as slow as one that never answers.
    got = await timed(opts.timeoutMs, async (signal): Promise<typeof got> => {
      // Nothing about the agent goes with the request: no cookies, no referrer.
      const res = await opts.fetch(checked.url.href, {
        method: 'GET',
        headers,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'follow',
        signal,
      });
      // A redirect must not lead somewhere the URL policy would have refused.
      if (res.url && !checkPackUrl(res.url).ok) return fail('not-allowed-url', res.url);
      etag = res.headers.get('etag') ?? undefined;
      lastModified = res.headers.get('last-modified') ?? undefined;
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { kind: 'unchanged', ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return fail('http', `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
      }
      const body = await readCapped(res, opts.maxBytes);
      if ('refused' in body) return fail('not-json', body.refused);
      return { kind: 'body', text: body.text, bytes: body.bytes };
    });
  } catch (e) {
    if (e instanceof TooLarge) return fail('too-large', `${mb(Number(e.message))} > ${mb(opts.maxBytes)}`);
    if (e instanceof TimedOut) return fail('timeout', `${(opts.timeoutMs / 1000).toFixed(1)} s`);
    return fail('network', (e as Error)?.message || String(e));
  }
  if (got.kind !== 'body') return got;
  const { text, bytes } = got;

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('not-json', (e as Error).message);
  }
  const validated = validateParsed(json);
  if (!validated.ok) return fail('invalid', validated.detail);
  const pack = validated.pack;
  const hash = await computeContentHash(pack);
  if (pack.contentHash && pack.contentHash !== hash)
    return fail('hash-mismatch', `${pack.contentHash.slice(0, 12)}… ≠ ${hash.slice(0, 12)}…`);
  if (opts.expectId !== undefined && pack.id !== opts.expectId)
    return fail('id-mismatch', `${pack.id} ≠ ${opts.expectId}`);
  if (opts.minVersion !== undefined && compareVersions(pack.version, opts.minVersion) < 0)
    return fail('older-version', `${pack.version} < ${opts.minVersion}`);
  return { kind: 'updated', pack, hash, bytes, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** Schema errors, the first three in full: enough for a team lead to find the rows. */
function validateParsed(json: unknown): { ok: true; pack: Pack } | { ok: false; detail: string } {
  const v = validatePack(json, { install: true });
  if (v.ok) return v;
  const shown = v.errors.slice(0, 3).map((e) => e.message);
  return { ok: false, detail: shown.join('；') + (v.errors.length > 3 ? ` …（共 ${v.errors.length} 处）` : '') };
}
