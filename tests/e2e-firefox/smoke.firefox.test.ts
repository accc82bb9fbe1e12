/**
 * Firefox smoke test: the built MV2 extension (.output/firefox-mv2) in real headless
 * firefox-esr. The agent's first loop: focus the demo console's reply box, open the side panel
 * page, search, click a script → the console's own draft holds exactly that text and its send
 * button posts it. And the options page lists the built-in pack.
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent. HUASHU_FIREFOX_DEBUG=1 prints
 * Firefox's output and every console message, the background's included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { PackInput } from '../../scripts-library/schema';
import { describeFirefox } from './harness';

const pack = JSON.parse(
  readFileSync(new URL('../../scripts-library/packs/default.json', import.meta.url), 'utf8'),
) as PackInput;
const script = pack.scripts.find((s) => !s.body.includes('{') && !s.body.includes('\n'))!;

const text = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);
const draft = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoConsole: { getDraft(): string } }).demoConsole.getDraft());

describeFirefox('smoke', (h) => {
  describe('Firefox smoke test', () => {
    it('the options page lists the built-in pack with all its scripts', async () => {
      const options = await h.openExtensionPage('options.html');
      const row = `[data-testid="packs"] tbody tr[data-pack-id="${pack.id}"]`;
      await expect
        .poll(() =>
          options.evaluate(
            (sel) => [...document.querySelectorAll(`${sel} td`)].slice(0, 4).map((td) => td.textContent),
            row,
          ),
        )
        .toEqual([pack.name, pack.version, expect.any(String), String(pack.scripts.length)]);
      await options.close();
    });

    it('side panel → demo console: inserts exactly the clicked script into the console model, and send posts it', async () => {
      const consolePage = await h.openConsole('?schedule=off');
      await consolePage.click('[data-role="composer"]');

      const panel = await h.openExtensionPage('sidepanel.html');
      await expect.poll(() => text(panel, '[data-testid="target"]')).toContain('将插入到');
      await panel.locator('::-p-aria([role="searchbox"])').fill(script.title);
      await panel.locator(`[data-script-key="${pack.id}/${script.id}"] .script-main`).click();
      await expect.poll(() => text(panel, '[data-testid="notice"]')).toContain('已插入');
      await expect.poll(() => draft(consolePage)).toBe(script.body);

      await consolePage.bringToFront();
      await consolePage.click('[data-role="send"]');
      const lastAgentMessage = () =>
        consolePage.evaluate(
          () =>
            [...document.querySelectorAll('[data-role="message"][data-from="agent"] [data-role="message-text"]')].at(-1)
              ?.textContent ?? null,
        );
      await expect.poll(lastAgentMessage).toBe(script.body);
      expect(await draft(consolePage)).toBe('');
      await panel.close();
      await consolePage.close();
    });
  });
});
