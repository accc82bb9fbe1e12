/**
 * The product at scale, in real Chromium with the built extension (`npm run bench -- scale`):
 * a team sheet of N scripts (the search benchmark's synthetic library) goes in through the
 * options page's import wizard, then the real side panel page is driven:
 *
 * - import: from choosing the file to 已导入 (mapping, preview, confirm), and the longest task
 *   of the options page meanwhile;
 * - the panel opened with an empty query: the longest task in the 3 s after its list shows;
 * - typing every prefix of the labeled queries: from the input event to the frame after the
 *   list answering that prefix (`data-query` on the list) was rendered — p50, p95;
 * - the panel opened with the background stopped: first results, from navigation start;
 * - the background's JS heap with the index (after a garbage collection).
 *
 * Sizes: `--panel-sizes=50k,200k` (default both). Long tasks are the browser's own (≥ 50 ms):
 * a longest task of 0 means none.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_DIR, launch } from '../tests/e2e/harness';
import { LABELED_QUERIES } from '../tests/unit/search/relevance-set';
import { loadDefaultPack } from '../scripts-library/default-pack';
import { teamSheet } from './pack-import';
import type { BenchFigure } from './types';

function sizesFromArgs(argv: string[]): number[] {
  const arg = argv.find((a) => a.startsWith('--panel-sizes='));
  if (!arg) return [50_000, 200_000];
  return arg
    .slice('--panel-sizes='.length)
    .split(',')
    .map((s) => Math.round(parseFloat(s) * (/k$/i.test(s) ? 1000 : 1)))
    .filter((n) => n > 0);
}

/** Collects long tasks from the start of the page. */
const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (t) =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
          .filter((e) => e.start + e.duration >= t)
          .map((e) => e.duration),
      ),
    since,
  );
}

const now = (page: Page) => page.evaluate(() => performance.now());
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** The background's JS heap in use, after a collection, over CDP (a worker has no performance.memory). */
async function backgroundHeap(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!sw) throw new Error('background service worker not found');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as {
    sessionId: string;
  };
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, number>>((resolve) => {
      const msgId = ++id;
      const onMessage = (e: { sessionId: string; message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
        if (e.sessionId === sessionId && m.id === msgId) {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(m.result ?? {});
        }
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: msgId, method, params }),
      });
    });
  await call('HeapProfiler.collectGarbage');
  const { usedSize } = await call('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize ?? NaN;
}

/**
 * A team sheet that fills the library to `size` scripts with what is installed already (the
 * default pack): at the cap exactly, an import one script more is refused.
 */
async function importThroughWizard(
  options: Page,
  size: number,
): Promise<{ ms: number; longest: number; steps: { read: number; preview: number; install: number } }> {
  // From a file on disk, as an agent picks it: a buffer would be decoded from base64 inside the
  // page (seconds of the page's time at this size that no agent's import costs).
  const file = join(mkdtempSync(join(tmpdir(), 'huashu-bench-')), `team-${size}.xlsx`);
  writeFileSync(file, await teamSheet(size - loadDefaultPack().scripts.length));
  await options.getByTestId('wizard-file').waitFor();
  const start = await now(options);
  const t = performance.now();
  await options.getByTestId('wizard-file').setInputFiles(file);
  await options.getByTestId('wizard-to-preview').click({ timeout: 120_000 });
  const read = performance.now() - t;
  await options.getByLabel('话术包名称').fill(`基准 ${size}`);
  await options
    .getByTestId('wizard-confirm')
    .click({ timeout: 120_000 })
    .catch(async (e: unknown) => {
      // Say why the wizard would not import (its errors and notices), not only that it did not.
      const said = await options
        .locator('#import-export')
        .innerText()
        .catch(() => '');
      throw new Error(
        `the wizard did not offer to import ${size} scripts: ${said.slice(0, 600)} (${String(e).slice(0, 80)})`,
      );
    });
  const preview = performance.now() - t - read;
  const said = await options.getByTestId('wizard-result').innerText({ timeout: 300_000 });
  const ms = performance.now() - t;
  if (!said.includes('已导入')) throw new Error(`the wizard did not import ${size} scripts: ${said.slice(0, 600)}`);
  return {
    ms,
    longest: await longestTaskSince(options, start),
    steps: { read, preview, install: ms - read - preview },
  };
}

/**
 * The options page opened with the library at the cap: until the editor lists scripts (from
 * navigation start), then scrolled to the last script and filtered; the page's longest task over
 * all of it (the editor pages the library through its worker: the page never holds it).
 */
async function editorAtScale(
  context: BrowserContext,
  extensionId: string,
): Promise<{ firstRows: number; longest: number; scrolledToEnd: number }> {
  const options = await context.newPage();
  await options.addInitScript(LONG_TASKS);
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const row = options.locator('[data-testid=editor-list] [data-script-key]').first();
  await row.waitFor({ timeout: 120_000 });
  const firstRows = await now(options);
  const t = performance.now();
  await options.locator('.editor-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  // The last row of the list with its script in it: its window arrived and was rendered.
  await options.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('[data-testid=editor-list] li[data-index]')];
      const total = Number(document.querySelector('#scripts .tree-item .tree-count')?.textContent);
      return rows.some((r) => Number(r.getAttribute('data-index')) === total - 1 && r.hasAttribute('data-script-key'));
    },
    undefined,
    { timeout: 60_000 },
  );
  const scrolledToEnd = performance.now() - t;
  await options.getByLabel('筛选标题、内容或快捷码').fill('退货');
  await options.locator('[data-testid=editor-list] [data-script-key]').first().waitFor({ timeout: 60_000 });
  await options.waitForTimeout(1000);
  const longest = await longestTaskSince(options, 0);
  await options.close();
  return { firstRows, longest, scrolledToEnd };
}

/** Opens the panel; resolves when its list shows scripts, with that moment in page time. */
async function openPanel(context: BrowserContext, extensionId: string): Promise<{ panel: Page; firstResults: number }> {
  const panel = await context.newPage();
  await panel.addInitScript(LONG_TASKS);
  await panel.addInitScript(() => {
    const w = window as unknown as { __firstResults?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('main.results [data-script-key]')) {
        w.__firstResults = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.waitForFunction(
    () => (window as unknown as { __firstResults?: number }).__firstResults !== undefined,
    undefined,
    { timeout: 120_000 },
  );
  return {
    panel,
    firstResults: await panel.evaluate(() => (window as unknown as { __firstResults: number }).__firstResults),
  };
}

/** Every prefix of every labeled query, typed into the panel's search box. */
async function typing(panel: Page): Promise<number[]> {
  // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
  await panel.evaluate(`(() => {
    const box = document.querySelector('input[type=search]');
    let inputAt = 0;
    box.addEventListener('input', () => (inputAt = performance.now()), true);
    window.__typed = (q) => new Promise((resolve) => {
      // The frame that shows it: after the next animation frame, once it has been painted.
      const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - inputAt), 0));
      const shown = () => document.querySelector('main.results')?.getAttribute('data-query') === q;
      if (shown()) return done();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        done();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  })()`);
  const box = panel.getByRole('searchbox');
  const times: number[] = [];
  for (const { q } of LABELED_QUERIES) {
    const chars = [...q];
    for (let i = 1; i <= chars.length; i++) {
      const prefix = chars.slice(0, i).join('');
      const waiting = panel.evaluate(
        (p) => (window as unknown as { __typed: (q: string) => Promise<number> }).__typed(p),
        prefix,
      );
      await box.fill(prefix);
      times.push(await waiting);
    }
    await box.fill('');
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error('Build the extension first (npm run build:chrome)');
  const figures: BenchFigure[] = [];
  for (const size of sizesFromArgs(process.argv)) {
    const label = `panel.${size / 1000}k`;
    const add = (name: string, value: number, unit: string) =>
      figures.push({ name: `${label}.${name}`, value: Number(value.toFixed(2)), unit });
    const h = await launch();
    try {
      const options = await h.context.newPage();
      await options.addInitScript(LONG_TASKS);
      await options.goto(`chrome-extension://${h.extensionId}/options.html`);
      const imported = await importThroughWizard(options, size);
      add('import-wizard', imported.ms, 'ms');
      add('import-wizard.longest-task', imported.longest, 'ms');
      add('import-wizard.read-to-mapping', imported.steps.read, 'ms');
      add('import-wizard.preview', imported.steps.preview, 'ms');
      add('import-wizard.install', imported.steps.install, 'ms');
      await options.close();
      const editor = await editorAtScale(h.context, h.extensionId);
      add('options.editor.first-rows', editor.firstRows, 'ms');
      add('options.editor.scrolled-to-end', editor.scrolledToEnd, 'ms');
      add('options.editor.longest-task', editor.longest, 'ms');

      // The background builds (or restores) its index once the import lands; the panel waits for it.
      let { panel, firstResults } = await openPanel(h.context, h.extensionId);
      add('open.first-results (background running)', firstResults, 'ms');
      const settled = (await now(panel)) + 1000;
      await panel.waitForTimeout(4000);
      add('open.empty-query.longest-task-after-settling', await longestTaskSince(panel, settled), 'ms');

      const times = await typing(panel);
      add('typing.input-to-painted.p50', quantile(times, 0.5), 'ms');
      add('typing.input-to-painted.p95', quantile(times, 0.95), 'ms');
      add('typing.prefixes', times.length, 'count');
      add('background.heap', (await backgroundHeap(h.context, panel)) / 2 ** 20, 'MB');

      // The background stopped (as Chrome does after 30 s idle): the panel wakes it.
      const cdp = await h.context.newCDPSession(panel);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await panel.close();
      ({ panel, firstResults } = await openPanel(h.context, h.extensionId));
      add('open.first-results (background stopped)', firstResults, 'ms');
      await panel.close();
    } finally {
      await h.close();
    }
  }
  return figures;
}

// `node --import tsx bench/panel-scale.ts --panel-sizes=50k` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await run()) console.log(`${f.name}: ${f.value} ${f.unit}`);
}
