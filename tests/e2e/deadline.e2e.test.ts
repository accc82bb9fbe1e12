/**
 * Reply deadlines on the demo console, as an agent lives them: a customer writes, the panel
 * counts down; the agent replies, it stops; switching conversations switches it; the badge and
 * a notification follow; stopping the service worker loses nothing.
 * A team pack with short deadlines (first reply 20 s, warn 10 s before) keeps this fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';

let h: Harness;
let consolePage: Page;
let panel: Page;

const teamPack = {
  schemaVersion: 1,
  id: 'team.fast',
  name: '测试组规则',
  version: '1.0.0',
  updatedAt: '2026-11-24T00:00:00Z',
  author: '组长',
  situations: [{ id: 'hi', name: '开场', parent: null, order: 1 }],
  scripts: [
    {
      id: 'promise',
      situation: 'hi',
      title: '稍后回复',
      body: '我去核实一下，1 分钟内回复您。',
      effect: { followUpMinutes: 1 },
    },
  ],
  policy: { firstReplySeconds: 20, nextReplySeconds: 20, warnBeforeSeconds: 10, serviceHours: null },
};

type Msg = { from: string };
const demo = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as any).demoConsole[f as string](...(a as unknown[])), [
    fn,
    args,
  ] as const) as Promise<T>;

const conversationIds = (page: Page) =>
  page
    .locator('[data-role="conversation"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')!));

/** Open a conversation and reply in it, so nothing is owed until the customer writes again. */
async function answer(page: Page, id: string) {
  await demo(page, 'openConversation', id);
  const messages = await demo<Msg[]>(page, 'getMessages', id);
  if (messages.filter((m) => m.from !== 'system').at(-1)?.from === 'agent') return;
  await page.locator('[data-role="composer"]').fill('您好，久等了');
  await page.locator('[data-role="send"]').click();
}

// Runs inside the service worker, where `chrome` is the extension API.
declare const chrome: any;
const badge = async () => (await h.serviceWorker()).evaluate(() => chrome.action.getBadgeText({}) as Promise<string>);

beforeAll(async () => {
  h = await launch();
  const options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options
    .getByTestId('import-pack')
    .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(teamPack)) });
  await options.getByTestId('import-result').filter({ hasText: '已导入' }).waitFor();
  await options.close();
  consolePage = await h.openConsole();
  panel = await h.openPanel();
});
afterAll(async () => {
  await h?.close();
});

describe('reply countdown', () => {
  it('starts within a second of a customer message, and a reply stops it', async () => {
    const [id] = await conversationIds(consolePage);
    await answer(consolePage, id!);
    await consolePage.locator('[data-role="composer"]').click();
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('idle');

    const sentAt = Date.now();
    await demo(consolePage, 'pushCustomerMessage', id!, '在吗？我的快递怎么还没到');
    await expect
      .poll(() => panel.getByTestId('countdown').getAttribute('data-phase'), { timeout: 3000, interval: 100 })
      .toBe('calm');
    expect(Date.now() - sentAt).toBeLessThan(1500);
    const text = await panel.getByTestId('countdown-time').textContent();
    expect(text).toMatch(/^0:(1\d|20)$/);
    await expect.poll(badge).toMatch(/^\d+s$/);

    await consolePage.locator('[data-role="composer"]').fill('您好，马上为您查询');
    await consolePage.locator('[data-role="send"]').click();
    await expect.poll(() => panel.getByTestId('countdown').getAttribute('data-phase')).toBe('idle');
  });

  it('follows a conversation switch, lists waiting conversations by urgency, and switches from the list', async () => {
    const [, first, second] = (await conversationIds(consolePage)) as [string, string, string];
    await answer(consolePage, first);
    await answer(consolePage, second);
    await demo(consolePage, 'pushCustomerMessage', first, '第一个客户的问题');
    await consolePage.waitForTimeout(1500);
    await demo(consolePage, 'pushCustomerMessage', second, '第二个客户的问题');
    await demo(consolePage, 'openConversation', second);
    const secondTitle = (await consolePage.locator('[data-role="current-conversation"]').textContent())!.trim();
    await expect.poll(() => panel.getByTestId('countdown').textContent()).toContain(secondTitle);
    // Only the open conversation is read, so `first` is known only if it was opened: open it once.
    await demo(consolePage, 'openConversation', first);
    // Wait for both conversations themselves: the list may already hold others from earlier steps.
    await expect
      .poll(async () => {
        const keys = await panel
          .locator('[data-testid="waiting-list"] [data-conversation-key]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-key')!));
        return [first, second].every((id) => keys.some((k) => k.endsWith(`|${id}`)));
      })
      .toBe(true);
    const order = await panel
      .locator('[data-testid="waiting-list"] [data-conversation-key]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-key')!));
    expect(order.indexOf(order.find((k) => k.endsWith(`|${first}`))!)).toBeLessThan(
      order.indexOf(order.find((k) => k.endsWith(`|${second}`))!),
    );

    await panel.locator(`[data-conversation-key$="|${second}"]`).click();
    await expect.poll(() => demo<string>(consolePage, 'currentConversationId')).toBe(second);
  });

  it('notifies at the warning threshold and turns overdue, counting up', async () => {
    const sw = await h.serviceWorker();
    await expect
      .poll(
        () =>
          sw.evaluate(
            () => new Promise<string[]>((r) => chrome.notifications.getAll((n: object) => r(Object.keys(n)))),
          ),
        { timeout: 20_000, interval: 500 },
      )
      .toEqual(expect.arrayContaining([expect.stringMatching(/^deadline:.*:warning$/)]));
    await expect
      .poll(() => panel.getByTestId('countdown').getAttribute('data-phase'), { timeout: 20_000, interval: 500 })
      .toBe('overdue');
    await expect.poll(() => panel.getByTestId('countdown-time').textContent(), { timeout: 3000 }).toMatch(/^-0:\d\d$/);
    await expect.poll(badge).toMatch(/^-/);
  });

  it('keeps the countdown right across a service-worker stop', async () => {
    const before = await panel.getByTestId('countdown-time').textContent();
    const cdp = await h.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await panel.reload();
    await expect
      .poll(() => panel.getByTestId('countdown').getAttribute('data-phase'), { timeout: 10_000 })
      .toBe('overdue');
    const after = await panel.getByTestId('countdown-time').textContent();
    // Counting up from the same due time: later, never reset.
    const secs = (t: string | null) => Math.abs(Number(t!.split(':')[0]) * 60 + Number(t!.split(':')[1]));
    expect(secs(after)).toBeGreaterThanOrEqual(secs(before));
  });

  it("shows the day's reply-time figures on the options page and exports them as CSV, without chat text", async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const table = options.getByTestId('stats-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await table.textContent()).toContain('127.0.0.1');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('stats-csv').click()]);
    const csv = (await (await download.createReadStream()).toArray()).join('');
    expect(csv.split('\r\n')[0]).toContain('日期');
    expect(csv).toContain('127.0.0.1');
    expect(csv).not.toContain('快递');
    await options.close();
  });
});
