/**
 * Forbidden phrases on the demo console in real headless firefox-esr with the built MV2
 * extension, the agent's core path: typing 加我微信 shows the warning beside the reply box
 * naming the phrase and its category; in a category a team lead made blocking, Enter is
 * stopped with a confirm — 返回修改 keeps the draft unsent, 仍然发送 sends it. Checks read the
 * console's model (`demoConsole`) and our warning's CLOSED shadow root (as a WebDriver BiDi
 * client can: the host's serialisation names its shadow root, whatever its mode), and click its
 * buttons with the mouse.
 *
 *   npx wxt build -b firefox && npx vitest run --config vitest.firefox.config.ts tests/e2e-firefox/compliance.firefox.test.ts
 *
 * Skipped (not failed) when /usr/bin/firefox-esr is absent.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { describeFirefox, importPack } from './harness';

/** A team lead's pack: one blocking category (推诿语) with a better script. */
const teamPack = {
  schemaVersion: 1,
  id: 'team.ff-rules',
  name: '火狐测试组禁用语',
  version: '1.0.0',
  updatedAt: '2026-11-25T00:00:00Z',
  author: '组长',
  situations: [{ id: 'calm', name: '安抚', parent: null, order: 1 }],
  scripts: [
    { id: 'calm-1', situation: 'calm', title: '耐心核实', body: '非常理解您的心情，我这就帮您核实，请您稍等。' },
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

const draft = (page: Page) =>
  page.evaluate(() => (window as unknown as { demoConsole: { getDraft(): string } }).demoConsole.getDraft());
const agentMessages = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-role="message"][data-from="agent"] [data-role="message-text"]')].map(
      (e) => e.textContent,
    ),
  );
interface BidiRealm {
  callFunction(
    fn: string,
    awaitPromise: boolean,
    options: object,
  ): Promise<{ type: string; result?: { value?: unknown } }>;
}

/**
 * Runs `fn` (a function declaration; `this` is the shadow root) in our warning's closed shadow
 * root over WebDriver BiDi, the way DevTools-like clients read it; undefined when there is no warning.
 */
async function inNote<T>(page: Page, fn: string, arg: string): Promise<T | undefined> {
  const host = await page.evaluateHandle(() => document.querySelector('[data-huashu-ui="compliance"]'));
  try {
    const remote = (
      host as unknown as { remoteValue(): { value?: { shadowRoot?: { sharedId?: string } } } }
    ).remoteValue();
    const shadowId = remote.value?.shadowRoot?.sharedId;
    const realm = (host as unknown as { realm?: { realm?: BidiRealm } }).realm?.realm;
    if (!shadowId) return undefined;
    if (typeof realm?.callFunction !== 'function')
      throw new Error('puppeteer-core internals changed: JSHandle#realm.realm.callFunction is gone; update inNote()');
    const r = await realm.callFunction(fn, false, {
      this: { sharedId: shadowId },
      arguments: [{ type: 'string', value: arg }],
      resultOwnership: 'none',
    });
    return r.result?.value as T;
  } finally {
    await host.dispose();
  }
}

/** Text of an element inside our warning's closed shadow root; '' when absent or hidden. */
const shadowText = async (page: Page, testid: string) =>
  (await inNote<string>(
    page,
    `function (id) { const el = this.querySelector('[data-testid="' + id + '"]'); return el && !el.hidden ? el.textContent : ''; }`,
    testid,
  )) ?? '';
const warningText = (page: Page) => shadowText(page, 'compliance-warning');
const confirmText = (page: Page) => shadowText(page, 'compliance-confirm');
const focusedRole = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-role') ?? null);

/** A real mouse click on a button of the confirm, where the agent sees it. */
async function clickConfirmButton(page: Page, testid: 'compliance-back' | 'compliance-send') {
  const at = await inNote<string>(
    page,
    `function (id) { const r = this.querySelector('[data-testid="' + id + '"]').getBoundingClientRect(); return JSON.stringify({ x: r.left + r.width / 2, y: r.top + r.height / 2 }); }`,
    testid,
  );
  if (!at) throw new Error(`no ${testid}`);
  const { x, y } = JSON.parse(at) as { x: number; y: number };
  await page.mouse.click(x, y);
}

async function clearDraft(page: Page) {
  await page.click('[data-role="composer"]');
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await expect.poll(() => draft(page)).toBe('');
}

let page: Page;
describeFirefox(
  'compliance',
  {
    async setup(h) {
      await importPack(h, teamPack);
      page = await h.openConsole('?schedule=off');
    },
  },
  () => {
    describe('Firefox forbidden phrases', () => {
      it('typing 加我微信 shows a warning naming the phrase and its category; deleting it hides the warning', async () => {
        await clearDraft(page);
        await page.keyboard.type('好的，您加我微信');
        await expect.poll(() => warningText(page)).toContain('「加我微信」属于 泄露隐私与站外联系');
        expect(await warningText(page)).toContain('可改用');
        // The warning never took focus: typing goes on in the reply box.
        expect(await focusedRole(page)).toBe('composer');

        for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
        await expect.poll(() => draft(page)).toBe('好的，您');
        await expect.poll(() => warningText(page)).toBe('');
      });

      it('a blocking category stops Enter with a confirm: 返回修改 keeps the draft unsent, 仍然发送 sends it', async () => {
        await clearDraft(page);
        const before = await agentMessages(page);
        await page.keyboard.type('这个不归我们组管');
        await expect.poll(() => warningText(page)).toContain('推诿语');

        await page.keyboard.press('Enter');
        await expect.poll(() => confirmText(page)).toContain('包含禁用语「不归我们组管」（推诿语），确定要发送吗？');
        expect(await agentMessages(page)).toEqual(before);
        await clickConfirmButton(page, 'compliance-back');
        await expect.poll(() => confirmText(page)).toBe('');
        expect(await agentMessages(page)).toEqual(before);
        expect(await draft(page)).toBe('这个不归我们组管');
        expect(await focusedRole(page)).toBe('composer');

        await page.keyboard.press('Enter');
        await expect.poll(() => confirmText(page)).toContain('不归我们组管');
        await clickConfirmButton(page, 'compliance-send');
        await expect.poll(() => agentMessages(page)).toEqual([...before, '这个不归我们组管']);
        await expect.poll(() => draft(page)).toBe('');
        await expect.poll(() => warningText(page)).toBe('');
      });

      it('stops the send button too, and 返回修改 keeps the draft', async () => {
        await clearDraft(page);
        const before = await agentMessages(page);
        await page.keyboard.type('您问问别的部门');
        await expect.poll(() => warningText(page)).toContain('推诿语');
        await page.click('[data-role="send"]');
        await expect.poll(() => confirmText(page)).toContain('问问别的部门');
        await clickConfirmButton(page, 'compliance-back');
        await expect.poll(() => confirmText(page)).toBe('');
        expect(await agentMessages(page)).toEqual(before);
        expect(await draft(page)).toBe('您问问别的部门');
      });
    });
  },
);
