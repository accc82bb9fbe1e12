/**
 * Suggested replies in real headless firefox-esr with the built MV2 extension: the customer
 * writes on the demo console that an item arrived broken; the side panel (opened as a tab, the
 * console keeps focus) suggests a quality / transit-damage script first, and one click puts it
 * into the console's own draft (`demoConsole.getDraft()`).
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts tests/e2e-firefox/suggest.firefox.test.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'puppeteer-core';
import { describeFirefox } from './harness';

const BROKEN = '台灯今天到了 灯罩碎成好几块 底座也裂了😭';
/** The situations an agent expects for a broken item (their names in the default pack). */
const DAMAGE = /质量问题|物流损坏/;

const demo = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    (f, a) =>
      (window as unknown as { demoConsole: Record<string, (...x: unknown[]) => unknown> }).demoConsole[f]!(...a),
    fn,
    args,
  ) as Promise<T>;
const text = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);
/** The panel tab sits behind the console, where Firefox runs no animation frames: skip the stable-box wait. */
const quick = (l: Locator<Element>) => l.setWaitForStableBoundingBox(false).setEnsureElementIsInTheViewport(false);

describeFirefox('suggestions', (h) => {
  describe('Firefox suggested replies', () => {
    it('puts a quality / transit-damage script first for a broken item; a click inserts it into the console draft', async () => {
      const consolePage = await h.openConsole('?schedule=off');
      // A conversation about a refund, so the damage has to come from the new message itself.
      await demo(consolePage, 'openConversation', 'c1003');
      await consolePage.click('[data-role="composer"]');
      const panel = await h.openExtensionPage('sidepanel.html');
      await expect.poll(() => text(panel, '[data-testid="target"]')).toContain('将插入到');
      await consolePage.bringToFront();

      const id = await demo<string>(consolePage, 'pushCustomerMessage', 'c1003', BROKEN);
      const block = `[data-testid="suggestions"][data-for-message="${id}"]`;
      const first = `${block} li.suggestion:first-of-type`;
      await expect.poll(() => text(panel, `${first} .script-situation`), { timeout: 10_000 }).toMatch(DAMAGE);
      expect(await text(panel, `${block} [data-testid="suggested-situations"]`)).toMatch(DAMAGE);
      const body = (await text(panel, `${first} .script-body`))!;
      expect(body).not.toBe('');

      await quick(panel.locator(`${first} .script-main`)).click();
      // Some scripts ask for a value first ({商品}): fill it as the agent would.
      const formShown = () => panel.evaluate(() => document.querySelector('form.placeholder-form') !== null);
      await expect
        .poll(async () => (await demo<string>(consolePage, 'getDraft')) !== '' || (await formShown()))
        .toBe(true);
      if ((await demo<string>(consolePage, 'getDraft')) === '') {
        const names = await panel.evaluate(() =>
          [...document.querySelectorAll('form.placeholder-form input[data-placeholder-name]')].map((i) =>
            i.getAttribute('data-placeholder-name')!,
          ),
        );
        for (const name of names)
          await quick(panel.locator(`form.placeholder-form input[data-placeholder-name="${name}"]`)).fill('台灯');
        await quick(panel.locator('form.placeholder-form button[type="submit"]')).click();
      }
      const expected = body.replace(/\{[^}]+\}/g, '台灯');
      await expect.poll(() => demo<string>(consolePage, 'getDraft')).toContain(expected.slice(0, 12));
      await expect.poll(() => text(panel, '[data-testid="notice"]')).toContain('已插入');

      // Firefox MV2 has storage.session too: the customer's words sit only there (cleared when
      // the browser closes), never in local storage.
      const area = (name: 'session' | 'local') =>
        panel.evaluate(async (n) => {
          const ext = (
            globalThis as unknown as { browser: { storage: Record<string, { get(k: null): Promise<object> }> } }
          ).browser;
          return JSON.stringify(await ext.storage[n]!.get(null));
        }, name);
      expect(await area('session')).toContain('灯罩碎成好几块');
      expect(await area('local')).not.toContain('灯罩');
      await panel.close();
      await consolePage.close();
    });
  });
});
