/**
 * A pack whose forbidden phrases are catastrophic patterns (each one froze the console for
 * seconds per keystroke under a backtracking engine) is installed; the agent types an ordinary
 * 30-character reply and the console page never has a long task (≥ 50 ms, reported by the
 * page's own PerformanceObserver), yet the patterns still work: a draft they match is warned.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CATASTROPHIC_PATTERNS } from '../fixtures/hostile/patterns';
import { importPack, launch, type Harness } from './harness';
import { readNote } from './our-ui';

let h: Harness;
let page: Page;

const hostilePack = {
  schemaVersion: 1,
  id: 'team.hostile',
  name: '恶意正则测试包',
  version: '1.0.0',
  updatedAt: '2026-11-25T00:00:00Z',
  author: '组长',
  situations: [{ id: 's', name: '测试', parent: null, order: 1 }],
  scripts: [{ id: 'a', situation: 's', title: '问候', body: '您好' }],
  forbidden: [
    { id: 'hostile', name: '恶意正则', severity: 'warn', phrases: CATASTROPHIC_PATTERNS.map((p) => `re:${p}`) },
  ],
};

/** An ordinary reply of exactly 30 characters. */
const REPLY = '亲，您好，您的订单已经发出了，预计明天就能送到，请您耐心等待';

beforeAll(async () => {
  h = await launch();
  await importPack(h, hostilePack);
  page = await h.openConsole();
});
afterAll(async () => {
  await h?.close();
});

it('typing a 30-character reply never blocks the console for 50 ms, and the patterns still warn', async () => {
  expect([...REPLY]).toHaveLength(30);
  const composer = page.locator('[data-role="composer"]');
  await composer.click();
  // The content script has the rules once a draft they match is warned about.
  await page.keyboard.type('abcz');
  // The note lives in a closed shadow root: read it through CDP, as DevTools would.
  const cdp = await h.context.newCDPSession(page);
  const warning = async () => (await readNote(cdp)).warning;
  await expect.poll(warning).toContain('「abcz」属于 恶意正则');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');

  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  for (const ch of REPLY) await page.keyboard.type(ch);
  // `(\d+)*\D$` matches the draft's last character: once the warning names 「待」, the check of
  // the whole reply has run all its slices. Then one more task for the observer to report.
  await expect.poll(warning).toContain('「待」');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  expect(longTasks).toEqual([]);
  expect(await page.evaluate(() => (window as any).demoConsole.getDraft())).toBe(REPLY);

  // Still checked: ending the draft with "z" matches ^(.+)+z$ over the whole draft.
  await page.keyboard.type('z');
  await expect.poll(warning).toContain(`「${REPLY}z」`);
});
