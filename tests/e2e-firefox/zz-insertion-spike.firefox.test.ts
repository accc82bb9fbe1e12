// TEMPORARY spike by the insertion work — not to be committed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, waitForFirstRun, type FirefoxHarness } from './harness';
import { startDemoServer } from '../../tools/serve-demo.mjs';
import { buildEditorPages } from '../../tools/build-editor-pages.mjs';
import { EDITOR_PAGES, asTyped } from '../e2e/editors/catalog';

const PACK = {
  schemaVersion: 1, id: 'e2e.insertion', name: '插入测试话术', version: '1.0.0', updatedAt: '2026-11-24T00:00:00+08:00', author: 'e2e',
  situations: [{ id: 'e2e', name: '插入测试', parent: null }],
  scripts: [
    { id: 'multi', situation: 'e2e', title: '插入测试多行', body: '您好，\n\n感谢您的耐心等待。\n祝您生活愉快！' },
    { id: 'caret', situation: 'e2e', title: '插入测试光标', body: '<img src=x onerror=alert(1)> 您好，{光标}请问还有什么可以帮您？' },
  ],
};
let h: FirefoxHarness;
let pages: { url: string; close(): Promise<void> };
let panel: Page;
beforeAll(async () => {
  const { outDir } = await buildEditorPages();
  pages = await startDemoServer({ port: 0, root: outDir });
  h = await launchFirefox();
  await waitForFirstRun(h);
  const opt = await h.openExtensionPage('options.html');
  const r = await opt.evaluate(async (text) => {
    const ext = (globalThis as any).browser;
    return ext.runtime.sendMessage({ id: 1, type: 'importPackText', data: { text, fileName: 'p.json' }, timestamp: Date.now() });
  }, JSON.stringify(PACK));
  console.log('import', JSON.stringify(r).slice(0, 200));
  await opt.close();
  panel = await h.openExtensionPage('sidepanel.html');
}, 120_000);
afterAll(async () => { await h?.close(); await pages?.close(); });

const results: Record<string, unknown> = {};
for (const ed of EDITOR_PAGES.filter((e) => (process.env.SPIKE_PAGES ?? '').split(',').includes(e.page))) {
  it(ed.page, async () => {
    const page = await h.browser.newPage();
    await page.goto(new URL(`${ed.page}.html`, pages.url).href, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready]');
    await page.bringToFront();
    const get = () => page.evaluate(() => (window as any).editorUnderTest.getText());
    if (ed.inFrame) {
      const frame = page.frames().find((f) => f.url().includes('iframe-inner'))!;
      await frame.click(ed.field);
    } else await page.click(ed.page === 'shadow' ? 'pierce/.field' : ed.field);
    const title = await page.title();
    await expect.poll(() => panel.evaluate(() => document.querySelector('[data-testid="target"]')?.textContent ?? '')).toContain(title);
    const out: Record<string, unknown> = {};
    await panel.locator('::-p-aria([role="searchbox"])').fill('插入测试多行');
    await panel.locator(`[data-script-key="e2e.insertion/multi"] .script-main`).click();
    const want = asTyped(ed, PACK.scripts[0]!.body);
    await expect.poll(get, { timeout: 5000 }).toBe(want).catch(() => undefined);
    out.multi = (await get()) === want ? 'ok' : JSON.stringify(await get());
    await page.bringToFront();
    await page.keyboard.type('X');
    await new Promise((r) => setTimeout(r, 200));
    out.typed = (await get()) === want + 'X' ? 'ok' : JSON.stringify(await get());
    // caret script
    await page.evaluate(() => location.reload());
    await page.waitForSelector('body[data-ready]');
    await page.bringToFront();
    if (ed.inFrame) { const frame = page.frames().find((f) => f.url().includes('iframe-inner'))!; await frame.click(ed.field); } else await page.click(ed.page === 'shadow' ? 'pierce/.field' : ed.field);
    await new Promise((r) => setTimeout(r, 300));
    await panel.locator('::-p-aria([role="searchbox"])').fill('插入测试光标');
    await panel.locator(`[data-script-key="e2e.insertion/caret"] .script-main`).click();
    const ct = PACK.scripts[1]!.body.replace('{光标}', '');
    const ci = PACK.scripts[1]!.body.indexOf('{光标}');
    await expect.poll(get, { timeout: 5000 }).toBe(ct).catch(() => undefined);
    out.caretText = (await get()) === ct ? 'ok' : JSON.stringify(await get());
    await new Promise((r) => setTimeout(r, 300));
    await page.bringToFront();
    await page.keyboard.type('Y');
    await new Promise((r) => setTimeout(r, 200));
    out.caret = (await get()) === ct.slice(0, ci) + 'Y' + ct.slice(ci) ? 'ok' : JSON.stringify(await get());
    out.notice = await panel.evaluate(() => document.querySelector('[data-testid="notice"]')?.textContent ?? '');
    results[ed.page] = out;
    console.log(ed.page, JSON.stringify(out));
    await page.close();
  });
}
