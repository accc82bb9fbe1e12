/**
 * `npm run pack -- publish`, run as a child process the way a team lead's script runs it, against
 * the same real nginx WebDAV folder as the options page: dry run, publish, a second publish with
 * notes, a wrong password, and republishing an earlier version. The password only ever comes from
 * the environment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pack } from '../../scripts-library/schema';
import { teamPack, V1_SCRIPTS } from '../fixtures/sync-packs';
import { NGINX_PASSWORD, NGINX_USER, startNginx, type Nginx } from './nginx';

const root = fileURLToPath(new URL('../../', import.meta.url));
let nginx: Nginx;
let dir: string;

function cli(args: string[], password = NGINX_PASSWORD): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(root, 'tools/pack.ts'), ...args], {
      cwd: root,
      env: { ...process.env, INIT_CWD: '', HUASHU_DAV_PASSWORD: password },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

const live = () => JSON.parse(readFileSync(join(nginx.root, 'team', 'team.aftersale.json'), 'utf8')) as Pack;

beforeAll(async () => {
  nginx = await startNginx();
  dir = mkdtempSync(join(tmpdir(), 'publish-cli-'));
  writeFileSync(join(dir, 'v1.json'), JSON.stringify(teamPack('1.0.0')));
  writeFileSync(join(dir, 'v2.json'), JSON.stringify(teamPack('1.0.0', V1_SCRIPTS.slice(0, 3))));
});
afterAll(async () => {
  await nginx?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run pack -- publish', () => {
  it('a dry run uploads nothing; a publish writes the pack and its history', async () => {
    const to = `${nginx.origin}/team/`;
    const dry = await cli(['publish', join(dir, 'v1.json'), '--to', to, '--user', NGINX_USER, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('已发布 无 → 将发布 1.0.0');
    expect(dry.out).toContain('未上传');
    expect(nginx.requests().filter((l) => l.startsWith('PUT'))).toEqual([]);

    const done = await cli(['publish', join(dir, 'v1.json'), '--to', to, '--user', NGINX_USER, '--notes', '第一版']);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain(`订阅地址：${to}team.aftersale.json`);
    expect(live()).toMatchObject({ version: '1.0.0', changes: [{ version: '1.0.0', notes: '第一版' }] });
  });

  it('the next publish bumps the version and lists what changed; a wrong password changes nothing', async () => {
    const to = `${nginx.origin}/team/`;
    const denied = await cli(
      ['publish', join(dir, 'v2.json'), '--to', to, '--user', NGINX_USER, '--lang', 'en'],
      'nope',
    );
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('wrong user name or password');
    expect(live().version).toBe('1.0.0');

    const done = await cli([
      'publish',
      join(dir, 'v2.json'),
      '--to',
      to,
      '--user',
      NGINX_USER,
      '--notes',
      '删除退款进度话术',
    ]);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('删除 1');
    expect(live().version).toBe('1.0.1');
  });

  it('republishes an earlier version as the next version', async () => {
    const done = await cli([
      'publish',
      join(dir, 'v1.json'),
      '--to',
      `${nginx.origin}/team/`,
      '--user',
      NGINX_USER,
      '--republish',
      '1.0.0',
    ]);
    expect(done.code, done.err).toBe(0);
    expect(live().version).toBe('1.0.2');
    expect(live().scripts).toHaveLength(V1_SCRIPTS.length);
    expect(live().changes!.map((c) => c.version)).toEqual(['1.0.2', '1.0.1', '1.0.0']);
  });
});
