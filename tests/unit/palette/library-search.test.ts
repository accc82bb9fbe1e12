import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { LibrarySearch } from '../../../entrypoints/background/library-search';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { ensureBuiltinPack, ensurePersonalPack, installPack } from '../../../utils/db/packs';
import { HuashuDB } from '../../../utils/db/schema';
import { docsFromPack } from '../../../utils/db/search-docs';
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
  it('ranks exactly as the side panel does for the same words', async () => {
    const { search } = await library();
    const panel = createSearchIndex(docsFromPack(pack));
    for (const q of ['退货', 'tuihuo', '快递没收到', 'qtwly']) {
      const { hits, ready } = await search.search(q, 10);
      expect(ready).toBe(true);
      expect(hits.map((h) => h.key), q).toEqual(panel.search(q, { limit: 10 }).map((h) => h.key));
    }
  });

  it('puts an exact shortcut code first and marks it, and returns what the list and preview show', async () => {
    const { search } = await library();
    const th1 = byCode('th1');
    const { hits } = await search.search('/th1', 8);
    expect(hits[0]).toMatchObject({ key: key(th1.id), title: th1.title, body: th1.body, purpose: th1.purpose, shortcut: 'th1', exactShortcut: true });
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
    const next = { ...pack, version: `${pack.version}.1`, scripts: [{ ...first, title: '全新的售后开场白' }, ...pack.scripts.slice(1)] };
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
    await expect.poll(async () => (await search.search('退货', 10)).hits.findIndex((h) => h.key === last)).toBeLessThan(before.length - 1);
  });

  it('with nothing typed offers the most used scripts first', async () => {
    const { db, search } = await library();
    const th4 = byCode('th4');
    await db.usage.bulkAdd(Array.from({ length: 5 }, (_, i) => ({ scriptKey: key(th4.id), at: Date.now() - i, site: 'x' })));
    await expect.poll(async () => (await search.search('', 5)).hits[0]?.key).toBe(key(th4.id));
    expect((await search.search('', 5)).hits).toHaveLength(5);
  });

  it('with nothing typed, suggestions for the customer\'s latest message come first and are marked', async () => {
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
