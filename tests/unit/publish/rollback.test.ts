/**
 * The agent's side of publishing (fake-indexeddb): the version an update replaced is kept whole,
 * 回退到上一版 restores it without touching the agent's own edits, auto-sync stays paused until a
 * newer version; release notes of the versions a sync brought are recorded; and the lead's
 * publish source folds in their edits, then adopts the published version.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { computeContentHash } from '../../../scripts-library/hash';
import { validatePack, type Pack, type PackInput } from '../../../scripts-library/schema';
import { importIntoPersonal, updateScript } from '../../../utils/db/editing';
import { itemKey, PERSONAL_PACK_ID } from '../../../scripts-library/pack-rows';
import { ensurePersonalPack, installPack } from '../../../utils/db/packs';
import { packForPublishing } from '../../../utils/db/publish-source';
import { HuashuDB } from '../../../utils/db/schema';
import { getScript, packScripts } from '../../../utils/db/script-store';
import {
  applyPackUpdate,
  NoPreviousVersionError,
  notesBetween,
  previousVersionOf,
  rollbackPack,
} from '../../../utils/db/sync-apply';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS } from '../../fixtures/sync-packs';

const URL_A = 'https://packs.example.com/aftersale.json';

function valid(input: PackInput): Pack {
  const v = validatePack(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.pack;
}

const open: HuashuDB[] = [];
function freshDb() {
  const db = new HuashuDB(`r${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  return db;
}
afterEach(() => {
  open.splice(0).forEach((d) => d.close());
});

const withNotes = (version: string, scripts = V1_SCRIPTS, notes: [string, string][] = []) =>
  valid(teamPack(version, scripts, { changes: notes.map(([v, n]) => ({ version: v, date: '2026-12-07', notes: n })) }));

async function apply(db: HuashuDB, pack: Pack, etag: string) {
  return applyPackUpdate(db, pack, { url: URL_A }, { hash: await computeContentHash(pack), etag, mustExist: false });
}

describe('rollback and release notes', () => {
  it('keeps the replaced version, rolls back to it, keeps the agent’s edit, pauses auto-sync', async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await apply(db, withNotes('1.0.0'), '"a"');
    expect(await previousVersionOf(db, TEAM_PACK_ID)).toBeNull();
    // The agent edits one script of 1.0.0.
    await updateScript(db, itemKey(TEAM_PACK_ID, 'th-jindu'), { body: '我的版本：退款 3 个工作日内到账。' });
    const bad = V1_SCRIPTS.slice(0, 1);
    const change = await apply(
      db,
      withNotes('1.0.1', bad, [
        ['1.0.1', '精简话术'],
        ['1.0.0', '第一版'],
      ]),
      '"b"',
    );
    expect(change.notes).toEqual([{ version: '1.0.1', date: '2026-12-07', notes: '精简话术' }]);
    expect((await packScripts(db, TEAM_PACK_ID)).filter((s) => s.origin === 'pack')).toHaveLength(1);
    expect(await previousVersionOf(db, TEAM_PACK_ID)).toBe('1.0.0');

    const back = await rollbackPack(db, TEAM_PACK_ID);
    expect(back).toMatchObject({ fromVersion: '1.0.1', toVersion: '1.0.0', rollback: true });
    const row = (await db.packs.get(TEAM_PACK_ID))!;
    expect(row.version).toBe('1.0.0');
    expect(row.sync).toMatchObject({ pausedAfter: '1.0.1', etag: '"b"' });
    expect((await packScripts(db, TEAM_PACK_ID)).filter((s) => s.origin === 'pack').map((s) => s.id)).toEqual(
      V1_SCRIPTS.map((s) => s.id),
    );
    // The agent's copy is untouched.
    const mine = (await db.scripts.where('overrides').equals(itemKey(TEAM_PACK_ID, 'th-jindu')).first())!;
    expect(mine.body).toBe('我的版本：退款 3 个工作日内到账。');
    expect(mine.packId).toBe(PERSONAL_PACK_ID);
    // The "previous" slot now holds the newer version: nothing older left to roll back to.
    expect(await previousVersionOf(db, TEAM_PACK_ID)).toBeNull();
    await expect(rollbackPack(db, TEAM_PACK_ID)).rejects.toBeInstanceOf(NoPreviousVersionError);

    // A newer version applies again and clears the pause.
    await apply(
      db,
      withNotes('1.0.2', V1_SCRIPTS, [
        ['1.0.2', '恢复并新增'],
        ['1.0.1', '精简话术'],
      ]),
      '"c"',
    );
    expect((await db.packs.get(TEAM_PACK_ID))!.sync?.pausedAfter).toBeUndefined();
  });

  it('notes between two versions: only the ones the update brought, newest first', () => {
    const notes = [
      { version: '1.2.0', date: '2026-12-07', notes: 'c' },
      { version: '1.1.0', date: '2026-12-06', notes: 'b' },
      { version: '1.0.0', date: '2026-12-05', notes: 'a' },
    ];
    expect(notesBetween(notes, '1.0.0', '1.2.0').map((n) => n.notes)).toEqual(['c', 'b']);
    expect(notesBetween(notes, '1.1.0', '1.1.0')).toEqual([]);
    expect(notesBetween(undefined, null, '1.0.0')).toEqual([]);
  });

  it('the lead’s publish source has their edits in place and their deletions left out; adopting drops the folded copies', async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await installPack(db, valid(teamPack('1.0.0')), { kind: 'file', fileName: 'team.json' });
    await updateScript(db, itemKey(TEAM_PACK_ID, 'th-yunfei'), { body: '组长改过的运费说明。' });
    const { pack, folded } = await packForPublishing(db, TEAM_PACK_ID);
    expect(pack.scripts.find((s) => s.id === 'th-yunfei')!.body).toBe('组长改过的运费说明。');
    expect(folded).toHaveLength(1);
    expect(validatePack(pack).ok).toBe(true);

    const published = valid({ ...pack, version: '1.0.1' });
    await applyPackUpdate(
      db,
      published,
      { url: 'https://dav.example.com/team/team.aftersale.json' },
      { hash: await computeContentHash(published), adopt: { dropCopies: folded } },
    );
    const row = (await db.packs.get(TEAM_PACK_ID))!;
    expect(row.source).toEqual({ kind: 'url', url: 'https://dav.example.com/team/team.aftersale.json' });
    expect(row.sync?.lastChange).toBeUndefined();
    expect(await db.scripts.where('overrides').equals(itemKey(TEAM_PACK_ID, 'th-yunfei')).count()).toBe(0);
    expect((await getScript(db, itemKey(TEAM_PACK_ID, 'th-yunfei')))!.body).toBe('组长改过的运费说明。');
  });

  it('the built-in pack and 我的话术 are not publishable', async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await installPack(db, valid({ ...teamPack('1.0.0'), id: 'builtin.x' }), { kind: 'builtin' });
    await expect(packForPublishing(db, 'builtin.x')).rejects.toMatchObject({ code: 'builtin' });
    await expect(packForPublishing(db, PERSONAL_PACK_ID)).rejects.toMatchObject({ code: 'personal' });
  });

  it('我的话术 is published under the team pack id and name the lead chose, with its own scripts', async () => {
    const db = freshDb();
    await installPack(db, valid(teamPack('1.0.0')), { kind: 'file', fileName: 't.json' });
    await importIntoPersonal(db, valid({ ...teamPack('1.0.0'), id: 'sheet' }));
    const { pack, folded } = await packForPublishing(db, PERSONAL_PACK_ID, {
      publishAs: { id: 'team.mine', name: '组长的话术' },
      lastVersion: '1.0.3',
    });
    expect(pack).toMatchObject({ id: 'team.mine', name: '组长的话术', version: '1.0.3' });
    expect(pack.scripts.map((s) => s.title).sort()).toEqual(V1_SCRIPTS.map((s) => s.title).sort());
    expect(folded).toEqual([]);
    expect(validatePack(pack, { install: true }).ok).toBe(true);
  });
});
