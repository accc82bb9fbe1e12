/**
 * Forbidden phrases on the demo console, as an agent meets them: typing one shows a warning
 * beside the reply box naming the phrase, its category and a better script; deleting it hides
 * the warning; a category the team lead made blocking stops Enter with a confirm (返回修改 keeps
 * the draft unsent, 仍然发送 sends), Shift+Enter still makes a new line, an input method's Enter
 * is never taken; the warnings are counted in the options page; the panel asks before it
 * inserts a script that contains a forbidden phrase.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { clickScriptInPanel, importPack, launch, type Harness } from './harness';
import { readNote } from './our-ui';

let h: Harness;
let page: Page;
let cdp: CDPSession;

/** A team lead's pack: one blocking category (推诿语) with a better script, and a bad example. */
const teamPack = {
  schemaVersion: 1,
  id: 'team.rules',
  name: '测试组禁用语',
  version: '1.0.0',
  updatedAt: '2026-11-25T00:00:00Z',
  author: '组长',
  situations: [{ id: 'calm', name: '安抚', parent: null, order: 1 }],
  scripts: [
    { id: 'calm-1', situation: 'calm', title: '耐心核实', body: '非常理解您的心情，我这就帮您核实，请您稍等。' },
    { id: 'bad-1', situation: 'calm', title: '错误示范推诿', body: '这个问题不归我们组管，您问问别的部门吧。' },
  ],
  forbidden: [
    {
      id: 'buck',
      name: '推诿语',
      severity: 'block',
      phrases: ['不归我们组管', '问问别的部门'],
      advice: '说清楚谁来处理、什么时候回复',
      suggestScripts: ['calm-1'],
    },
  ],
};

type Msg = { from: string; text: string };
const demo = <T>(fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as any).demoConsole[f as string](...(a as unknown[])), [
    fn,
    args,
  ] as const) as Promise<T>;
const agentMessages = async () =>
  (await demo<Msg[]>('getMessages')).filter((m) => m.from === 'agent').map((m) => m.text);

const composer = () => page.locator('[data-role="composer"]');
/** The warning sits in a closed shadow root: read it as DevTools does (CDP). '' when none shows. */
const warningText = async () => (await readNote(cdp)).warning;
/** The confirm before a blocked send: whether it shows, its text, and the agent's mouse on its buttons. */
const confirmBox = () => ({
  isVisible: async () => (await readNote(cdp)).confirm !== '',
  textContent: async () => (await readNote(cdp)).confirm,
  getByText: (text: string) => ({
    click: async () => {
      const button = (await readNote(cdp)).buttons.find((b) => b.text === text);
      if (!button) throw new Error(`no button ${text}`);
      await page.mouse.click(button.x, button.y);
    },
  }),
});

async function clearDraft() {
  await composer().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect.poll(() => demo<string>('getDraft')).toBe('');
}

beforeAll(async () => {
  h = await launch();
  await importPack(h, teamPack);
  page = await h.openConsole();
  cdp = await h.context.newCDPSession(page);
  await composer().click();
});
afterAll(async () => {
  await h?.close();
});

describe('warning while typing', () => {
  it('names the phrase, its category and a better script, and hides when the phrase is deleted', async () => {
    await clearDraft();
    await page.keyboard.type('好的，您加我微信');
    await expect.poll(warningText).toContain('「加我微信」属于 泄露隐私与站外联系');
    const text = await warningText();
    expect(text).toContain('只在平台对话内沟通');
    expect(text).toContain('可改用');
    expect(text).toContain('30分钟内回电'); // the default pack's better script for this category
    // The warning never took focus: typing goes on in the reply box.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('composer');

    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => demo<string>('getDraft')).toBe('好的，您');
    await expect.poll(warningText).toBe('');
  });

  it('catches an evasive spelling typed with spaces', async () => {
    await clearDraft();
    await page.keyboard.type('加 v x 聊');
    await expect.poll(warningText).toContain('泄露隐私与站外联系');
  });

  it('checks every field the agent types in, not only the reply box the console rule names', async () => {
    await clearDraft();
    const search = page.locator('[data-role="conversation-search"]');
    await search.click();
    await page.keyboard.type('加我微信');
    await expect.poll(warningText).toContain('加我微信');
    await search.fill('');
    await expect.poll(warningText).toBe('');
  });

  it('warns on a console nobody has taught yet', async () => {
    const other = await h.openConsole('other-console.html');
    await other.locator('textarea').click();
    await other.keyboard.type('亲，加我微信');
    const otherCdp = await h.context.newCDPSession(other);
    await expect.poll(async () => (await readNote(otherCdp)).warning).toContain('加我微信');
    await other.close();
    await page.bringToFront();
  });
});

describe('blocking category', () => {
  it('stops Enter with a confirm: 返回修改 keeps the draft unsent, 仍然发送 sends it', async () => {
    await clearDraft();
    const before = await agentMessages();
    await page.keyboard.type('这个不归我们组管');
    await expect.poll(warningText).toContain('推诿语');
    expect(await warningText()).toContain('耐心核实');

    await page.keyboard.press('Enter');
    await expect.poll(() => confirmBox().isVisible()).toBe(true);
    expect(await confirmBox().textContent()).toContain('包含禁用语「不归我们组管」（推诿语），确定要发送吗？');
    await confirmBox().getByText('返回修改').click();
    await expect.poll(() => confirmBox().isVisible()).toBe(false);
    expect(await agentMessages()).toEqual(before);
    expect(await demo<string>('getDraft')).toBe('这个不归我们组管');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('composer');

    await page.keyboard.press('Enter');
    await expect.poll(() => confirmBox().isVisible()).toBe(true);
    await confirmBox().getByText('仍然发送').click();
    await expect.poll(agentMessages).toEqual([...before, '这个不归我们组管']);
    await expect.poll(warningText).toBe('');
  });

  it('stops the send button too', async () => {
    await clearDraft();
    const before = await agentMessages();
    await page.keyboard.type('您问问别的部门');
    await page.locator('[data-role="send"]').click();
    await expect.poll(() => confirmBox().isVisible()).toBe(true);
    await confirmBox().getByText('返回修改').click();
    expect(await agentMessages()).toEqual(before);
  });

  it('never takes Shift+Enter: it still makes a new line', async () => {
    await clearDraft();
    await page.keyboard.type('不归我们组管');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二行');
    await expect.poll(() => demo<string>('getDraft')).toBe('不归我们组管\n第二行');
    expect(await confirmBox().isVisible()).toBe(false);
  });

  it('lets Enter through while an input method is composing', async () => {
    await clearDraft();
    const before = await agentMessages();
    await page.keyboard.type('不归我们组管');
    await cdp.send('Input.imeSetComposition', { text: 'hao', selectionStart: 3, selectionEnd: 3 });
    // Enter while composing confirms the candidate: keyCode 229 / isComposing, as a real IME sends it.
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
    });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
    });
    expect(await confirmBox().isVisible()).toBe(false);
    await cdp.send('Input.insertText', { text: '好' });
    await expect.poll(() => demo<string>('getDraft')).toBe('不归我们组管好');
    expect(await confirmBox().isVisible()).toBe(false);
    expect(await agentMessages()).toEqual(before);
  });
});

describe('stats and the side panel', () => {
  it('counts warnings per day and category in the options page', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const row = (name: string) => options.getByTestId('warning-stats').locator('tbody tr').filter({ hasText: name });
    await row('推诿语').waitFor();
    // Typed 4 times across the drafts above (each draft counts once, not per keystroke); one send past the confirm.
    expect(await row('推诿语').getByTestId('warning-count').textContent()).toBe('4');
    expect(await row('推诿语').locator('td').nth(3).textContent()).toBe('1');
    // Two in the reply box, one in the conversation search, one on the untaught console.
    expect(Number(await row('泄露隐私与站外联系').getByTestId('warning-count').textContent())).toBe(4);
    expect(await options.getByTestId('warning-stats').textContent()).not.toContain('加我微信');
    await options.close();
  });

  it('asks before inserting a script with a forbidden phrase, and inserts on confirm', async () => {
    await clearDraft();
    const panel = await h.openPanel();
    await clickScriptInPanel(panel, 'team.rules/bad-1', '错误示范推诿');
    const confirm = panel.getByTestId('compliance-panel-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('这条话术包含禁用语「不归我们组管」（推诿语）');
    expect(await demo<string>('getDraft')).toBe('');
    await panel.getByTestId('compliance-insert-anyway').click();
    await expect.poll(() => demo<string>('getDraft')).toBe('这个问题不归我们组管，您问问别的部门吧。');
    await panel.close();
  });
});
