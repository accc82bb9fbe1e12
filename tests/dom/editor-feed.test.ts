import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EditorFeed } from '../../entrypoints/options/editor-feed';
import { validatePack, type Pack } from '../../scripts-library/schema';
import { db } from '../../utils/db';
import { applyEdit } from '../../utils/db/editing';
import { ensurePersonalPack, installPack } from '../../utils/db/packs';
import type { EditorView } from '../../utils/pages/editor-library';

function bigPack(size: number): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id: 'team.big',
    name: '大话术库',
    version: '1.0',
    updatedAt: '2026-11-20T00:00:00Z',
    author: '组长',
    situations: [
      { id: 'wl', name: '物流', parent: null, order: 1 },
      { id: 'sh', name: '售后', parent: null, order: 2 },
    ],
    scripts: Array.from({ length: size }, (_, i) => ({
      id: `s${i}`,
      situation: i % 2 ? 'sh' : 'wl',
      title: `第${i}条话术`,
      body: `您好，这是第${i}条。`,
    })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const all = { situationKeys: null, filter: '' };
let feed: EditorFeed | null = null;

beforeEach(async () => {
  await db.delete();
  await db.open();
  await ensurePersonalPack(db, 1);
});
afterEach(() => feed?.stop());

describe('the editor feed reads a big library a few chunks at a time', () => {
  it('answers the first screen before the whole library is read, and everything else once it is', async () => {
    const size = 6_000;
    await installPack(db, bigPack(size), { kind: 'file', fileName: 'big.json' });
    await applyEdit(db, {
      op: 'createScript',
      draft: {
        title: '我的话术一',
        body: '我自己的',
        situationKey: 'team.big/wl',
        purpose: '',
        keywords: [],
        tags: [],
      },
    });
    const changes: number[] = [];
    let asked: (view: Promise<EditorView>) => void;
    const firstAsked = new Promise<Promise<EditorView>>((resolve) => (asked = resolve));
    feed = new EditorFeed(db, (v) => {
      // The page asks for its first screen as soon as it hears of rows.
      if (changes.length === 0) asked(feed!.view({ ...all, offset: 0, limit: 100 }));
      changes.push(v);
    });
    const first = await await firstAsked;
    // The first screen came from the first rows read: the library was not complete yet, so the
    // counts are not given as if it were.
    expect(first.complete).toBe(false);
    // The agent's own rows first, then the pack's in its order, as in the complete list.
    expect(first.items.map((i) => i.title).slice(0, 3)).toEqual(['我的话术一', '第0条话术', '第1条话术']);
    expect(first.total).toBeLessThan(size);
    // The end of the list, a filter and the duplicates wait for the whole library.
    const end = await feed.view({ ...all, offset: size - 9, limit: 100 });
    expect(end.complete).toBe(true);
    expect(end.total).toBe(size + 1);
    expect(end.items.at(-1)!.title).toBe(`第${size - 1}条话术`);
    expect(end.counts['team.big/wl']).toBe(size / 2 + 1);
    expect(changes.length).toBe(2);
    const found = await feed.view({ ...all, filter: '第5999条', offset: 0, limit: 10 });
    expect(found.items.map((i) => i.key)).toEqual(['team.big/s5999']);
  });

  it('reads the library again after a write elsewhere, keeping the last one until then', async () => {
    await installPack(db, bigPack(1_500), { kind: 'file', fileName: 'big.json' });
    const versions: number[] = [];
    feed = new EditorFeed(db, (v) => versions.push(v));
    const before = await feed.view({ ...all, offset: 1_400, limit: 200 });
    expect(before.total).toBe(1_500);
    await installPack(db, bigPack(2_500), { kind: 'file', fileName: 'big.json' });
    // Until the new rows are read, the last complete library answers (no list of first rows).
    for (let i = 0; i < 200; i++) {
      const v = await feed.view({ ...all, offset: 0, limit: 10 });
      expect(v.complete).toBe(true);
      if (v.total === 2_500) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await feed.view({ ...all, offset: 2_400, limit: 200 })).items.at(-1)!.title).toBe('第2499条话术');
  });
});
