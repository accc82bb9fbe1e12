/**
 * Consoles nobody on the team wrote, built from public chat kits (tests/e2e/editors/console-*):
 * a React kit (chatscope) whose reply box is a contenteditable sending on `keypress`, a
 * ProseMirror reply box on Chatwoot's schema sending on `keydown`, and a Vue custom element
 * whose whole UI is inside an open shadow root, sending on `keyup`. None shows message times.
 * Each is taught through teach mode with real clicks, as an agent would, and then must give:
 * a countdown in the open conversation (timed from first seen) and for a conversation waiting
 * in the list, suggestions, insertion into the editor's own model without sending, a
 * forbidden-phrase warning, and a reply that stops the clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, serveEditorPages, type Harness } from './harness';

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
  },
];

let h: Harness;
let pages: { url: string; close(): Promise<void> };
let panel: Page;

const tc = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => {
    const value = (window as any).testConsole[f as string];
    return typeof value === 'function' ? value(...(a as unknown[])) : value;
  }, [fn, args] as const) as Promise<T>;

beforeAll(async () => {
  [h, pages] = await Promise.all([launch(), serveEditorPages()]);
  panel = await h.openPanel();
});
afterAll(async () => {
  await Promise.all([h?.close(), pages?.close()]);
});

describe.each(CONSOLES)('a console built from a public kit: $page (sends on $sendsOn)', (c) => {
  let page: Page;
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
    await page.locator(c.customerMessage).first().click();
    await page.locator(c.agentMessage).first().click();
    await page.locator(c.title).first().click();
    await page.locator(c.listName).last().click();
    await page.locator(c.unread).first().click();
    // The console saw none of those clicks: still the same conversation open, nothing sent.
    expect(await tc(page, 'openName')).toBe('陈女士');

    const card = panel.getByTestId('teach-card');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('已找到');
    expect(await panel.getByTestId('teach-messages').textContent()).toBe('消息 3 条（客户 2，客服 1）');
    expect(await card.textContent()).toContain('陈女士');
    expect(await panel.getByTestId('teach-list').textContent()).toContain('3 个会话，其中 1 个有未读（陈女士、刘先生、赵小姐）');
    await card.getByRole('button', { name: '保存规则' }).click();
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('规则已保存');
  });

  it('counts down in the open conversation, timed from first seen, and for conversations waiting in the list', async () => {
    await page.bringToFront();
    await page.locator(c.input).click();
    // 陈女士's latest message is the customer's: she is waiting, though the page shows no times.
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('calm');
    expect(await panel.getByTestId('countdown').textContent()).toContain('陈女士');
    expect(await panel.getByTestId('countdown-basis').textContent()).toBe('按首次看到计时');
    // 刘先生 has an unread badge in the list; 赵小姐 writes while another conversation is open.
    await expect.poll(waiting).toContain('刘先生');
    expect(await waiting()).not.toContain('赵小姐');
    await tc(page, 'push', '赵小姐', '你好，我的快递到哪了');
    await expect.poll(waiting).toContain('赵小姐');
  });

  it('suggests replies for a new customer message and inserts one into the editor’s model without sending', async () => {
    await tc(page, 'push', '陈女士', '收到的杯子碎了，怎么办');
    const block = panel.locator('[data-testid="suggestions"]');
    await block.first().waitFor({ timeout: 10_000 });
    const first = block.first().locator('li.suggestion').first();
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

  it('warns about a forbidden phrase typed in the reply box, and the agent’s reply stops the clock', async () => {
    await page.bringToFront();
    const box = page.locator(c.input);
    await box.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await expect.poll(() => tc<string>(page, 'draft')).toBe('');
    await page.keyboard.type('这个我也不知道');
    const warning = page.locator('huashu-compliance [data-testid="compliance-warning"]');
    await expect.poll(() => warning.textContent(), { timeout: 5000 }).toContain('不知道');

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('您好，马上为您处理');
    await page.keyboard.press('Enter');
    await expect.poll(() => tc<string[]>(page, 'sent')).toEqual(['您好，马上为您处理']);
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('idle');
    // The others still wait.
    expect(await waiting()).toContain('刘先生');
    await page.close();
  });
});
