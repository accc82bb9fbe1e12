/**
 * Applying a synced pack version, and recording sync outcomes. Called by the background only.
 *
 * `applyPackUpdate` does everything in ONE Dexie transaction: the pack's situations, scripts
 * and console rules are replaced, personal copies whose upstream script changed (or went away)
 * are flagged for review, and "what changed" is recorded on the pack row. Either all of it is
 * in place or none of it is: a failure anywhere leaves the previous version in use.
 * The agent's own scripts are never rewritten; only their `conflict` flag is set or cleared.
 */
import { imageRefsOf } from '../../scripts-library/images';
import { holdImages, packOwner, previousVersionOwner, setOwnerImages, type ImageBlobs } from './images';
import { computeContentHash } from '../../scripts-library/hash';
import type { Pack, PackChangeNote } from '../../scripts-library/schema';
import { compareVersions } from '../sync/fetch-pack';
import { diffScripts, packToRows, PERSONAL_PACK_ID, scriptFingerprint } from '../../scripts-library/pack-rows';
import { rowsToPack } from '../../scripts-library/rows-to-pack';
import type { ChangedScript, HuashuDB, PackChange, PackRow, PackSyncState, ScriptRow, PackVersionRow } from './schema';
import { packChunkScripts, replacePackScripts } from './script-store';

/** Each list in a stored summary keeps this many titles; the counts are always exact. */
export const CHANGE_LIST_LIMIT = 100;

const ORDER_OTHERS = 100;

export interface SyncSource {
  url: string;
}

export interface SyncMeta {
  /** Updating an installed pack: if the agent removed it meanwhile, nothing is written. */
  mustExist?: boolean;
  etag?: string;
  lastModified?: string;
  /** SHA-256 of the canonical pack (fetchPack computes it). */
  hash: string;
  /** Images this version uses that were not stored yet, downloaded and checked. */
  imageBlobs?: ImageBlobs;
  /**
   * 回退到上一版: the change is recorded as a rollback, and auto-sync leaves the pack alone until
   * the address serves a version newer than `pausedAfter` (the version rolled back from).
   */
  rollback?: { pausedAfter: string };
  /**
   * The team lead just published this pack from here: it becomes a subscription to the published
   * address (whatever file it was imported from), and the lead's personal copies that were
   * published as the pack's own text are dropped (they are upstream now).
   */
  adopt?: { dropCopies: readonly string[] };
}

/** Thrown (inside the transaction, so nothing is written) when the pack id belongs to another pack. */
export class PackIdTakenError extends Error {
  constructor(
    readonly packId: string,
    readonly holder: string,
  ) {
    super(`话术包 id "${packId}" 已被“${holder}”使用：两个来源不会被合并，请让发布者换一个 id，或先删除已有的话术包`);
  }
}

/** The pack was removed while its update was downloading: it stays removed. */
export class PackGoneError extends Error {
  constructor(readonly packId: string) {
    super(`话术包 "${packId}" 已被删除`);
  }
}

/**
 * What a sync means for one personal copy: the new `conflict` value, `null` to clear it, or
 * `undefined` to leave the row as it is.
 */
export function conflictAfterUpdate(
  copy: Pick<ScriptRow, 'baseHash' | 'conflict'>,
  upstream: ScriptRow | undefined,
  upstreamChanged: boolean,
  ctx: { fromVersion: string | null; toVersion: string; now: number },
): ScriptRow['conflict'] | null | undefined {
  const flag = (upstreamHash: string) =>
    copy.conflict?.upstreamHash === upstreamHash
      ? undefined
      : {
          upstreamHash,
          since: ctx.now,
          ...(ctx.fromVersion ? { fromVersion: ctx.fromVersion } : {}),
          toVersion: ctx.toVersion,
        };
  if (!upstream) return flag('removed');
  const fp = scriptFingerprint(upstream);
  if (copy.baseHash !== undefined) {
    if (fp === copy.baseHash) return copy.conflict ? null : undefined;
    return flag(fp);
  }
  // A copy made before fingerprints existed: only a change we saw happen is a conflict.
  return upstreamChanged || copy.conflict?.upstreamHash === 'removed' ? flag(fp) : undefined;
}

/**
 * After a pack's scripts were replaced (inside the caller's transaction, which includes
 * `db.scripts`): set or clear the `conflict` flag of every personal copy of one of its scripts.
 * Sync, a re-import of the same file and an extension update of the built-in pack all call it.
 * Returns how many copies are flagged now.
 */
export async function flagPersonalCopies(
  db: HuashuDB,
  packId: string,
  newByKey: ReadonlyMap<string, ScriptRow>,
  changed: ReadonlySet<string>,
  ctx: { fromVersion: string | null; toVersion: string; now: number },
): Promise<number> {
  const copies = await db.scripts.where('overrides').startsWith(`${packId}/`).toArray();
  const rewritten: ScriptRow[] = [];
  let conflicts = 0;
  for (const copy of copies) {
    if (copy.origin !== 'personal') continue;
    const next = conflictAfterUpdate(copy, newByKey.get(copy.overrides!), changed.has(copy.overrides!), ctx);
    if (next === undefined) continue;
    if (next === null) {
      const { conflict: _gone, ...rest } = copy;
      rewritten.push(rest);
    } else {
      rewritten.push({ ...copy, conflict: next });
      conflicts++;
    }
  }
  if (rewritten.length) await db.scripts.bulkPut(rewritten);
  return conflicts;
}

/** The release notes of the versions after `from` up to `to` (all of them when `from` is unknown). */
export function notesBetween(
  changes: readonly PackChangeNote[] | undefined,
  from: string | null,
  to: string,
): PackChangeNote[] {
  if (!changes?.length) return [];
  return changes
    .filter((c) => compareVersions(c.version, to) <= 0 && (from === null || compareVersions(c.version, from) > 0))
    .slice(0, 20);
}

const titled = (keys: string[], rows: Map<string, ScriptRow>): ChangedScript[] =>
  keys.slice(0, CHANGE_LIST_LIMIT).map((key) => ({ key, title: rows.get(key)?.title ?? key }));

/**
 * Install or update a subscribed pack in one transaction. Throws (writing nothing) when the
 * pack id is the personal pack's or belongs to a pack from another source.
 */
export async function applyPackUpdate(
  db: HuashuDB,
  pack: Pack,
  source: SyncSource,
  meta: SyncMeta,
  now = Date.now(),
): Promise<PackChange> {
  if (pack.id === PERSONAL_PACK_ID) throw new PackIdTakenError(pack.id, '我的话术');
  const rows = packToRows(pack, { kind: 'url', url: source.url }, now);
  return db.transaction(
    'rw',
    [db.packs, db.situations, db.scripts, db.scriptChunks, db.siteRules, db.syncing, db.packVersions, db.images],
    async () => {
      const existing = await db.packs.get(pack.id);
      const sameSource = existing?.source.kind === 'url' && existing.source.url === source.url;
      const adoptable = meta.adopt && existing && (existing.source.kind === 'file' || existing.source.kind === 'url');
      if (existing && !sameSource && !adoptable) throw new PackIdTakenError(pack.id, existing.name);
      if (!existing && meta.mustExist) throw new PackGoneError(pack.id);

      const beforePack = await packChunkScripts(db, pack.id);
      // Defensive: a personal row filed under this pack id is the agent's; it is never overwritten
      // (nor shadowed by a pack script of the same key).
      const personalKeys = new Set((await db.scripts.where('packId').equals(pack.id).primaryKeys()) as string[]);
      const diff = diffScripts(beforePack, rows.scripts);
      const oldByKey = new Map(beforePack.map((r) => [r.key, r]));
      const changedSet = new Set([...diff.changed, ...diff.added]);

      // Keep the version being replaced, whole, for 回退到上一版 (one per pack: the newest wins).
      if (existing && existing.version !== pack.version) {
        const [oldSituations, oldRules] = await Promise.all([
          db.situations.where('packId').equals(pack.id).toArray(),
          db.siteRules.filter((r) => r.packId === pack.id).toArray(),
        ]);
        await db.packVersions.put({
          packId: pack.id,
          version: existing.version,
          pack: rowsToPack(existing, oldSituations, beforePack, oldRules),
          savedAt: now,
        });
      }

      // The pack's scripts are rewritten as a whole, in chunks of 500: a 50,000-script pack is
      // about 100 rows, in the same single transaction.
      await replacePackScripts(
        db,
        pack.id,
        personalKeys.size ? rows.scripts.filter((r) => !personalKeys.has(r.key)) : rows.scripts,
      );
      // Images the old version used and this one does not are released; a missing one aborts it all.
      // The kept previous version's pictures stay stored while it is kept, so rolling back finds
      // them: the version being replaced is kept from now on, and the one kept so far lets go of
      // its pictures only after this version has taken what it needs from them (a rollback).
      const keepingReplaced = existing && existing.version !== pack.version;
      if (keepingReplaced) await holdImages(db, previousVersionOwner(pack.id), imageRefsOf(beforePack).values());
      await setOwnerImages(db, packOwner(pack.id), imageRefsOf(rows.scripts).values(), meta.imageBlobs);
      if (keepingReplaced) await setOwnerImages(db, previousVersionOwner(pack.id), imageRefsOf(beforePack).values());
      await db.situations.where('packId').equals(pack.id).delete();
      await db.situations.bulkPut(rows.situations);
      await db.siteRules.filter((r) => r.packId === pack.id).delete();
      await db.siteRules.bulkPut(pack.siteRules.map((r) => ({ ...r, packId: pack.id, createdAt: now })));

      const newByKey = new Map(rows.scripts.map((r) => [r.key, r]));
      const fromVersion = existing?.version ?? null;
      if (meta.adopt?.dropCopies.length) await db.scripts.bulkDelete([...meta.adopt.dropCopies]);

      const conflicts = await flagPersonalCopies(db, pack.id, newByKey, changedSet, {
        fromVersion,
        toVersion: pack.version,
        now,
      });

      const change: PackChange = {
        fromVersion,
        toVersion: pack.version,
        added: titled(diff.added, newByKey),
        changed: titled(diff.changed, newByKey),
        removed: titled(diff.removed, oldByKey),
        counts: { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length },
        conflicts,
        ...(meta.rollback ? { rollback: true } : { notes: notesBetween(pack.changes, fromVersion, pack.version) }),
        at: now,
      };
      const sync: PackSyncState = {
        status: 'ok',
        ...(meta.rollback ? { pausedAfter: meta.rollback.pausedAfter } : {}),
        lastAttemptAt: now,
        lastSuccessAt: now,
        ...(meta.etag ? { etag: meta.etag } : {}),
        ...(meta.lastModified ? { lastModified: meta.lastModified } : {}),
        appliedHash: meta.hash,
        // First install: nothing to review (nor for the lead's own publish). Later: the newest
        // summary replaces the previous one.
        ...(existing && !meta.adopt ? { lastChange: change } : {}),
      };
      const row: PackRow = {
        ...rows.pack,
        installedAt: existing?.installedAt ?? now,
        order: existing?.order ?? ORDER_OTHERS,
        sync,
      };
      await db.packs.put(row);
      await db.syncing.delete(pack.id);
      return change;
    },
  );
}

/** 回退到上一版 is not possible: no subscribed pack of that id, or no earlier version kept. */
export class NoPreviousVersionError extends Error {
  constructor(readonly packId: string) {
    super(`话术包 "${packId}" 没有可以回退的上一版`);
  }
}

/**
 * The version 回退到上一版 would restore: the kept one, for a subscribed pack, when it is older
 * than the installed version (after a rollback the kept one is the newer, so none). Pure.
 */
export function rollbackTarget(
  pack: Pick<PackRow, 'source' | 'version'> | undefined,
  kept: Pick<PackVersionRow, 'version'> | undefined,
): string | null {
  if (!pack || pack.source.kind !== 'url' || !kept) return null;
  return compareVersions(kept.version, pack.version) < 0 ? kept.version : null;
}

export async function previousVersionOf(db: HuashuDB, packId: string): Promise<string | null> {
  const [pack, kept] = await Promise.all([db.packs.get(packId), db.packVersions.get(packId)]);
  return rollbackTarget(pack, kept);
}

/**
 * 回退到上一版: the kept previous version is applied like an update (one transaction; the agent's
 * own scripts and copies stay; copies are flagged where the restored wording differs), and
 * auto-sync pauses for this pack until its address serves a version newer than the one rolled
 * back from. The replaced version becomes the kept one.
 */
export async function rollbackPack(db: HuashuDB, packId: string, now = Date.now()): Promise<PackChange> {
  const [existing, prev] = await Promise.all([db.packs.get(packId), db.packVersions.get(packId)]);
  if (!existing || existing.source.kind !== 'url' || !prev || rollbackTarget(existing, prev) === null)
    throw new NoPreviousVersionError(packId);
  const pausedAfter =
    existing.sync?.pausedAfter && compareVersions(existing.sync.pausedAfter, existing.version) > 0
      ? existing.sync.pausedAfter
      : existing.version;
  return applyPackUpdate(
    db,
    prev.pack,
    { url: existing.source.url },
    {
      hash: await computeContentHash(prev.pack),
      mustExist: true,
      ...(existing.sync?.etag ? { etag: existing.sync.etag } : {}),
      ...(existing.sync?.lastModified ? { lastModified: existing.sync.lastModified } : {}),
      rollback: { pausedAfter },
    },
    now,
  );
}

async function updateSync(
  db: HuashuDB,
  packId: string,
  patch: (s: PackSyncState | undefined) => PackSyncState,
): Promise<void> {
  await db.transaction('rw', db.packs, async () => {
    const row = await db.packs.get(packId);
    if (!row) return;
    await db.packs.update(packId, { sync: patch(row.sync) });
  });
}

/** Only the sync state changes: the previous version's rows stay in use. */
export function recordSyncFailure(
  db: HuashuDB,
  packId: string,
  failure: { code: string; detail: string; message: string },
  now = Date.now(),
) {
  return updateSync(db, packId, (s) => ({
    ...s,
    status: 'error',
    lastAttemptAt: now,
    error: failure.message,
    errorCode: failure.code,
    errorDetail: failure.detail,
  }));
}

/** 304, or the same content again: no rows are written. */
export function recordUnchanged(
  db: HuashuDB,
  packId: string,
  cond: { etag?: string; lastModified?: string },
  now = Date.now(),
) {
  return updateSync(db, packId, (s) => {
    const { error: _e, errorCode: _c, errorDetail: _d, ...rest } = s ?? { status: 'ok' };
    return {
      ...rest,
      status: 'ok',
      lastAttemptAt: now,
      lastSuccessAt: now,
      ...(cond.etag ? { etag: cond.etag } : {}),
      ...(cond.lastModified ? { lastModified: cond.lastModified } : {}),
    };
  });
}

/** A sync of this pack started (the options page shows 同步中 while the row exists). */
export async function markSyncing(db: HuashuDB, packId: string, now = Date.now()): Promise<void> {
  await db.syncing.put({ packId, at: now });
}

/** The sync ended, however it ended. A delete: it succeeds even when storage is full. */
export async function endSyncing(db: HuashuDB, packId: string): Promise<void> {
  await db.syncing.delete(packId);
}

export function recordTimings(db: HuashuDB, packId: string, timings: { fetchMs: number; applyMs: number }) {
  return updateSync(db, packId, (s) => ({ ...(s ?? { status: 'ok' }), lastTimings: timings }));
}

/** The agent has read "what changed". */
export function dismissPackChange(db: HuashuDB, packId: string) {
  return updateSync(db, packId, (s) => {
    const { lastChange: _c, ...rest } = s ?? { status: 'ok' };
    return rest;
  });
}
