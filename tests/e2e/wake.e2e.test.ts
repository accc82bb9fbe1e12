/**
 * The background's cached index in real Chromium: a background stopped while it writes the cache
 * (CDP ServiceWorker.stopAllWorkers) leaves the previous cache whole, never half of a new one;
 * the panel that wakes it lists and finds the library as it is in the tables, and the cache is
 * written again, complete, with no leftover parts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRow } from './db-read';
import { launch, type Harness } from './harness';

const SIZE = 40_000;
const PACK = {
  schemaVersion: 1,
  id: 'wake.big',
  name: '唤醒测试包',
  version: '1.0.0',
  updatedAt: '2026-12-08T09:00:00+08:00',
  author: 'e2e',
  situations: [{ id: 's', name: '唤醒', parent: null }],
  scripts: Array.from({ length: SIZE }, (_, i) => ({
    id: `w${i}`,
    situation: 's',
    // The last script has words no other script has: found only if the new pack is indexed.
    title: i === SIZE - 1 ? '蓝鲸收尾话术' : `唤醒话术第${i}条`,
    body: `这是唤醒测试的第 ${i} 条回复，编号 WK${i}。`,
  })),
};

type Header = { generation: string; count: number; parts: number } | undefined;

let h: Harness;
let options: Page;

const header = () => options.evaluate(readRow, ['indexSnapshots', 'library'] as const) as Promise<Header>;
const partIds = () =>
  options.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('huashu');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const keys = req.result.transaction('indexSnapshots').objectStore('indexSnapshots').getAllKeys();
          keys.onsuccess = () => {
            req.result.close();
            resolve((keys.result as string[]).filter((k) => k !== 'library'));
          };
        };
      }),
  );

beforeAll(async () => {
  h = await launch();
  options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
}, 60_000);
afterAll(() => h?.close());

describe('the cached index when the background stops', () => {
  it('a cache write cut off is never read: the woken panel lists and finds the library of the tables, and the cache is whole again', async () => {
    // The built-in pack's cache is there.
    await expect.poll(async () => (await header())?.count, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = (await header())!;

    await options.getByTestId('import-pack').setInputFiles({
      name: 'wake.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(PACK)),
    });
    await options.getByTestId('import-result').filter({ hasText: PACK.name }).waitFor({ timeout: 60_000 });
    // Stopped as soon as parts of a new cache appear, before its header names them.
    await expect
      .poll(async () => (await partIds()).some((id) => !id.startsWith(`library#${before.generation}#`)), {
        timeout: 60_000,
        interval: 5,
      })
      .toBe(true);
    const cdp = await h.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const cut = await header();
    // The write was cut off (the header still names the old cache) — or, on a fast machine, it
    // had just finished: either way the header names a whole cache.
    const named = (await partIds()).filter((id) => id.startsWith(`library#${cut!.generation}#`));
    expect(named.length).toBe(cut!.parts);

    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.extensionId}/sidepanel.html`);
    await panel.getByRole('searchbox').fill('蓝鲸收尾');
    await expect
      .poll(() => panel.locator('main.results [data-script-key]').first().getAttribute('data-script-key'), {
        timeout: 60_000,
      })
      .toBe(`${PACK.id}/w${SIZE - 1}`);

    // The cache is written again, whole, for the library as it is; nothing of the cut write stays.
    await expect.poll(async () => (await header())?.count, { timeout: 60_000 }).toBe(before.count + SIZE);
    const after = (await header())!;
    await expect
      .poll(async () => (await partIds()).every((id) => id.startsWith(`library#${after.generation}#`)), {
        timeout: 30_000,
      })
      .toBe(true);
    expect((await partIds()).length).toBe(after.parts);
  }, 240_000);
});
