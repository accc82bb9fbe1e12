import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pack } from '../../scripts-library/schema';
import { validatePack } from '../../scripts-library/schema';
import {
  applyEdit,
  createPersonalScript,
  createSituation,
  deleteScript,
  deleteSituation,
  duplicateScript,
  importIntoPersonal,
  moveScript,
  moveSituation,
  reorderScripts,
  resolveConflict,
  restoreScript,
  revisionOf,
  updateScript,
  type ScriptDraft,
} from '../../utils/db/editing';
import { PERSONAL_PACK_ID, scriptFingerprint } from '../../scripts-library/pack-rows';
import { ensurePersonalPack, installPack } from '../../utils/db/packs';
import { HuashuDB, type ScriptRow } from '../../utils/db/schema';
import { allScripts, getScript, packScripts, replacePackScripts } from '../../utils/db/script-store';
import { crossPackDuplicates, visibleScripts } from '../../utils/library/search-docs';

function teamPack(opts: { locked?: boolean; body?: string; id?: string; version?: string } = {}): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id: opts.id ?? 'team.a',
    name: '售后组话术',
    version: opts.version ?? '1.0',
    updatedAt: '2026-11-20T00:00:00Z',
    author: '组长',
    locked: opts.locked ?? false,
    situations: [
      { id: 'wl', name: '物流', parent: null, order: 1 },
      { id: 'ts', name: '退货', parent: null, order: 2 },
    ],
    scripts: [
      {
        id: 'wl1',
        situation: 'wl',
        title: '查询物流',
        body: opts.body ?? '您好，您的包裹正在运输中，预计{时间}送达。',
        shortcut: 'wl',
        keywords: ['快递'],
      },
      { id: 'ts1', situation: 'ts', title: '七天无理由', body: '支持七天无理由退货，运费由您承担。', shortcut: 'th' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const open: HuashuDB[] = [];
async function freshDb() {
  const db = new HuashuDB(`e${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  await ensurePersonalPack(db, 1);
  return db;
}
afterEach(() => {
  open.splice(0).forEach((d) => d.close());
});

const draft = (over: Partial<ScriptDraft> = {}): ScriptDraft => ({
  title: '我的开场白',
  body: '您好，我是{客服昵称}，很高兴为您服务。',
  purpose: '接待',
  keywords: ['你好', ' 在吗 ', '你好'],
  tags: [],
  situationKey: 'team.a/wl',
  ...over,
});

const visible = async (db: HuashuDB) => visibleScripts(await allScripts(db));

describe('personal scripts', () => {
  it('are created, edited in place, moved, duplicated and deleted', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const key = await createPersonalScript(db, draft({ shortcut: 'kc' }));
    const row = (await getScript(db, key))!;
    expect(row).toMatchObject({
      packId: PERSONAL_PACK_ID,
      origin: 'personal',
      shortcut: 'kc',
      keywords: ['你好', '在吗'],
    });

    expect(await updateScript(db, key, { body: '您好，在的。', shortcut: '' })).toBe(key);
    const edited = (await getScript(db, key))!;
    expect(edited.body).toBe('您好，在的。');
    expect('shortcut' in edited).toBe(false);

    await moveScript(db, key, 'team.a/ts');
    expect((await getScript(db, key))!.situationKey).toBe('team.a/ts');

    const dup = await duplicateScript(db, key);
    expect((await getScript(db, dup))!.title).toBe('我的开场白（副本）');
    expect(await deleteScript(db, key)).toBe('deleted');
    expect(await getScript(db, key)).toBeUndefined();
    expect(await getScript(db, dup)).toBeDefined();
  });

  it('refuses bad input with a message and writes nothing', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const before = (await allScripts(db)).length;
    expect(await applyEdit(db, { op: 'createScript', draft: draft({ body: '   ' }) })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await applyEdit(db, { op: 'createScript', draft: draft({ shortcut: 'A B' }) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('快捷码'),
    });
    expect(await applyEdit(db, { op: 'createScript', draft: draft({ situationKey: 'nowhere/x' }) })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect((await allScripts(db)).length).toBe(before);
  });

  it('orders personal scripts and refuses to reorder pack scripts', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const a = await createPersonalScript(db, draft({ title: 'A' }));
    const b = await createPersonalScript(db, draft({ title: 'B' }));
    await reorderScripts(db, [b, a]);
    expect((await getScript(db, b))!.order).toBeLessThan((await getScript(db, a))!.order);
    expect(await applyEdit(db, { op: 'reorderScripts', keys: [a, 'team.a/wl1'] })).toMatchObject({
      ok: false,
      code: 'not-personal',
    });
  });
});

describe('pack scripts', () => {
  it('an edit makes a personal copy that stands in for the pack script; the pack row is untouched', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const original = (await getScript(db, 'team.a/wl1'))!;
    const copyKey = await updateScript(db, 'team.a/wl1', { body: '您好，包裹已在路上，请耐心等待。' });
    expect(copyKey).not.toBe('team.a/wl1');
    expect(await getScript(db, 'team.a/wl1')).toEqual(original);
    const copy = (await getScript(db, copyKey))!;
    expect(copy).toMatchObject({
      origin: 'personal',
      overrides: 'team.a/wl1',
      baseHash: scriptFingerprint(original),
      shortcut: 'wl',
      title: '查询物流',
    });
    // Second edit updates the same copy.
    expect(await updateScript(db, 'team.a/wl1', { title: '物流进度' })).toBe(copyKey);
    const shown = await visible(db);
    expect(shown.map((s) => s.key)).not.toContain('team.a/wl1');
    expect(shown.find((s) => s.key === copyKey)!.title).toBe('物流进度');
  });

  it('the copy survives a pack update; restoring shows the pack version again', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const copyKey = await updateScript(db, 'team.a/wl1', { body: '我的版本' });
    await installPack(db, teamPack({ version: '1.1', body: '新版本{时间}' }), { kind: 'file', fileName: 'a.json' });
    expect((await getScript(db, copyKey))!.body).toBe('我的版本');
    await restoreScript(db, 'team.a/wl1');
    expect((await visible(db)).find((s) => s.id === 'wl1')!.body).toBe('新版本{时间}');
  });

  it('a re-import or an extension update that changes an edited script flags the copy, as a sync does', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'builtin' });
    const copyKey = await updateScript(db, 'team.a/wl1', { body: '我的版本' });
    // Same text upstream (only the other script changed): nothing to review.
    await installPack(
      db,
      {
        ...teamPack({ version: '1.1' }),
        scripts: teamPack().scripts.map((x) => (x.id === 'ts1' ? { ...x, body: '改过的七天无理由' } : x)),
      },
      { kind: 'builtin' },
    );
    expect((await getScript(db, copyKey))!.conflict).toBeUndefined();
    // The edited script's upstream text changed: both kept, the copy flagged with the versions.
    await installPack(db, teamPack({ version: '1.2', body: '新版本{时间}' }), { kind: 'builtin' });
    const copy = (await getScript(db, copyKey))!;
    expect(copy.body).toBe('我的版本');
    expect(copy.conflict).toMatchObject({ fromVersion: '1.1', toVersion: '1.2' });
    expect((await getScript(db, 'team.a/wl1'))!.body).toBe('新版本{时间}');
    // Upstream goes back to what the copy was made from: the flag clears.
    await installPack(db, teamPack({ version: '1.3' }), { kind: 'builtin' });
    expect((await getScript(db, copyKey))!.conflict).toBeUndefined();
  });

  it('locked packs can be copied but not edited or moved', async () => {
    const db = await freshDb();
    await installPack(db, teamPack({ locked: true }), { kind: 'file', fileName: 'a.json' });
    const pack = (await getScript(db, 'team.a/wl1'))!;
    const form = {
      title: pack.title,
      body: '改',
      purpose: pack.purpose,
      keywords: pack.keywords,
      tags: pack.tags,
      situationKey: pack.situationKey,
    };
    expect(await applyEdit(db, { op: 'saveScript', key: pack.key, draft: form, base: revisionOf(pack) })).toMatchObject(
      { ok: false, code: 'locked' },
    );
    expect(await applyEdit(db, { op: 'moveScript', key: 'team.a/wl1', situationKey: 'team.a/ts' })).toMatchObject({
      ok: false,
      code: 'locked',
    });
    const dup = await applyEdit(db, { op: 'duplicateScript', key: 'team.a/wl1' });
    expect(dup.ok).toBe(true);
    const copy = (await getScript(db, (dup as { key: string }).key))!;
    expect(copy).toMatchObject({ origin: 'personal', body: '您好，您的包裹正在运输中，预计{时间}送达。' });
    expect(copy.overrides).toBeUndefined();
    expect(copy.shortcut).toBeUndefined();
    // Both stay visible: a duplicate is the agent's own script, not a replacement.
    expect((await visible(db)).map((s) => s.key)).toContain('team.a/wl1');
  });

  it('deleting a pack script hides it; restoring brings it back', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    expect(await deleteScript(db, 'team.a/ts1')).toBe('hidden');
    expect((await visible(db)).map((s) => s.key)).toEqual(['team.a/wl1']);
    // A sync of the pack does not bring it back…
    await installPack(db, teamPack({ version: '1.1' }), { kind: 'file', fileName: 'a.json' });
    expect((await visible(db)).map((s) => s.key)).toEqual(['team.a/wl1']);
    // …restoring does.
    await restoreScript(db, 'team.a/ts1');
    expect((await visible(db)).map((s) => s.key).sort()).toEqual(['team.a/ts1', 'team.a/wl1']);
  });

  it('editing a hidden pack script shows the edited copy again', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    await deleteScript(db, 'team.a/ts1');
    const key = await updateScript(db, 'team.a/ts1', { title: '七天无理由（我的）' });
    expect((await visible(db)).find((s) => s.key === key)!.title).toBe('七天无理由（我的）');
  });

  it('a hidden pack script edited later keeps its follow-up deadline (its effect)', async () => {
    const db = await freshDb();
    const pack = teamPack();
    pack.scripts[1]!.effect = { followUpMinutes: 15 };
    await installPack(db, pack, { kind: 'file', fileName: 'a.json' });
    await deleteScript(db, 'team.a/ts1');
    const key = await updateScript(db, 'team.a/ts1', { title: '七天无理由（我的）' });
    expect((await visible(db)).find((s) => s.key === key)!.effect).toEqual({ followUpMinutes: 15 });
  });
});

describe('conflicts', () => {
  async function conflicted() {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const copyKey = await updateScript(db, 'team.a/wl1', { body: '我的版本' });
    await installPack(db, teamPack({ version: '1.1', body: '新版本{时间}' }), { kind: 'file', fileName: 'a.json' });
    // What the sync does when the upstream fingerprint differs from the copy's base.
    const upstream = (await getScript(db, 'team.a/wl1'))!;
    await db.scripts.update(copyKey, {
      conflict: { upstreamHash: scriptFingerprint(upstream), since: 5, fromVersion: '1.0', toVersion: '1.1' },
    });
    return { db, copyKey, upstream };
  }

  it('keep-mine keeps the text and rebases it on the new upstream version', async () => {
    const { db, copyKey, upstream } = await conflicted();
    await resolveConflict(db, copyKey, 'keep-mine');
    const row = (await getScript(db, copyKey))!;
    expect(row.body).toBe('我的版本');
    expect(row.conflict).toBeUndefined();
    expect(row.baseHash).toBe(scriptFingerprint(upstream));
  });

  it('take-upstream drops the copy and shows the new version', async () => {
    const { db, copyKey } = await conflicted();
    await resolveConflict(db, copyKey, 'take-upstream');
    expect(await getScript(db, copyKey)).toBeUndefined();
    expect((await visible(db)).find((s) => s.id === 'wl1')!.body).toBe('新版本{时间}');
  });

  it('take-upstream of a script the pack removed keeps the agent text as their own', async () => {
    const { db, copyKey } = await conflicted();
    // The pack drops wl1 (as a sync would).
    const rest = (await packScripts(db, 'team.a')).filter((r) => r.key !== 'team.a/wl1');
    await db.transaction('rw', db.scriptChunks, () => replacePackScripts(db, 'team.a', rest));
    await resolveConflict(db, copyKey, 'take-upstream');
    const row = (await getScript(db, copyKey))!;
    expect(row.body).toBe('我的版本');
    expect(row.overrides).toBeUndefined();
  });
});

describe('personal situations', () => {
  it('are created, nested, moved without cycles, and only deleted when their scripts have somewhere to go', async () => {
    const db = await freshDb();
    const parent = await createSituation(db, '我的常用', null);
    const child = await createSituation(db, '催付', parent);
    expect(await applyEdit(db, { op: 'moveSituation', key: parent, parentKey: child })).toMatchObject({
      ok: false,
      code: 'cycle',
    });
    const s = await createPersonalScript(db, draft({ situationKey: child }));
    expect(await applyEdit(db, { op: 'deleteSituation', key: child })).toMatchObject({
      ok: false,
      code: 'has-scripts',
    });
    expect(await getScript(db, s)).toBeDefined();
    expect(await deleteSituation(db, child, parent)).toEqual({ moved: 1 });
    expect((await getScript(db, s))!.situationKey).toBe(parent);
    await moveSituation(db, parent, null);
  });

  it('child situations move up when their parent is deleted', async () => {
    const db = await freshDb();
    const a = await createSituation(db, 'A', null);
    const b = await createSituation(db, 'B', a);
    await deleteSituation(db, a);
    expect((await db.situations.get(b))!.parentKey).toBeNull();
  });

  it('carry the agent’s 客户常说, checked like a pack’s, and an export of 我的话术 ships them', async () => {
    const db = await freshDb();
    const key = await createSituation(db, '催发货', null);
    const cues = [{ words: ['几号发', 're:[0-9]+天还没发'] }, { words: ['fh'], weight: 0.5 }];
    expect(await applyEdit(db, { op: 'setSituationCues', key, cues })).toEqual({ ok: true });
    expect((await db.situations.get(key))!.cues).toEqual(cues);
    // a pattern the linear-time engine refuses is not stored
    expect(await applyEdit(db, { op: 'setSituationCues', key, cues: [{ words: ['re:(发)\\1'] }] })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect((await db.situations.get(key))!.cues).toEqual(cues);
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    expect(await applyEdit(db, { op: 'setSituationCues', key: 'team.a/wl', cues })).toMatchObject({
      ok: false,
      code: 'not-personal',
    });
    // emptied: no field left behind
    await applyEdit(db, { op: 'setSituationCues', key, cues: [] });
    expect((await db.situations.get(key))!).not.toHaveProperty('cues');
  });

  it('pack situations are the publisher’s', async () => {
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    expect(await applyEdit(db, { op: 'renameSituation', key: 'team.a/wl', name: '快递' })).toMatchObject({
      ok: false,
      code: 'not-personal',
    });
    expect(await applyEdit(db, { op: 'deleteSituation', key: 'team.a/wl' })).toMatchObject({
      ok: false,
      code: 'not-personal',
    });
  });
});

describe('import into 我的话术', () => {
  it('adds every script with fresh personal ids and reuses same-named situations', async () => {
    const db = await freshDb();
    await createSituation(db, '物流', null);
    const res = await importIntoPersonal(db, teamPack());
    expect(res).toEqual({ scripts: 2, situations: 1 });
    const mine = await db.scripts.where('packId').equals(PERSONAL_PACK_ID).toArray();
    expect(mine.map((s) => s.title).sort()).toEqual(['七天无理由', '查询物流']);
    expect((await db.situations.where('packId').equals(PERSONAL_PACK_ID).toArray()).map((s) => s.name).sort()).toEqual([
      '物流',
      '退货',
    ]);
    // Importing again adds again (the agent asked for it) without touching what is there.
    await importIntoPersonal(db, teamPack());
    expect(await db.scripts.where('packId').equals(PERSONAL_PACK_ID).count()).toBe(4);
  });
});

describe('crossPackDuplicates', () => {
  const row = (packId: string, id: string, shortcut?: string, extra: Partial<ScriptRow> = {}): ScriptRow => ({
    key: `${packId}/${id}`,
    packId,
    id,
    situationKey: `${packId}/s`,
    title: id,
    body: id,
    purpose: '',
    keywords: [],
    tags: [],
    ...(shortcut ? { shortcut } : {}),
    order: 0,
    origin: packId === 'personal' ? 'personal' : 'pack',
    updatedAt: 0,
    ...extra,
  });

  it('reports a shortcut used by scripts of several packs, and never merges them', () => {
    const rows = [row('a', 'x1', 'th'), row('b', 'y1', 'th'), row('b', 'y2', 'wl'), row('personal', 'm1', 'th')];
    expect(crossPackDuplicates(rows)).toEqual([
      { kind: 'shortcut', value: 'th', keys: ['a/x1', 'b/y1', 'personal/m1'] },
    ]);
  });

  it('ignores a pack script hidden by its own personal copy', () => {
    const rows = [row('a', 'x1', 'th'), row('personal', 'c1', 'th', { overrides: 'a/x1' })];
    expect(crossPackDuplicates(rows)).toEqual([]);
  });

  it('reports a code used by two packs, not one shared by a pack script and the personal copy that overrides it', () => {
    const rows = [
      row('a', '1', 'cj', { title: '物流催件回复' }),
      row('b', '9', 'cj', { title: '催促快递' }),
      row('a', '2', 'yf', { title: '退货运费说明' }),
      row('personal', 'x', 'yf', { title: '我的运费', overrides: 'a/2' }),
    ];
    expect(crossPackDuplicates(rows)).toEqual([{ kind: 'shortcut', value: 'cj', keys: ['a/1', 'b/9'] }]);
  });

  it('leaves out a copy the agent hid (deleted pack script), and the pack script it hides', () => {
    const rows = [
      row('a', 'x1', 'th'),
      row('b', 'y1', 'th'),
      row('personal', 'c1', 'th', { overrides: 'a/x1', hidden: true }),
    ];
    expect(crossPackDuplicates(rows)).toEqual([]);
  });

  it('reports the same script id in two packs', () => {
    expect(crossPackDuplicates([row('a', 'greet'), row('b', 'greet'), row('a', 'other')])).toEqual([
      { kind: 'id', value: 'greet', keys: ['a/greet', 'b/greet'] },
    ]);
  });
});

describe('random edit sequences', () => {
  it('never lose a personal script the agent did not delete', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('create' as const),
        title: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== ''),
      }),
      fc.record({
        kind: fc.constantFrom(
          'edit' as const,
          'move' as const,
          'dup' as const,
          'delete' as const,
          'hide' as const,
          'restore' as const,
          'sync' as const,
        ),
        pick: fc.nat(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 15 }), async (ops) => {
        const db = await freshDb();
        await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
        // Model: personal script key → title the agent expects to find.
        const expected = new Map<string, string>();
        let version = 0;
        for (const o of ops) {
          const personal = [...expected.keys()];
          const pick = <T>(list: T[], n: number) => list[n % list.length];
          switch (o.kind) {
            case 'create': {
              const key = await createPersonalScript(db, draft({ title: o.title }));
              expected.set(key, o.title.trim());
              break;
            }
            case 'edit': {
              const target = pick([...personal, 'team.a/wl1', 'team.a/ts1'], o.pick)!;
              const key = await updateScript(db, target, { title: `改${o.pick}` });
              expected.set(key, `改${o.pick}`);
              break;
            }
            case 'move': {
              const target = pick(personal, o.pick);
              if (target) await moveScript(db, target, 'team.a/ts');
              break;
            }
            case 'dup': {
              const target = pick(personal, o.pick);
              if (target)
                expected.set(await duplicateScript(db, target), `${expected.get(target)}（副本）`.slice(0, 60));
              break;
            }
            case 'delete': {
              const target = pick(personal, o.pick);
              if (target) {
                await deleteScript(db, target);
                expected.delete(target);
              }
              break;
            }
            case 'hide':
              await deleteScript(db, pick(['team.a/wl1', 'team.a/ts1'], o.pick)!);
              // A hidden copy of an edited script keeps its text (restore brings the pack one back).
              break;
            case 'restore': {
              const packKey = pick(['team.a/wl1', 'team.a/ts1'], o.pick)!;
              for (const c of await db.scripts.where('overrides').equals(packKey).toArray()) expected.delete(c.key);
              await restoreScript(db, packKey);
              break;
            }
            case 'sync':
              await installPack(db, teamPack({ version: `1.${++version}`, body: `新${version}{时间}` }), {
                kind: 'file',
                fileName: 'a.json',
              });
              break;
          }
        }
        const rows = new Map((await allScripts(db)).map((r) => [r.key, r]));
        for (const [key, title] of expected) expect(rows.get(key)?.title).toBe(title);
      }),
      { numRuns: 40 },
    );
  });
});

describe('rowsToPack (export)', () => {
  it('exports 我的话术 as a valid pack: borrowed situations carried along, hidden copies left out', async () => {
    const { rowsToPack } = await import('../../scripts-library/rows-to-pack');
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    const mine = await createSituation(db, '我的常用', null);
    await createPersonalScript(db, draft({ title: '我的开场', situationKey: mine, shortcut: 'kc' }));
    await updateScript(db, 'team.a/wl1', { body: '我改过的物流话术' });
    await deleteScript(db, 'team.a/ts1');
    const pack = rowsToPack(
      (await db.packs.get(PERSONAL_PACK_ID))!,
      await db.situations.toArray(),
      await allScripts(db),
    );
    const checked = validatePack(pack);
    expect(checked.ok).toBe(true);
    expect(pack.scripts.map((s) => s.title).sort()).toEqual(['我的开场', '查询物流']);
    expect(pack.situations.map((s) => s.name).sort()).toEqual(['我的常用', '物流']);
    expect(pack.scripts.find((s) => s.title === '查询物流')!.body).toBe('我改过的物流话术');
  });

  it('exports a pack with its own scripts only, in order, and its site rules', async () => {
    const { rowsToPack } = await import('../../scripts-library/rows-to-pack');
    const db = await freshDb();
    await installPack(db, teamPack(), { kind: 'file', fileName: 'a.json' });
    await updateScript(db, 'team.a/wl1', { body: '个人版本不进话术包' });
    const pack = rowsToPack(
      (await db.packs.get('team.a'))!,
      await db.situations.toArray(),
      await allScripts(db),
      await db.siteRules.toArray(),
    );
    expect(pack.scripts.map((s) => [s.id, s.body])).toEqual(teamPack().scripts.map((s) => [s.id, s.body]));
    expect(pack.situations).toEqual(teamPack().situations);
  });
});
