/**
 * A team lead publishes from the options page to a real nginx WebDAV folder (tests/e2e/nginx.ts),
 * and an agent in another browser subscribes, syncs, reads the release notes and rolls back —
 * in real Chromium with the built extension. Then what goes wrong with real servers: a wrong
 * password (401), a folder that does not exist (409), another lead publishing after the preview,
 * the connection cut while the pack file uploads (a proxy in front of nginx cuts it: nginx would
 * never do that by itself), the server down, and a server too slow for the sync's timeout.
 */
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pack } from '../../scripts-library/schema';
import { publishPack } from '../../utils/publish/publish';
import { davClient } from '../../utils/publish/webdav';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS } from '../fixtures/sync-packs';
import { putRow, readRow } from './db-read';
import { importPack, launch, type Harness } from './harness';
import { NGINX_PASSWORD, NGINX_USER, startNginx, type Nginx } from './nginx';

let nginx: Nginx;
let lead: Harness;
let agent: Harness;
let leadOptions: Page;
let agentOptions: Page;
let cutter: Server;
let cutterOrigin: string;

const folder = () => `${nginx.origin}/team/`;
const packUrl = () => `${nginx.origin}/team/${TEAM_PACK_ID}.json`;
const onDisk = (name: string) => join(nginx.root, 'team', name);
const publishedPack = () => JSON.parse(readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8')) as Pack;

const V2 = [
  { ...V1_SCRIPTS[0]!, body: '您好，已经帮您联系快递加急，今天内会有新的物流动态，请您留意。' },
  ...V1_SCRIPTS.slice(1),
  {
    id: 'wl-fahuo',
    situation: 'wl' as const,
    title: '催发货回复',
    body: '亲，您的订单仓库今天安排发出，发出后第一时间同步单号给您。',
    shortcut: 'fh',
  },
];

async function openOptions(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByTestId('packs').waitFor();
  return page;
}

async function saveTarget(page: Page, folderUrl: string, password = NGINX_PASSWORD) {
  await page.getByTestId('publish-folder').fill(folderUrl);
  await page.getByTestId('publish-user').fill(NGINX_USER);
  await page.getByTestId('publish-password').fill(password);
  await page.getByTestId('publish-save-target').click();
  await expect.poll(() => page.getByTestId('publish-result').textContent()).toContain('已保存发布位置');
}

async function preview(page: Page) {
  await page.getByTestId('publish-preview-do').click();
  await page.getByTestId('publish-preview').waitFor();
  return (await page.getByTestId('publish-preview').textContent()) ?? '';
}

async function publish(page: Page, notes: string) {
  await page.getByTestId('publish-notes').fill(notes);
  await page.getByTestId('publish-do').click();
  await expect.poll(() => page.getByTestId('publish-result').textContent()).not.toContain('正在发布');
  return (await page.getByTestId('publish-result').textContent()) ?? '';
}

const agentRow = () => agentOptions.locator(`[data-testid="packs"] tr[data-pack-id="${TEAM_PACK_ID}"]`);
const agentVersion = async () => (await agentRow().locator('td').nth(1).textContent())?.trim();

async function agentSyncNow() {
  await agentRow().getByTestId('sync-now').click();
  await expect.poll(() => agentRow().getByTestId('sync-now').isEnabled()).toBe(true);
}

/** The background's periodic sync, fired now (the alarm it registers, due at once), until it has finished. */
async function agentAutoSync() {
  const before = nginx.requests().length;
  const started = Date.now();
  const sw = await agent.serviceWorker();
  await sw.evaluate(() =>
    (
      globalThis as unknown as { chrome: { alarms: { create(name: string, info: { when: number }): void } } }
    ).chrome.alarms.create('pack-sync', { when: Date.now() + 10 }),
  );
  await expect
    .poll(() =>
      nginx
        .requests()
        .slice(before)
        .some((l) => l.startsWith('GET /team/')),
    )
    .toBe(true);
  await expect
    .poll(
      async () =>
        ((await agentOptions.evaluate(readRow, ['packs', TEAM_PACK_ID] as const)).sync?.lastSuccessAt ?? 0) >= started,
    )
    .toBe(true);
}

const requestsFor = (path: string, since: number) =>
  nginx
    .requests()
    .slice(since)
    .filter((l) => l.split(' ')[1] === path);

beforeAll(async () => {
  nginx = await startNginx();
  // A proxy to nginx that cuts the connection while the pack file (not its history copy) uploads.
  cutter = createServer((req, res) => {
    if (req.method === 'PUT' && req.url === `/team/${TEAM_PACK_ID}.json`) {
      req.once('data', () => req.socket.destroy());
      return;
    }
    const up = request(`${nginx.origin}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => cutter.listen(0, '127.0.0.1', r));
  cutterOrigin = `http://127.0.0.1:${(cutter.address() as { port: number }).port}`;
  lead = await launch();
  agent = await launch();
  await importPack(lead, teamPack('1.0.0'));
  leadOptions = await openOptions(lead);
  agentOptions = await openOptions(agent);
  await agentOptions.evaluate(putRow, ['settings', { key: 'packSyncTimeoutMs', value: 1500 }] as const);
}, 120_000);

afterAll(async () => {
  await lead?.close();
  await agent?.close();
  await new Promise((r) => cutter?.close(r));
  await nginx?.close();
});

describe('publishing to a real WebDAV server (nginx) and syncing from it', () => {
  it('the lead publishes a first version from the options page: history file, then the pack file', async () => {
    await leadOptions.locator('#publish').scrollIntoViewIfNeeded();
    await leadOptions.getByTestId('publish-pack').selectOption(TEAM_PACK_ID);
    await saveTarget(leadOptions, folder());
    expect(await preview(leadOptions)).toContain('还没有发布过 → 将发布 1.0.0');
    expect(await leadOptions.getByTestId('publish-url').textContent()).toBe(packUrl());
    const since = nginx.requests().length;
    expect(await publish(leadOptions, '第一版：物流和退换货')).toContain('已发布 1.0.0');
    const puts = nginx
      .requests()
      .slice(since)
      .filter((l) => l.startsWith('PUT'));
    expect(puts).toEqual([`PUT /team/history/${TEAM_PACK_ID}/1.0.0.json 201`, `PUT /team/${TEAM_PACK_ID}.json 201`]);
    expect(publishedPack()).toMatchObject({
      version: '1.0.0',
      changes: [{ version: '1.0.0', notes: '第一版：物流和退换货' }],
    });
    // The password is on this machine only: not in the published file.
    expect(readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8')).not.toContain(NGINX_PASSWORD);
    // The lead now follows the published address too.
    await expect
      .poll(() => leadOptions.locator(`[data-testid="packs"] tr[data-pack-id="${TEAM_PACK_ID}"]`).textContent())
      .toContain(`订阅：${packUrl()}`);
  });

  it('an agent subscribes; an unchanged pack then costs one conditional request answered 304', async () => {
    await agentOptions.getByTestId('subscribe-url').fill(packUrl());
    await agentOptions.getByTestId('subscribe-pack').click();
    await expect
      .poll(() => agentOptions.getByTestId('import-result').textContent())
      .toContain('已订阅“售后组话术” 1.0.0');
    const since = nginx.requests().length;
    await agentSyncNow();
    expect(requestsFor(`/team/${TEAM_PACK_ID}.json`, since)).toEqual([`GET /team/${TEAM_PACK_ID}.json 304`]);
  });

  it('the lead changes the pack and publishes 1.0.1 with notes; the agent syncs and sees the notes and the diff', async () => {
    await importPack(lead, teamPack('1.0.0', V2));
    await leadOptions.reload();
    await leadOptions.getByTestId('publish-pack').selectOption(TEAM_PACK_ID);
    const diff = await preview(leadOptions);
    expect(diff).toContain('已发布 1.0.0 → 将发布 1.0.1');
    expect(diff).toContain('新增 1 条：催发货回复');
    expect(diff).toContain('修改 1 条：物流催件回复');
    expect(await publish(leadOptions, '新增“催发货回复”；催件话术更口语')).toContain('已发布 1.0.1');

    await agentSyncNow();
    await expect.poll(agentVersion).toBe('1.0.1');
    const changes = agentOptions.getByTestId('pack-changes');
    await expect.poll(() => changes.textContent()).toContain('新增“催发货回复”；催件话术更口语');
    expect(await changes.textContent()).toContain('新增 1 条');
    const panel = await agent.openPanel();
    await expect
      .poll(() => panel.getByTestId('release-notice').textContent())
      .toContain('“售后组话术”已更新到 1.0.1：新增“催发货回复”');
    await panel.close();
  });

  it('the agent rolls back to 1.0.0; auto-sync leaves it there until 1.0.2 is published', async () => {
    await agentRow().getByTestId('rollback').click();
    await expect.poll(agentVersion).toBe('1.0.0');
    await expect.poll(() => agentRow().getByTestId('rollback-paused').textContent()).toContain('1.0.1');
    // The same 1.0.1 with a new ETag (the file touched on the server): a full 200, still not taken.
    const since = nginx.requests().length;
    utimesSync(onDisk(`${TEAM_PACK_ID}.json`), new Date(), new Date(Date.now() + 5000));
    await agentAutoSync();
    expect(requestsFor(`/team/${TEAM_PACK_ID}.json`, since)).toEqual([`GET /team/${TEAM_PACK_ID}.json 200`]);
    await expect.poll(() => agentRow().getByTestId('pack-status').textContent()).toBe('正常');
    expect(await agentVersion()).toBe('1.0.0');

    await leadOptions.reload();
    await leadOptions.getByTestId('publish-pack').selectOption(TEAM_PACK_ID);
    await preview(leadOptions);
    expect(await publish(leadOptions, '修正催件话术')).toContain('已发布 1.0.2');
    await agentAutoSync();
    await expect.poll(agentVersion).toBe('1.0.2');
    expect(await agentRow().getByTestId('rollback-paused').count()).toBe(0);
  });

  it('the lead republishes an earlier version from the folder history as the next version', async () => {
    await preview(leadOptions);
    const history = leadOptions.getByTestId('publish-history');
    await history.locator('summary').click();
    await history.locator('li[data-version="1.0.0"] button').click();
    await expect
      .poll(() => leadOptions.getByTestId('publish-result').textContent())
      .toContain('已把 1.0.0 版的内容发布为 1.0.3');
    expect(publishedPack().scripts.map((s) => s.id)).toEqual(V1_SCRIPTS.map((s) => s.id));
  });
});

describe('publishing when the server misbehaves: the published version stays whole', () => {
  it('a wrong password is refused (401) and named', async () => {
    const before = readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8');
    await saveTarget(leadOptions, folder(), 'wrong-password');
    await preview(leadOptions);
    expect(await publish(leadOptions, 'x')).toContain('用户名或密码不对');
    expect(nginx.requests().some((l) => l.endsWith(' 401'))).toBe(true);
    expect(readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8')).toBe(before);
    await saveTarget(leadOptions, folder());
  });

  it('a folder that does not exist is named, not created', async () => {
    await saveTarget(leadOptions, `${nginx.origin}/team/missing-folder/`);
    await preview(leadOptions);
    expect(await publish(leadOptions, 'x')).toContain('服务器上没有这个文件夹');
    expect(existsSync(onDisk('missing-folder'))).toBe(false);
    await saveTarget(leadOptions, folder());
  });

  it('another lead publishing after the preview is not overwritten', async () => {
    await preview(leadOptions);
    // Lead B publishes with the pack tool's code, straight to nginx.
    const b = davClient(
      { folderUrl: folder(), username: NGINX_USER, password: NGINX_PASSWORD },
      { fetch, timeoutMs: 5000 },
    );
    await publishPack(b, publishedPack(), 'B 的更新');
    const afterB = readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8');
    expect(await publish(leadOptions, 'A 的更新')).toContain('有人在你预览之后发布了新版本');
    expect(readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8')).toBe(afterB);
  });

  it('the connection cut while the pack file uploads: agents still get the previous version, whole', async () => {
    await saveTarget(leadOptions, `${cutterOrigin}/team/`);
    const before = readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8');
    await preview(leadOptions);
    expect(await publish(leadOptions, '被中断的发布')).toContain('连不上服务器');
    expect(readFileSync(onDisk(`${TEAM_PACK_ID}.json`), 'utf8')).toBe(before);
    await agentSyncNow();
    expect(await agentRow().getByTestId('pack-status').textContent()).toBe('正常');
    await saveTarget(leadOptions, folder());
  });

  it('the server down: publishing says so; the agent keeps the installed version with the cause shown', async () => {
    const version = await agentVersion();
    await preview(leadOptions);
    await nginx.stop();
    try {
      expect(await publish(leadOptions, 'x')).toContain('连不上服务器');
      await agentSyncNow();
      await expect
        .poll(() => agentRow().getByTestId('pack-status').textContent())
        .toContain(`更新失败，仍在使用 ${version}`);
    } finally {
      await nginx.start();
    }
    await agentSyncNow();
    await expect.poll(() => agentRow().getByTestId('pack-status').textContent()).toBe('正常');
  });

  it('a server too slow for the sync timeout: the subscription fails with a timeout, nothing installed', async () => {
    // A valid pack large enough that the rate-limited location cannot deliver it in 1.5 s.
    const big = teamPack(
      '1.0.0',
      Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, title: `话术 ${i}`, body: '您好，'.repeat(30) + i })),
    );
    writeFileSync(onDisk('slow-pack.json'), JSON.stringify({ ...big, id: 'team.slow' }));
    await agentOptions.getByTestId('subscribe-url').fill(`${nginx.origin}/slow/slow-pack.json`);
    await agentOptions.getByTestId('subscribe-pack').click();
    await expect
      .poll(() => agentOptions.getByTestId('import-result').textContent(), { timeout: 10_000 })
      .toContain('没有响应（超时）');
    expect(await agentOptions.locator('tr[data-pack-id="team.slow"]').count()).toBe(0);
  });
});
