/**
 * Teach mode on a console no built-in rule knows (generated class names, no data hooks): the
 * agent points at its parts (skipping the conversation list), checks the preview, saves — and
 * the countdown works there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';

let h: Harness;
let consolePage: Page;
let panel: Page;

beforeAll(async () => {
  h = await launch();
  consolePage = await h.context.newPage();
  // Served on `localhost` (the demo console tests use 127.0.0.1): a host with only this page.
  await consolePage.goto(new URL('/other-console.html', h.demoUrl.replace('127.0.0.1', 'localhost')).href);
  await consolePage.locator('textarea').click();
  panel = await h.openPanel();
});
afterAll(async () => {
  await h?.close();
});

describe('teach mode', () => {
  it('derives a rule from four clicks, previews what it finds, and the console is tracked once saved', async () => {
    await expect.poll(() => panel.getByTestId('target').textContent()).toContain('将插入到');
    await panel.getByTestId('teach').click();
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('按页面顶部的提示');

    await consolePage.bringToFront();
    // The console's own send button is in the way of nothing: clicks during teaching never reach it.
    await consolePage.locator('textarea').click();
    await consolePage.locator('.msg-row:not(.is-self) .bubble span').first().click();
    await consolePage.locator('.msg-row.is-self .bubble span').first().click();
    await consolePage.locator('.chat-header .name').click();
    // No conversation list worth teaching here: Enter skips both list steps (the console's
    // focused reply box sends nothing).
    await consolePage.keyboard.press('Enter');
    await consolePage.keyboard.press('Enter');

    const card = panel.getByTestId('teach-card');
    await expect.poll(() => card.textContent()).toContain('已找到');
    expect(await panel.getByTestId('teach-messages').textContent()).toBe('消息 2 条（客户 1，客服 1）');
    expect(await card.textContent()).toContain('张先生');
    expect(await panel.getByTestId('teach-list').textContent()).toContain('未设置');
    await card.getByRole('button', { name: '保存规则' }).click();
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('规则已保存');

    // The taught rule is in Settings, and the console is now followed: a customer message starts the clock.
    await consolePage.evaluate(() => (window as any).otherConsole.push('灯还是不亮，怎么办？'));
    await consolePage.locator('textarea').click();
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('calm');
    expect(await panel.getByTestId('countdown').textContent()).toContain('张先生');

    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await expect.poll(() => options.getByTestId('site-rules').textContent()).toContain('localhost');
    await options.close();
  });
});
