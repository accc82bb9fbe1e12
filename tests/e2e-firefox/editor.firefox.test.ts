/**
 * The options page's script editor in real headless firefox-esr with the built MV2 extension:
 * a team lead's pack is imported; the agent edits one of its scripts, which is saved as a
 * personal copy; the side panel's search then shows that copy (with the new text) instead of
 * the pack's original, and the pack row itself is untouched. A team lead's xlsx goes through the
 * import wizard, whose session reads and writes in a Web Worker.
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts tests/e2e-firefox/editor.firefox.test.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import writeXlsxFile from 'write-excel-file/universal';
import { describeFirefox, importPack } from './harness';
import { readStoredScripts } from '../e2e/stored-scripts';

const ORIGINAL = '您好，现在是夜间值班时间，我会先记录您的问题。';
const EDITED = '您好，现在是夜间值班时间，您的问题我已记下，明早 9 点前给您答复。';
const teamPack = {
  schemaVersion: 1,
  id: 'e2e.ff-team',
  name: '火狐售后组',
  version: '1.0.0',
  updatedAt: '2026-11-20T00:00:00Z',
  author: '售后组长',
  situations: [{ id: 'open', name: '开场', parent: null, order: 1 }],
  scripts: [
    { id: 'night', situation: 'open', title: '夜间接待', body: ORIGINAL, shortcut: 'yj' },
    { id: 'paid', situation: 'open', title: '支付失败', body: '请您换一种支付方式再试一次，或稍后重试。' },
  ],
};
const ORIGINAL_KEY = `${teamPack.id}/night`;

/** Every stored script, read in one of the extension's pages. */
const storedScripts = (page: Page) => page.evaluate(readStoredScripts);

const text = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);

describeFirefox('editor', { setup: (h) => importPack(h, teamPack) }, (h) => {
  describe('Firefox script editor', () => {
    it('an edit of a pack script becomes a personal copy that the panel search shows instead of the original', async () => {
      const options = await h.openExtensionPage('options.html');
      await options.bringToFront();
      await options.locator('::-p-aria([name="筛选标题、内容或快捷码"])').fill('夜间接待');
      await options.locator(`[data-testid="editor-list"] [data-script-key="${ORIGINAL_KEY}"] .script-main`).click();
      await expect
        .poll(() => options.evaluate(() => document.querySelector<HTMLTextAreaElement>('#script-body')?.value ?? null))
        .toBe(ORIGINAL);
      await options.locator('#script-body').fill(EDITED);
      await options.locator('[data-testid="editor-save"]').click();
      await expect.poll(() => text(options, '[data-testid="editor-message"]')).toContain('个人版本');

      const stored = await storedScripts(options);
      const copy = stored.find((s) => s.packId === 'personal' && s.title === '夜间接待');
      expect(copy?.body).toBe(EDITED);
      // The pack row itself is untouched (a sync would overwrite it).
      expect(stored.find((s) => s.key === ORIGINAL_KEY)?.body).toBe(ORIGINAL);
      await options.close();

      const panel = await h.openExtensionPage('sidepanel.html');
      await panel.bringToFront();
      await panel.locator('::-p-aria([role="searchbox"])').fill('夜间接待');
      await expect.poll(() => text(panel, `[data-script-key="${copy!.key}"] .script-body`)).toBe(EDITED);
      expect(
        await panel.evaluate((k) => document.querySelectorAll(`[data-script-key="${k}"]`).length, ORIGINAL_KEY),
      ).toBe(0);
      // The shortcut still finds it, and still the personal copy.
      await panel.locator('::-p-aria([role="searchbox"])').fill('/yj');
      await expect.poll(() => text(panel, `[data-script-key="${copy!.key}"] .script-body`)).toBe(EDITED);
      expect(
        await panel.evaluate((k) => document.querySelectorAll(`[data-script-key="${k}"]`).length, ORIGINAL_KEY),
      ).toBe(0);
      await panel.close();
    });

    it('a team lead’s xlsx goes through the import wizard, read and written by its worker', async () => {
      const rows = [
        ['一级分类', '标题', '话术内容', '快捷编码'],
        ['物流', '火狐查件', '您好[客户姓名]先生/女士，您的包裹已在路上。', 'hhcj'],
        ['物流', '火狐催发', '非常抱歉让您久等，已为您催促仓库。', 'hhcf'],
      ].map((r) => r.map((value) => ({ value, type: String })));
      const xlsx = Buffer.from(await (await writeXlsxFile(rows).toBlob()).arrayBuffer()).toString('base64');
      const options = await h.openExtensionPage('options.html');
      await options.bringToFront();
      await options.waitForSelector('[data-testid="wizard-file"]');
      // The file as the browser's file picker hands it over: a File on the input, then `change`.
      await options.evaluate((b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const input = document.querySelector<HTMLInputElement>('[data-testid="wizard-file"]')!;
        const dt = new DataTransfer();
        dt.items.add(
          new File([bytes], 'ff-team.xlsx', {
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          }),
        );
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, xlsx);
      await options.waitForSelector('[data-testid="wizard-mapping"]');
      expect(
        await options.evaluate(() => document.querySelector<HTMLSelectElement>('[data-testid="wizard-map-2"]')!.value),
      ).toBe('body');
      await options.locator('[data-testid="wizard-to-preview"]').click();
      await options.waitForSelector('[data-testid="wizard-preview-rows"]');
      expect(await text(options, '[data-testid="wizard-preview-rows"]')).toContain('{客户称呼}');
      await options.locator('[data-testid="wizard-confirm"]').click();
      await expect.poll(() => text(options, '[data-testid="wizard-result"]')).toContain('已导入');
      const stored = (await storedScripts(options)).filter((s) => s.title.startsWith('火狐'));
      expect(stored.map((s) => s.body).sort()).toEqual([
        '您好{客户称呼}，您的包裹已在路上。',
        '非常抱歉让您久等，已为您催促仓库。',
      ]);
      await options.close();

      // The panel (another page) sees what the worker wrote.
      const panel = await h.openExtensionPage('sidepanel.html');
      await panel.bringToFront();
      await panel.locator('::-p-aria([role="searchbox"])').fill('/hhcj');
      await expect.poll(() => text(panel, '[data-script-key] .script-body')).toBe('您好{客户称呼}，您的包裹已在路上。');
      await panel.close();
    });
  });
});
