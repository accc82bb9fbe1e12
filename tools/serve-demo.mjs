// Tiny static server for the demo console (demo-console/), Node's `http` only.
//
//   node tools/serve-demo.mjs [--port N]      (npm run demo)
//   const { url, port, close } = await startDemoServer({ port: 0 });
//
// Binds to 127.0.0.1 only, sends `Cache-Control: no-store` so an edited page
// is never served stale, and answers 404 for anything outside the root.

import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_ROOT = fileURLToPath(new URL('../demo-console/', import.meta.url));
const HOST = '127.0.0.1';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function isInside(root, file) {
  return file === root || file.startsWith(root + path.sep);
}

/** Resolves a request path to a file under root, or null (→ 404). */
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!isInside(root, file)) return null;
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    // A symlink could still point outside the root.
    file = await realpath(file);
    if (!isInside(root, file) || !(await stat(file)).isFile()) return null;
    return file;
  } catch {
    return null;
  }
}

function send(res, status, headers, body) {
  res.writeHead(status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

/**
 * Starts the server. `port: 0` picks a free port.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDemoServer({ port = 5174, root = DEFAULT_ROOT } = {}) {
  const rootDir = await realpath(path.resolve(root));

  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed');
      return;
    }
    let pathname;
    try {
      // Parse the path alone: a request line like `//x` must not be read as another host.
      pathname = new URL(`http://${HOST}${(req.url ?? '/').replace(/^\/+/, '/')}`).pathname;
    } catch {
      send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad Request');
      return;
    }
    const file = await resolveFile(rootDir, pathname).catch(() => null);
    if (!file) {
      send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found');
      return;
    }
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      send(res, 200, { 'Content-Type': type, 'Content-Length': body.length }, req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Internal Server Error');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = server.address().port;
  return {
    url: `http://${HOST}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from a browser would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function portFromArgs(argv) {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i === -1) return undefined;
  const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port needs a number from 0 to 65535, got: ${value}`);
  }
  return port;
}

async function isEntryPoint() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(await realpath(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (await isEntryPoint()) {
  try {
    const { url, close } = await startDemoServer({ port: portFromArgs(process.argv.slice(2)) });
    console.log(`Demo console: ${url}`);
    console.log(`Plain fields page: ${url}plain.html`);
    const stop = () => close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error.code === 'EADDRINUSE' ? `Port already in use: ${error.port}. Try --port 0.` : error.message);
    process.exit(1);
  }
}
