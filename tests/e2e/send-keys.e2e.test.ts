/**
 * Never a send the agent did not make: small consoles whose reply box sends on Enter at keydown,
 * keypress, keyup or beforeinput (insertLineBreak / insertParagraph), as chat kits do. The inline
 * list and the palette insert with a real Enter (CDP key events: a press so short that its keyup
 * arrives before the script is in, and a held key with auto-repeats) and the console sends
 * nothing; the agent's next Enter, once our UI is closed, sends as the console always did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { startDemoServer } from '../../tools/serve-demo.mjs';
import { launch, type Harness } from './harness';
import { readUi, type UiState } from './our-ui';

const pack = loadDefaultPack();
const TH1 = pack.scripts.find((s) => s.shortcut === 'th1')!;

let h: Harness;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  [h, server] = await Promise.all([
    launch(),
    startDemoServer({ port: 0, root: new URL('./send-consoles/', import.meta.url).pathname }),
  ]);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await server?.close();
});

interface SendConsole {
  page: Page;
  cdp: CDPSession;
  draft(): Promise<string>;
  sent(): Promise<string[]>;
  ui(): Promise<UiState>;
}

async function open(on: string, box: string): Promise<SendConsole> {
  const page = await h.context.newPage();
  await page.goto(new URL(`console.html?on=${on}&box=${box}`, server.url).href);
  const cdp = await h.context.newCDPSession(page);
  await page.bringToFront();
  await page.locator('#box').click();
  // Our content script is attached (it answers the hotkey) once the page has its settings.
  await page.waitForTimeout(150);
  return {
    page,
    cdp,
    draft: () => page.evaluate(() => (window as any).draft() as string),
    sent: () => page.evaluate(() => (window as any).sentMessages as string[]),
    ui: () => readUi(cdp),
  };
}

async function waitForList(c: SendConsole, mode: 'palette' | 'inline', firstTitle: string) {
  await expect
    .poll(async () => {
      const s = await c.ui();
      return s.mode === mode && s.items[0]?.title.startsWith(firstTitle) === true;
    })
    .toBe(true);
}

const ENTER = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };

/** Down and up sent together: the keyup reaches the page long before our insertion is done. */
const shortEnter = (c: SendConsole) =>
  Promise.all([
    c.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', unmodifiedText: '\r', ...ENTER }),
    c.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...ENTER }),
  ]);

/** Held down: auto-repeats first, the keyup only after the script is in. */
async function heldEnter(c: SendConsole, inserted: string) {
  await c.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', unmodifiedText: '\r', ...ENTER });
  for (let i = 0; i < 3; i++)
    await c.cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      text: '\r',
      unmodifiedText: '\r',
      autoRepeat: true,
      ...ENTER,
    });
  await expect.poll(c.draft).toBe(inserted);
  await c.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...ENTER });
}

/** Nothing went out, also a moment later (a late keyup or a deferred send handler). */
async function nothingSent(c: SendConsole, draft: string) {
  await c.page.waitForTimeout(300);
  expect(await c.sent()).toEqual([]);
  expect(await c.draft()).toBe(draft);
}

/** The agent's own Enter, with our UI closed, sends: the console really does send on this event. */
async function agentSends(c: SendConsole, draft: string) {
  expect((await c.ui()).mode).toBeNull();
  await c.page.keyboard.press('Enter');
  await expect.poll(c.sent).toEqual([draft]);
}

const CONSOLES = [
  ['keydown', 'textarea'],
  ['keypress', 'textarea'],
  ['keyup', 'textarea'],
  ['keyup', 'contenteditable'],
  ['beforeinput', 'textarea'],
  ['beforeinput', 'contenteditable'],
] as const;

describe.each(CONSOLES)('a console that sends on %s (%s)', (on, box) => {
  it('inline list: a very short Enter inserts the script; neither it nor /th1 is sent', async () => {
    const c = await open(on, box);
    await c.page.keyboard.type('好的 /th1');
    await waitForList(c, 'inline', TH1.title);
    await shortEnter(c);
    await expect.poll(c.draft).toBe(`好的 ${TH1.body}`);
    await nothingSent(c, `好的 ${TH1.body}`);
    await agentSends(c, `好的 ${TH1.body}`);
    await c.page.close();
  });

  it('inline list: Enter held down (auto-repeat) inserts once and sends nothing', async () => {
    const c = await open(on, box);
    await c.page.keyboard.type('/th1');
    await waitForList(c, 'inline', TH1.title);
    await heldEnter(c, TH1.body);
    await nothingSent(c, TH1.body);
    await agentSends(c, TH1.body);
    await c.page.close();
  });

  it('inline list: Tab and an exact code’s Space insert without sending', async () => {
    const c = await open(on, box);
    await c.page.keyboard.type('/th1');
    await waitForList(c, 'inline', TH1.title);
    await c.page.keyboard.press('Tab');
    await expect.poll(c.draft).toBe(TH1.body);
    await c.page.keyboard.type(' /th1');
    // The list for `/th1` itself (not `/th`'s, still on screen while it is asked for) says Space inserts.
    await expect.poll(async () => (await c.ui()).items[0]?.title.endsWith('空格插入')).toBe(true);
    await c.page.keyboard.press('Space');
    await expect.poll(c.draft).toBe(`${TH1.body} ${TH1.body}`);
    await nothingSent(c, `${TH1.body} ${TH1.body}`);
    await c.page.close();
  });

  it('palette: a very short Enter inserts into the reply box; the keyup that lands there sends nothing', async () => {
    const c = await open(on, box);
    await c.page.keyboard.type('好的');
    await c.page.keyboard.press('Alt+K');
    await expect.poll(async () => (await c.ui()).mode).toBe('palette');
    await c.page.keyboard.type('/th1');
    await waitForList(c, 'palette', TH1.title);
    await shortEnter(c);
    await expect.poll(c.draft).toBe(`好的${TH1.body}`);
    await nothingSent(c, `好的${TH1.body}`);
    await agentSends(c, `好的${TH1.body}`);
    await c.page.close();
  });

  it('palette: Enter released only after the script is in (its keyup lands in the reply box) sends nothing', async () => {
    const c = await open(on, box);
    await c.page.keyboard.press('Alt+K');
    await expect.poll(async () => (await c.ui()).mode).toBe('palette');
    await c.page.keyboard.type('/th1');
    await waitForList(c, 'palette', TH1.title);
    await heldEnter(c, TH1.body);
    await nothingSent(c, TH1.body);
    await agentSends(c, TH1.body);
    await c.page.close();
  });
});

describe('a console in a frame that sends on keyup', () => {
  it('the palette opens in the top frame; Enter released after the script is in the frame’s reply box sends nothing', async () => {
    const page = await h.context.newPage();
    await page.goto(new URL('frame.html', server.url).href);
    const frame = page.frameLocator('#console');
    const inner = () => page.frames().find((f) => f.url().includes('console.html'))!;
    const cdp = await h.context.newCDPSession(page);
    const c: SendConsole = {
      page,
      cdp,
      draft: () => inner().evaluate(() => (window as any).draft() as string),
      sent: () => inner().evaluate(() => (window as any).sentMessages as string[]),
      ui: () => readUi(cdp),
    };
    await page.bringToFront();
    await frame.locator('#box').click();
    await page.waitForTimeout(150);
    await page.keyboard.press('Alt+K');
    await expect.poll(async () => (await c.ui()).mode).toBe('palette');
    await page.keyboard.type('/th1');
    await waitForList(c, 'palette', TH1.title);
    await heldEnter(c, TH1.body);
    await nothingSent(c, TH1.body);
    await agentSends(c, TH1.body);
    await page.close();
  });
});
