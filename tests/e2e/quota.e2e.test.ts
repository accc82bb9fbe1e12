/**
 * A full disk, in Chromium with the built extension. The extension's origin gets a quota just
 * above what it already uses (CDP `Storage.overrideQuotaForOrigin`, the same refusal a full
 * profile disk gives IndexedDB: QuotaExceededError on commit). Every write that fails says so
 * in the agent's language, nothing stays pending, and an insertion that worked is reported as
 * done — once.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackInput } from '../../scripts-library/schema';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS, withHash } from '../fixtures/sync-packs';
import { makeNoisePng } from '../fixtures/images';
import { makeZip } from '../fixtures/zips';
import { readTable } from './db-read';
import { launch, type Harness } from './harness';
import { startPackServer, type PackServer } from './pack-server';

const pack = JSON.parse(
  readFileSync(new URL('../../scripts-library/packs/default.json', import.meta.url), 'utf8'),
) as PackInput;
const script = pack.scripts.find((s) => !s.body.includes('{') && !s.body.includes('\n'))!;
const FULL = '浏览器存储空间不足';
const TEAM = '/team.json';

let h: Harness;
let server: PackServer;
let options: Page;
let cdp: CDPSession;

/** A pack large enough not to fit in what is left. */
function bigPack(id: string) {
  return {
    schemaVersion: 1,
    id,
    name: `大话术包 ${id}`,
    version: '1.0.0',
    updatedAt: '2026-11-24T00:00:00+08:00',
    author: 'e2e',
    situations: [{ id: 's', name: '大', parent: null }],
    scripts: Array.from({ length: 400 }, (_, i) => ({
      id: `b${i}`,
      situation: 's',
      title: `大话术 ${i}`,
      body: `这是一条很长的话术，用来占满存储空间。${'内容'.repeat(200)}${i}`,
    })),
  };
}

/**
 * Give the origin a quota a little above its usage, then fill what is left with incompressible
 * rows in a database of its own until the browser refuses even small ones: the extension's next
 * write meets a full disk, as on a full profile partition.
 */
async function fillQuota() {
  const usage = await options.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: `chrome-extension://${h.extensionId}`,
    quotaSize: usage + 1024 * 1024,
  });
  await options.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('quota-filler');
      req.onupgradeneeded = () => req.result.createObjectStore('junk', { autoIncrement: true });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const put = (size: number) =>
      new Promise<boolean>((resolve) => {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
        const tx = db.transaction('junk', 'readwrite');
        tx.objectStore('junk').add(bytes);
        tx.oncomplete = () => resolve(true);
        tx.onabort = tx.onerror = () => resolve(false);
      });
    for (const size of [128 * 1024, 8 * 1024, 512]) while (await put(size));
    db.close();
  });
}

beforeAll(async () => {
  server = await startPackServer();
  h = await launch();
  options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options.getByTestId('editor').waitFor();
  cdp = await h.context.newCDPSession(options);
  // A subscription made while there was room, to update once there is none.
  server.set(TEAM, { kind: 'pack', body: JSON.stringify(await withHash(teamPack('1.0'))) });
  await options.getByTestId('subscribe-url').fill(server.url(TEAM));
  await options.getByTestId('subscribe-pack').click();
  await options.getByTestId('import-result').filter({ hasText: '已订阅' }).waitFor();
  await fillQuota();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('storage full', () => {
  it('an import says the browser is out of space, and writes nothing', async () => {
    const p = bigPack('big.import');
    await options
      .getByTestId('import-pack')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p)) });
    await expect.poll(() => options.getByTestId('import-result').textContent(), { timeout: 20_000 }).toContain(FULL);
    expect(await options.getByTestId('import-result').textContent()).toContain('可以删除不用的话术包或清理统计');
    expect(((await options.evaluate(readTable, 'packs')) as { id: string }[]).some((r) => r.id === p.id)).toBe(false);
  });

  it('a sheet with pictures imported as a .zip says the browser is out of space, and stores no picture', async () => {
    // Three pictures of random pixels (incompressible), ~700 KB each: more than is left.
    const noise = (seed: number) => makeNoisePng(480, 480, seed);
    const sheet = Buffer.from(
      '\uFEFF分类,标题,话术,图片\n售前,尺码,看图,a.png\n售前,地址,看图,b.png\n售后,保修,看图,c.png\n',
      'utf8',
    );
    const zip = makeZip({ '话术.csv': sheet, 'a.png': noise(1), 'b.png': noise(2), 'c.png': noise(3) }, 0);
    await options.locator('#import-export').scrollIntoViewIfNeeded();
    await options
      .getByTestId('wizard-file')
      .setInputFiles({ name: 'pics.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await options.getByTestId('wizard-mapping').waitFor();
    await options.getByTestId('wizard-to-preview').click();
    await options.getByTestId('wizard-preview-rows').waitFor();
    await options.getByTestId('wizard-confirm').click();
    await expect.poll(() => options.getByTestId('wizard-result').textContent(), { timeout: 20_000 }).toContain(FULL);
    expect(await options.getByTestId('wizard-result').textContent()).toContain('话术包没有保存');
    expect(await options.evaluate(readTable, 'images')).toHaveLength(0);
  });

  it('a first subscription fails by name, installs nothing, and leaves nothing 同步中', async () => {
    server.set('/big.json', { kind: 'pack', body: JSON.stringify(bigPack('big.sync')) });
    await options.getByTestId('subscribe-url').fill(server.url('/big.json'));
    await options.getByTestId('subscribe-pack').click();
    await expect
      .poll(() => options.getByTestId('import-result').textContent(), { timeout: 20_000 })
      .toContain('订阅失败');
    const text = (await options.getByTestId('import-result').textContent())!;
    expect(text).toContain(FULL);
    expect(text).not.toContain('已保留原版本');
    expect(await options.evaluate(readTable, 'syncing')).toEqual([]);
  });

  it('an update that does not fit keeps the previous version, says why, and is not left 同步中', async () => {
    const longer = V1_SCRIPTS.map((x) => ({ ...x, body: `${x.body}${'补充说明'.repeat(900)}` }));
    server.set(TEAM, { kind: 'pack', body: JSON.stringify(await withHash(teamPack('1.1', longer))) });
    const row = options.locator(`[data-testid="packs"] tr[data-pack-id="${TEAM_PACK_ID}"]`);
    await row.getByTestId('sync-now').click();
    await expect.poll(() => options.getByTestId('import-result').textContent(), { timeout: 20_000 }).toContain(FULL);
    expect(await row.locator('td').nth(1).textContent()).toBe('1.0');
    expect(await row.getByTestId('pack-status').textContent()).not.toBe('同步中…');
    expect(await options.evaluate(readTable, 'syncing')).toEqual([]);
  });

  it('an edit that cannot be written says so, and the text stays in the form', async () => {
    await options.getByTestId('editor-new').click();
    await options.locator('#script-title').fill('存储测试');
    await options.locator('#script-body').fill('很长的内容'.repeat(700));
    await options.getByTestId('editor-save').click();
    await expect.poll(() => options.getByTestId('editor-message').textContent(), { timeout: 20_000 }).toContain(FULL);
    expect(await options.getByTestId('editor-message').textContent()).not.toContain('已新建');
    expect(await options.locator('#script-body').inputValue()).toBe('很长的内容'.repeat(700));
  });

  it('an insertion that worked is reported as inserted, and happens once', async () => {
    const consolePage = await h.openConsole();
    await consolePage.locator('[data-role="composer"]').click();
    const panel = await h.openPanel();
    await expect.poll(() => panel.getByTestId('target').textContent()).toContain('将插入到');
    await panel.getByRole('searchbox').fill(script.title);
    await panel.locator(`[data-script-key="${pack.id}/${script.id}"] .script-main`).click();
    await expect.poll(() => panel.getByTestId('notice').textContent(), { timeout: 20_000 }).toMatch(/已插入/);
    expect(await panel.getByTestId('notice').textContent()).not.toContain('无法连接');
    expect(await consolePage.evaluate(() => (window as any).demoConsole.getDraft())).toBe(script.body);
    await panel.close();
    await consolePage.close();
  });

  it('a customer message still starts the countdown, which says it could not be saved', async () => {
    const consolePage = await h.openConsole();
    await consolePage.locator('[data-role="composer"]').click();
    const panel = await h.openPanel();
    await panel.getByTestId('target').filter({ hasText: '将插入到' }).waitFor();
    const id = await consolePage.evaluate(() => (window as any).demoConsole.currentConversationId());
    await consolePage.evaluate((c) => (window as any).demoConsole.pushCustomerMessage(c, '在吗？存储满了也要计时'), id);
    await expect
      .poll(() => panel.getByTestId('countdown').getAttribute('data-phase'), { timeout: 10_000 })
      .toMatch(/^(calm|warning|overdue)$/);
    expect(await panel.getByTestId('clocks-not-saved').textContent()).toContain('回复计时只在内存中继续');
    expect(
      ((await options.evaluate(readTable, 'conversations')) as { conversationId: string }[]).some(
        (c) => c.conversationId === id,
      ),
    ).toBe(false);
    await panel.close();
    await consolePage.close();
  });

  it('the options page shows how much space each pack and the statistics take', async () => {
    const status = options.getByTestId('storage-status');
    await expect.poll(() => options.getByTestId('storage-estimate').textContent()).toMatch(/已用 .+上限/);
    expect(await status.locator(`tr[data-pack-id="${pack.id}"]`).textContent()).toMatch(/\d+(\.\d)? (KB|MB)/);
    expect(await status.getByTestId('storage-stats').textContent()).toContain('统计');
  });
});
