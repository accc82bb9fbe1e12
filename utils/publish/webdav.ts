/**
 * The few WebDAV calls publishing needs — GET, HEAD, PUT with preconditions, MKCOL — over an
 * injected `fetch`, so the same client runs in the background, in the pack tool (Node) and in
 * unit tests. Pure: no browser APIs.
 *
 * Credentials go only to URLs inside the configured folder: every request URL is built here
 * from the folder and a relative name that cannot climb out of it.
 */
import { checkPackUrl } from '../sync/fetch-pack';
import { timed, TimedOut } from '../sync/timed';

export interface DavTarget {
  /** The folder the team publishes into, e.g. https://dav.jianguoyun.com/dav/team/ */
  folderUrl: string;
  username: string;
  password: string;
}

export type DavErrorCode =
  /** The folder URL is not https (or http on this machine). */
  | 'not-allowed-url'
  /** 401/403: wrong user name or password, or no write access. */
  | 'auth'
  /** 404/409 on a write: the folder does not exist. */
  | 'folder-missing'
  /** 412, or the published file changed since it was read: someone else published meanwhile. */
  | 'conflict'
  | 'timeout'
  /** The server could not be reached (down, wrong host, refused, blocked). */
  | 'network'
  /** 413: the server refuses files this large. */
  | 'too-large'
  /** Any other unexpected status. */
  | 'http';

export class DavError extends Error {
  constructor(
    readonly code: DavErrorCode,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DavError';
  }
}

export interface DavOptions {
  fetch: typeof fetch;
  /** Per request. */
  timeoutMs: number;
}

export interface DavFile {
  text: string;
  etag: string | null;
}

export interface DavClient {
  /** The absolute URL of a file in the folder (what agents subscribe to). */
  url(name: string): string;
  /** The file, or `null` when there is none (404). */
  get(name: string): Promise<DavFile | null>;
  /** The file's current ETag; `null` when there is no such file. */
  etag(name: string): Promise<string | null>;
  /**
   * Write a file. `ifMatch`: only if it is still at that ETag; `ifNoneMatch: '*'`: only if it
   * does not exist yet. Returns the new ETag when the server says it.
   */
  put(
    name: string,
    body: string | Uint8Array,
    cond?: { ifMatch?: string; ifNoneMatch?: '*'; contentType?: string },
  ): Promise<string | null>;
  /** Create a sub-folder; one that exists already is fine. */
  mkcol(name: string): Promise<void>;
}

/** Folder URL with exactly one trailing slash, checked like a pack address (https; http only here). */
export function normaliseFolderUrl(raw: string): { ok: true; url: string } | { ok: false; detail: string } {
  const checked = checkPackUrl(raw.trim());
  if (!checked.ok) return checked;
  const u = checked.url;
  if (u.username || u.password) return { ok: false, detail: '地址里不要写用户名和密码，请填在下面的输入框' };
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return { ok: true, url: u.href };
}

/** A relative file name inside the folder: segments of letters, digits, `. _ -`, no `..`. */
export function safeName(name: string): string {
  const segments = name.split('/');
  if (!segments.every((s) => /^[A-Za-z0-9._-]{1,100}$/.test(s) && s !== '.' && s !== '..'))
    throw new DavError('not-allowed-url', `文件名不合法：${name}`);
  return segments.map(encodeURIComponent).join('/');
}

/**
 * An ETag in its strong form: nginx turns a file's ETag weak (`W/"…"`) when it gzips the
 * response, and If-Match takes strong ETags only, so the same file must compare equal either way.
 */
export function strongEtag(etag: string | null): string | null {
  return etag === null ? null : etag.replace(/^W\//, '');
}

function basicAuth(user: string, password: string): string {
  // btoa only takes Latin-1: encode the UTF-8 bytes (a Chinese user name is allowed).
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

export function davClient(target: DavTarget, opts: DavOptions): DavClient {
  const folder = normaliseFolderUrl(target.folderUrl);
  if (!folder.ok) throw new DavError('not-allowed-url', folder.detail);
  const base = folder.url;
  const auth = target.username || target.password ? basicAuth(target.username, target.password) : null;
  const url = (name: string) => new URL(safeName(name), base).href;

  async function request(
    method: string,
    name: string,
    headers: Record<string, string> = {},
    body?: string | Uint8Array,
  ): Promise<Response> {
    const href = name.endsWith('/') ? `${url(name.slice(0, -1))}/` : url(name);
    let res: Response;
    try {
      res = await timed(opts.timeoutMs, (signal) =>
        opts.fetch(href, {
          method,
          headers: { ...(auth ? { Authorization: auth } : {}), ...headers },
          ...(body !== undefined ? { body: body as BodyInit } : {}),
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
          // A redirect would carry the password somewhere else: refuse it.
          redirect: 'error',
          signal,
        }),
      );
    } catch (e) {
      if (e instanceof TimedOut) throw new DavError('timeout', `${(opts.timeoutMs / 1000).toFixed(0)} s`);
      throw new DavError('network', (e as Error)?.message || String(e));
    }
    if (method !== 'GET') await res.body?.cancel().catch(() => undefined);
    if (res.status === 401 || res.status === 403) throw new DavError('auth', `HTTP ${res.status}`, res.status);
    if (res.status === 413) throw new DavError('too-large', `HTTP 413`, 413);
    return res;
  }

  const unexpected = (res: Response, what: string) =>
    new DavError('http', `${what}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);

  return {
    url,
    async get(name) {
      const res = await request('GET', name, { Accept: 'application/json' });
      if (res.status === 404) {
        await res.body?.cancel().catch(() => undefined);
        return null;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw unexpected(res, name);
      }
      return { text: await res.text(), etag: strongEtag(res.headers.get('etag')) };
    },
    async etag(name) {
      const res = await request('HEAD', name);
      if (res.status === 404) return null;
      if (!res.ok) throw unexpected(res, name);
      return strongEtag(res.headers.get('etag'));
    },
    async put(name, body, cond = {}) {
      const headers: Record<string, string> = { 'Content-Type': cond.contentType ?? 'application/json; charset=utf-8' };
      if (cond.ifMatch) headers['If-Match'] = cond.ifMatch;
      if (cond.ifNoneMatch) headers['If-None-Match'] = cond.ifNoneMatch;
      const res = await request('PUT', name, headers, body);
      if (res.status === 412) throw new DavError('conflict', name, 412);
      // 409: a parent collection is missing (RFC 4918); 404 from servers that say it that way.
      if (res.status === 409 || res.status === 404) throw new DavError('folder-missing', name, res.status);
      if (!res.ok) throw unexpected(res, name);
      return strongEtag(res.headers.get('etag'));
    },
    async mkcol(name) {
      // A collection's URL ends with a slash (nginx refuses MKCOL without one).
      const res = await request('MKCOL', `${name.replace(/\/$/, '')}/`);
      // 405: it exists already (RFC 4918); 301 from servers that add a trailing slash.
      if (res.ok || res.status === 405 || res.status === 301) return;
      if (res.status === 409 || res.status === 404) throw new DavError('folder-missing', name, res.status);
      throw unexpected(res, name);
    },
  };
}
