/**
 * The panel's list as an agent uses it with a large library: scrolled far down, typed into
 * fast, and after Chrome stopped the background. The panel holds no scripts; every row it shows
 * must be the one the background's list has at that place, and the last keystroke wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { importPack, launch, type Harness } from './harness';

const base = loadDefaultPack();
const SCRIPTS = 5000;
const pack = {
  schemaVersion: 1,
  id: 'e2e.long-list',
  name: '长列表话术',
  version: '1.0.0',
  updatedAt: '2026-12-07T09:00:00+08:00',
  author: 'e2e',
  placeholders: base.placeholders,
  situations: base.situations,
  scripts: Array.from({ length: SCRIPTS }, (_, i) => ({
    id: `s${i}`,
    situation: base.scripts[i % base.scripts.length]!.situation,
    title: `长列表第${i}条`,
    body: `第${i}条的正文：${base.scripts[i % base.scripts.length]!.body.slice(0, 40)}`,
    purpose: '',
    keywords: [],
    tags: [],
  })),
};

let h: Harness;
let panel: Page;
beforeAll(async () => {
  h = await launch();
  await importPack(h, pack);
  panel = await h.openPanel();
  // The whole library is listed: the default pack's scripts and these.
  await panel.waitForFunction(
    (n) => document.querySelector('.tree-item .tree-count')?.textContent === String(n),
    SCRIPTS + base.scripts.length,
    { timeout: 30_000 },
  );
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** What the background's list holds at these places (asked over the panel's own port). */
function backgroundKeys(query: string, positions: number[]): Promise<(string | undefined)[]> {
  return panel.evaluate(
    async ([q, at]) => {
      type Answer = { view: { items: { key: string }[] } };
      type Port = {
        postMessage(m: unknown): void;
        disconnect(): void;
        onMessage: { addListener(f: (m: Answer) => void): void; removeListener(f: (m: Answer) => void): void };
      };
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } } })
        .chrome;
      const port = runtime.connect({ name: 'libraryView' });
      let id = 0;
      const ask = (offset: number) =>
        new Promise<Answer>((resolve) => {
          const take = (m: Answer) => {
            port.onMessage.removeListener(take);
            resolve(m);
          };
          port.onMessage.addListener(take);
          port.postMessage({ id: ++id, view: { query: q, offset, limit: 1 } });
        });
      const keys: (string | undefined)[] = [];
      for (const offset of at) keys.push((await ask(offset)).view.items[0]?.key);
      port.disconnect();
      return keys;
    },
    [query, positions] as const,
  );
}

/**
 * The rows on screen once every one of them has its script: [position, script key, title],
 * read in the same moment as the check (the list re-renders as rows are measured).
 */
async function rowsOnScreen(): Promise<[number, string, string][]> {
  const rows = await panel.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.script-list li[data-index]')];
    if (!rows.length || !rows.every((r) => r.hasAttribute('data-script-key'))) return null;
    return rows.map((r) => [
      Number(r.getAttribute('data-index')),
      r.getAttribute('data-script-key')!,
      r.querySelector('.script-title')?.textContent ?? '',
    ]);
  });
  return (await rows.jsonValue()) as [number, string, string][];
}

describe('the panel list with a large library', () => {
  it('scrolled far down, and to the very end, every row shows the script the library has at its place', async () => {
    const scroller = panel.locator('.script-scroll');
    for (const to of [0.37, 0.8, 1]) {
      await scroller.evaluate((el, f) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * f), to);
      // The rows of the new place (not the ones the list showed before the scroll; measuring
      // rows moves the scroll position by a little, so the place is told by the rows).
      await panel.waitForFunction(
        ([f, n]) => {
          const first = Number(document.querySelector('.script-list li[data-index]')?.getAttribute('data-index'));
          return first >= Math.floor(f * n) - 50;
        },
        [to, SCRIPTS + base.scripts.length] as const,
      );
      const rows = await rowsOnScreen();
      expect(rows.length).toBeGreaterThan(2);
      expect(rows.map(([, key]) => key)).toEqual(
        await backgroundKeys(
          '',
          rows.map(([at]) => at),
        ),
      );
      // The titles say the same: the text shown is that script's.
      for (const [, key, title] of rows)
        if (key.startsWith(`${pack.id}/`)) expect(title).toBe(`长列表第${key.slice(pack.id.length + 2)}条`);
    }
    const last = await rowsOnScreen();
    expect(last.at(-1)![0]).toBe(SCRIPTS + base.scripts.length - 1);
  });

  it('typed into fast, it ends with the last query’s results, and stays there', async () => {
    const box = panel.getByRole('searchbox');
    await box.fill('');
    await box.pressSequentially('长列表第4321条', { delay: 0 });
    const list = panel.locator('main.results');
    await expect.poll(() => list.getAttribute('data-query')).toBe('长列表第4321条');
    const rows = await rowsOnScreen();
    expect(rows[0]![1]).toBe(`${pack.id}/s4321`);
    expect(rows.map(([, key]) => key)).toEqual(
      await backgroundKeys(
        '长列表第4321条',
        rows.map(([at]) => at),
      ),
    );
    // No answer for an earlier keystroke replaces it later.
    await panel.waitForTimeout(500);
    expect(await list.getAttribute('data-query')).toBe('长列表第4321条');
    expect((await rowsOnScreen())[0]![1]).toBe(`${pack.id}/s4321`);
  });

  it('after Chrome stopped the background, the next keystroke still gets its results', async () => {
    const cdp = await h.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const box = panel.getByRole('searchbox');
    await box.fill('长列表第17条');
    await expect
      .poll(() => panel.locator('main.results').getAttribute('data-query'), { timeout: 30_000 })
      .toBe('长列表第17条');
    expect((await rowsOnScreen())[0]![1]).toBe(`${pack.id}/s17`);
  });
});
