/**
 * Applying synced versions to the database (fake-indexeddb): personal edits survive and are
 * flagged when their upstream changes, "what changed" is recorded, failures write nothing but
 * the sync state, and — property-tested — no sequence of good and bad updates ever leaves a
 * half-written pack or touches the agent's own scripts.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePack, type Pack, type PackInput } from '../../../scripts-library/schema';
import { itemKey, packToRows, PERSONAL_PACK_ID, scriptFingerprint } from '../../../scripts-library/pack-rows';
import { ensurePersonalPack, installPack, removePack } from '../../../utils/db/packs';
import { HuashuDB, type ScriptRow } from '../../../utils/db/schema';
import { allScripts, getScript, packScripts } from '../../../utils/db/script-store';
import {
  applyPackUpdate,
  dismissPackChange,
  markSyncing,
  PackGoneError,
  PackIdTakenError,
  recordSyncFailure,
  recordUnchanged,
} from '../../../utils/db/sync-apply';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS, type TeamScript } from '../../fixtures/sync-packs';

const URL_A = 'https://packs.example.com/aftersale.json';

function valid(input: PackInput): Pack {
  const v = validatePack(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.pack;
}

const open: HuashuDB[] = [];
function freshDb() {
  const db = new HuashuDB(`s${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  return db;
}
afterEach(() => {
  open.splice(0).forEach((d) => d.close());
});

const meta = (hash: string) => ({ hash, etag: `"${hash}"` });

/** A personal copy of a pack script, as the editor makes it: base fingerprint recorded. */
async function personalCopyOf(db: HuashuDB, packScriptKey: string, body: string): Promise<ScriptRow> {
  const base = (await getScript(db, packScriptKey))!;
  const copy: ScriptRow = {
    ...base,
    key: `${PERSONAL_PACK_ID}/copy-${base.id}`,
    packId: PERSONAL_PACK_ID,
    id: `copy-${base.id}`,
    body,
    origin: 'personal',
    overrides: base.key,
    baseHash: scriptFingerprint(base),
    updatedAt: 1,
  };
  await db.scripts.add(copy);
  return copy;
}

describe('applyPackUpdate', () => {
  it('installs a subscribed pack with its source and sync state, without a change summary the first time', async () => {
    const db = freshDb();
    const change = await applyPackUpdate(db, valid(teamPack('1.0')), { url: URL_A }, meta('h1'), 1000);
    expect(change.counts).toEqual({ added: 4, changed: 0, removed: 0 });
    const row = (await db.packs.get(TEAM_PACK_ID))!;
    expect(row.source).toEqual({ kind: 'url', url: URL_A });
    expect(row.sync).toMatchObject({ status: 'ok', lastSuccessAt: 1000, etag: '"h1"', appliedHash: 'h1' });
    expect(row.sync?.lastChange).toBeUndefined();
    expect(await packScripts(db, TEAM_PACK_ID).then((r) => r.length)).toBe(4);
  });

  it('keeps a personal edit over a changed upstream script, flags it, and records what changed with titles', async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await applyPackUpdate(db, valid(teamPack('1.0')), { url: URL_A }, meta('h1'), 1000);
    const edited = await personalCopyOf(db, itemKey(TEAM_PACK_ID, 'wl-cuijian'), '我自己的催件说法');
    const untouched = await personalCopyOf(db, itemKey(TEAM_PACK_ID, 'th-jindu'), '我自己的退款说法');
    const gone = await personalCopyOf(db, itemKey(TEAM_PACK_ID, 'wl-posun'), '我自己的破损说法');

    const v2: TeamScript[] = [
      { ...V1_SCRIPTS[0]!, body: '您好，已经为您加急催件，快递今天会更新物流信息。' },
      V1_SCRIPTS[2]!,
      V1_SCRIPTS[3]!,
      {
        id: 'th-huanhuo',
        situation: 'th',
        title: '换货流程说明',
        body: '换货需要先寄回原商品，我们收到后 24 小时内发出新的。',
      },
    ];
    const change = await applyPackUpdate(db, valid(teamPack('1.1', v2)), { url: URL_A }, meta('h2'), 2000);

    expect(change).toMatchObject({
      fromVersion: '1.0',
      toVersion: '1.1',
      added: [{ key: 'team.aftersale/th-huanhuo', title: '换货流程说明' }],
      changed: [{ key: 'team.aftersale/wl-cuijian', title: '物流催件回复' }],
      removed: [{ key: 'team.aftersale/wl-posun', title: '运输破损登记' }],
      conflicts: 2,
    });
    expect((await db.packs.get(TEAM_PACK_ID))!.sync?.lastChange?.toVersion).toBe('1.1');

    const after = await getScript(db, edited.key);
    // The agent's text is untouched; only the flag is added, naming the new upstream.
    expect({ ...after, conflict: undefined }).toEqual({ ...edited, conflict: undefined });
    expect(after!.conflict).toEqual({
      upstreamHash: scriptFingerprint((await getScript(db, 'team.aftersale/wl-cuijian'))!),
      since: 2000,
      fromVersion: '1.0',
      toVersion: '1.1',
    });
    // Both versions are there: the upstream row and the copy.
    expect((await getScript(db, 'team.aftersale/wl-cuijian'))!.body).toContain('今天会更新');
    expect(await getScript(db, untouched.key)).toEqual(untouched);
    expect((await getScript(db, gone.key))!.conflict?.upstreamHash).toBe('removed');
    expect((await getScript(db, gone.key))!.body).toBe('我自己的破损说法');

    // Syncing the same upstream again does not re-flag or move `since`.
    await applyPackUpdate(db, valid(teamPack('1.2', v2)), { url: URL_A }, meta('h3'), 3000);
    expect((await getScript(db, edited.key))!.conflict?.since).toBe(2000);
  });

  it('refuses a pack id that belongs to a pack from another source, writing nothing', async () => {
    const db = freshDb();
    await installPack(db, valid(teamPack('1.0')), { kind: 'file', fileName: 'aftersale.json' });
    const before = await allScripts(db);
    await expect(
      applyPackUpdate(db, valid(teamPack('2.0', [V1_SCRIPTS[0]!])), { url: URL_A }, meta('x')),
    ).rejects.toBeInstanceOf(PackIdTakenError);
    // Sync's own check refuses the id already (validatePack with install); the database refuses it too.
    expect(validatePack({ ...teamPack('1.0'), id: PERSONAL_PACK_ID }, { install: true }).ok).toBe(false);
    await expect(
      applyPackUpdate(db, { ...valid(teamPack('1.0')), id: PERSONAL_PACK_ID }, { url: URL_A }, meta('x')),
    ).rejects.toBeInstanceOf(PackIdTakenError);
    expect(await allScripts(db)).toEqual(before);
    expect((await db.packs.get(TEAM_PACK_ID))!.source.kind).toBe('file');
  });

  it('an update for a pack the agent removed meanwhile does not bring it back', async () => {
    const db = freshDb();
    await applyPackUpdate(db, valid(teamPack('1.0')), { url: URL_A }, meta('h1'));
    await removePack(db, TEAM_PACK_ID);
    await expect(
      applyPackUpdate(db, valid(teamPack('1.1')), { url: URL_A }, { ...meta('h2'), mustExist: true }),
    ).rejects.toBeInstanceOf(PackGoneError);
    expect(await db.packs.count()).toBe(0);
    expect((await allScripts(db)).length).toBe(0);
  });

  it('a failure records only the sync state; success afterwards clears the error', async () => {
    const db = freshDb();
    await applyPackUpdate(db, valid(teamPack('1.0')), { url: URL_A }, meta('h1'), 1000);
    const rows = await allScripts(db);
    await markSyncing(db, TEAM_PACK_ID, 1500);
    expect(await db.syncing.get(TEAM_PACK_ID)).toEqual({ packId: TEAM_PACK_ID, at: 1500 });
    await recordSyncFailure(
      db,
      TEAM_PACK_ID,
      { code: 'http', detail: 'HTTP 500', message: '服务器返回错误：HTTP 500' },
      2000,
    );
    const failed = (await db.packs.get(TEAM_PACK_ID))!;
    expect(failed.version).toBe('1.0');
    expect(failed.sync).toMatchObject({
      status: 'error',
      errorCode: 'http',
      errorDetail: 'HTTP 500',
      lastAttemptAt: 2000,
      lastSuccessAt: 1000,
      etag: '"h1"',
    });
    expect(await allScripts(db)).toEqual(rows);
    await recordUnchanged(db, TEAM_PACK_ID, { etag: '"h1"' }, 3000);
    const ok = (await db.packs.get(TEAM_PACK_ID))!.sync!;
    expect(ok).toMatchObject({ status: 'ok', lastSuccessAt: 3000 });
    expect(ok.errorCode).toBeUndefined();
  });

  it('dismissing the summary keeps everything else', async () => {
    const db = freshDb();
    await applyPackUpdate(db, valid(teamPack('1.0')), { url: URL_A }, meta('h1'), 1000);
    await applyPackUpdate(db, valid(teamPack('1.1', V1_SCRIPTS.slice(1))), { url: URL_A }, meta('h2'), 2000);
    expect((await db.packs.get(TEAM_PACK_ID))!.sync?.lastChange?.counts.removed).toBe(1);
    await dismissPackChange(db, TEAM_PACK_ID);
    const s = (await db.packs.get(TEAM_PACK_ID))!.sync!;
    expect(s.lastChange).toBeUndefined();
    expect(s).toMatchObject({ status: 'ok', appliedHash: 'h2' });
  });

  it('removing a subscribed pack leaves the personal copies of its scripts in place', async () => {
    const db = freshDb();
    await ensurePersonalPack(db);
    await applyPackUpdate(db, valid(teamPack('1.0')), { url: URL_A }, meta('h1'));
    const copy = await personalCopyOf(db, itemKey(TEAM_PACK_ID, 'th-yunfei'), '我的运费说法');
    await removePack(db, TEAM_PACK_ID);
    expect(await allScripts(db)).toEqual([copy]);
  });
});

// ---------------------------------------------------------------- property: never half-written

const scriptArb = fc.record({
  id: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
  body: fc.constantFrom(
    '请稍等，我马上为您查询。',
    '已为您登记，今天内回复您。',
    '感谢您的耐心等待。',
    '<b>加粗</b><script>alert(1)</script>',
  ),
  title: fc.constantFrom('稍等查询', '登记回复', '感谢等待'),
});
const versionArb = fc.uniqueArray(scriptArb, { selector: (s) => s.id, minLength: 0, maxLength: 6 });
/** good: a valid version; broken: fails inside the transaction; foreign: id of another source. */
const stepArb = fc.record({ kind: fc.constantFrom('good', 'good', 'broken', 'foreign'), scripts: versionArb });

function snapshotOf(rows: ScriptRow[]) {
  return rows
    .filter((r) => r.packId === TEAM_PACK_ID)
    .map((r) => `${r.key}|${r.title}|${r.body}`)
    .sort();
}

describe('property: random sequences of good and failing updates', () => {
  it('leave either the old or the new version, never a mix, and never change personal scripts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
        const db = freshDb();
        await ensurePersonalPack(db);
        await applyPackUpdate(
          db,
          valid(teamPack('1.0', [{ id: 's1', title: '稍等查询', body: '请稍等。' }])),
          { url: URL_A },
          meta('h0'),
        );
        const mine: ScriptRow = {
          key: 'personal/mine',
          packId: PERSONAL_PACK_ID,
          id: 'mine',
          situationKey: 'personal/x',
          title: '我的开场',
          body: '您好，我是{客服昵称}。',
          purpose: '',
          keywords: [],
          tags: [],
          order: 0,
          origin: 'personal',
          updatedAt: 1,
        };
        await db.scripts.add(mine);
        const copy = await personalCopyOf(db, itemKey(TEAM_PACK_ID, 's1'), '我改过的稍等');
        const personalText = () =>
          db.scripts
            .where('origin')
            .equals('personal')
            .toArray()
            .then((rs) => rs.map(({ conflict: _c, ...r }) => r));
        const personalBefore = await personalText();

        let minor = 1;
        for (const step of steps) {
          const old = snapshotOf(await allScripts(db));
          const pack = valid(
            teamPack(
              `1.${minor}`,
              step.scripts.map((s) => ({ ...s, situation: 'wl' as const })),
            ),
          );
          const expected = snapshotOf([
            ...(await db.scripts.where('origin').equals('personal').toArray()),
            ...packToRows(pack, { kind: 'url', url: URL_A }, 0).scripts,
          ]);
          let failed = false;
          try {
            if (step.kind === 'broken') {
              // A row IndexedDB cannot store fails the transaction after the deletes ran.
              if (pack.scripts[0]) (pack.scripts[0] as unknown as { tags: unknown }).tags = [() => 1];
              else (pack.siteRules as unknown[]).push({ id: 'x', bad: () => 1 });
            }
            if (step.kind === 'foreign')
              await applyPackUpdate(db, pack, { url: 'https://other.example.com/p.json' }, meta('f'));
            else await applyPackUpdate(db, pack, { url: URL_A }, meta(`h${minor}`));
          } catch {
            failed = true;
          }
          const now = snapshotOf(await allScripts(db));
          if (step.kind === 'good') {
            expect(failed).toBe(false);
            expect(now).toEqual(expected);
            expect((await db.packs.get(TEAM_PACK_ID))!.version).toBe(`1.${minor}`);
            minor++;
          } else {
            expect(failed).toBe(true);
            expect(now).toEqual(old);
            expect((await db.packs.get(TEAM_PACK_ID))!.version).toBe(`1.${minor - 1}`);
          }
          expect(await personalText()).toEqual(personalBefore);
        }
        // The copy is flagged exactly when its upstream now differs from what it was made from.
        const upstream = await getScript(db, itemKey(TEAM_PACK_ID, 's1'));
        const flagged = (await getScript(db, copy.key))!.conflict;
        if (!upstream) expect(flagged?.upstreamHash).toBe('removed');
        else if (scriptFingerprint(upstream) === copy.baseHash) expect(flagged).toBeUndefined();
        else expect(flagged?.upstreamHash).toBe(scriptFingerprint(upstream));
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});
