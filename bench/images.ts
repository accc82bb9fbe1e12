/**
 * Scripts with pictures at team scale, in real Chromium with the built extension: a hosted pack
 * of 2,000 scripts, 500 of them with a picture (500 distinct PNGs of random pixels, ~120 KB
 * each, ~60 MB), served as `images/<hash>.png` beside the pack on 127.0.0.1.
 *
 * - subscribe: from the click to the options page's confirmation (pack + 500 downloads, 4 at a
 *   time, each checked and decoded, then one transaction);
 * - a new version where one picture changed: one image request, and the time to confirmation;
 * - the side panel listing the pack's 2,000 scripts and scrolled to the end in steps, thumbnails
 *   loading as rows come on screen: the longest main-thread task (target: none over 50 ms).
 */
import type { Page } from 'playwright-core';
import { computeContentHash } from '../scripts-library/hash';
import { describeImage, imageFileName, type ScriptImageRef } from '../scripts-library/images';
import { validatePack } from '../scripts-library/schema';
import { makeNoisePng } from '../tests/fixtures/images';
import { launch } from '../tests/e2e/harness';
import { startPackServer, type PackServer } from '../tests/e2e/pack-server';
import type { BenchFigure } from './types';

const SCRIPTS = 2_000;
const IMAGES = 500;
const PATH = '/bench/pictures.json';

async function makeImages(seedBase: number, n: number) {
  const out: { ref: ScriptImageRef; bytes: Uint8Array }[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = makeNoisePng(200, 200, seedBase + i);
    const d = await describeImage(bytes, `图片${i}`);
    if (!d.ok) throw new Error(d.message);
    out.push({ ref: d.ref, bytes });
  }
  return out;
}

async function pack(version: string, refs: ScriptImageRef[]): Promise<string> {
  const input = {
    schemaVersion: 1,
    id: 'bench.images',
    name: '图片基准话术',
    version,
    updatedAt: `2026-12-0${version.at(-1)}T00:00:00+08:00`,
    author: 'bench',
    situations: [{ id: 's', name: '图片基准' }],
    scripts: Array.from({ length: SCRIPTS }, (_, i) => ({
      id: `i${i}`,
      situation: 's',
      title: `图片话术 ${i}`,
      body: `亲，请看第 ${i} 条说明，有问题随时联系我们哦`,
      ...(i % 4 === 0 ? { images: [refs[i / 4]!] } : {}),
    })),
  };
  const v = validatePack(input);
  if (!v.ok) throw new Error(v.errors[0]!.message);
  return JSON.stringify({ ...input, contentHash: await computeContentHash(v.pack) });
}

async function timed(options: Page, click: () => Promise<void>, text: string): Promise<number> {
  const t = performance.now();
  await click();
  await options.getByTestId('import-result').filter({ hasText: text }).waitFor({ timeout: 300_000 });
  return Math.round(performance.now() - t);
}

/**
 * In the panel: scroll the results to the end a screen at a time (two frames each), recording
 * long tasks. Plain JS source: tsx's helpers must not leak into the page.
 */
const scrollToEnd = (dwellMs: number) => `(async () => {
  const DWELL = ${dwellMs};
  const tasks = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  const box = document.querySelector('.script-scroll');
  box.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 500));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const t = performance.now();
  while (box.scrollTop + box.clientHeight < box.scrollHeight - 2) {
    box.scrollTop += box.clientHeight;
    await frame();
    await frame();
    // DWELL: how long a reader's eye stays on each screen (0 = a fling).
    if (DWELL) await new Promise((r) => setTimeout(r, DWELL));
  }
  // Rows arrive from the background a page at a time: give the last page its moment.
  for (let i = 0; i < 30 && !document.querySelector('[data-script-key="bench.images/i1999"]'); i++) {
    box.scrollTop = box.scrollHeight;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
  observer.disconnect();
  return { ms: performance.now() - t, longest: Math.max(0, ...tasks), count: tasks.length, shown: document.querySelectorAll('.script-thumb img').length, rows: document.querySelectorAll('[data-script-key]').length, last: !!document.querySelector('[data-script-key="bench.images/i1999"]') };
})()`;

const imageHits = (server: PackServer) => server.requests.filter((r) => r.path.startsWith('/bench/images/')).length;

export async function run(): Promise<BenchFigure[]> {
  const images = await makeImages(1, IMAGES);
  const changed = (await makeImages(100_000, 1))[0]!;
  const totalMb = images.reduce((n, i) => n + i.bytes.length, 0) / 1024 / 1024;
  const server = await startPackServer();
  for (const img of [...images, changed])
    server.set(`/bench/images/${imageFileName(img.ref)}`, { kind: 'file', body: img.bytes, type: 'image/png' });
  const refs = images.map((i) => i.ref);
  server.set(PATH, { kind: 'pack', body: await pack('1.1', refs) });
  const h = await launch();
  try {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await options.getByTestId('packs').waitFor();
    await options.getByTestId('subscribe-url').fill(server.url(PATH));
    const subscribeMs = await timed(options, () => options.getByTestId('subscribe-pack').click(), '已订阅');
    const firstHits = imageHits(server);

    server.set(PATH, { kind: 'pack', body: await pack('1.2', [changed.ref, ...refs.slice(1)]) });
    const row = options.locator('[data-testid="packs"] tr[data-pack-id="bench.images"]');
    const before = imageHits(server);
    const syncMs = await timed(options, () => row.getByTestId('sync-now').click(), '已更新到 1.2');
    const syncHits = imageHits(server) - before;

    // The panel: the pack's 2,000 scripts, scrolled to the end a screen at a time.
    const panel = await h.openPanel();
    await panel.setViewportSize({ width: 400, height: 800 });
    await panel.bringToFront();
    // The pack's one situation, picked in the tree: its whole list (a search shows the best 50).
    await panel.locator('.tree-item', { has: panel.locator('.tree-name', { hasText: /^图片基准$/ }) }).click();
    // The list is virtualised: the first row is there; the last comes into being as it scrolls.
    await panel.locator('[data-script-key="bench.images/i0"]').waitFor({ state: 'attached' });
    await panel.waitForTimeout(1000);
    type Scroll = { ms: number; longest: number; count: number; shown: number; rows: number; last: boolean };
    const scroll = (await panel.evaluate(scrollToEnd(0))) as Scroll;
    if (!scroll.last) throw new Error('the panel did not scroll to the last script');
    // An agent reading down the list: each screen stays long enough for its thumbnails to load.
    const reading = (await panel.evaluate(scrollToEnd(250))) as Scroll;
    if (!reading.last) throw new Error('the panel did not scroll to the last script');
    return [
      {
        name: 'images: pack size (2,000 scripts, 500 images)',
        value: Math.round(totalMb * 10) / 10,
        unit: 'MB of images',
      },
      { name: 'images: subscribe, click to confirmation', value: subscribeMs, unit: 'ms' },
      { name: 'images: image requests on subscribe', value: firstHits, unit: 'requests' },
      { name: 'images: sync with one image changed, click to confirmation', value: syncMs, unit: 'ms' },
      { name: 'images: image requests on that sync', value: syncHits, unit: 'requests' },
      {
        name: 'images: panel scroll through 2,000 rows, longest task (target ≤ 50)',
        value: Math.round(scroll.longest),
        unit: 'ms',
      },
      { name: 'images: panel scroll, long tasks', value: scroll.count, unit: 'tasks' },
      {
        name: 'images: panel scroll at reading pace (250 ms a screen, thumbnails drawn), longest task (target ≤ 50)',
        value: Math.round(reading.longest),
        unit: 'ms',
      },
      { name: 'images: panel scroll at reading pace, long tasks', value: reading.count, unit: 'tasks' },
      {
        name: 'images: panel rows rendered / thumbnails holding an object URL at the end',
        value: scroll.rows,
        unit: `rows (${scroll.shown} thumbnails)`,
      },
    ];
  } finally {
    await h.close();
    await server.close();
  }
}
