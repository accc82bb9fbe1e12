/**
 * Script pictures in real headless firefox-esr with the built MV2 extension. The paste that
 * carries the picture is made with the page's own constructors (utils/insertion/input-events.ts:
 * Gecko lets a page read only clipboard data its own world wrote), so this is what checks that a
 * console's paste handler gets the File in Firefox:
 * - the demo console, from the palette (Alt+K, Enter) and from the side panel: the picture
 *   arrives as a pasted attachment and goes out with the message;
 * - the textarea page, which ignores pasted files: the text goes in and the picture goes on
 *   the clipboard (Firefox's `navigator.clipboard.write` with an image/png ClipboardItem, from
 *   the page after the palette's Enter, from the panel after its click), and we say so. Headless
 *   Firefox's clipboard keeps text only, so the picture cannot be pasted back here to compare.
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts tests/e2e-firefox/images.firefox.test.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PICTURE_PACK_ID, picturePack } from '../e2e/picture-pack';
import { clickScriptInPanel, describeFirefox, importPack, serveEditorPages } from './harness';

let pages: { url: string; close(): Promise<void> };
let panel: Page;

const text = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);
const attachments = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('[data-role="attachment"]')].map((i) => ({
      alt: i.getAttribute('alt'),
      width: i.naturalWidth,
    })),
  );
const draft = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoConsole: { getDraft(): string } }).demoConsole.getDraft());
const settle = () => new Promise((r) => setTimeout(r, 400));

async function openPalette(page: Page) {
  await page.keyboard.down('Alt');
  await page.keyboard.press('KeyK');
  await page.keyboard.up('Alt');
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-huashu-ui]') !== null)).toBe(true);
}

describeFirefox(
  'images',
  {
    async setup(h) {
      pages = await serveEditorPages();
      await importPack(h, (await picturePack()).pack);
      panel = await h.openExtensionPage('sidepanel.html');
      // The background's index has the new scripts (a cold Firefox builds it slowly): the
      // palette's first search then answers within a keystroke's round trip.
      await panel
        .locator('::-p-aria([role="searchbox"])')
        .setWaitForStableBoundingBox(false)
        .setEnsureElementIsInTheViewport(false)
        .fill('尺码表图片');
      await panel.waitForSelector(`[data-script-key="${PICTURE_PACK_ID}/chart"]`, { timeout: 30_000 });
    },
  },
  (h) => {
    afterAll(async () => {
      await pages?.close();
    });

    describe('Firefox: demo console', () => {
      it('palette: Enter pastes the picture as an attachment with the text, and it is sent', async () => {
        const page = await h.openConsole('?schedule=off');
        await page.click('[data-role="composer"]');
        await openPalette(page);
        await page.keyboard.type('尺码表图片');
        await settle();
        await page.keyboard.press('Enter');
        await expect.poll(() => draft(page)).toBe('亲，这是我们的尺码表，请参考一下哦');
        await expect.poll(() => attachments(page)).toEqual([{ alt: '尺码表.png', width: 240 }]);
        await page.click('[data-role="send"]');
        await expect
          .poll(() =>
            page.evaluate(() =>
              [
                ...document.querySelectorAll<HTMLImageElement>(
                  '[data-role="message"][data-from="agent"]:last-child [data-role="message-image"]',
                ),
              ].map((i) => i.naturalWidth),
            ),
          )
          .toEqual([240]);
        await page.close();
      });

      it('side panel: a picture-only script pastes only its picture', async () => {
        const page = await h.openConsole('?schedule=off');
        await page.click('[data-role="composer"]');
        // The console's title counts unread messages: match the part that stays.
        await expect.poll(() => text(panel, '[data-testid="target"]')).toContain('话术助手演示');
        await clickScriptInPanel(panel, `${PICTURE_PACK_ID}/card`, '退货地址卡片');
        await expect.poll(() => attachments(page)).toEqual([{ alt: '退货地址卡.png', width: 200 }]);
        expect(await draft(page)).toBe('');
        await expect.poll(() => text(panel, '[data-testid="notice"]')).toContain('附件');
        await page.close();
      });
    });

    describe('Firefox: a page that ignores pasted files', () => {
      it('palette in the textarea page: the text goes in, the picture onto the clipboard', async () => {
        const page = await h.browser.newPage();
        await page.goto(new URL('textarea.html', pages.url).href, { waitUntil: 'load' });
        await page.waitForSelector('body[data-ready]');
        await page.click('textarea');
        await openPalette(page);
        await page.keyboard.type('尺码表图片');
        await settle();
        await page.keyboard.press('Enter');
        await expect
          .poll(() => page.evaluate(() => window.editorUnderTest!.getText()))
          .toBe('亲，这是我们的尺码表，请参考一下哦');
        // Our note beside the reply box (its text is in a closed root the page cannot read).
        await expect
          .poll(() => page.evaluate(() => document.querySelector('[data-huashu-ui="notice"]') !== null))
          .toBe(true);

        await page.close();
      });

      it('side panel into the textarea page: the text goes in, the panel puts the picture on the clipboard and says so', async () => {
        const page = await h.browser.newPage();
        await page.goto(new URL('textarea.html', pages.url).href, { waitUntil: 'load' });
        await page.waitForSelector('body[data-ready]');
        await page.click('textarea');
        await expect.poll(() => text(panel, '[data-testid="target"]')).toContain(await page.title());
        await clickScriptInPanel(panel, `${PICTURE_PACK_ID}/chart`, '尺码表图片');
        await expect
          .poll(() => page.evaluate(() => window.editorUnderTest!.getText()))
          .toBe('亲，这是我们的尺码表，请参考一下哦');
        await expect.poll(() => text(panel, '[data-testid="notice"]')).toContain('图片已复制，请在输入框粘贴');
        await page.close();
      });
    });
  },
);
