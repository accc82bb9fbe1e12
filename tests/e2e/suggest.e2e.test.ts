/**
 * Suggested replies on the demo console, as an agent lives them: a customer writes that an
 * item arrived broken, the panel suggests a quality / transit-damage script first; one click
 * puts it in the console's reply box; a follow-up "那怎么办啊" keeps the same situation; and
 * the customer's words never reach the extension's database or local storage (only the
 * session area, which the browser clears when it closes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { readStoredScripts } from './stored-scripts';

let h: Harness;
let consolePage: Page;
let panel: Page;

const BROKEN = '台灯今天到了 灯罩碎成好几块 底座也裂了😭';
const FOLLOW_UP = '那怎么办啊';
/** The situations an agent expects for a broken item (their names in the default pack). */
const DAMAGE = /质量问题|物流损坏/;

const demo = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as any).demoConsole[f as string](...(a as unknown[])), [
    fn,
    args,
  ] as const) as Promise<T>;

/** Every record of every IndexedDB store of the extension's origin, as JSON. */
const databaseDump = (page: Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const name of db.objectStoreNames) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push(`${info.name}/${name}: ${JSON.stringify(rows)}`);
      }
      db.close();
    }
    return out.join('\n');
  });

// Runs in an extension page, where `chrome` is the extension API.
declare const chrome: any;

beforeAll(async () => {
  h = await launch();
  consolePage = await h.openConsole();
  panel = await h.openPanel();
});
afterAll(async () => {
  await h?.close();
});

/** The suggestion block once it answers the customer message `id`. */
async function suggestionsFor(id: string) {
  const block = panel.locator(`[data-testid="suggestions"][data-for-message="${id}"]`);
  await block.waitFor({ timeout: 10_000 });
  return block;
}

describe('suggested replies', () => {
  it('puts a quality / transit-damage script first for a broken item; a click inserts it', async () => {
    // A conversation about a refund, so the damage has to come from the new message itself.
    await demo(consolePage, 'openConversation', 'c1003');
    await consolePage.locator('[data-role="composer"]').click();
    await expect.poll(() => panel.getByTestId('target').textContent()).toContain('将插入到');

    const id = await demo<string>(consolePage, 'pushCustomerMessage', 'c1003', BROKEN);
    const block = await suggestionsFor(id);
    const first = block.locator('li.suggestion').first();
    await expect.poll(() => first.locator('.script-situation').textContent()).toMatch(DAMAGE);
    expect(await block.getByTestId('suggested-situations').textContent()).toMatch(DAMAGE);

    await first.locator('.script-main').click();
    // Some scripts ask for a value first ({商品}): fill it as the agent would.
    const form = panel.locator('form.placeholder-form');
    const draft = () => demo<string>(consolePage, 'getDraft');
    await expect.poll(async () => (await draft()) !== '' || (await form.count()) > 0, { timeout: 5000 }).toBe(true);
    if (!(await draft())) {
      for (const input of await form.locator('input[data-placeholder-name]').all()) await input.fill('台灯');
      await form.locator('button[type="submit"]').click();
    }
    const body = (await first.locator('.script-body').textContent())!;
    await expect.poll(draft).toContain(body.replace(/\{[^}]+\}/g, '台灯').slice(0, 12));
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('已插入');
  });

  it('keeps the same situation for a follow-up “那怎么办啊”', async () => {
    const id = await demo<string>(consolePage, 'pushCustomerMessage', 'c1003', FOLLOW_UP);
    const block = await suggestionsFor(id);
    await expect
      .poll(() => block.locator('li.suggestion').first().locator('.script-situation').textContent())
      .toMatch(DAMAGE);
  });

  it('hides while the agent searches, and comes back when the search box is cleared', async () => {
    await panel.getByRole('searchbox').fill('抱歉');
    await expect.poll(() => panel.getByTestId('suggestions').count()).toBe(0);
    await panel.getByRole('searchbox').fill('');
    await expect.poll(() => panel.getByTestId('suggestions').count()).toBe(1);
  });

  it('存为话术 saves the reply box’s text as a personal script, the detected situation chosen and the order number a placeholder', async () => {
    const reply = '王女士您好，订单 3301234567890123 今天下午为您补发，差价 12元 已原路退回。';
    await consolePage.locator('[data-role="composer"]').fill(reply);
    await panel.getByTestId('save-as-script-open').click();
    const form = panel.getByTestId('save-as-script');
    await form.waitFor();
    await expect
      .poll(() => form.getByTestId('save-as-preview').textContent())
      .toBe('{客户称呼}您好，订单 {订单号} 今天下午为您补发，差价 {金额} 已原路退回。');
    // the situation detected for the customer's latest message (a broken lamp)
    expect(await form.locator('select option:checked').textContent()).toMatch(DAMAGE);
    await form.getByRole('button', { name: '保存到我的话术' }).click();
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('已存为话术');
    const mine = (await panel.evaluate(readStoredScripts)).filter((r) => r.packId === 'personal');
    expect(mine.map((r) => r.body)).toContain(
      '{客户称呼}您好，订单 {订单号} 今天下午为您补发，差价 {金额} 已原路退回。',
    );
  });

  it('records the pick with its situation, and keeps customer text out of the database and local storage', async () => {
    const dump = await databaseDump(panel);
    expect(dump).toMatch(/"via":"suggestion","situationKey":"[^"]*(sol-quality|sol-transit-damage)"/);
    for (const text of [BROKEN, '灯罩碎成好几块', FOLLOW_UP]) expect(dump).not.toContain(text);
    const local = await panel.evaluate(() => chrome.storage.local.get(null).then((o: object) => JSON.stringify(o)));
    expect(local).not.toContain('灯罩');
    // The text lives only in the session area (cleared with the browser), where the panel read it.
    const session = await panel.evaluate(() => chrome.storage.session.get(null).then((o: object) => JSON.stringify(o)));
    expect(session).toContain('灯罩碎成好几块');
  });
});
