/**
 * Insertion into every kind of console editor in real headless firefox-esr, with the built MV2
 * extension: one Firefox, one side panel tab, one test page per real editor (tests/e2e/editors/,
 * bundled from the pinned npm packages). The agent's path — click into the reply box, click a
 * multi-line script in the side panel — then one typed character must land right after it.
 *
 * In Firefox the extension builds its paste / beforeinput events with the page's own
 * constructors (utils/insertion/input-events.ts); this is what checks the editors accept them.
 * Every check reads the editor's MODEL (`editorUnderTest.getText()`), not the DOM.
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { asTyped, EDITOR_PAGES, type EditorPage } from '../e2e/editors/catalog';
import { clickScriptInPanel, describeFirefox, importPack, serveEditorPages } from './harness';

const PACK_ID = 'e2e.firefox-insertion';
// The Chromium suite's multi-line script: a blank line must survive and nothing may be doubled.
const MULTI = {
  id: 'multi',
  situation: 'e2e',
  title: '插入测试多行',
  body: '您好，\n\n感谢您的耐心等待。\n祝您生活愉快！',
};
const PACK = {
  schemaVersion: 1,
  id: PACK_ID,
  name: '火狐插入测试话术',
  version: '1.0.0',
  updatedAt: '2026-11-24T00:00:00+08:00',
  author: 'e2e',
  situations: [{ id: 'e2e', name: '插入测试', parent: null }],
  scripts: [MULTI],
};

const text = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);

let pages: { url: string; close(): Promise<void> };
let panel: Page;
describeFirefox(
  'insertion',
  {
    async setup(h) {
      pages = await serveEditorPages();
      await importPack(h, PACK);
      panel = await h.openExtensionPage('sidepanel.html');
    },
  },
  (h) => {
    afterAll(async () => {
      await pages?.close();
    });

    interface OpenEditor {
      page: Page;
      field: ElementHandle<Element>;
      getText(): Promise<string>;
      errors: string[];
    }

    async function openEditor(ed: EditorPage): Promise<OpenEditor> {
      const page = await h.browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
      await page.goto(new URL(`${ed.page}.html`, pages.url).href, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready]', { timeout: 15_000 }).catch(() => {
        throw new Error(`${ed.page}.html did not start: ${errors.join('; ') || 'no error reported'}`);
      });
      let scope: Page | Frame = page;
      if (ed.inFrame) {
        const frameElement = await page.waitForSelector('iframe');
        const frame = await frameElement!.contentFrame();
        if (!frame) throw new Error(`${ed.page}.html: no iframe content`);
        scope = frame;
      }
      // `>>>` goes through open shadow roots, as Playwright's CSS does in the Chromium suite.
      const field = await scope.waitForSelector(`>>> ${ed.field}`, { timeout: 15_000 });
      if (!field) throw new Error(`${ed.page}.html: no ${ed.field}`);
      return { page, field, getText: () => page.evaluate(() => window.editorUnderTest!.getText()), errors };
    }

    /** The agent clicks into the reply box; the panel then names this page as where scripts go. */
    async function focusField(e: OpenEditor) {
      await e.page.bringToFront();
      await e.field.click();
      const title = await e.page.title();
      await expect.poll(() => text(panel, '[data-testid="target"]')).toContain(title);
    }

    describe.each(EDITOR_PAGES)('Firefox: $page', (ed) => {
      it('inserts a multi-line script as exactly its lines, and the caret follows it', async () => {
        const e = await openEditor(ed);
        try {
          const expected = asTyped(ed, MULTI.body);
          await focusField(e);
          await clickScriptInPanel(panel, `${PACK_ID}/${MULTI.id}`, MULTI.title);
          await expect.poll(e.getText).toBe(expected);

          await e.page.bringToFront();
          await e.page.keyboard.type('X');
          await expect.poll(e.getText).toBe(`${expected}X`);
          expect(e.errors).toEqual([]);
        } finally {
          await e.page.close();
        }
      });
    });
  },
);
