/**
 * Consoles nobody on the team wrote, built from public chat kits (tests/e2e/editors/console-*):
 * a React kit (chatscope) whose reply box is a contenteditable sending on `keypress`, a
 * ProseMirror reply box on Chatwoot's schema sending on `keydown`, and a Vue custom element
 * whose whole UI is inside an open shadow root, sending on `keyup`. None shows message times.
 * Each is taught through teach mode with real clicks, as an agent would, and then must give:
 * a countdown in the open conversation (timed from first seen) and for a conversation waiting
 * in the list, suggestions, insertion into the editor's own model without sending, a
 * forbidden-phrase warning, and a reply that stops the clock. The chatscope console ignores
 * pasted files but has a paperclip: teach mode records its file input, and a script's picture
 * goes there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launch, serveEditorPages, type Harness } from './harness';
import { readNote, readShadowRoots, readUi } from './our-ui';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { importPack } from './harness';
import { PICTURE_PACK_ID, picturePack } from './picture-pack';

const TH1 = loadDefaultPack().scripts.find((s) => s.shortcut === 'th1')!;

interface ConsoleUnderTest {
  page: string;
  sendsOn: 'keypress' | 'keydown' | 'keyup';
  input: string;
  customerMessage: string;
  agentMessage: string;
  title: string;
  /** A customer's name in the conversation list. */
  listName: string;
  unread: string;
  /** Its customers: open and waiting, unread in the list, answered (console-model.ts). */
  names: [string, string, string];
  /** The button that opens its attachment file input, when it has one. */
  attach?: string;
}

// Playwright's CSS pierces open shadow roots: the same selectors reach into the Vue element.
const CONSOLES: ConsoleUnderTest[] = [
  {
    page: 'console-chatscope',
    sendsOn: 'keypress',
    input: '.cs-message-input__content-editor',
    customerMessage: '.cs-message--incoming .cs-message__content',
    agentMessage: '.cs-message--outgoing .cs-message__content',
    title: '.cs-conversation-header__user-name',
    listName: '.cs-conversation__name',
    unread: '.cs-conversation__unread',
    names: ['陈女士', '刘先生', '赵小姐'],
    attach: '.cs-button--attachment',
  },
  {
    page: 'console-prosemirror',
    sendsOn: 'keydown',
    input: '.ProseMirror',
    customerMessage: 'li.left .bubble',
    agentMessage: 'li.right .bubble',
    title: '#name',
    listName: '.conversation--user',
    unread: '.unread',
    names: ['王先生', '李女士', '孙小姐'],
  },
  {
    page: 'console-vue-element',
    sendsOn: 'keyup',
    input: 'support-desk textarea',
    customerMessage: '.line[sender="them"] .text',
    agentMessage: '.line[sender="me"] .text',
    title: '.who',
    listName: '.nick',
    unread: '.count',
    names: ['周女士', '吴先生', '郑小姐'],
  },
];

let h: Harness;
let pages: { url: string; close(): Promise<void> };
let panel: Page;

const tc = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const value = (window as any).testConsole[f as string];
      return typeof value === 'function' ? value(...(a as unknown[])) : value;
    },
    [fn, args] as const,
  ) as Promise<T>;

/**
 * Moves the mouse onto the element, then clicks, as an agent does: teach mode's instruction bar
 * gets out of the way of a pointer coming near it (Playwright's click alone would land on it).
 */
async function point(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
  await target.click();
}

beforeAll(async () => {
  [h, pages] = await Promise.all([launch(), serveEditorPages()]);
  await importPack(h, (await picturePack()).pack);
  panel = await h.openPanel();
});
afterAll(async () => {
  await Promise.all([h?.close(), pages?.close()]);
});

describe.each(CONSOLES)('a console built from a public kit: $page (sends on $sendsOn)', (c) => {
  let page: Page;
  const [open, unread, answered] = c.names;
  const waiting = () => panel.getByTestId('waiting-list').textContent();

  it('is taught with real clicks, and the preview shows every part it found', async () => {
    page = await h.context.newPage();
    await page.goto(`${pages.url}/${c.page}.html`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator(c.input).click();
    await panel.bringToFront();
    await expect.poll(() => panel.getByTestId('target').textContent()).toContain('将插入到');
    await panel.getByTestId('teach').click();
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('按页面顶部的提示');

    await page.bringToFront();
    await page.locator(c.input).click();
    await point(page, page.locator(c.customerMessage).first());
    await point(page, page.locator(c.agentMessage).first());
    await point(page, page.locator(c.title).first());
    await point(page, page.locator(c.listName).last());
    await point(page, page.locator(c.unread).first());
    // Where pictures go when the reply box ignores pasted files: the file dialog does not open.
    if (c.attach) await point(page, page.locator(c.attach));
    // The console saw none of those clicks: still the same conversation open, nothing sent.
    expect(await tc(page, 'openName')).toBe(open);

    const card = panel.getByTestId('teach-card');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('已找到');
    expect(await panel.getByTestId('teach-messages').textContent()).toBe('消息 3 条（客户 2，客服 1）');
    expect(await card.textContent()).toContain(open);
    expect(await panel.getByTestId('teach-list').textContent()).toContain(
      `3 个会话，其中 1 个有未读（${c.names.join('、')}）`,
    );
    expect(await panel.getByTestId('teach-attachment').count()).toBe(c.attach ? 1 : 0);
    await card.getByRole('button', { name: '保存规则' }).click();
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('规则已保存');
  });

  it('counts down in the open conversation, timed from first seen, and for conversations waiting in the list', async () => {
    await page.bringToFront();
    await page.locator(c.input).click();
    // The open customer's latest message is hers: she is waiting, though the page shows no times.
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('calm');
    expect(await panel.getByTestId('countdown').textContent()).toContain(open);
    expect(await panel.getByTestId('countdown-basis').textContent()).toBe('按首次看到计时');
    // One customer has an unread badge in the list; another writes while she is not open.
    await expect.poll(waiting).toContain(unread);
    expect(await waiting()).not.toContain(answered);
    await tc(page, 'push', answered, '你好，我的快递到哪了');
    await expect.poll(waiting).toContain(answered);

    // Opened from the panel's list (the rule clicks the console's list item): still waiting,
    // timed from when its badge was first seen; then back to the first customer.
    await panel.locator('.waiting-item', { hasText: unread }).click();
    await expect.poll(() => tc(page, 'openName')).toBe(unread);
    await expect.poll(() => panel.getByTestId('countdown').textContent()).toContain(unread);
    expect(await panel.getByTestId('countdown').getAttribute('data-phase')).toBe('calm');
    expect(await panel.getByTestId('countdown-basis').textContent()).toBe('按首次看到计时');
    await panel.locator('.waiting-item', { hasText: open }).click();
    await expect.poll(() => tc(page, 'openName')).toBe(open);
    await expect.poll(() => panel.getByTestId('countdown').textContent()).toContain(open);
  });

  it('suggests replies for a new customer message and inserts one into the editor’s model without sending', async () => {
    // Suggestions for the message already there may show: wait for the ones for the new message.
    const block = panel.locator('[data-testid="suggestions"]');
    const forMessage = () => block.getAttribute('data-for-message', { timeout: 1000 }).catch(() => null);
    const before = await forMessage();
    await tc(page, 'push', open, '收到的杯子碎了，怎么办');
    await expect.poll(forMessage, { timeout: 10_000 }).not.toBe(before);
    expect(await forMessage()).not.toBeNull();
    const first = block.locator('li.suggestion').first();
    const body = (await first.locator('.script-body').textContent())!;
    await first.locator('.script-main').click();
    const form = panel.locator('form.placeholder-form');
    const draft = () => tc<string>(page, 'draft');
    await expect.poll(async () => (await draft()) !== '' || (await form.count()) > 0, { timeout: 5000 }).toBe(true);
    if (!(await draft())) {
      for (const input of await form.locator('input[data-placeholder-name]').all()) await input.fill('杯子');
      await form.locator('button[type="submit"]').click();
    }
    await expect.poll(draft).toContain(body.replace(/\{[^}]+\}/g, '杯子').slice(0, 10));
    expect(await tc<string[]>(page, 'sent')).toEqual([]);
  });

  it('the inline list and the palette insert with the agent’s Enter, and the console sends nothing', async () => {
    await page.bringToFront();
    const box = page.locator(c.input);
    const cdp = await h.context.newCDPSession(page);
    const listShows = async (mode: 'inline' | 'palette') => {
      const ui = await readUi(cdp);
      return ui.mode === mode && ui.items[0]?.title.startsWith(TH1.title) === true;
    };
    const clear = async () => {
      await box.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.press('Backspace');
      await expect.poll(() => tc<string>(page, 'draft')).toBe('');
    };
    const sentBefore = (await tc<string[]>(page, 'sent')).length;

    await clear();
    await page.keyboard.type('好的 /th1');
    await expect.poll(() => listShows('inline')).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => tc<string>(page, 'draft')).toContain(TH1.body.slice(0, 12));
    expect(await tc<string>(page, 'draft')).not.toContain('/th1');

    await clear();
    await page.keyboard.press('Alt+K');
    await expect.poll(async () => (await readUi(cdp)).mode).toBe('palette');
    await page.keyboard.type('/th1');
    await expect.poll(() => listShows('palette')).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => tc<string>(page, 'draft')).toContain(TH1.body.slice(0, 12));
    // A late keyup or a deferred send handler would have sent by now.
    await page.waitForTimeout(300);
    expect((await tc<string[]>(page, 'sent')).length).toBe(sentBefore);
    await cdp.detach();
  });

  it.skipIf(!c.attach)(
    'picture scripts from the palette and a chip: the text goes in, the pictures into the taught attachment input',
    async () => {
      await page.bringToFront();
      await page.locator(c.input).click();
      const cdp = await h.context.newCDPSession(page);
      await page.keyboard.press('Alt+K');
      await expect.poll(async () => (await readUi(cdp)).mode).toBe('palette');
      await page.keyboard.type('尺码表图片');
      await expect.poll(async () => (await readUi(cdp)).items[0]?.key).toBe(`${PICTURE_PACK_ID}/chart`);
      await page.keyboard.press('Enter');
      await expect.poll(() => tc<string>(page, 'draft')).toContain('这是我们的尺码表');
      const attachment = page.locator('[data-role="attachment"]');
      await expect.poll(() => attachment.count()).toBe(1);
      expect(await attachment.getAttribute('alt')).toBe('尺码表.png');
      // The real picture: the console decodes the file it got.
      await expect.poll(() => attachment.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
      await page.locator(c.input).click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.press('Backspace');
      await expect.poll(() => tc<string>(page, 'draft')).toBe('');

      // A customer asks for the size chart: the picture script comes as a chip with its picture,
      // and a click puts the text in the reply box and the picture into the attachment input.
      await tc(page, 'push', open, '有尺码表吗 发我看看');
      const chip = async () =>
        (
          await readShadowRoots<{ key: string; thumb: string; x: number; y: number }[]>(
            cdp,
            `function () {
              return JSON.stringify([...this.querySelectorAll('.chip')].map((b) => {
                const r = b.getBoundingClientRect();
                const c = b.querySelector('canvas.thumb');
                return { key: b.dataset.key, thumb: c ? c.dataset.state : '', x: r.left + r.width / 2, y: r.top + r.height / 2 };
              }));
            }`,
            'chips',
          )
        )
          .flat()
          .find((b) => b.key === `${PICTURE_PACK_ID}/chart`);
      await expect.poll(async () => (await chip())?.thumb, { timeout: 10_000 }).toBe('shown');
      const at = (await chip())!;
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => attachment.count()).toBe(2);
      expect(await attachment.nth(1).getAttribute('alt')).toBe('尺码表.png');
      await expect.poll(() => tc<string>(page, 'draft')).toContain('这是我们的尺码表');
      await page.locator(c.input).click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.press('Backspace');
      await expect.poll(() => tc<string>(page, 'draft')).toBe('');
      await cdp.detach();
    },
  );

  it('warns about a forbidden phrase typed in the reply box, and the agent’s reply stops the clock', async () => {
    await page.bringToFront();
    const box = page.locator(c.input);
    await box.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await expect.poll(() => tc<string>(page, 'draft')).toBe('');
    await page.keyboard.type('这个我也不知道');
    // The note lives in a closed shadow root: read it the way the browser's DevTools would.
    const cdp = await h.context.newCDPSession(page);
    await expect.poll(async () => (await readNote(cdp)).warning, { timeout: 5000 }).toContain('不知道');
    await cdp.detach();

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('您好，马上为您处理');
    await page.keyboard.press('Enter');
    await expect.poll(() => tc<string[]>(page, 'sent')).toEqual(['您好，马上为您处理']);
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('idle');
    // The others still wait.
    expect(await waiting()).toContain(unread);
    await page.close();
  });
});
