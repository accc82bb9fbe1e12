import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { LibrarySearch } from '../../../entrypoints/background/library-search';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { snapshotHeader } from '../../../utils/db/index-snapshot';
import { ensureBuiltinPack, ensurePersonalPack, installPack } from '../../../utils/db/packs';
import { HuashuDB } from '../../../utils/db/schema';
import { docsFromPack } from '../../../utils/library/search-docs';
import { createSearchIndex } from '../../../utils/search';

const pack = loadDefaultPack();
const key = (id: string) => `${pack.id}/${id}`;
const byCode = (code: string) => pack.scripts.find((s) => s.shortcut === code)!;

const open: HuashuDB[] = [];
async function library() {
  const db = new HuashuDB(`p${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  await ensurePersonalPack(db);
  await ensureBuiltinPack(db, pack);
  return { db, search: new LibrarySearch(db) };
}
afterEach(() => open.splice(0).forEach((d) => d.close()));

describe('the palette search service', () => {
  it('the palette ranks exactly as the side panel does for the same words and conversation', async () => {
    const { db, search } = await library();
    const now = Date.now();
    const th4 = key(byCode('th4').id);
    await db.usage.bulkAdd(Array.from({ length: 4 }, (_, i) => ({ scriptKey: th4, at: now - i * 1000, site: 'x' })));
    const messages = [{ from: 'customer' as const, text: '快递三天了还没到，能不能催一下', at: now }];
    await expect.poll(async () => (await search.search('退货', 50)).hits.findIndex((h) => h.key === th4)).toBe(0);
    for (const q of ['退货', 'tuihuo', '快递没收到', 'qtwly', '/th', 'th 运费']) {
      for (const conversation of [[], messages]) {
        const palette = (await search.search(q, 50, conversation)).hits.map((h) => h.key);
        const panel = (await search.panelView({ query: q, offset: 0, limit: 50, messages: conversation })).items.map(
          (h) => h.key,
        );
        expect(palette.length, q).toBeGreaterThan(0);
        expect(palette, q).toEqual(panel);
      }
    }
    // Both paths are the index's own ranking (usage included), not a copy of it.
    const bare = createSearchIndex(docsFromPack(pack));
    expect((await search.search('快递没收到', 10)).hits.map((h) => h.key)).toEqual(
      bare.search('快递没收到', { limit: 10 }).map((h) => h.key),
    );
  });

  it('answers the panel’s search a page at a time: the pages put together are the whole ranked list', async () => {
    const { search } = await library();
    for (const q of ['退货', 'th', '快递']) {
      const whole = (await search.search(q, 50)).hits.map((h) => h.key);
      expect(whole.length, q).toBeGreaterThan(14);
      const first = await search.panelView({ query: q, offset: 0, limit: 7 });
      expect(first.total, q).toBe(whole.length);
      expect(first.items, q).toHaveLength(7);
      const paged: string[] = [];
      for (let offset = 0; offset < first.total; offset += 7)
        paged.push(...(await search.panelView({ query: q, offset, limit: 7 })).items.map((i) => i.key));
      expect(paged, q).toEqual(whole);
    }
  });

  it('answers "not ready" instead of waiting forever when the first index cannot be built', async () => {
    const { search } = await library();
    search.service.setDocs = () => Promise.reject(new Error('out of memory'));
    const result = await Promise.race([
      search.search('退货', 5),
      new Promise((resolve) => setTimeout(() => resolve('timeout'), 3000)),
    ]);
    expect(result).toEqual({ hits: [], ready: false });
  });

  it('restores the cached index when the background wakes to the same library, and rebuilds for a changed one', async () => {
    const { db, search } = await library();
    const before = (await search.search('退货', 10)).hits.map((h) => h.key);
    await expect.poll(async () => (await snapshotHeader(db))?.count).toBe(search.service.size);
    const snapshot = await snapshotHeader(db);
    // A background that wakes: a new instance over the same database.
    const woken = new LibrarySearch(db);
    expect((await woken.search('退货', 10)).hits.map((h) => h.key)).toEqual(before);
    expect((await snapshotHeader(db))!.hash).toBe(snapshot!.hash);
    // The library changed while the background slept: the snapshot no longer fits and is replaced.
    const first = pack.scripts[0]!;
    await installPack(
      db,
      {
        ...pack,
        version: `${pack.version}.2`,
        scripts: [{ ...first, title: '睡醒后的新标题' }, ...pack.scripts.slice(1)],
      },
      { kind: 'builtin' },
    );
    const later = new LibrarySearch(db);
    await expect.poll(async () => (await later.search('睡醒后的新标题', 5)).hits[0]?.key).toBe(key(first.id));
    await expect.poll(async () => (await snapshotHeader(db))!.hash).not.toBe(snapshot!.hash);
  });

  it('puts an exact shortcut code first and marks it, and returns what the list and preview show', async () => {
    const { search } = await library();
    const th1 = byCode('th1');
    const { hits } = await search.search('/th1', 8);
    expect(hits[0]).toMatchObject({
      key: key(th1.id),
      title: th1.title,
      body: th1.body,
      purpose: th1.purpose,
      shortcut: 'th1',
      exactShortcut: true,
    });
    expect(hits[0]!.situation).toContain(' / ');
    expect(hits.slice(1).every((h) => !h.exactShortcut)).toBe(true);
  });

  it('a / query that is no code still finds scripts by pinyin or Chinese', async () => {
    const { search } = await library();
    expect((await search.search('/qitianwuliyou', 8)).hits.map((h) => h.title)).toContain(byCode('th1').title);
    expect((await search.search('/退货', 8)).hits.length).toBeGreaterThan(3);
  });

  it('follows a pack update without a restart (pack scripts are stored in chunks)', async () => {
    const { db, search } = await library();
    await search.search('退货', 5);
    const first = pack.scripts[0]!;
    const next = {
      ...pack,
      version: `${pack.version}.1`,
      scripts: [{ ...first, title: '全新的售后开场白' }, ...pack.scripts.slice(1)],
    };
    await installPack(db, next, { kind: 'builtin' });
    await expect.poll(async () => (await search.search('全新的售后开场白', 5)).hits[0]?.key).toBe(key(first.id));
  });

  it('follows edits and usage without a restart: a new personal script is found, usage lifts a script', async () => {
    const { db, search } = await library();
    await search.search('退货', 5);
    await db.scripts.put({
      key: 'personal/mine-1',
      packId: 'personal',
      id: 'mine-1',
      origin: 'personal',
      situationKey: `${pack.id}/${pack.scripts[0]!.situation}`,
      title: '我的专属开场白',
      body: '您好呀，我是小美，很高兴为您服务～',
      purpose: '',
      keywords: [],
      tags: [],
      order: 0,
      updatedAt: Date.now(),
    });
    await expect.poll(async () => (await search.search('专属开场白', 5)).hits[0]?.key).toBe('personal/mine-1');

    const before = (await search.search('退货', 10)).hits.map((h) => h.key);
    const last = before[before.length - 1]!;
    const now = Date.now();
    await db.usage.bulkAdd(Array.from({ length: 30 }, (_, i) => ({ scriptKey: last, at: now - i * 1000, site: 'x' })));
    await expect
      .poll(async () => (await search.search('退货', 10)).hits.findIndex((h) => h.key === last))
      .toBeLessThan(before.length - 1);
  });

  it('with nothing typed offers the most used scripts first', async () => {
    const { db, search } = await library();
    const th4 = byCode('th4');
    await db.usage.bulkAdd(
      Array.from({ length: 5 }, (_, i) => ({ scriptKey: key(th4.id), at: Date.now() - i, site: 'x' })),
    );
    await expect.poll(async () => (await search.search('', 5)).hits[0]?.key).toBe(key(th4.id));
    expect((await search.search('', 5)).hits).toHaveLength(5);
  });

  it("with nothing typed, suggestions for the customer's latest message come first and are marked", async () => {
    const { search } = await library();
    const messages = [{ from: 'customer' as const, text: '收到的台灯灯罩碎了，怎么处理', at: Date.now() }];
    const { hits } = await search.search('', 10, messages);
    expect(hits[0]!.suggested).toBe(true);
    expect(hits[0]!.situation).toMatch(/质量问题|物流损坏/);
    // Without a conversation the same empty query has no suggestions.
    expect((await search.search('', 10)).hits.some((h) => h.suggested)).toBe(false);
    // A query ranks scripts as usual but never marks them suggested.
    expect((await search.search('退货', 10, messages)).hits.some((h) => h.suggested)).toBe(false);
  });
});

describe('the background asleep and awake', () => {
  /** One database as the background and the extension's pages share it: each opens its own connection. */
  function shared() {
    const factory = new IDBFactory();
    const name = `w${Math.random()}`;
    return () => {
      const db = new HuashuDB(name, { indexedDB: factory, IDBKeyRange });
      open.push(db);
      return db;
    };
  }
  const mine = (title: string) => ({
    key: `personal/${title}`,
    packId: 'personal',
    id: title,
    origin: 'personal' as const,
    situationKey: `${pack.id}/${pack.scripts[0]!.situation}`,
    title,
    body: '您好，这是我自己写的话术。',
    purpose: '',
    keywords: [],
    tags: [],
    order: 0,
    updatedAt: Date.now(),
  });
  /** The personal pack and the test pack installed, as the pages leave them. */
  async function installed(connect: () => HuashuDB): Promise<HuashuDB> {
    const db = connect();
    await ensurePersonalPack(db);
    await ensureBuiltinPack(db, pack);
    return db;
  }
  /** A background over `db` that has searched once and cached its index. */
  async function cachedBackground(db: HuashuDB): Promise<LibrarySearch> {
    const background = new LibrarySearch(db, undefined, 10);
    await background.search('退货', 5);
    await expect.poll(async () => (await snapshotHeader(db))?.count).toBe(background.service.size);
    return background;
  }
  const firstPage = async (search: LibrarySearch) =>
    (await search.panelView({ query: '', offset: 0, limit: 50 })).items.map((i) => i.title);

  it('an edit another page made while the background slept is searchable after the wake', async () => {
    const connect = shared();
    const before = await installed(connect);
    await cachedBackground(before);
    before.close(); // the background stops

    const page = connect();
    await page.scripts.put(mine('睡着时写的开场白'));
    page.close();

    const woken = new LibrarySearch(connect(), undefined, 10);
    await expect
      .poll(async () => (await woken.search('睡着时写的开场白', 5)).hits[0]?.key)
      .toBe('personal/睡着时写的开场白');
    await expect.poll(() => firstPage(woken)).toContain('睡着时写的开场白');
  });

  it('edits are cached once they pause: a background stopped after them lists them from its first answer', async () => {
    const connect = shared();
    const before = await installed(connect);
    const background = await cachedBackground(before);
    const built = (await snapshotHeader(before))!.hash;
    await before.scripts.put(mine('刚刚写好的开场白'));
    await expect.poll(async () => (await snapshotHeader(before))?.hash).not.toBe(built);
    before.close();

    // The first answers of a woken background come from the cache, before it reads the tables.
    const woken = new LibrarySearch(connect(), undefined, 10);
    expect(await firstPage(woken)).toContain('刚刚写好的开场白');
    expect(await firstPage(woken)).toEqual(await firstPage(background));
  });

  it('a woken background suggests at once, as before it slept (the customer wording is cached too)', async () => {
    const connect = shared();
    const before = await installed(connect);
    const background = await cachedBackground(before);
    const messages = [{ from: 'customer' as const, text: '收到的台灯灯罩碎了，怎么处理', at: Date.now() }];
    const asleep = await background.suggestedScripts(messages, 5);
    expect(asleep.length).toBeGreaterThan(0);
    before.close();

    const woken = new LibrarySearch(connect(), undefined, 10);
    expect(await woken.suggestedScripts(messages, 5)).toEqual(asleep);
  });

  it('pack scripts written without a stamp (by a version before stamps) are read in full: an edit of them shows after the wake', async () => {
    const connect = shared();
    const before = await installed(connect);
    // Installed by an older version of the extension: chunks without stamps.
    const unstamp = (db: HuashuDB, title?: string) =>
      db.scriptChunks.toCollection().modify((chunk) => {
        delete chunk.stamp;
        if (title && chunk.n === 0) chunk.rows[0] = { ...chunk.rows[0]!, title };
      });
    await unstamp(before);
    await cachedBackground(before);
    before.close();

    // The older version rewrote a chunk while the background slept, still without stamps.
    const older = connect();
    await unstamp(older, '旧版本改过的标题');
    older.close();

    const woken = new LibrarySearch(connect(), undefined, 10);
    await expect.poll(async () => (await woken.search('旧版本改过的标题', 5)).hits[0]?.title).toBe('旧版本改过的标题');
  });
});
