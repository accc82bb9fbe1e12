/**
 * A real nginx from Debian (`apt-get install -y nginx`; .ci/run installs it) serving a team's
 * WebDAV folder on 127.0.0.1, the way a team lead's NAS or intranet server would: the dav module
 * for PUT/MKCOL, basic auth on every write (reads are open, as the address agents subscribe to
 * is), real ETag / Last-Modified / 304s, gzip for JSON, and a rate-limited copy of the folder
 * for slow-server cases. Everything lives in a temp directory; `stop()` ends it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX_USER = 'lead';
export const NGINX_PASSWORD = 'team-secret';

export interface Nginx {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** The served folder on disk (`<root>/team/` is the team's folder). */
  root: string;
  /** Lines of the access log: "METHOD /path STATUS". */
  requests(): string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function findNginx(): string | null {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startNginx(): Promise<Nginx> {
  const bin = findNginx();
  if (!bin) throw new Error('nginx not found: apt-get install -y nginx');
  const dir = mkdtempSync(join(tmpdir(), 'huashu-nginx-'));
  const root = join(dir, 'www');
  for (const d of [root, join(root, 'team'), join(dir, 'tmp')]) mkdirSync(d, { recursive: true });
  // Workers run as an unprivileged user when nginx starts as root: let them write the folder.
  for (const d of [dir, root, join(root, 'team'), join(dir, 'tmp')]) chmodSync(d, 0o777);
  writeFileSync(join(dir, 'htpasswd'), `${NGINX_USER}:{PLAIN}${NGINX_PASSWORD}\n`);
  const port = await freePort();
  const conf = `
daemon off;
worker_processes 1;
error_log ${dir}/error.log;
pid ${dir}/nginx.pid;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  log_format brief '$request_method $uri $status';
  access_log ${dir}/access.log brief;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  gzip on;
  gzip_types application/json;
  gzip_min_length 256;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /team/ {
      dav_methods PUT DELETE MKCOL COPY MOVE;
      dav_access user:rw group:rw all:rw;
      client_max_body_size 60m;
      limit_except GET HEAD { auth_basic "team"; auth_basic_user_file ${dir}/htpasswd; }
    }
    # The same folder, read slowly: a server that answers too slowly for the sync's timeout.
    location /slow/ {
      alias ${root}/team/;
      gzip off;
      limit_rate_after 1k;
      limit_rate 2k;
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  let proc: ChildProcess | null = null;
  const origin = `http://127.0.0.1:${port}`;

  const up = async () => {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${origin}/team/`, { method: 'HEAD' });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000)}`);
  };

  const nginx: Nginx = {
    origin,
    root,
    requests: () =>
      existsSync(join(dir, 'access.log'))
        ? readFileSync(join(dir, 'access.log'), 'utf8').trim().split('\n').filter(Boolean)
        : [],
    async start() {
      if (proc) return;
      proc = spawn(bin, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
      await up();
    },
    async stop() {
      const p = proc;
      proc = null;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    },
    async close() {
      await nginx.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await nginx.start();
  return nginx;
}
