/**
 * Revisions: two editors never overwrite each other silently, an open form follows what it has
 * not touched, and an edit survives a sync that changes or removes its script.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePack, type Pack } from '../../scripts-library/schema';
import {
  applyEdit,
  createPersonalScript,
  createSituation,
  KEPT_SITUATION_NAME,
  revisionOf,
  saveScript,
  saveSetting,
  saveSiteRuleRow,
  type ScriptDraft,
} from '../../utils/db/editing';
import { PERSONAL_PACK_ID, scriptFingerprint } from '../../scripts-library/pack-rows';
import { ensurePersonalPack, installPack } from '../../utils/db/packs';
import { isQuotaError } from '../../utils/db/quota';
import { changedFields, followLive, isStale, nextRev } from '../../utils/db/revision';
import { HuashuDB, type ScriptRow, type SiteRuleRow } from '../../utils/db/schema';
import { getScript } from '../../utils/db/script-store';
import { visibleScripts } from '../../utils/library/search-docs';
import { allScripts } from '../../utils/db/script-store';

function teamPack(scripts: { id: string; title: string; body: string }[], version = '1.0'): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id: 'team.a',
    name: '售后组话术',
    version,
    updatedAt: '2026-11-20T00:00:00Z',
    author: '组长',
    situations: [{ id: 'wl', name: '物流', parent: null, order: 1 }],
    scripts: scripts.map((s) => ({ ...s, situation: 'wl' })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}
const V1 = [
  { id: 'wl1', title: '查询物流', body: '您好，您的包裹正在运输中。' },
  { id: 'wl2', title: '催件', body: '已为您催件。' },
];

const open: HuashuDB[] = [];
async function freshDb() {
  const db = new HuashuDB(`r${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  await ensurePersonalPack(db, 1);
  await installPack(db, teamPack(V1), { kind: 'file', fileName: 'team.json' });
  return db;
}
afterEach(() => {
  open.splice(0).forEach((d) => d.close());
});

const formOf = (s: ScriptRow): ScriptDraft => ({
  title: s.title,
  body: s.body,
  purpose: s.purpose,
  keywords: s.keywords,
  tags: s.tags,
  shortcut: s.shortcut ?? '',
  situationKey: s.situationKey,
});

describe('followLive (an open form meets a newer version)', () => {
  const base = { title: '旧标题', body: '旧内容', tags: ['a'] };
  it('takes the other side for every field the agent has not touched', () => {
    const mine = { ...base, body: '我的内容' };
    const theirs = { ...base, title: '新标题' };
    expect(followLive(base, mine, theirs)).toEqual({
      form: { title: '新标题', body: '我的内容', tags: ['a'] },
      conflicts: [],
    });
  });
  it("names the fields both sides changed differently, keeping the agent's value", () => {
    const r = followLive(base, { ...base, body: '我的内容' }, { ...base, body: '对方的内容', tags: ['b'] });
    expect(r.form).toEqual({ title: '旧标题', body: '我的内容', tags: ['b'] });
    expect(r.conflicts).toEqual(['body']);
  });
  it('is no conflict when both sides made the same change', () => {
    expect(followLive(base, { ...base, body: 'x' }, { ...base, body: 'x' }).conflicts).toEqual([]);
  });
  it('lists changed fields and tells a stale revision', () => {
    expect(changedFields(base, { ...base, tags: ['a', 'b'] })).toEqual(['tags']);
    expect(isStale({ rev: 1 }, { rev: 2 })).toBe(true);
    expect(isStale({ rev: 0 }, {})).toBe(false);
    expect(isStale(undefined, { rev: 9 })).toBe(false);
    expect(nextRev(undefined)).toBe(1);
  });
});

describe('saveScript: two editors on one personal script', () => {
  it('refuses the second save that started from an older revision and writes nothing', async () => {
    const db = await freshDb();
    const key = await createPersonalScript(db, {
      title: '开场',
      body: '您好',
      purpose: '',
      keywords: [],
      tags: [],
      situationKey: 'team.a/wl',
    });
    const opened = (await getScript(db, key))!;
    const base = revisionOf(opened);
    // Tab A renames and saves.
    await saveScript(db, key, { ...formOf(opened), title: '新开场' }, base);
    // Tab B, still showing the old title, changes the body and saves.
    const res = await applyEdit(db, { op: 'saveScript', key, draft: { ...formOf(opened), body: '您好，在的' }, base });
    expect(res).toMatchObject({ ok: false, code: 'stale' });
    expect(res.ok === false && (res.theirs as ScriptRow).title).toBe('新开场');
    expect((await getScript(db, key))!).toMatchObject({ title: '新开场', body: '您好' });
    // 保留我的: saved again from the revision it was shown.
    const theirs = (await getScript(db, key))!;
    expect(
      await applyEdit(db, {
        op: 'saveScript',
        key,
        draft: { ...formOf(opened), title: '新开场', body: '您好，在的' },
        base: revisionOf(theirs),
      }),
    ).toMatchObject({ ok: true, key });
    expect((await getScript(db, key))!).toMatchObject({ title: '新开场', body: '您好，在的', rev: theirs.rev! + 1 });
  });

  it('refuses a first edit of a pack script when another page already made its personal copy', async () => {
    const db = await freshDb();
    const pack = (await getScript(db, 'team.a/wl1'))!;
    const base = revisionOf(pack);
    const first = await saveScript(db, pack.key, { ...formOf(pack), title: '我的查询' }, base);
    const second = await applyEdit(db, {
      op: 'saveScript',
      key: pack.key,
      draft: { ...formOf(pack), body: '另一页的内容' },
      base,
    });
    expect(second).toMatchObject({ ok: false, code: 'stale', theirs: { key: first.key, title: '我的查询' } });
    expect(visibleScripts(await allScripts(db)).filter((s) => s.overrides === pack.key)).toHaveLength(1);
  });
});

describe('saveScript: a sync under an open edit', () => {
  it('records the version the edit started from, so a sync during the edit is flagged', async () => {
    const db = await freshDb();
    const opened = (await getScript(db, 'team.a/wl1'))!;
    const base = revisionOf(opened);
    // The team's new wording lands while the agent types.
    await installPack(db, teamPack([{ ...V1[0]!, body: '团队的新说法。' }, V1[1]!], '1.1'), {
      kind: 'file',
      fileName: 'team.json',
    });
    const now = (await getScript(db, 'team.a/wl1'))!;
    const res = await applyEdit(db, {
      op: 'saveScript',
      key: opened.key,
      draft: { ...formOf(opened), body: '我的说法。' },
      base,
    });
    expect(res).toMatchObject({ ok: true, kept: 'flagged' });
    const copy = (await getScript(db, res.ok ? res.key! : ''))!;
    expect(copy.baseHash).toBe(scriptFingerprint(opened));
    expect(copy.conflict?.upstreamHash).toBe(scriptFingerprint(now));
    expect(copy.body).toBe('我的说法。');
  });

  it('keeps the text as a personal script when the sync removed the script being edited', async () => {
    const db = await freshDb();
    const opened = (await getScript(db, 'team.a/wl2'))!;
    const base = revisionOf(opened);
    await installPack(db, teamPack([V1[0]!], '1.1'), { kind: 'file', fileName: 'team.json' });
    expect(await getScript(db, opened.key)).toBeUndefined();
    const res = await applyEdit(db, {
      op: 'saveScript',
      key: opened.key,
      draft: { ...formOf(opened), body: '我改过的催件。' },
      base,
    });
    expect(res).toMatchObject({ ok: true, kept: 'as-personal' });
    const kept = (await getScript(db, res.ok ? res.key! : ''))!;
    expect(kept).toMatchObject({
      packId: PERSONAL_PACK_ID,
      origin: 'personal',
      body: '我改过的催件。',
      situationKey: 'team.a/wl',
    });
    expect(kept.overrides).toBeUndefined();
  });

  it('files a kept script under 已保留的修改 when its situation went away too', async () => {
    const db = await freshDb();
    const sit = await createSituation(db, '临时', null);
    const key = await createPersonalScript(db, {
      title: '临时话术',
      body: '内容',
      purpose: '',
      keywords: [],
      tags: [],
      situationKey: sit,
    });
    const opened = (await getScript(db, key))!;
    await db.scripts.delete(key);
    await db.situations.delete(sit);
    const res = await saveScript(db, key, { ...formOf(opened), body: '还在' }, revisionOf(opened));
    expect(res.kept).toBe('as-personal');
    const kept = (await getScript(db, res.key))!;
    expect((await db.situations.get(kept.situationKey))!.name).toBe(KEPT_SITUATION_NAME);
  });
});

describe('settings and situations carry revisions too', () => {
  it('refuses a profile save that started before another page saved', async () => {
    const db = await freshDb();
    expect(await saveSetting(db, 'profile', { nickname: '小王' }, 0)).toEqual({ ok: true, rev: 1 });
    expect(await saveSetting(db, 'profile', { nickname: '小李' }, 0)).toMatchObject({
      ok: false,
      code: 'stale',
      theirs: { nickname: '小王' },
      rev: 1,
    });
    expect((await db.settings.get('profile'))!.value).toEqual({ nickname: '小王' });
    expect(await saveSetting(db, 'insertMode', 'caret')).toMatchObject({ ok: true });
  });

  it('refuses a stale save of a console rule', async () => {
    const db = await freshDb();
    const rule = {
      id: 'shop',
      name: '店铺工作台',
      match: { hosts: ['shop.example.com'] },
      input: 'textarea',
      createdAt: 1,
    } as unknown as SiteRuleRow;
    expect(await saveSiteRuleRow(db, rule, 0)).toEqual({ ok: true, rev: 1 });
    expect(await saveSiteRuleRow(db, { ...rule, name: '别处的改名' }, 0)).toMatchObject({ ok: false, code: 'stale' });
    expect((await db.siteRules.get('shop'))!.name).toBe('店铺工作台');
    expect(await saveSiteRuleRow(db, { ...rule, name: '新名字' }, 1)).toEqual({ ok: true, rev: 2 });
  });

  it('refuses a stale rename of a personal situation', async () => {
    const db = await freshDb();
    const sit = await createSituation(db, '开场', null);
    expect(await applyEdit(db, { op: 'renameSituation', key: sit, name: '接待', base: { rev: 0 } })).toMatchObject({
      ok: true,
    });
    expect(await applyEdit(db, { op: 'renameSituation', key: sit, name: '问候', base: { rev: 0 } })).toMatchObject({
      ok: false,
      code: 'stale',
      theirs: { name: '接待' },
    });
  });
});

describe('quota errors', () => {
  it('are recognised however they are wrapped, and named as such to the page', async () => {
    const quota = Object.assign(new Error('Quota exceeded'), { name: 'QuotaExceededError' });
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [quota] })).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
    const db = await freshDb();
    db.scripts.hook('creating', () => {
      throw quota;
    });
    const res = await applyEdit(db, {
      op: 'createScript',
      draft: { title: 'x', body: 'y', purpose: '', keywords: [], tags: [], situationKey: 'team.a/wl' },
    });
    expect(res).toMatchObject({ ok: false, code: 'quota' });
  });
});
