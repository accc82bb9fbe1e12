/**
 * The options page's script editor and import/export wizard, in Chromium with the built extension:
 * a team lead's spreadsheet goes in through the wizard, edits of pack scripts become personal
 * copies the panel finds instead of the originals, locked packs are copy-only, and a CSV export
 * imports back to the same scripts.
 */
import type { Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack, launch, type Harness } from './harness';
import { readUi } from './our-ui';
import { readStoredScripts } from './stored-scripts';

const base = { schemaVersion: 1, version: '1.0.0', updatedAt: '2026-11-20T00:00:00Z', author: '售后组长' };
const teamPack = {
  ...base,
  id: 'e2e.team',
  name: 'E2E 售后组',
  situations: [
    { id: 'open', name: '开场', parent: null, order: 1 },
    { id: 'pay', name: '支付', parent: null, order: 2 },
  ],
  scripts: [
    {
      id: 'night',
      situation: 'open',
      title: '夜间接待',
      body: '您好，现在是夜间值班时间，我会先记录您的问题。',
      shortcut: 'yj',
      keywords: ['晚上', '夜里'],
      purpose: '夜班接待',
    },
    {
      id: 'refund',
      situation: 'pay',
      title: '退款进度',
      body: '退款已提交，预计 3-5 个工作日原路退回，请{客户称呼}留意。',
      shortcut: 'tkjd',
      tags: ['退款'],
    },
    { id: 'paid', situation: 'pay', title: '支付失败', body: '请您换一种支付方式再试一次，或稍后重试。' },
  ],
};
const lockedPack = {
  ...base,
  id: 'e2e.locked',
  name: 'E2E 质检标准',
  locked: true,
  situations: [{ id: 'std', name: '标准用语', parent: null, order: 1 }],
  scripts: [
    { id: 'std1', situation: 'std', title: '质检标准开场', body: '您好，很高兴为您服务，请问有什么可以帮您？' },
  ],
};

let h: Harness;
let options: Page;

beforeAll(async () => {
  h = await launch();
  await importPack(h, teamPack);
  await importPack(h, lockedPack);
  options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options.getByTestId('editor').waitFor();
});
afterAll(async () => {
  await h?.close();
});

/** Every stored script, read in one of the extension's pages. */
const storedScripts = (page: Page) => page.evaluate(readStoredScripts);

async function searchPanel(title: string) {
  const panel = await h.openPanel();
  await panel.getByRole('searchbox').fill(title);
  return panel;
}

describe('script editor and import wizard', () => {
  it('imports a team lead’s xlsx: one column fixed by hand, row errors in the preview, then found in the panel', async () => {
    const rows = [
      ['一级分类', '二级分类', '标题', '话术内容', '快捷编码', '买家怎么问'],
      [
        '售后',
        '退款',
        '退款到账时间说明',
        '您好先生/女士，退款会在 3-5 个工作日内原路退回。',
        'tkdz',
        '钱没到，退款呢',
      ],
      ['售后', '退款', '退款被拒原因', '非常抱歉，您的退款申请需要补充照片，麻烦您上传一下。', 'TK ERR', '为什么拒绝'],
      ['售后', '换货', '换货流程', '换货请在订单页点击“申请售后”，选择换货即可。', 'hh', '换一个'],
    ].map((r) => r.map((value) => ({ value, type: String })));
    const xlsx = Buffer.from(await (await writeXlsxFile(rows).toBlob()).arrayBuffer());

    await options.getByTestId('wizard-file').setInputFiles({
      name: 'after-sale.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    const mapping = options.getByTestId('wizard-mapping');
    await mapping.waitFor();
    expect(await options.getByTestId('wizard-map-3').inputValue()).toBe('body');
    // "买家怎么问" is not a header the importer knows: the agent maps it to keywords.
    expect(await options.getByTestId('wizard-map-5').inputValue()).toBe('ignore');
    await options.getByTestId('wizard-map-5').selectOption('keywords');
    await options.getByTestId('wizard-to-preview').click();

    const errors = options.getByTestId('wizard-errors');
    await errors.waitFor();
    expect(await errors.locator('li[data-row="3"]').textContent()).toContain('快捷码');
    expect(await options.getByTestId('wizard-confirm').isDisabled()).toBe(true);
    expect((await storedScripts(options)).some((s) => s.title === '退款到账时间说明')).toBe(false);

    await options.getByLabel('跳过有错误的行，只导入其余的话术').check();
    await options.getByLabel('话术包名称').fill('售后组表格');
    await options.getByTestId('wizard-confirm').click();
    await expect.poll(() => options.getByTestId('wizard-result').textContent()).toContain('已导入');

    const stored = (await storedScripts(options)).find((s) => s.title === '退款到账时间说明')!;
    expect(stored.body).toBe('您好{客户称呼}，退款会在 3-5 个工作日内原路退回。');
    expect(stored.keywords).toEqual(['钱没到', '退款呢']);
    // The panel finds it by what the customer says (the column fixed by hand).
    const panel = await searchPanel('钱没到');
    await expect.poll(() => panel.locator(`[data-script-key="${stored.key}"]`).count()).toBe(1);
    await panel.close();

    // The import was written by the wizard's worker: the background's index (palette, inline
    // trigger, chips) picks it up too. Its shortcut code, typed in the demo console's reply box:
    const demo = await h.openConsole();
    const composer = demo.locator('[data-role="composer"]');
    await composer.waitFor();
    await demo.bringToFront();
    await composer.click();
    await demo.waitForTimeout(150);
    await demo.keyboard.type('/tkdz');
    const cdp = await h.context.newCDPSession(demo);
    await expect.poll(async () => (await readUi(cdp)).items[0]?.key).toBe(stored.key);
    await demo.close();
  });

  it('an edit of a pack script becomes a personal copy that the panel shows instead of the original', async () => {
    await options.getByPlaceholder('筛选标题、内容或快捷码').fill('夜间接待');
    await options.locator('[data-testid="editor-list"] [data-script-key="e2e.team/night"] .script-main').click();
    const body = options.locator('#script-body');
    await body.fill('您好，现在是夜间值班时间，您的问题我已记下，明早 9 点前给您答复。');
    await options.getByTestId('editor-save').click();
    await expect.poll(() => options.getByTestId('editor-message').textContent()).toContain('个人版本');

    const copy = (await storedScripts(options)).find((s) => s.packId === 'personal' && s.title === '夜间接待')!;
    expect(copy.body).toContain('明早 9 点前');
    // The pack row itself is untouched (a sync would overwrite it).
    expect((await storedScripts(options)).find((s) => s.key === 'e2e.team/night')!.body).toBe(
      teamPack.scripts[0]!.body,
    );

    const panel = await searchPanel('夜间接待');
    await expect.poll(() => panel.locator(`[data-script-key="${copy.key}"]`).count()).toBe(1);
    expect(await panel.locator('[data-script-key="e2e.team/night"]').count()).toBe(0);
    await panel.close();
  });

  it('a locked pack is copy-only', async () => {
    await options.getByPlaceholder('筛选标题、内容或快捷码').fill('质检标准开场');
    await options.locator('[data-testid="editor-list"] [data-script-key="e2e.locked/std1"] .script-main').click();
    await options.getByTestId('editor-locked').waitFor();
    expect(await options.getByTestId('editor-save').count()).toBe(0);
    expect(await options.locator('#script-body').getAttribute('readonly')).not.toBeNull();
    await options.getByTestId('editor-duplicate').click();
    await expect.poll(() => options.getByTestId('editor-message').textContent()).toContain('已复制');
    const copies = (await storedScripts(options)).filter((s) => s.title === '质检标准开场（副本）');
    expect(copies).toHaveLength(1);
    expect(copies[0]!.packId).toBe('personal');
  });

  it('exports a pack to CSV; importing that CSV gives the same scripts, and the shared shortcuts are reported', async () => {
    await options.getByTestId('export-pack').selectOption('e2e.team');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-csv').click()]);
    const csv = Buffer.concat(await (await download.createReadStream()).toArray());

    await options.getByTestId('wizard-again').click();
    await options
      .getByTestId('wizard-file')
      .setInputFiles({ name: 'roundtrip.csv', mimeType: 'text/csv', buffer: csv });
    await options.getByTestId('wizard-mapping').waitFor();
    await options.getByTestId('wizard-to-preview').click();
    await options.getByTestId('wizard-preview-rows').waitFor();
    expect(await options.getByTestId('wizard-errors').count()).toBe(0);
    await options.getByTestId('wizard-confirm').click();
    await expect.poll(() => options.getByTestId('wizard-result').textContent()).toContain('已导入');

    const all = await storedScripts(options);
    const shape = (packId: string) =>
      all
        .filter((s) => s.packId === packId)
        .map((s) => ({
          title: s.title,
          body: s.body,
          purpose: s.purpose,
          keywords: s.keywords,
          tags: s.tags,
          shortcut: s.shortcut,
          situation: s.situationKey.split('/')[1],
        }))
        .sort((a, b) => a.title.localeCompare(b.title));
    const reimported = all.find((s) => s.title === '退款进度' && s.packId !== 'e2e.team')!.packId;
    expect(shape(reimported)).toEqual(shape('e2e.team'));
    // Both packs now answer /tkjd: reported, not merged.
    await expect.poll(() => options.getByTestId('editor-duplicates').textContent()).toContain('/tkjd');
  });

  it('a 30,000-script pack: the editor lists its first rows, and scrolling to the end shows the last script', async () => {
    const size = 30_000;
    const bigPack = {
      ...base,
      id: 'e2e.big',
      name: 'E2E 大话术库',
      situations: [{ id: 'all', name: '全部话术', parent: null, order: 1 }],
      scripts: Array.from({ length: size }, (_, i) => ({
        id: `b${i}`,
        situation: 'all',
        title: `大库第${i}条`,
        body: `您好，这是大库的第${i}条回复。`,
      })),
    };
    await importPack(h, bigPack);
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    const list = page.getByTestId('editor-list');
    await list.locator('[data-script-key]').first().waitFor();
    // Only the rows on screen are in the page, whatever the library's length.
    expect(await list.locator('li').count()).toBeLessThan(100);
    const big = page.locator('#scripts .tree-item[data-situation="pack:e2e.big"] .tree-count');
    await expect.poll(() => big.textContent(), { timeout: 60_000 }).toBe(String(size));
    // The agent scrolls to the end (the list may still be growing while it is read).
    await page.waitForFunction(
      (last) => {
        const scroller = document.querySelector('.editor-scroll')!;
        scroller.scrollTop = scroller.scrollHeight;
        return [...document.querySelectorAll('[data-testid=editor-list] .script-title')].some(
          (t) => t.textContent === last,
        );
      },
      `大库第${size - 1}条`,
      { timeout: 60_000 },
    );
    expect(await list.locator('li').count()).toBeLessThan(100);
    // Opening it shows its text in the form.
    await list.locator('.script-title', { hasText: `大库第${size - 1}条` }).click();
    await expect.poll(() => page.locator('#script-body').inputValue()).toBe(`您好，这是大库的第${size - 1}条回复。`);
    await page.close();
  });
});
