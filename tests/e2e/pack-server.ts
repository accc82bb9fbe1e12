/**
 * A pack publisher on 127.0.0.1 for the sync tests and benchmark, Node's `http` only. Each
 * path is given a behaviour (a pack with an ETag that answers 304 to If-None-Match, an HTTP
 * error, a hang, an endless body without Content-Length, raw text) and every request is
 * logged with its conditional headers, cookies and how many body bytes went out.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route =
  /** JSON text with a strong ETag; `If-None-Match` with that ETag gets 304 and no body. */
  | { kind: 'pack'; body: string; etag?: string; lastModified?: string }
  | { kind: 'status'; status: number; body?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Streams `bytes` of JSON-looking text, chunked, with no Content-Length: only the client's own count can stop it. */
  | { kind: 'endless'; bytes: number }
  /** Any text as application/json, e.g. malformed JSON. */
  | { kind: 'raw'; body: string }
  /** Bytes with a content type (a pack's image file). */
  | { kind: 'file'; body: Uint8Array; type: string };

export interface LoggedRequest {
  path: string;
  method: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  cookie?: string;
  status: number;
  /** Body bytes written before the response ended or the client went away. */
  bodyBytes: number;
}

export interface PackServer {
  origin: string;
  url(path: string): string;
  set(path: string, route: Route): void;
  requests: LoggedRequest[];
  /** Requests to one path. */
  hits(path: string): LoggedRequest[];
  close(): Promise<void>;
}

let etagCounter = 0;

export async function startPackServer(): Promise<PackServer> {
  const routes = new Map<string, Route>();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const log: LoggedRequest = {
      path,
      method: req.method ?? 'GET',
      ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
      ...(req.headers['if-modified-since'] ? { ifModifiedSince: String(req.headers['if-modified-since']) } : {}),
      ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
      status: 0,
      bodyBytes: 0,
    };
    requests.push(log);
    const route = routes.get(path);
    const send = (status: number, headers: Record<string, string>, body?: string) => {
      log.status = status;
      res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers });
      if (body !== undefined) log.bodyBytes = Buffer.byteLength(body);
      res.end(body);
    };
    if (!route) return send(404, { 'Content-Type': 'text/plain' }, 'not found');
    switch (route.kind) {
      case 'pack': {
        const etag = route.etag ?? `"p${++etagCounter}"`;
        route.etag = etag;
        if (log.ifNoneMatch === etag) return send(304, { ETag: etag });
        return send(
          200,
          {
            'Content-Type': 'application/json; charset=utf-8',
            ETag: etag,
            ...(route.lastModified ? { 'Last-Modified': route.lastModified } : {}),
          },
          route.body,
        );
      }
      case 'status':
        return send(route.status, { 'Content-Type': 'text/plain' }, route.body ?? 'server error');
      case 'raw':
        return send(200, { 'Content-Type': 'application/json; charset=utf-8' }, route.body);
      case 'file':
        log.status = 200;
        log.bodyBytes = route.body.byteLength;
        res.writeHead(200, { 'Content-Type': route.type, 'Content-Length': String(route.body.byteLength) });
        return void res.end(route.body);
      case 'hang':
        log.status = -1;
        return;
      case 'endless': {
        log.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.from(`{"schemaVersion":1,"pad":"${'话'.repeat(20_000)}",`);
        const pump = () => {
          while (log.bodyBytes < route.bytes && !res.destroyed) {
            log.bodyBytes += chunk.byteLength;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      res.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    set: (path, route) => void routes.set(path, route),
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
