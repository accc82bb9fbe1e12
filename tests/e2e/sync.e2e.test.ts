/**
 * Subscribing to a team pack and keeping it in sync, in real Chromium against a local pack
 * server: first sync, 304, an update over a personal edit, every kind of failure (the previous
 * version stays searchable and the options page names the cause), and a script full of HTML
 * that is stored and inserted as plain text.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePack } from '../../scripts-library/schema';
import { packToRows, scriptFingerprint } from '../../scripts-library/pack-rows';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS, withHash, type TeamScript } from '../fixtures/sync-packs';
import { putRow } from './db-read';
import { clickScriptInPanel, launch, type Harness } from './harness';
import { startPackServer, type PackServer } from './pack-server';

const PATH = '/team/aftersale.json';
const V2_SCRIPTS: TeamScript[] = [
  { ...V1_SCRIPTS[0]!, body: '您好，已经为您加急催件，快递今天会更新物流信息，请您放心。' },
  V1_SCRIPTS[2]!,
  V1_SCRIPTS[3]!,
  {
    id: 'th-huanhuo',
    situation: 'th',
    title: '换货流程说明',
    body: '换货需要先寄回原商品，我们收到后 24 小时内发出新的。',
  },
];
const HTML_BODY =
  '<b>您好</b><img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script> 请以收到的&lt;快递单&gt;为准。';

let h: Harness;
let server: PackServer;
let options: Page;

/** One script by key: the agent's rows are in `scripts`, pack scripts in `scriptChunks` (up to 500 a row). */
async function readScript(page: Page, key: string): Promise<any> {
  return page.evaluate(
    (k) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('huashu');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['scripts', 'scriptChunks'], 'readonly');
          const own = tx.objectStore('scripts').get(k);
          const chunks = tx.objectStore('scriptChunks').getAll();
          tx.oncomplete = () => {
            req.result.close();
            resolve(
              own.result ??
                (chunks.result as { rows: { key: string }[] }[]).flatMap((c) => c.rows).find((r) => r.key === k),
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    key,
  );
}

const row = () => options.locator(`[data-testid="packs"] tr[data-pack-id="${TEAM_PACK_ID}"]`);

async function syncNow() {
  await row().getByTestId('sync-now').click();
  await expect.poll(() => row().getByTestId('sync-now').isEnabled()).toBe(true);
}

/** The panel finds the script by its title (the agent's search). */
async function searchable(title: string, key: string): Promise<boolean> {
  const panel = await h.openPanel();
  try {
    await panel.getByRole('searchbox').fill(title);
    await panel.locator(`[data-script-key="${key}"]`).first().waitFor({ timeout: 3000 });
    return true;
  } catch {
    return false;
  } finally {
    await panel.close();
  }
}

beforeAll(async () => {
  server = await startPackServer();
  h = await launch();
  options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options.getByTestId('packs').waitFor();
  // Short limits so the timeout and size-cap cases run in seconds (defaults: 10 s, 50 MB).
  await options.evaluate(putRow, ['settings', { key: 'packSyncTimeoutMs', value: 1500 }] as const);
  await options.evaluate(putRow, ['settings', { key: 'packSyncMaxBytes', value: 1024 * 1024 }] as const);
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('subscribing and syncing a team pack', () => {
  it('refuses a plain-http address on another machine without asking the server anything', async () => {
    await options.getByTestId('subscribe-url').fill('http://packs.example.com/team.json');
    await options.getByTestId('subscribe-pack').click();
    await expect.poll(() => options.getByTestId('import-result').textContent()).toContain('只能订阅 https 地址');
    expect(await options.locator(`tr[data-pack-id="${TEAM_PACK_ID}"]`).count()).toBe(0);
  });

  it('first sync: the pack is listed with its source and status, and its scripts are searchable in the panel', async () => {
    server.set(PATH, { kind: 'pack', body: JSON.stringify(await withHash(teamPack('1.0'))) });
    await options.getByTestId('subscribe-url').fill(server.url(PATH));
    await options.getByTestId('subscribe-pack').click();
    await expect.poll(() => options.getByTestId('import-result').textContent()).toContain('已订阅“售后组话术” 1.0');
    await expect.poll(() => row().textContent()).toContain(`订阅：${server.url(PATH)}`);
    expect(await row().getByTestId('pack-status').textContent()).toBe('正常');
    expect(server.hits(PATH)).toHaveLength(1);
    expect(server.hits(PATH)[0]!.cookie).toBeUndefined();
    expect(await searchable('物流催件回复', `${TEAM_PACK_ID}/wl-cuijian`)).toBe(true);
  });

  it('an unchanged pack costs exactly one conditional request, answered 304 with no body, and changes nothing', async () => {
    const before = server.hits(PATH).length;
    await syncNow();
    await expect.poll(() => options.getByTestId('import-result').textContent()).toContain('已是最新（1.0）');
    const hits = server.hits(PATH).slice(before);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ status: 304, bodyBytes: 0 });
    expect(hits[0]!.ifNoneMatch).toBeTruthy();
    expect(await row().locator('td').nth(1).textContent()).toBe('1.0');
  });

  it('an update under a personal edit keeps the edit, flags it, and shows what changed', async () => {
    // The agent's own copy of 物流催件回复, as the script editor saves it (base fingerprint kept).
    const v1 = validatePack(teamPack('1.0'));
    if (!v1.ok) throw new Error('fixture');
    const base = packToRows(v1.pack, { kind: 'url', url: server.url(PATH) }, 0).scripts.find(
      (s) => s.id === 'wl-cuijian',
    )!;
    const copy = {
      ...base,
      key: 'personal/my-cuijian',
      packId: 'personal',
      id: 'my-cuijian',
      body: '亲，我这边已经帮您催促快递了，有消息第一时间告诉您。',
      origin: 'personal',
      overrides: base.key,
      baseHash: scriptFingerprint(base),
      updatedAt: Date.now(),
    };
    await options.evaluate(
      (c) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('huashu');
          req.onsuccess = () => {
            const tx = req.result.transaction('scripts', 'readwrite');
            tx.objectStore('scripts').put(c);
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      copy,
    );

    server.set(PATH, { kind: 'pack', body: JSON.stringify(await withHash(teamPack('1.1', V2_SCRIPTS))) });
    await syncNow();
    await expect.poll(() => options.getByTestId('import-result').textContent()).toContain('已更新到 1.1');
    const changes = options.getByTestId('pack-changes');
    await expect.poll(() => changes.textContent()).toContain('从 1.0 更新到 1.1');
    const text = (await changes.textContent())!;
    expect(text).toContain('新增 1 条：换货流程说明');
    expect(text).toContain('修改 1 条：物流催件回复');
    expect(text).toContain('删除 1 条：运输破损登记');
    expect(await options.getByTestId('pack-changes-conflicts').textContent()).toContain('你修改过的 1 条话术');
    expect(await row().getByTestId('pack-conflicts').textContent()).toContain('1 条');

    const stored = await readScript(options, 'personal/my-cuijian');
    expect(stored.body).toBe(copy.body);
    expect(stored.conflict.toVersion).toBe('1.1');
    expect((await readScript(options, `${TEAM_PACK_ID}/wl-cuijian`)).body).toBe(V2_SCRIPTS[0]!.body);
    // The agent still gets their own wording for this situation.
    expect(await searchable('物流催件回复', 'personal/my-cuijian')).toBe(true);
    expect(await searchable('换货流程说明', `${TEAM_PACK_ID}/th-huanhuo`)).toBe(true);

    await changes.getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => changes.count()).toBe(0);
  });

  const signedV12 = async () =>
    withHash(
      teamPack('1.2', [
        ...V2_SCRIPTS,
        { id: 'wl-diushi', situation: 'wl', title: '包裹丢失处理', body: '我马上联系快递核实，确认丢件后为您补发。' },
      ]),
    );
  const failures: { name: string; route: () => Promise<Parameters<PackServer['set']>[1]>; cause: string }[] = [
    { name: 'HTTP 500', route: async () => ({ kind: 'status', status: 500 }), cause: 'HTTP 500' },
    { name: 'a server that never answers', route: async () => ({ kind: 'hang' }), cause: '超时' },
    {
      name: 'a wrong content hash',
      // A signed 1.2 whose hash is another pack's: altered in transit or on the server.
      route: async () => ({
        kind: 'raw',
        body: JSON.stringify({ ...(await signedV12()), contentHash: (await withHash(teamPack('9.9'))).contentHash }),
      }),
      cause: 'contentHash 不符',
    },
    {
      name: 'malformed JSON',
      route: async () => ({ kind: 'raw', body: '{"schemaVersion":1,"id":"team.aftersale","scripts":[' }),
      cause: '不是有效的 JSON',
    },
    {
      name: 'an oversized body with no Content-Length',
      route: async () => ({ kind: 'endless', bytes: 30 * 1024 * 1024 }),
      cause: '文件太大',
    },
  ];

  it.each(failures)(
    '$name: the previous version stays in use and the options page names the cause',
    async ({ route, cause }) => {
      server.set(PATH, await route());
      await syncNow();
      await expect.poll(() => row().getByTestId('pack-status').textContent(), { timeout: 10_000 }).toContain(cause);
      expect(await row().getByTestId('pack-status').textContent()).toContain('仍在使用 1.1');
      expect(await row().locator('td').nth(1).textContent()).toBe('1.1');
      expect(await searchable('换货流程说明', `${TEAM_PACK_ID}/th-huanhuo`)).toBe(true);
      expect(await searchable('包裹丢失处理', `${TEAM_PACK_ID}/wl-diushi`)).toBe(false);
    },
  );

  it('a script full of HTML tags is stored and inserted as inert text', async () => {
    server.set(PATH, {
      kind: 'pack',
      body: JSON.stringify(
        await withHash(
          teamPack('1.3', [
            ...V2_SCRIPTS,
            { id: 'html-body', situation: 'th', title: '含标签的话术', body: HTML_BODY },
          ]),
        ),
      ),
    });
    await syncNow();
    await expect.poll(() => row().getByTestId('pack-status').textContent()).toBe('正常');
    expect((await readScript(options, `${TEAM_PACK_ID}/html-body`)).body).toBe(HTML_BODY);

    const consolePage = await h.openConsole();
    let dialogs = 0;
    consolePage.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await consolePage.locator('[data-role="composer"]').click();
    const panel = await h.openPanel();
    panel.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await expect.poll(() => panel.getByTestId('target').textContent()).toContain('将插入到');
    await clickScriptInPanel(panel, `${TEAM_PACK_ID}/html-body`, '含标签的话术');
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('已插入');
    // The panel shows the tags as text, not as elements.
    const item = panel.locator(`[data-script-key="${TEAM_PACK_ID}/html-body"]`);
    expect(await item.textContent()).toContain('<b>您好</b>');
    expect(await item.locator('b, img, script').count()).toBe(0);

    expect(await consolePage.evaluate(() => (window as any).demoConsole.getDraft())).toBe(HTML_BODY);
    const composer = consolePage.locator('[data-role="composer"]');
    expect(await composer.locator('b, img, script').count()).toBe(0);
    await consolePage.bringToFront();
    await consolePage.locator('[data-role="send"]').click();
    const last = consolePage.locator('[data-role="message"][data-from="agent"] [data-role="message-text"]').last();
    await expect.poll(() => last.textContent()).toBe(HTML_BODY);
    expect(await consolePage.locator('[data-role="message-list"] b, [data-role="message-list"] img').count()).toBe(0);
    expect(await consolePage.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await panel.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await panel.close();
    await consolePage.close();
  });
});
