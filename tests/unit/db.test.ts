import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pack } from '../../scripts-library/schema';
import { MAX_LIBRARY_SCRIPTS, validatePack } from '../../scripts-library/schema';
import { diffScripts, packToRows, PERSONAL_PACK_ID } from '../../scripts-library/pack-rows';
import { checkLibraryRoom, ensureBuiltinPack, ensurePersonalPack, installPack, removePack } from '../../utils/db/packs';
import { HuashuDB, LATEST_VERSION } from '../../utils/db/schema';
import { allScripts, getScript, packScripts, scriptCounts } from '../../utils/db/script-store';

function makePack(version: string, scripts: { id: string; body: string }[]): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id: 'team.a',
    name: '团队话术',
    version,
    updatedAt: `2026-11-${10 + Number(version.split('.')[1] ?? 0)}T00:00:00Z`,
    author: '组长',
    situations: [{ id: 'wl', name: '物流', parent: null, order: 1 }],
    scripts: scripts.map((s) => ({ ...s, situation: 'wl', title: s.id })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const open: HuashuDB[] = [];
function freshDb(upTo?: number, factory = new IDBFactory()) {
  const db = new HuashuDB(`t${Math.random()}`, { indexedDB: factory, IDBKeyRange, ...(upTo ? { upTo } : {}) });
  open.push(db);
  return db;
}
afterEach(() => {
  open.splice(0).forEach((d) => d.close());
});

describe('installing packs', () => {
  it('replaces a pack atomically and reports what changed', async () => {
    const db = freshDb();
    await installPack(
      db,
      makePack('1.0', [
        { id: 'a', body: '一' },
        { id: 'b', body: '二' },
      ]),
      { kind: 'file', fileName: 'a.json' },
    );
    const diff = await installPack(
      db,
      makePack('1.1', [
        { id: 'b', body: '二改' },
        { id: 'c', body: '三' },
      ]),
      { kind: 'file', fileName: 'a.json' },
    );
    expect(diff).toEqual({ added: ['team.a/c'], changed: ['team.a/b'], removed: ['team.a/a'] });
    expect((await allScripts(db)).map((s) => s.key).sort()).toEqual(['team.a/b', 'team.a/c']);
    expect((await db.packs.get('team.a'))!.version).toBe('1.1');
  });

  it('never touches personal scripts when a pack is updated or removed', async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await installPack(db, makePack('1.0', [{ id: 'a', body: '一' }]), { kind: 'file', fileName: 'a.json' });
    await db.scripts.add({
      ...packToRows(makePack('1.0', [{ id: 'mine', body: '我的' }]), { kind: 'personal' }, 1).scripts[0]!,
      key: 'personal/mine',
      packId: PERSONAL_PACK_ID,
      origin: 'personal',
    });
    await installPack(db, makePack('1.1', [{ id: 'z', body: '新' }]), { kind: 'file', fileName: 'a.json' });
    await removePack(db, 'team.a');
    expect((await allScripts(db)).map((s) => s.key)).toEqual(['personal/mine']);
  });

  it('leaves the old version in place when writing the new one fails midway', async () => {
    const db = freshDb();
    await installPack(db, makePack('1.0', [{ id: 'a', body: '一' }]), { kind: 'file', fileName: 'a.json' });
    const next = makePack('1.1', [{ id: 'b', body: '二' }]);
    // A script row IndexedDB cannot store (a function is not cloneable) fails the transaction late.
    (next.scripts[0] as unknown as { tags: unknown }).tags = [() => 1];
    await expect(installPack(db, next, { kind: 'file', fileName: 'a.json' })).rejects.toThrow();
    expect((await allScripts(db)).map((s) => s.body)).toEqual(['一']);
    expect((await db.packs.get('team.a'))!.version).toBe('1.0');
  });

  it('refuses a file pack that would replace the built-in one', async () => {
    const db = freshDb();
    const builtin = { ...makePack('1.0', [{ id: 'a', body: '一' }]), id: 'default.zh-CN' };
    await ensureBuiltinPack(db, builtin);
    await expect(installPack(db, builtin, { kind: 'file', fileName: 'x.json' })).rejects.toThrow('内置');
  });

  it('installs the built-in pack once, and again only when its version changes', async () => {
    const db = freshDb();
    const v1 = makePack('1.0', [{ id: 'a', body: '一' }]);
    expect(await ensureBuiltinPack(db, v1)).toBe('installed');
    expect(await ensureBuiltinPack(db, v1)).toBe('current');
    expect(await ensureBuiltinPack(db, makePack('1.1', [{ id: 'a', body: '一改' }]))).toBe('updated');
    expect((await getScript(db, 'team.a/a'))!.body).toBe('一改');
  });

  it('reads a deferred built-in pack only to install it: a background that wakes to it installed skips it', async () => {
    const db = freshDb();
    const v1 = makePack('1.0', [{ id: 'a', body: '一' }]);
    let loads = 0;
    const deferred = (pack: Pack) => ({
      id: pack.id,
      version: pack.version,
      updatedAt: pack.updatedAt,
      load: () => (loads++, pack),
    });
    expect(await ensureBuiltinPack(db, deferred(v1))).toBe('installed');
    expect(await ensureBuiltinPack(db, deferred(v1))).toBe('current');
    expect(loads).toBe(1);
    expect(await ensureBuiltinPack(db, deferred(makePack('1.1', [{ id: 'a', body: '一改' }])))).toBe('updated');
    expect(loads).toBe(2);
    expect((await getScript(db, 'team.a/a'))!.body).toBe('一改');
  });
});

describe('site rules shipped in packs', () => {
  it('come and go with their pack, leaving taught rules alone', async () => {
    const db = freshDb();
    const rule = {
      id: 'team.qianniu',
      name: '千牛',
      matches: ['https://work.example.com/*'],
      input: '#reply',
      messageList: '.msgs',
      message: '.msg',
      customerMessage: '.left',
      agentMessage: '.right',
      conversationId: { selector: '.title' },
    };
    await db.siteRules.put({ ...rule, id: 'taught.x', createdAt: 1 });
    await installPack(
      db,
      { ...makePack('1.0', [{ id: 'a', body: '一' }]), siteRules: [rule] },
      { kind: 'file', fileName: 'a.json' },
    );
    expect((await db.siteRules.toArray()).map((r) => [r.id, r.packId]).sort()).toEqual([
      ['taught.x', undefined],
      ['team.qianniu', 'team.a'],
    ]);
    await removePack(db, 'team.a');
    expect((await db.siteRules.toArray()).map((r) => r.id)).toEqual(['taught.x']);
  });
});

describe('schema upgrades', () => {
  it('opens a database filled at v1 with every later version and loses nothing', async () => {
    const factory = new IDBFactory();
    const name = 'upgrade-test';
    const v1 = new HuashuDB(name, { upTo: 1, indexedDB: factory, IDBKeyRange });
    await ensurePersonalPack(v1, 5);
    // Written as v1 wrote it: rows straight into v1's tables.
    const rows = packToRows(
      makePack('1.0', [
        { id: 'a', body: '一' },
        { id: 'b', body: '二\n三' },
      ]),
      { kind: 'url', url: 'https://example.com/p.json' },
      5,
    );
    await v1.packs.put({ ...rows.pack, installedAt: 5, order: 100 });
    await v1.situations.bulkPut(rows.situations);
    await v1.scripts.bulkPut(rows.scripts);
    const mine = {
      ...rows.scripts[0]!,
      key: 'personal/mine',
      packId: PERSONAL_PACK_ID,
      id: 'mine',
      body: '我自己的说法',
      origin: 'personal' as const,
    };
    await v1.scripts.put(mine);
    await v1.usage.bulkAdd([{ scriptKey: 'team.a/a', at: 10, site: 'work.example.com' }]);
    await v1.settings.put({ key: 'profile', value: { nickname: '小美', workId: '1024', shopName: '好物店' } });
    await v1.sites.put({ origin: 'https://work.example.com', enabledAt: 7 });
    const before = {
      packs: await v1.packs.toArray(),
      situations: await v1.situations.toArray(),
      scripts: await v1.scripts.toArray(),
      usage: await v1.usage.toArray(),
      settings: await v1.settings.toArray(),
      sites: await v1.sites.toArray(),
    };
    v1.close();

    const latest = new HuashuDB(name, { indexedDB: factory, IDBKeyRange });
    open.push(latest);
    await latest.open();
    expect(latest.verno).toBe(LATEST_VERSION);
    const { scripts: scriptsBefore, ...others } = before;
    for (const [table, rows] of Object.entries(others)) {
      expect(await latest.table(table).toArray(), table).toEqual(rows);
    }
    // v4: every script is still there, pack scripts now in chunks and only the agent's own rows in `scripts`.
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect((await allScripts(latest)).sort(byKey)).toEqual([...scriptsBefore].sort(byKey));
    expect(await latest.scripts.toArray()).toEqual([mine]);
    expect(await getScript(latest, 'team.a/b')).toEqual(rows.scripts[1]);
    // And the tables added since v1 are there and usable.
    await latest.conversations.put({
      key: 'h|c1',
      site: 'h',
      conversationId: 'c1',
      title: 't',
      clock: { v: 1, firstCustomerAt: 1, lastAgentAt: null, unanswered: [1], promises: [] },
      seen: ['m1'],
      notified: null,
      updatedAt: 1,
    });
    expect(await latest.conversations.count()).toBe(1);
  });
});

describe('the v4 upgrade (pack scripts into chunks)', () => {
  it('moves every pack script of every pack into chunks of 500 in pack order, and keeps personal rows and copies as they are', async () => {
    const factory = new IDBFactory();
    const name = 'upgrade-v4';
    const v3 = new HuashuDB(name, { upTo: 3, indexedDB: factory, IDBKeyRange });
    const big = packToRows(
      makePack(
        '1.0',
        Array.from({ length: 1201 }, (_, i) => ({ id: `s${i}`, body: `第${i}条` })),
      ),
      { kind: 'file', fileName: 'a.json' },
      5,
    );
    const small = packToRows(
      { ...makePack('1.0', [{ id: 'x', body: '小' }]), id: 'team.b' },
      { kind: 'file', fileName: 'b.json' },
      5,
    );
    // Stored in key order by IndexedDB; the upgrade must put them back in pack order.
    await v3.scripts.bulkPut([...big.scripts].reverse());
    await v3.scripts.bulkPut(small.scripts);
    const copy = {
      ...big.scripts[7]!,
      key: 'personal/edit-1',
      packId: PERSONAL_PACK_ID,
      id: 'edit-1',
      body: '我改过的',
      origin: 'personal' as const,
      overrides: 'team.a/s7',
      baseHash: 'abc',
    };
    const hidden = {
      ...big.scripts[8]!,
      key: 'personal/hide-1',
      packId: PERSONAL_PACK_ID,
      id: 'hide-1',
      origin: 'personal' as const,
      overrides: 'team.a/s8',
      hidden: true,
    };
    await v3.scripts.bulkPut([copy, hidden]);
    v3.close();

    const latest = new HuashuDB(name, { indexedDB: factory, IDBKeyRange });
    open.push(latest);
    await latest.open();
    expect((await latest.scripts.toArray()).sort((a, b) => a.key.localeCompare(b.key))).toEqual([copy, hidden]);
    const chunks = await latest.scriptChunks.where('packId').equals('team.a').toArray();
    expect(chunks.map((c) => c.rows.length).sort((a, b) => b - a)).toEqual([500, 500, 201]);
    expect(await packScripts(latest, 'team.a')).toEqual(big.scripts);
    expect(await packScripts(latest, 'team.b')).toEqual(small.scripts);
    expect(await scriptCounts(latest)).toEqual(
      new Map([
        [PERSONAL_PACK_ID, 2],
        ['team.a', 1201],
        ['team.b', 1],
      ]),
    );
    expect(await getScript(latest, 'team.a/s1200')).toEqual(big.scripts[1200]);
    expect(await getScript(latest, 'personal/edit-1')).toEqual(copy);
    expect(await getScript(latest, 'team.a/nope')).toBeUndefined();
  });
});

describe('diffScripts', () => {
  it('treats keyword and shortcut edits as changes and order as irrelevant', () => {
    const base = { title: 't', body: 'b', purpose: '', keywords: ['a'], tags: [], situationKey: 's' };
    const d = diffScripts(
      [
        { key: 'x', ...base },
        { key: 'y', ...base },
      ],
      [
        { key: 'y', ...base },
        { key: 'x', ...base, keywords: ['a', 'b'] },
      ],
    );
    expect(d).toEqual({ added: [], changed: ['x'], removed: [] });
  });
});

describe('the library cap', () => {
  it("counts every installed script (chunks and the agent's own) and refuses what would not fit, replacing a pack by itself", async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await installPack(
      db,
      makePack(
        '1.0',
        Array.from({ length: 1_201 }, (_, i) => ({ id: `s${i}`, body: '您好' })),
      ),
      { kind: 'file', fileName: 'a.json' },
    );
    await db.scripts.put({
      key: 'personal/m1',
      packId: 'personal',
      id: 'm1',
      origin: 'personal',
      situationKey: 'team.a/wl',
      title: '我的',
      body: '我的话术',
      purpose: '',
      keywords: [],
      tags: [],
      order: 0,
      updatedAt: 0,
    });
    await expect(checkLibraryRoom(db, 'team.b', 10, 1_212)).resolves.toBeUndefined();
    await expect(checkLibraryRoom(db, 'team.b', 11, 1_212)).rejects.toThrow(
      /最多 1,212 条话术：已有其他 1,202 条，此包 11 条/,
    );
    // The pack's own old version does not count against its update.
    await expect(checkLibraryRoom(db, 'team.a', 1_211, 1_212)).resolves.toBeUndefined();
    expect(MAX_LIBRARY_SCRIPTS).toBe(200_000);
  });
});
