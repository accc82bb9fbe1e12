/**
 * The palette and the inline trigger in real headless firefox-esr with the built MV2 extension:
 * on the demo console, the in-page hotkey opens the palette, the agent types a shortcut code and
 * Enter puts the script into the console's own draft; `/code` + Enter in the reply box does the
 * same inline and removes the trigger. Checks read the console's model (`demoConsole.getDraft()`),
 * and on the editor test pages the editor's own model (`editorUnderTest.getText()`).
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts tests/e2e-firefox/palette.firefox.test.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import type { PackInput } from '../../scripts-library/schema';
import { EDITOR_PAGES } from '../e2e/editors/catalog';
import { describeFirefox, serveEditorPages } from './harness';

const pack = JSON.parse(
  readFileSync(new URL('../../scripts-library/packs/default.json', import.meta.url), 'utf8'),
) as PackInput;
const byCode = (code: string) => pack.scripts.find((s) => s.shortcut === code)!;
const draft = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoConsole: { getDraft(): string } }).demoConsole.getDraft());
const sent = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-role="message"][data-from="agent"] [data-role="message-text"]')].map(
      (e) => e.textContent,
    ),
  );

describeFirefox('palette', (h) => {
  describe('Firefox palette', () => {
    it('Alt+K opens the palette in the console; typing /th1 and Enter inserts into the draft, nothing is sent', async () => {
      const page = await h.openConsole('?schedule=off');
      await page.click('[data-role="composer"]');
      await page.keyboard.type('您好，');
      await new Promise((r) => setTimeout(r, 300));
      const before = await sent(page);
      await page.keyboard.down('Alt');
      await page.keyboard.press('KeyK');
      await page.keyboard.up('Alt');
      await expect.poll(() => page.evaluate(() => document.querySelector('[data-huashu-ui]') !== null)).toBe(true);
      await page.keyboard.type('/th1');
      // The list answers per keystroke; give the last one its round trip.
      await new Promise((r) => setTimeout(r, 400));
      await page.keyboard.press('Enter');
      await expect.poll(() => draft(page)).toBe(`您好，${byCode('th1').body}`);
      expect(await page.evaluate(() => document.querySelector('[data-huashu-ui]'))).toBeNull();
      expect(await sent(page)).toEqual(before);
      await page.close();
    });

    it('inline: /th4 then Enter replaces the trigger with the script', async () => {
      const page = await h.openConsole('?schedule=off');
      await page.click('[data-role="composer"]');
      await page.keyboard.type('亲，/th4');
      await expect.poll(() => page.evaluate(() => document.querySelector('[data-huashu-ui]') !== null)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      await page.keyboard.press('Enter');
      await expect.poll(() => draft(page)).toBe(`亲，${byCode('th4').body}`);
      await page.close();
    });
  });

  // The editors the Chromium suite covers too, here with Firefox's own editing and key events.
  // Our list sits in a closed shadow root the page cannot read: its host appearing is what the
  // tests can see, and the last keystroke's search gets its round trip before Enter.
  describe('Firefox palette and inline list in each kind of editor', () => {
    let pages: { url: string; close(): Promise<void> };
    const uiOpen = (page: Page) => page.evaluate(() => document.querySelector('[data-huashu-ui]') !== null);
    const settle = () => new Promise((r) => setTimeout(r, 400));
    afterAll(async () => {
      await pages?.close();
    });

    async function openEditor(name: string) {
      pages ??= await serveEditorPages();
      const ed = EDITOR_PAGES.find((p) => p.page === name)!;
      const page = await h.browser.newPage();
      await page.goto(new URL(`${ed.page}.html`, pages.url).href, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready]', { timeout: 15_000 });
      let scope: Page | Frame = page;
      if (ed.inFrame) scope = (await (await page.waitForSelector('iframe'))!.contentFrame())!;
      const field = (await scope.waitForSelector(`>>> ${ed.field}`, { timeout: 15_000 })) as ElementHandle<Element>;
      await page.bringToFront();
      await field.click();
      return { page, getText: () => page.evaluate(() => window.editorUnderTest!.getText()) };
    }

    describe.each(['textarea', 'contenteditable', 'prosemirror', 'lexical', 'slate', 'shadow'])('%s', (name) => {
      it('inline: 好的 /马上查询 then Enter puts the script in the editor model in place of the trigger', async () => {
        const e = await openEditor(name);
        await e.page.keyboard.type('好的 /马上查询');
        await expect.poll(() => uiOpen(e.page)).toBe(true);
        await settle();
        await e.page.keyboard.press('Enter');
        await expect.poll(e.getText).toBe(`好的 ${byCode('sd1').body}`);
        expect(await uiOpen(e.page)).toBe(false);
        await e.page.close();
      });

      it('palette: Alt+K, /qtxy1, Enter inserts where the caret was', async () => {
        const e = await openEditor(name);
        await e.page.keyboard.type('您好');
        await settle();
        await e.page.keyboard.down('Alt');
        await e.page.keyboard.press('KeyK');
        await e.page.keyboard.up('Alt');
        await expect.poll(() => uiOpen(e.page)).toBe(true);
        await e.page.keyboard.type('/qtxy1');
        await settle();
        await e.page.keyboard.press('Enter');
        await expect.poll(e.getText).toBe(`您好${byCode('qtxy1').body}`);
        expect(await uiOpen(e.page)).toBe(false);
        await e.page.close();
      });
    });
  });
});
