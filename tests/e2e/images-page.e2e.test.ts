/**
 * Script pictures in our in-page UI, in Chromium: thumbnails beside the text in the palette
 * (Alt+K), the inline list (`/ccb`) and the suggestion chips, drawn inside our closed shadow
 * roots where the page finds nothing of them; and what happens to the picture on insertion from
 * each — the demo console takes it as a pasted attachment, editors that ignore pasted files get
 * it on the clipboard and the page says 图片已复制，请在输入框粘贴 beside the reply box.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack, launch, serveEditorPages, type Harness } from './harness';
import { readShadowRoots, readUi } from './our-ui';
import { PICTURE_PACK_ID, picturePack } from './picture-pack';

let h: Harness;
let pages: { url: string; close(): Promise<void> };
let panel: Page;

beforeAll(async () => {
  [h, pages] = await Promise.all([launch(), serveEditorPages()]);
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await importPack(h, (await picturePack()).pack);
  panel = await h.openPanel();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pages?.close();
});

interface Thumb {
  key: string;
  state: string;
  width: number;
  height: number;
  alt: string;
  x: number;
  y: number;
}

const READ_THUMBS = `function () {
  return JSON.stringify([...this.querySelectorAll('canvas.thumb')].map((c) => {
    const r = c.getBoundingClientRect();
    return { key: c.closest('[data-key]') ? c.closest('[data-key]').dataset.key : '', state: c.dataset.state,
      width: c.width, height: c.height, alt: c.getAttribute('aria-label'), x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }));
}`;

/** Every thumbnail in our closed roots on this page (palette, inline list, chips). */
async function thumbs(cdp: CDPSession, which?: string): Promise<Thumb[]> {
  return (await readShadowRoots<Thumb[]>(cdp, READ_THUMBS, which)).flat();
}

const READ_NOTICE = `function () { const n = this.querySelector('.note'); return JSON.stringify(n ? n.textContent : ''); }`;
async function notice(cdp: CDPSession): Promise<string> {
  return (await readShadowRoots<string>(cdp, READ_NOTICE, 'notice'))[0] ?? '';
}

/** What a page script can find of our pictures: elements, URLs, shadow roots. */
const pageView = (page: Page) =>
  page.evaluate(() => ({
    blobUrls: document.documentElement.outerHTML.match(/blob:[^"' )]+/g)?.length ?? 0,
    canvases: document.querySelectorAll('canvas').length,
    openRoots: [...document.querySelectorAll('[data-huashu-ui]')].filter((host) => host.shadowRoot !== null).length,
  }));

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

async function emptyClipboard() {
  await panel.bringToFront();
  await panel.evaluate(() => navigator.clipboard.writeText(''));
}

async function editorPage(name: string, field: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(new URL(`${name}.html`, pages.url).href);
  await page.locator('body[data-ready]').waitFor({ state: 'attached' });
  await page.locator(field).first().click();
  await expect.poll(() => panel.getByTestId('target').textContent()).toContain(await page.title());
  await page.bringToFront();
  await page.locator(field).first().click();
  return page;
}

describe('palette', () => {
  it('shows each picture beside its script, the picture-only one with its alt text; the page finds none of it', async () => {
    const page = await h.openConsole();
    await page.locator('[data-role="composer"]').click();
    const cdp = await h.context.newCDPSession(page);
    const before = await pageView(page);
    await page.keyboard.press('Alt+K');
    await expect.poll(async () => (await readUi(cdp)).focused).toBe(true);
    await page.keyboard.type('尺码表图片');
    await expect.poll(async () => (await readUi(cdp)).items[0]?.key).toBe(`${PICTURE_PACK_ID}/chart`);
    // The list row's and the preview's thumbnail, drawn from the background's small copy (240×160 → 96×64).
    await expect
      .poll(async () => (await thumbs(cdp)).filter((t) => t.alt === '尺码表').map((t) => [t.state, t.width, t.height]))
      .toEqual([
        ['shown', 96, 64],
        ['shown', 96, 64],
      ]);

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('退货地址卡片');
    await expect.poll(async () => (await readUi(cdp)).items[0]?.key).toBe(`${PICTURE_PACK_ID}/card`);
    await expect
      .poll(async () => (await thumbs(cdp)).find((t) => t.key === `${PICTURE_PACK_ID}/card`)?.state)
      .toBe('shown');
    // Picture only: the row says what it shows.
    const row = await readShadowRoots<string>(
      cdp,
      `function () { const li = this.querySelector('.item'); return JSON.stringify(li ? li.textContent : ''); }`,
    );
    expect(row.join('')).toContain('退货地址卡');

    // Nothing of it is in the page's reach: no URL, no canvas, no open root.
    expect(await pageView(page)).toEqual(before);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await thumbs(cdp)).length).toBe(0);
    await cdp.detach();
    await page.close();
  });

  it.each([
    { page: 'textarea', field: 'textarea' },
    { page: 'contenteditable', field: '[contenteditable]' },
  ])(
    '$page: Enter inserts the text, the picture goes on the clipboard and the page says so',
    async ({ page: name, field }) => {
      await emptyClipboard();
      const page = await editorPage(name, field);
      const cdp = await h.context.newCDPSession(page);
      await page.keyboard.press('Alt+K');
      await expect.poll(async () => (await readUi(cdp)).focused).toBe(true);
      await page.keyboard.type('尺码表图片');
      await expect.poll(async () => (await readUi(cdp)).items[0]?.key).toBe(`${PICTURE_PACK_ID}/chart`);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => window.editorUnderTest!.getText()))
        .toBe('亲，这是我们的尺码表，请参考一下哦');
      await expect.poll(() => notice(cdp)).toBe('图片已复制，请在输入框粘贴');
      expect(await clipboardPicture()).toEqual({ width: 240, height: 160 });
      // The agent's next key (their Ctrl+V) ends the note.
      await page.bringToFront();
      await page.keyboard.press('End');
      await expect.poll(() => notice(cdp)).toBe('');
      await cdp.detach();
      await page.close();
    },
  );
});

describe('inline list', () => {
  it('`/ccb` lists the script with its picture; Enter inserts it and the page says the picture is on the clipboard', async () => {
    await emptyClipboard();
    const page = await editorPage('textarea', 'textarea');
    const cdp = await h.context.newCDPSession(page);
    await page.keyboard.type('好的 /ccb');
    await expect.poll(async () => (await readUi(cdp)).mode).toBe('inline');
    await expect
      .poll(async () => (await thumbs(cdp)).map((t) => [t.key, t.state, t.width]))
      .toEqual([[`${PICTURE_PACK_ID}/chart`, 'shown', 96]]);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => window.editorUnderTest!.getText()))
      .toBe('好的 亲，这是我们的尺码表，请参考一下哦');
    await expect.poll(() => notice(cdp)).toBe('图片已复制，请在输入框粘贴');
    expect(await clipboardPicture()).toEqual({ width: 240, height: 160 });
    await cdp.detach();
    await page.close();
  });
});

describe('chips', () => {
  it('a customer asking for the size chart gets the picture script as a chip with its thumbnail; a click pastes the picture into the demo console', async () => {
    const page = await h.openConsole();
    await page.locator('[data-role="composer"]').click();
    await expect.poll(() => panel.getByTestId('target').textContent()).toContain(await page.title());
    await page.bringToFront();
    const cdp = await h.context.newCDPSession(page);
    const open = await page.evaluate(() => (window as any).demoConsole.currentConversationId());
    await page.evaluate((id) => (window as any).demoConsole.pushCustomerMessage(id, '亲 有尺码表吗 发我看看'), open);
    await expect
      .poll(async () => (await thumbs(cdp, 'chips')).find((t) => t.key === `${PICTURE_PACK_ID}/chart`)?.state, {
        timeout: 10_000,
      })
      .toBe('shown');
    const chip = (await thumbs(cdp, 'chips')).find((t) => t.key === `${PICTURE_PACK_ID}/chart`)!;
    await page.mouse.click(chip.x, chip.y);
    await expect.poll(() => page.locator('[data-role="attachment"]').count()).toBe(1);
    expect(await page.locator('[data-role="attachment"]').getAttribute('alt')).toBe('尺码表.png');
    await expect.poll(() => page.evaluate(() => (window as any).demoConsole.getDraft())).toContain('这是我们的尺码表');
    // Pasted as an attachment: nothing for the agent to do, so no note.
    expect(await notice(cdp)).toBe('');
    await cdp.detach();
    await page.close();
  });
});
