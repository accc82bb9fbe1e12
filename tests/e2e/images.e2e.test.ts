/**
 * Scripts with pictures, end to end in Chromium: a pack file embedding its images is imported,
 * the panel shows thumbnails, and inserting puts the picture into the console the way a pasted
 * screenshot goes in — the demo console takes the pasted file as an attachment and sends it;
 * editors that ignore pasted files (textarea, plain contenteditable, ProseMirror without an
 * upload plugin) get the text, and the picture on the clipboard with 图片已复制，请在输入框粘贴.
 * Then a hosted pack where one of two images changed: one image is fetched, not two.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeContentHash } from '../../scripts-library/hash';
import { bytesToBase64, imageFileName, type ScriptImageRef } from '../../scripts-library/images';
import { validatePack } from '../../scripts-library/schema';
import { makePng } from '../fixtures/images';
import { clickScriptInPanel, importPack, launch, serveEditorPages, type Harness } from './harness';
import { readUi } from './our-ui';
import { startPackServer, type PackServer } from './pack-server';
import { picture, type Picture } from './picture-pack';

const PACK_ID = 'e2e.images';
let h: Harness;
let pages: { url: string; close(): Promise<void> };
let panel: Page;
let chart: Picture;
let card: Picture;

beforeAll(async () => {
  chart = await picture(240, 160, [30, 120, 220], '尺码表');
  card = await picture(200, 120, [220, 140, 30], '退货地址卡');
  [h, pages] = await Promise.all([launch(), serveEditorPages()]);
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await importPack(h, {
    schemaVersion: 1,
    id: PACK_ID,
    name: '图片话术',
    version: '1.0.0',
    updatedAt: '2026-12-07T00:00:00+08:00',
    author: 'e2e',
    situations: [{ id: 'cm', name: '尺码与退货' }],
    scripts: [
      {
        id: 'chart',
        situation: 'cm',
        title: '尺码表图片',
        body: '亲，这是我们的尺码表，请参考一下哦',
        images: [chart.ref],
      },
      { id: 'card', situation: 'cm', title: '退货地址卡片', body: '', images: [card.ref] },
    ],
    images: { [chart.ref.hash]: bytesToBase64(chart.bytes), [card.ref.hash]: bytesToBase64(card.bytes) },
  } as { id: string; name: string });
  panel = await h.openPanel();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pages?.close();
});

async function focus(page: Page, selector: string) {
  await page.bringToFront();
  await page.locator(selector).first().click();
  await expect.poll(() => panel.getByTestId('target').textContent()).toContain(await page.title());
}

/** The first picture on the clipboard, as the panel page reads it: its size in pixels. */
async function clipboardPicture(): Promise<{ width: number; height: number } | null> {
  await panel.bringToFront();
  return panel.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const item = items.find((i) => i.types.includes('image/png'));
    if (!item) return null;
    const bitmap = await createImageBitmap(await item.getType('image/png'));
    return { width: bitmap.width, height: bitmap.height };
  });
}

describe('panel and insertion', () => {
  it('shows a thumbnail beside the text, from an object URL', async () => {
    await panel.bringToFront();
    await panel.getByRole('searchbox').fill('尺码表图片');
    await panel.locator(`[data-script-key="${PACK_ID}/chart"] .script-thumb`).waitFor();
    const thumb = panel.locator(`[data-script-key="${PACK_ID}/chart"] .script-thumb img`);
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    expect(await thumb.getAttribute('alt')).toBe('尺码表');
    expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
  });

  it('demo console: the picture is pasted as an attachment with the text, and sent into the thread', async () => {
    const page = await h.openConsole();
    await focus(page, '[data-role="composer"]');
    await clickScriptInPanel(panel, `${PACK_ID}/chart`, '尺码表图片');
    await expect
      .poll(() => page.locator('[data-role="composer"]').textContent())
      .toBe('亲，这是我们的尺码表，请参考一下哦');
    await expect.poll(() => page.locator('[data-role="attachment"]').count()).toBe(1);
    expect(await page.locator('[data-role="attachment"]').getAttribute('alt')).toBe('尺码表.png');
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('附件');

    // An image-only script: only the picture goes in.
    await focus(page, '[data-role="composer"]');
    await clickScriptInPanel(panel, `${PACK_ID}/card`, '退货地址卡片');
    await expect.poll(() => page.locator('[data-role="attachment"]').count()).toBe(2);

    await page.bringToFront();
    await page.locator('[data-role="send"]').click();
    const sent = page.locator('[data-role="message"][data-from="agent"]').last();
    await expect.poll(() => sent.locator('[data-role="message-image"]').count()).toBe(2);
    const sizes = await sent
      .locator('[data-role="message-image"]')
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(sizes).toEqual([240, 200]);
    await page.close();
  });

  it('palette (Alt+K) in the demo console: Enter pastes the picture as an attachment too', async () => {
    const page = await h.openConsole();
    await focus(page, '[data-role="composer"]');
    await page.keyboard.press('Alt+K');
    const cdp = await h.context.newCDPSession(page);
    await expect.poll(async () => (await readUi(cdp)).focused).toBe(true);
    await page.keyboard.type('退货地址卡片');
    await expect.poll(async () => (await readUi(cdp)).items[0]?.key).toBe(`${PACK_ID}/card`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-role="attachment"]').count()).toBe(1);
    expect(await page.locator('[data-role="attachment"]').getAttribute('alt')).toBe('退货地址卡.png');
    await page.close();
  });

  it.each([
    { page: 'textarea', field: 'textarea' },
    { page: 'contenteditable', field: '[contenteditable]' },
    { page: 'prosemirror', field: '.ProseMirror' },
  ])(
    '$page: the text goes in, the picture goes on the clipboard and the panel says so',
    async ({ page: name, field }) => {
      const page = await h.context.newPage();
      await page.goto(new URL(`${name}.html`, pages.url).href);
      await page.locator('body[data-ready]').waitFor({ state: 'attached' });
      // An empty clipboard first: the picture found after must be this insertion's.
      await panel.evaluate(() => navigator.clipboard.writeText(''));
      expect(await clipboardPicture()).toBeNull();
      await focus(page, field);
      await clickScriptInPanel(panel, `${PACK_ID}/chart`, '尺码表图片');
      await expect
        .poll(() => page.evaluate(() => window.editorUnderTest!.getText()))
        .toBe('亲，这是我们的尺码表，请参考一下哦');
      await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('图片已复制，请在输入框粘贴');
      expect(await clipboardPicture()).toEqual({ width: 240, height: 160 });
      await page.close();
    },
  );
});

describe('editor', () => {
  it('adds a picture by the file picker to a new image-only script; the panel shows it and the console gets it', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await options.getByTestId('editor').waitFor();
    await options.getByTestId('editor-new').click();
    await options.locator('#script-title').fill('二维码保修卡');
    const qr = makePng(120, 120, [0, 0, 0]);
    await options
      .getByTestId('editor-add-image')
      .setInputFiles({ name: '保修二维码.png', mimeType: 'image/png', buffer: Buffer.from(qr) });
    await options.locator('[data-testid="editor-images"] .script-thumb img').waitFor();
    // An SVG is refused with the reason.
    await options.getByTestId('editor-add-image').setInputFiles({
      name: 'x.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await expect
      .poll(() => options.locator('[data-testid="editor-images"] [role="alert"]').textContent())
      .toContain('不支持 SVG');
    await options.getByTestId('editor-save').click();
    await expect.poll(() => options.getByTestId('editor-message').textContent()).toContain('已');
    await options.close();

    const page = await h.openConsole();
    await focus(page, '[data-role="composer"]');
    await panel.bringToFront();
    await panel.getByRole('searchbox').fill('二维码保修卡');
    await panel.locator('.script-thumb img').first().waitFor();
    await panel.locator('.script-main').first().click();
    await expect.poll(() => page.locator('[data-role="attachment"]').count()).toBe(1);
    expect(await page.locator('[data-role="attachment"]').getAttribute('alt')).toBe('保修二维码.png');
    await page.close();
  });
});

describe('sync', () => {
  let server: PackServer;
  const PATH = '/team/pictures.json';

  async function hostedPack(version: string, images: ScriptImageRef[]) {
    const r = validatePack({
      schemaVersion: 1,
      id: 'e2e.hosted-images',
      name: '托管图片话术',
      version,
      updatedAt: `2026-12-0${version.at(-1)}T00:00:00+08:00`,
      author: 'e2e',
      situations: [{ id: 's', name: '图片' }],
      scripts: images.map((ref, i) => ({
        id: `p${i}`,
        situation: 's',
        title: `托管图片${i}`,
        body: `看图 ${i}`,
        images: [ref],
      })),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return JSON.stringify({ ...r.pack, contentHash: await computeContentHash(r.pack) });
  }

  const imagePath = (ref: ScriptImageRef) => `/team/images/${imageFileName(ref)}`;

  beforeAll(async () => {
    server = await startPackServer();
  });
  afterAll(async () => server?.close());

  it('a new version where one of two images changed fetches that one image; a missing image keeps the old version', async () => {
    const a = await picture(64, 64, [10, 200, 10], 'A');
    const b1 = await picture(64, 64, [200, 10, 10], 'B');
    const b2 = await picture(64, 64, [10, 10, 200], 'B');
    for (const p of [a, b1, b2]) server.set(imagePath(p.ref), { kind: 'file', body: p.bytes, type: 'image/png' });
    server.set(PATH, { kind: 'pack', body: await hostedPack('1.1', [a.ref, b1.ref]) });

    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await options.getByTestId('subscribe-url').fill(server.url(PATH));
    await options.getByTestId('subscribe-pack').click();
    await expect.poll(() => options.getByTestId('import-result').textContent()).toContain('已订阅');
    expect(server.hits(imagePath(a.ref))).toHaveLength(1);
    expect(server.hits(imagePath(b1.ref))).toHaveLength(1);

    server.set(PATH, { kind: 'pack', body: await hostedPack('1.2', [a.ref, b2.ref]) });
    const row = options.locator('[data-testid="packs"] tr[data-pack-id="e2e.hosted-images"]');
    await row.getByTestId('sync-now').click();
    await expect.poll(() => options.getByTestId('import-result').textContent()).toContain('已更新到 1.2');
    expect(server.hits(imagePath(a.ref))).toHaveLength(1);
    expect(server.hits(imagePath(b2.ref))).toHaveLength(1);

    // 1.3 names an image the server does not have: the sync fails and 1.2 stays whole.
    const c = await picture(64, 64, [99, 99, 99], 'C');
    server.set(PATH, { kind: 'pack', body: await hostedPack('1.3', [a.ref, c.ref]) });
    await row.getByTestId('sync-now').click();
    await expect.poll(() => row.getByTestId('pack-status').textContent(), { timeout: 10_000 }).toContain('图片');
    expect(await row.getByTestId('pack-status').textContent()).toContain('1.2');
    await panel.bringToFront();
    await panel.getByRole('searchbox').fill('托管图片1');
    const thumb = panel.locator('[data-script-key="e2e.hosted-images/p1"] .script-thumb img');
    await thumb.waitFor();
    expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    await options.close();
  });
});
