/**
 * The palette and the inline trigger in real headless firefox-esr with the built MV2 extension:
 * on the demo console, the in-page hotkey opens the palette, the agent types a shortcut code and
 * Enter puts the script into the console's own draft; `/code` + Enter in the reply box does the
 * same inline and removes the trigger. Checks read the console's model (`demoConsole.getDraft()`).
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts tests/e2e-firefox/palette.firefox.test.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { PackInput } from '../../scripts-library/schema';
import { describeFirefox } from './harness';

const pack = JSON.parse(readFileSync(new URL('../../scripts-library/packs/default.json', import.meta.url), 'utf8')) as PackInput;
const byCode = (code: string) => pack.scripts.find((s) => s.shortcut === code)!;
const draft = (page: Page) => page.evaluate(() => (window as unknown as { demoConsole: { getDraft(): string } }).demoConsole.getDraft());
const sent = (page: Page) => page.evaluate(() => [...document.querySelectorAll('[data-role="message"][data-from="agent"] [data-role="message-text"]')].map((e) => e.textContent));

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
});
