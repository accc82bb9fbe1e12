/**
 * Nothing the agent typed is lost or misreported, in Chromium with the built extension: two
 * options tabs on one script, a sync that changes or removes the script being edited, and the
 * background service worker stopped (CDP ServiceWorker.stopAllWorkers) during a save, a sync
 * and a first subscription.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS, withHash } from '../fixtures/sync-packs';
import { readTable } from './db-read';
import { launch, type Harness } from './harness';
import { startPackServer, type PackServer } from './pack-server';
import { readStoredScripts } from './stored-scripts';

const PATH = '/team/pack.json';
let h: Harness;
let server: PackServer;
let a: Page;
let b: Page;

async function optionsPage(): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByTestId('editor').waitFor();
  return page;
}

async function openScript(page: Page, title: string, key?: string) {
  await page.getByPlaceholder('筛选标题、内容或快捷码').fill(title);
  const item = key
    ? page.locator(`[data-testid="editor-list"] [data-script-key="${key}"] .script-main`)
    : page.locator('[data-testid="editor-list"] .script-main', { hasText: title });
  await item.first().click();
  await page.getByTestId('editor-form').waitFor();
}

/** The editor's notice once it is no longer 正在处理… */
async function settledMessage(page: Page): Promise<string> {
  const msg = page.getByTestId('editor-message');
  await expect
    .poll(async () => ((await msg.count()) ? await msg.textContent() : '正在处理…'), { timeout: 20_000 })
    .not.toBe('正在处理…');
  return (await msg.textContent()) ?? '';
}

const stored = (page: Page) => page.evaluate(readStoredScripts);

async function stopWorker(page: Page) {
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

beforeAll(async () => {
  server = await startPackServer();
  server.set(PATH, { kind: 'pack', body: JSON.stringify(await withHash(teamPack('1.0'))) });
  h = await launch();
  a = await optionsPage();
  await a.getByTestId('subscribe-url').fill(server.url(PATH));
  await a.getByTestId('subscribe-pack').click();
  await a.getByTestId('import-result').filter({ hasText: '已订阅' }).waitFor();
  b = await optionsPage();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('two options tabs editing one script', () => {
  it('never revert each other: untouched fields follow, a clash shows both versions until the agent picks', async () => {
    await a.getByTestId('editor-new').click();
    await a.locator('#script-title').fill('双开测试');
    await a.locator('#script-body').fill('原来的内容');
    await a.getByTestId('editor-save').click();
    expect(await settledMessage(a)).toContain('已新建');
    const key = (await stored(a)).find((s) => s.title === '双开测试')!.key;
    await openScript(b, '双开测试', key);

    // A renames and saves; B, which has not touched the title, follows it.
    await a.locator('#script-title').fill('双开测试·改名');
    await a.getByTestId('editor-save').click();
    expect(await settledMessage(a)).toBe('已保存');
    await expect.poll(() => b.locator('#script-title').inputValue()).toBe('双开测试·改名');
    // B changes the body and saves: the title stays renamed.
    await b.locator('#script-body').fill('B 写的内容');
    await b.getByTestId('editor-save').click();
    expect(await settledMessage(b)).toBe('已保存');
    expect((await stored(a)).find((s) => s.key === key)).toMatchObject({ title: '双开测试·改名', body: 'B 写的内容' });
    await expect.poll(() => a.locator('#script-body').inputValue()).toBe('B 写的内容');

    // Both change the title: the second one to hear of it sees both and decides.
    await a.locator('#script-title').fill('A 的标题');
    await b.locator('#script-title').fill('B 的标题');
    await b.getByTestId('editor-save').click();
    expect(await settledMessage(b)).toBe('已保存');
    const conflict = a.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-mine').textContent()).toContain('A 的标题');
    expect(await conflict.getByTestId('conflict-theirs').textContent()).toContain('B 的标题');
    expect((await stored(a)).find((s) => s.key === key)!.title).toBe('B 的标题');
    await conflict.getByTestId('conflict-keep-mine').click();
    expect(await settledMessage(a)).toBe('已保存');
    expect((await stored(a)).find((s) => s.key === key)!.title).toBe('A 的标题');
    await expect.poll(() => b.locator('#script-title').inputValue()).toBe('A 的标题');
  });
});

describe('a sync under an open edit', () => {
  it('keeps the text of a script the sync removed, as a personal script, and says so', async () => {
    const gone = V1_SCRIPTS[3]!;
    await openScript(a, gone.title, `${TEAM_PACK_ID}/${gone.id}`);
    await a.locator('#script-body').fill('我改写的退款进度说明：3 个工作日内到账。');
    server.set(PATH, { kind: 'pack', body: JSON.stringify(await withHash(teamPack('1.1', V1_SCRIPTS.slice(0, 3)))) });
    await b.locator(`tr[data-pack-id="${TEAM_PACK_ID}"]`).getByTestId('sync-now').click();
    await expect.poll(() => b.getByTestId('import-result').textContent()).toContain('已更新到 1.1');
    await a.getByTestId('editor-gone').waitFor();
    expect(await a.locator('#script-body').inputValue()).toBe('我改写的退款进度说明：3 个工作日内到账。');
    await a.getByTestId('editor-save').click();
    expect(await settledMessage(a)).toContain('你的版本已保存为“我的话术”');
    const kept = (await stored(a)).find((s) => s.body === '我改写的退款进度说明：3 个工作日内到账。')!;
    expect(kept.packId).toBe('personal');
  });

  it('a first edit of a pack script that overlaps a sync is flagged beside the team’s new wording', async () => {
    const s = V1_SCRIPTS[1]!;
    await openScript(a, s.title, `${TEAM_PACK_ID}/${s.id}`);
    await a.locator('#script-body').fill('我的破损登记说法。');
    const team = '团队的新破损说法：请拍照后联系我们。';
    server.set(PATH, {
      kind: 'pack',
      body: JSON.stringify(await withHash(teamPack('1.2', [V1_SCRIPTS[0]!, { ...s, body: team }, V1_SCRIPTS[2]!]))),
    });
    await b.locator(`tr[data-pack-id="${TEAM_PACK_ID}"]`).getByTestId('sync-now').click();
    await expect.poll(() => b.getByTestId('import-result').textContent()).toContain('已更新到 1.2');
    // Both changed the body: the form shows both at once.
    await a.getByTestId('edit-conflict').waitFor();
    expect(await a.getByTestId('conflict-theirs').textContent()).toContain(team);
    // The agent saves as typed: the copy is flagged, the team's wording shown beside it.
    await a.getByTestId('editor-save').click();
    expect(await settledMessage(a)).toContain('两个版本都已保留');
    await a.getByTestId('editor-conflict').waitFor();
    expect(await a.getByTestId('editor-conflict').textContent()).toContain(team);
    const copy = (await stored(a)).find((r) => r.body === '我的破损登记说法。')!;
    expect(copy.packId).toBe('personal');
    expect(
      ((await a.evaluate(readTable, 'scripts')) as { key: string; conflict?: unknown }[]).find(
        (r) => r.key === copy.key,
      )!.conflict,
    ).toBeTruthy();
  });
});

describe('the background stopped in the middle', () => {
  it('during a save: 已保存 only when it was written, and the text stays until it is', async () => {
    for (let i = 0; i < 3; i++) {
      await openScript(a, 'A 的标题');
      const text = `停止测试 ${i}`;
      await a.locator('#script-body').fill(text);
      await Promise.all([a.getByTestId('editor-save').click(), stopWorker(a)]);
      const said = await settledMessage(a);
      const written = (await stored(a)).some((s) => s.body === text);
      if (said === '已保存') expect(written).toBe(true);
      else {
        expect(said).toMatch(/后台已停止|后台没有回应/);
        expect(await a.locator('#script-body').inputValue()).toBe(text);
        await a.getByTestId('editor-save').click();
        expect(await settledMessage(a)).toBe('已保存');
        expect((await stored(a)).some((s) => s.body === text)).toBe(true);
      }
    }
  });

  it('during 立即更新: the notice is this sync’s, and the pack is reported as interrupted, never 同步中 forever', async () => {
    server.set(PATH, { kind: 'hang' });
    const row = a.locator(`[data-testid="packs"] tr[data-pack-id="${TEAM_PACK_ID}"]`);
    await row.getByTestId('sync-now').click();
    await expect.poll(() => row.getByTestId('pack-status').textContent()).toBe('同步中…');
    await stopWorker(a);
    await expect.poll(() => a.getByTestId('import-result').textContent(), { timeout: 20_000 }).toContain('后台已停止');
    expect(await a.getByTestId('import-result').textContent()).not.toContain('已更新到');
    await expect
      .poll(() => row.getByTestId('pack-status').textContent(), { timeout: 20_000 })
      .toContain('上次同步被中断');
    expect(await a.evaluate(readTable, 'syncing')).toEqual([]);
    expect(await row.locator('td').nth(1).textContent()).toBe('1.2');
  });

  it('during a first subscription: it says the subscription failed, and claims no kept version', async () => {
    server.set('/team/other.json', { kind: 'hang' });
    await a.getByTestId('subscribe-url').fill(server.url('/team/other.json'));
    await a.getByTestId('subscribe-pack').click();
    await expect.poll(() => server.hits('/team/other.json').length).toBe(1);
    await stopWorker(a);
    await expect.poll(() => a.getByTestId('import-result').textContent(), { timeout: 20_000 }).toContain('订阅失败');
    expect(await a.getByTestId('import-result').textContent()).not.toContain('已保留原版本');
    expect(
      ((await a.evaluate(readTable, 'packs')) as { source: { url?: string } }[]).some((p) =>
        p.source.url?.endsWith('other.json'),
      ),
    ).toBe(false);
  });
});
