/**
 * Insertion latency: from the agent's click on a script in the side panel to the script being
 * in the editor's MODEL (read through the editor's own API on each test page), per editor
 * kind, over 50 insertions each; median and p95. Target: p95 under 100 ms.
 *
 * Both ends are stamped in the browser with `performance.timeOrigin + performance.now()`:
 * the click by a capturing listener in the panel, the arrival by a watcher in the editor page
 * that re-reads the model on every DOM mutation and `input` event (and every few ms as a
 * backstop). Needs the built extension (`npm run build`); builds the editor pages itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { asTyped, EDITOR_PAGES, type EditorPage } from '../tests/e2e/editors/catalog';
import { clickScriptInPanel, EXTENSION_DIR, importPack, launch, serveEditorPages } from '../tests/e2e/harness';
import type { BenchFigure } from './types';

const RUNS = 50;
const WARMUP = 3;
const PACK = {
  schemaVersion: 1,
  id: 'bench.insertion',
  name: '插入基准话术',
  version: '1.0.0',
  updatedAt: '2026-11-24T00:00:00+08:00',
  author: 'bench',
  situations: [{ id: 'bench', name: '插入基准', parent: null }],
  scripts: [
    {
      id: 'reply',
      situation: 'bench',
      title: '插入基准两段回复',
      body: '您好，感谢您的耐心等待。\n\n已为您查询到订单，包裹预计明天送达，请保持电话畅通。',
    },
  ],
};
const SCRIPT = PACK.scripts[0]!;

declare global {
  interface Window {
    /** Bench hooks, installed by page.evaluate. */
    __benchClickAt?: number;
    __benchArrival?: Promise<number>;
  }
}

/**
 * Arms a watcher in the editor page: `window.__benchArrival` resolves with the time the model
 * first equals the expected text. Plain JS source: tsx's name-keeping helpers must not leak
 * into the page.
 */
const WATCHER = `(want) => {
  const stamp = () => performance.timeOrigin + performance.now();
  const roots = [document];
  for (const frame of document.querySelectorAll('iframe')) if (frame.contentDocument) roots.push(frame.contentDocument);
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  window.__benchArrival = new Promise((resolve) => {
    const observers = [];
    let timer = 0;
    let done = false;
    const check = () => {
      if (done || window.editorUnderTest.getText() !== want) return;
      done = true;
      const at = stamp();
      for (const o of observers) o.disconnect();
      for (const r of roots) r.removeEventListener('input', soon, true);
      clearInterval(timer);
      resolve(at);
    };
    // Framework models (React state) settle right after the event or mutation that announced them.
    const soon = () => {
      check();
      queueMicrotask(check);
    };
    for (const r of roots) {
      const o = new MutationObserver(soon);
      o.observe(r, { childList: true, subtree: true, characterData: true });
      observers.push(o);
      r.addEventListener('input', soon, true);
    }
    timer = setInterval(check, 4);
  });
}`;

async function armWatcher(page: Page, expected: string) {
  await page.evaluate(`(${WATCHER})(${JSON.stringify(expected)})`);
}

async function clearField(page: Page, field: ReturnType<Page['locator']>) {
  await page.bringToFront();
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => window.editorUnderTest!.getText() === '');
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (i - lo);
}

async function measure(panel: Page, page: Page, ed: EditorPage): Promise<number[]> {
  const field = (ed.inFrame ? page.frameLocator('iframe') : page).locator(ed.field).first();
  const item = panel.locator(`[data-script-key="${PACK.id}/${SCRIPT.id}"] .script-main`);
  const expected = asTyped(ed, SCRIPT.body);
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await clearField(page, field);
    if (i === 0) {
      // The panel names this page as the target once the content script has reported the focus.
      const title = await page.title();
      await panel.getByTestId('target').filter({ hasText: title }).waitFor();
    }
    await armWatcher(page, expected);
    await panel.evaluate(() => (window.__benchClickAt = undefined));
    if (i === 0) await clickScriptInPanel(panel, `${PACK.id}/${SCRIPT.id}`, SCRIPT.title);
    // The list re-renders after every insertion (usage changes the ranking), which Playwright's
    // "stable element" wait turns into a second of idling; the item stays where it is.
    else await item.click({ force: true });
    const arrival = await page.evaluate(
      `Promise.race([window.__benchArrival, new Promise((_, fail) => setTimeout(() => fail(new Error('the script did not arrive in ${ed.page}')), 5000))])`,
    );
    const clickAt = await panel.evaluate(() => window.__benchClickAt);
    if (clickAt === undefined) throw new Error('the panel click was not stamped');
    if (i >= WARMUP) times.push((arrival as number) - clickAt);
  }
  return times;
}

export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  const [h, pages] = await Promise.all([launch(), serveEditorPages()]);
  const figures: BenchFigure[] = [];
  try {
    await importPack(h, PACK);
    const panel = await h.openPanel();
    await panel.evaluate(() =>
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest('[data-script-key]'))
            window.__benchClickAt = performance.timeOrigin + performance.now();
        },
        true,
      ),
    );
    const all: number[] = [];
    for (const ed of EDITOR_PAGES) {
      const page = await h.context.newPage();
      await page.goto(new URL(`${ed.page}.html`, pages.url).href);
      await page.locator('body[data-ready]').waitFor({ state: 'attached' });
      const times = (await measure(panel, page, ed)).sort((a, b) => a - b);
      all.push(...times);
      figures.push(
        { name: `insertion.${ed.page}.median`, value: Number(quantile(times, 0.5).toFixed(1)), unit: 'ms' },
        { name: `insertion.${ed.page}.p95`, value: Number(quantile(times, 0.95).toFixed(1)), unit: 'ms' },
      );
      await page.close();
    }
    all.sort((a, b) => a - b);
    figures.push(
      { name: 'insertion.all.median', value: Number(quantile(all, 0.5).toFixed(1)), unit: 'ms' },
      { name: 'insertion.all.p95', value: Number(quantile(all, 0.95).toFixed(1)), unit: 'ms' },
    );
  } finally {
    await h.close();
    await pages.close();
  }
  return figures;
}
