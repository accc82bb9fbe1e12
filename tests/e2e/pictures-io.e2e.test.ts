/**
 * Pictures in and out of the extension, in real Chromium with the built extension: a team lead's
 * sheet with a 图片 column imported as a .zip through the options wizard (a lying zip refused by
 * row and file), the pack published to a real nginx WebDAV folder — pictures uploaded as
 * images/<hash>.<ext> only where the folder lacks them — and an agent's sync fetching only the
 * pictures it lacks; then the pack exported to a .zip and imported back.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { ZipArchive } from '../../scripts-library/io/zip';
import type { Pack } from '../../scripts-library/schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePng } from '../fixtures/images';
import { makeZip, withDeclaredSize } from '../fixtures/zips';
import { launch, type Harness } from './harness';
import { NGINX_PASSWORD, NGINX_USER, startNginx, type Nginx } from './nginx';
import { readStoredScripts } from './stored-scripts';

let nginx: Nginx;
let lead: Harness;
let agent: Harness;
let leadOptions: Page;
let agentOptions: Page;

const PACK_ID = 'import.team-pics';
const packUrl = () => `${nginx.origin}/team/${PACK_ID}.json`;
const size = makePng(120, 80, [30, 110, 200]);
const address = makePng(90, 60, [200, 80, 40]);
const qr = makePng(64, 64, [20, 20, 20]);

async function sheet(rows: string[][]): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    rows.map((r) => r.map((value) => (value ? { value, type: String } : null))),
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const ROWS = [
  ['分类', '标题', '话术', '图片'],
  ['售前', '尺码推荐', '亲，尺码请参考这张表，拿不准可以告诉我身高体重～', 'images/尺码表.png|S–XL 尺码对照'],
  ['售后', '退货地址', '', '退货地址卡.png'],
];

/** Pictures in the extension's database: hash → owners (page.evaluate cannot carry Blobs). */
const storedImages = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Record<string, string[]>>((resolve, reject) => {
        const req = indexedDB.open('huashu');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('images', 'readonly');
          const all = tx.objectStore('images').getAll();
          tx.oncomplete = () => {
            req.result.close();
            resolve(
              Object.fromEntries(
                (all.result as { hash: string; owners: string[]; blob: Blob }[]).map((r) => [r.hash, r.owners]),
              ),
            );
          };
        };
      }),
  );

async function openOptions(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.getByTestId('packs').waitFor();
  return page;
}

/** The wizard from a zip to 已导入 (or to the errors shown, when `expectErrors`). */
async function importZip(page: Page, name: string, zip: Uint8Array, expectErrors = false) {
  if (await page.getByTestId('wizard-again').count()) await page.getByTestId('wizard-again').click();
  await page.getByTestId('wizard-file').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await page.getByTestId('wizard-mapping').waitFor();
  // The 图片 column is recognised from its header, wherever it is.
  const fields = await page
    .locator('[data-testid^="wizard-map-"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  expect(fields).toContain('images');
  await page.getByTestId('wizard-to-preview').click();
  if (expectErrors) {
    await page.getByTestId('wizard-errors').waitFor();
    return;
  }
  await page.getByTestId('wizard-preview-rows').waitFor();
  expect(await page.getByTestId('wizard-errors').count()).toBe(0);
  await page.locator('#wizard-target-new').check();
  await page.getByTestId('wizard-confirm').click();
  await expect.poll(() => page.getByTestId('wizard-result').textContent()).toContain('已导入');
}

const picturesOf = async (page: Page, packId: string) =>
  (await page.evaluate(readStoredScripts))
    .filter((s) => s.packId === packId)
    .map((s) => ({
      title: s.title,
      images: ((s as { images?: { hash: string; alt: string }[] }).images ?? []).map((i) => [i.hash, i.alt]),
    }));

const since = () => nginx.requests().length;
const requestsAfter = (from: number, prefix: string) =>
  nginx
    .requests()
    .slice(from)
    .filter((l) => l.startsWith(prefix));

async function previewAndPublish(notes: string) {
  await leadOptions.getByTestId('publish-preview-do').click();
  await leadOptions.getByTestId('publish-preview').waitFor();
  const images = (await leadOptions.getByTestId('publish-images').textContent()) ?? '';
  await leadOptions.getByTestId('publish-notes').fill(notes);
  const from = since();
  await leadOptions.getByTestId('publish-do').click();
  await expect.poll(() => leadOptions.getByTestId('publish-result').textContent()).toContain('已发布');
  return { images, puts: requestsAfter(from, 'PUT') };
}

beforeAll(async () => {
  nginx = await startNginx();
  lead = await launch();
  agent = await launch();
  leadOptions = await openOptions(lead);
  agentOptions = await openOptions(agent);
}, 120_000);

afterAll(async () => {
  await lead?.close();
  await agent?.close();
  await nginx?.close();
});

describe('a sheet with pictures, imported as a .zip in the options wizard', () => {
  it('the scripts come with their pictures, stored once; the preview counts them', async () => {
    const zip = makeZip({
      'team-pics/话术.xlsx': await sheet(ROWS),
      'team-pics/images/尺码表.png': size,
      'team-pics/退货地址卡.png': address,
    });
    await leadOptions.locator('#import-export').scrollIntoViewIfNeeded();
    await importZip(leadOptions, 'team-pics.zip', zip);
    const scripts = await picturesOf(leadOptions, PACK_ID);
    expect(scripts.map((s) => [s.title, s.images.map(([, alt]) => alt)])).toEqual([
      ['尺码推荐', ['S–XL 尺码对照']],
      ['退货地址', ['退货地址卡']],
    ]);
    expect(Object.values(await storedImages(leadOptions))).toEqual([[`pack:${PACK_ID}`], [`pack:${PACK_ID}`]]);
  });

  it('a zip entry that lies about its size is refused by row and file; nothing is stored', async () => {
    const before = await storedImages(leadOptions);
    const lying = withDeclaredSize(
      makeZip({
        '话术.xlsx': await sheet([ROWS[0]!, ['售前', '二维码', '扫码看保修', 'qr.png']]),
        'qr.png': new Uint8Array(6_000_000),
      }),
      1,
      4000,
    );
    await importZip(leadOptions, 'bomb.zip', lying, true);
    const row = leadOptions.getByTestId('wizard-errors').locator('li[data-row="2"]');
    expect(await row.textContent()).toMatch(/第 2 行：图片「qr\.png」读不出来：.*解压炸弹/);
    expect(await leadOptions.getByTestId('wizard-confirm').isDisabled()).toBe(true);
    expect(await storedImages(leadOptions)).toEqual(before);
  });
});

describe('publishing the pack to nginx: pictures go up once, agents fetch only what they lack', () => {
  it('the first publish uploads both pictures before the history and pack files; the pack embeds none', async () => {
    await leadOptions.reload();
    await leadOptions.locator('#publish').scrollIntoViewIfNeeded();
    await leadOptions.getByTestId('publish-pack').selectOption(PACK_ID);
    await leadOptions.getByTestId('publish-folder').fill(`${nginx.origin}/team/`);
    await leadOptions.getByTestId('publish-user').fill(NGINX_USER);
    await leadOptions.getByTestId('publish-password').fill(NGINX_PASSWORD);
    await leadOptions.getByTestId('publish-save-target').click();
    await expect.poll(() => leadOptions.getByTestId('publish-result').textContent()).toContain('已保存发布位置');
    const { images, puts } = await previewAndPublish('第一版，带尺码表和退货地址卡');
    expect(images).toContain('图片 2 张：上传 2 张');
    expect(puts.slice(0, 2).every((l) => /^PUT \/team\/images\/[0-9a-f]{64}\.png 201$/.test(l))).toBe(true);
    expect(puts.slice(2)).toEqual([`PUT /team/history/${PACK_ID}/1.0.0.json 201`, `PUT /team/${PACK_ID}.json 201`]);
    const published = JSON.parse(readFileSync(join(nginx.root, 'team', `${PACK_ID}.json`), 'utf8')) as Pack;
    expect(published.images).toBeUndefined();
    expect(published.scripts.flatMap((s) => s.images ?? [])).toHaveLength(2);
  });

  it('an agent subscribing downloads each picture once', async () => {
    const from = since();
    await agentOptions.getByTestId('subscribe-url').fill(packUrl());
    await agentOptions.getByTestId('subscribe-pack').click();
    await expect.poll(() => agentOptions.getByTestId('import-result').textContent()).toContain('已订阅');
    expect(requestsAfter(from, 'GET /team/images/')).toHaveLength(2);
    expect(Object.keys(await storedImages(agentOptions))).toHaveLength(2);
  });

  it('a new version with one more picture uploads that one only, and the agent fetches that one only', async () => {
    const zip = makeZip({
      'team-pics/话术.xlsx': await sheet([...ROWS, ['售后', '保修', '扫码登记保修', 'qr.png|保修登记二维码']]),
      'team-pics/images/尺码表.png': size,
      'team-pics/退货地址卡.png': address,
      'team-pics/qr.png': qr,
    });
    await leadOptions.locator('#import-export').scrollIntoViewIfNeeded();
    await importZip(leadOptions, 'team-pics.zip', zip);
    await leadOptions.reload();
    await leadOptions.locator('#publish').scrollIntoViewIfNeeded();
    await leadOptions.getByTestId('publish-pack').selectOption(PACK_ID);
    const { images, puts } = await previewAndPublish('加保修二维码');
    expect(images).toContain('图片 3 张：上传 1 张');
    expect(puts.filter((l) => l.includes('/images/'))).toHaveLength(1);

    const from = since();
    const row = agentOptions.locator(`[data-testid="packs"] tr[data-pack-id="${PACK_ID}"]`);
    await row.getByTestId('sync-now').click();
    await expect.poll(async () => (await row.locator('td').nth(1).textContent())?.trim()).toBe('1.0.1');
    expect(requestsAfter(from, 'GET /team/images/')).toHaveLength(1);
    expect(Object.keys(await storedImages(agentOptions))).toHaveLength(3);
  });
});

describe('publishing 我的话术 directly', () => {
  it('a zip imported into 我的话术 is published as a team pack of its own; pictures the folder has are not sent again', async () => {
    const zip = makeZip({ '话术.xlsx': await sheet(ROWS), 'images/尺码表.png': size, '退货地址卡.png': address });
    await leadOptions.reload();
    await leadOptions.locator('#import-export').scrollIntoViewIfNeeded();
    await leadOptions
      .getByTestId('wizard-file')
      .setInputFiles({ name: 'mine.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await leadOptions.getByTestId('wizard-mapping').waitFor();
    await leadOptions.getByTestId('wizard-to-preview').click();
    await leadOptions.getByTestId('wizard-preview-rows').waitFor();
    await leadOptions.locator('#wizard-target-personal').check();
    await leadOptions.getByTestId('wizard-confirm').click();
    await expect.poll(() => leadOptions.getByTestId('wizard-result').textContent()).toContain('我的话术');
    const mine = await picturesOf(leadOptions, 'personal');
    expect(mine.flatMap((s) => s.images)).toHaveLength(2);

    await leadOptions.locator('#publish').scrollIntoViewIfNeeded();
    await leadOptions.getByTestId('publish-pack').selectOption('personal');
    await leadOptions.getByTestId('publish-as-id').fill('team.mine');
    await leadOptions.getByTestId('publish-as-name').fill('组长的话术');
    await leadOptions.getByTestId('publish-folder').fill(`${nginx.origin}/team/`);
    await leadOptions.getByTestId('publish-user').fill(NGINX_USER);
    await leadOptions.getByTestId('publish-password').fill(NGINX_PASSWORD);
    await leadOptions.getByTestId('publish-save-target').click();
    await expect.poll(() => leadOptions.getByTestId('publish-result').textContent()).toContain('已保存发布位置');
    const { images, puts } = await previewAndPublish('组长自己的话术');
    expect(images).toContain('图片 2 张：上传 0 张');
    expect(puts).toEqual(['PUT /team/history/team.mine/1.0.0.json 201', 'PUT /team/team.mine.json 201']);
    const published = JSON.parse(readFileSync(join(nginx.root, 'team', 'team.mine.json'), 'utf8')) as Pack;
    expect(published).toMatchObject({ id: 'team.mine', name: '组长的话术', version: '1.0.0' });
    expect(published.scripts.map((s) => s.title).sort()).toEqual(mine.map((s) => s.title).sort());
    // The lead's scripts stay theirs: no second copy installed as a subscription.
    expect(await leadOptions.locator('[data-testid="packs"] tr[data-pack-id="team.mine"]').count()).toBe(0);
    expect(await picturesOf(leadOptions, 'personal')).toEqual(mine);
  });
});

describe('export to .zip and back', () => {
  it('the zip holds the sheet and images/<hash>.<ext>; importing it gives the same scripts and pictures', async () => {
    await leadOptions.locator('#import-export').scrollIntoViewIfNeeded();
    await leadOptions.getByTestId('export-pack').selectOption(PACK_ID);
    const [download] = await Promise.all([
      leadOptions.waitForEvent('download'),
      leadOptions.getByTestId('export-zip').click(),
    ]);
    const bytes = new Uint8Array(Buffer.concat(await (await download.createReadStream()).toArray()));
    const original = await picturesOf(leadOptions, PACK_ID);
    const zip = ZipArchive.open(bytes, download.suggestedFilename());
    const files = [...zip.entries.keys()];
    expect(files.filter((f) => f.endsWith('.xlsx'))).toEqual(['话术.xlsx']);
    expect(files.filter((f) => f.startsWith('images/')).sort()).toEqual(
      [...new Set(original.flatMap((s) => s.images.map(([hash]) => `images/${hash}.png`)))].sort(),
    );

    await importZip(leadOptions, 'roundtrip.zip', bytes);
    expect(await picturesOf(leadOptions, 'import.roundtrip')).toEqual(original);
    // The same pictures, stored once, now used by both packs.
    const owners = Object.values(await storedImages(leadOptions));
    expect(owners).toHaveLength(3);
    for (const o of owners) expect(o).toContain('pack:import.roundtrip');
  });
});
