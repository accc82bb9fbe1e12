/**
 * Subscribed packs: subscribe by URL, then sync at browser start, after an install or update
 * of the extension, on a schedule (its own alarm, apart from the deadline alarms) and when the
 * agent asks. Each sync is one conditional request; a new version is applied in one Dexie
 * transaction, and any failure leaves the previous version in use with its cause recorded on
 * the pack row for the options page.
 */
import { browser } from 'wxt/browser';
import type { HuashuDB, PackRow } from '../../utils/db';
import { isQuotaError } from '../../utils/db/quota';
import {
  PackGoneError,
  PackIdTakenError,
  applyPackUpdate,
  dismissPackChange,
  endSyncing,
  markSyncing,
  recordSyncFailure,
  recordTimings,
  recordUnchanged,
} from '../../utils/db/sync-apply';
import { translator } from '../../utils/i18n';
import type { PackSyncErrorCode, PackSyncOutcome } from '../../utils/messaging/protocol';
import { fetchPackImages } from '../../utils/sync/fetch-images';
import { missingImages } from '../../utils/db/images';
import { decodeImage } from '../../utils/images/decode';
import { imageRefsOf } from '../../scripts-library/images';
import {
  checkPackUrl,
  compareVersions,
  fetchPack,
  hostPermissionPattern,
  isLocalPackUrl,
} from '../../utils/sync/fetch-pack';
import { syncErrorText } from '../../utils/sync/error-text';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { MAX_PACK_FILE_BYTES } from '../../scripts-library/file-limits';

export const PACK_SYNC_ALARM = 'pack-sync';
const SYNC_PERIOD_MINUTES = 30;

/** Settings rows that tune the limits. Not in the options UI: the e2e tests shorten them. */
export const SYNC_TIMEOUT_SETTING = 'packSyncTimeoutMs';
export const SYNC_MAX_BYTES_SETTING = 'packSyncMaxBytes';
const DEFAULT_TIMEOUT_MS = 10_000;
/** The same cap as a pack file import, and what a publish may write. */
const DEFAULT_MAX_BYTES = MAX_PACK_FILE_BYTES;

const zh = translator('zh-CN');

async function limits(db: HuashuDB) {
  const [timeout, maxBytes] = await db.settings.bulkGet([SYNC_TIMEOUT_SETTING, SYNC_MAX_BYTES_SETTING]);
  const num = (v: unknown, min: number, max: number, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  return {
    timeoutMs: num(timeout?.value, 500, 120_000, DEFAULT_TIMEOUT_MS),
    maxBytes: num(maxBytes?.value, 1024, DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES),
  };
}

async function hasHostAccess(url: string): Promise<boolean> {
  const u = new URL(url);
  if (isLocalPackUrl(u)) return true;
  return browser.permissions.contains({ origins: [hostPermissionPattern(u)] }).catch(() => false);
}

function failure(url: string, code: PackSyncErrorCode, detail: string, packId?: string): PackSyncOutcome {
  return { ok: false, url, code, detail, ...(packId ? { packId } : {}) };
}

/**
 * Fetch and apply one URL; `existing` is the installed pack from it, when there is one.
 * `force`: the agent asked (立即更新), so a pack rolled back by the agent takes the served version.
 */
async function syncUrl(
  db: HuashuDB,
  url: string,
  existing: PackRow | undefined,
  force = false,
): Promise<PackSyncOutcome> {
  const fail = async (code: PackSyncErrorCode, detail: string) => {
    // Recording the cause is itself a write: when storage is full it fails too, and the agent
    // still gets the real cause in the answer.
    if (existing)
      await recordSyncFailure(db, existing.id, { code, detail, message: syncErrorText(zh, code, detail) }).catch(
        () => undefined,
      );
    return failure(url, code, detail, existing?.id);
  };
  // Without space for the marker the sync still runs; the page just shows no 同步中 meanwhile.
  if (existing) await markSyncing(db, existing.id).catch(() => undefined);
  const started = performance.now();
  const res = await fetchPack(url, existing?.sync ?? {}, {
    fetch: (...args) => globalThis.fetch(...args),
    ...(await limits(db)),
    ...(existing ? { expectId: existing.id, minVersion: existing.version } : {}),
  });
  if (res.kind === 'error') {
    // A blocked cross-origin request looks like any network failure: say what is missing.
    if (res.code === 'network' && !(await hasHostAccess(url))) return fail('permission', new URL(url).origin);
    return fail(res.code, res.detail);
  }
  const paused = existing?.sync?.pausedAfter;
  const stillRolledBack =
    !force && res.kind === 'updated' && paused !== undefined && compareVersions(res.pack.version, paused) <= 0;
  if (res.kind === 'unchanged' || (existing && res.hash === existing.sync?.appliedHash) || stillRolledBack) {
    if (!existing) return fail('http', 'HTTP 304');
    await recordUnchanged(db, existing.id, res);
    return { ok: true, packId: existing.id, name: existing.name, version: existing.version, result: 'unchanged' };
  }
  // Only the images this version uses that no pack or script has stored yet.
  const refs = imageRefsOf(res.pack.scripts);
  const lacking = new Set(await missingImages(db, [...refs.keys()]));
  const images = await fetchPackImages(
    res.pack,
    url,
    [...refs.values()].filter((r) => lacking.has(r.hash)),
    {
      fetch: (...args) => globalThis.fetch(...args),
      decode: decodeImage,
      timeoutMs: (await limits(db)).timeoutMs,
    },
  );
  if (!images.ok) return fail('image-failed', images.detail);
  try {
    const fetched = performance.now();
    const change = await applyPackUpdate(
      db,
      res.pack,
      { url },
      {
        hash: res.hash,
        imageBlobs: images.blobs,
        mustExist: !!existing,
        ...(res.etag ? { etag: res.etag } : {}),
        ...(res.lastModified ? { lastModified: res.lastModified } : {}),
      },
    );
    await recordTimings(db, res.pack.id, {
      fetchMs: Math.round(fetched - started),
      applyMs: Math.round(performance.now() - fetched),
    });
    return {
      ok: true,
      packId: res.pack.id,
      name: res.pack.name,
      version: res.pack.version,
      result: 'updated',
      ...(existing ? { change } : {}),
    };
  } catch (e) {
    if (e instanceof PackIdTakenError) return fail('id-taken', e.holder);
    if (e instanceof PackGoneError) return failure(url, 'not-subscribed', e.packId, e.packId);
    if (isQuotaError(e)) return fail('quota', (e as Error)?.message ?? String(e));
    return fail('write-failed', (e as Error)?.message ?? String(e));
  }
}

/** One sync per pack at a time: a second request joins the one under way. */
const inFlight = new Map<string, Promise<PackSyncOutcome>>();

function syncPack(db: HuashuDB, pack: PackRow, force = false): Promise<PackSyncOutcome> {
  if (pack.source.kind !== 'url') return Promise.resolve(failure('', 'not-subscribed', pack.name, pack.id));
  const running = inFlight.get(pack.id);
  if (running) return running;
  const url = pack.source.url;
  const job = syncUrl(db, url, pack, force)
    .catch((e: unknown) =>
      failure(url, isQuotaError(e) ? 'quota' : 'write-failed', (e as Error)?.message ?? String(e), pack.id),
    )
    .finally(async () => {
      inFlight.delete(pack.id);
      await endSyncing(db, pack.id).catch(() => undefined);
    });
  inFlight.set(pack.id, job);
  return job;
}

/** `packId`: the agent asked for this pack (立即更新): it syncs even when rolled back. */
export async function syncPacks(db: HuashuDB, packId?: string): Promise<PackSyncOutcome[]> {
  const packs = packId ? [await db.packs.get(packId)].filter((p): p is PackRow => !!p) : await db.packs.toArray();
  if (packId && !packs.length) return [failure('', 'not-subscribed', packId, packId)];
  // One at a time: two cores, and one request per pack is all a sync needs.
  const out: PackSyncOutcome[] = [];
  for (const p of packs) if (p.source.kind === 'url' || packId) out.push(await syncPack(db, p, !!packId));
  return out;
}

export async function subscribePack(db: HuashuDB, rawUrl: string): Promise<PackSyncOutcome> {
  const checked = checkPackUrl(rawUrl);
  if (!checked.ok) return failure(rawUrl, 'not-allowed-url', checked.detail);
  const url = checked.url.href;
  const already = (await db.packs.toArray()).find((p) => p.source.kind === 'url' && p.source.url === url);
  if (already) return syncPack(db, already);
  return syncUrl(db, url, undefined);
}

export const packSyncHandlers = ({ db, syncReady }: BackgroundDeps) =>
  ({
    subscribePack: async ({ url }) => {
      await syncReady;
      return subscribePack(db, url);
    },
    syncPacks: async ({ packId }) => {
      await syncReady;
      return syncPacks(db, packId);
    },
    dismissPackChanges: async ({ packId }) => {
      await dismissPackChange(db, packId);
    },
    backgroundReady: async () => {
      await syncReady;
      return true;
    },
  }) satisfies HandlerGroup;

/**
 * A pack still marked as syncing when the background starts was cut off mid-sync (the service
 * worker stopped, the browser or extension restarted): nothing of it was written — the apply
 * is one transaction — so say so instead of showing 同步中 until the next sync.
 */
export async function recoverInterruptedSyncs(db: HuashuDB): Promise<void> {
  const marked = new Set((await db.syncing.toArray()).map((r) => r.packId));
  // Older versions marked a running sync on the pack row itself.
  for (const p of await db.packs.toArray()) if (p.sync?.status === 'pending') marked.add(p.id);
  for (const id of marked) {
    await recordSyncFailure(db, id, {
      code: 'interrupted',
      detail: '',
      message: '上次同步被中断（浏览器或扩展重启），已保留原版本，稍后会自动重试',
    }).catch(() => undefined);
    await endSyncing(db, id);
  }
}

/**
 * Start-up, install/update and the periodic alarm. Returns when syncs may start: after what a
 * previous background left marked as syncing is reported as interrupted (a sync started
 * before that would be taken for one of them).
 */
export function registerPackSync(db: HuashuDB, ready: Promise<unknown>): Promise<void> {
  // This background has only just started: no sync of it is running yet.
  const recovered = ready
    .then(() => recoverInterruptedSyncs(db))
    .catch((e) => console.error('话术助手: recovering interrupted syncs failed', e));
  const syncAll = () =>
    void recovered.then(() => syncPacks(db)).catch((e) => console.error('话术助手: pack sync failed', e));
  browser.runtime.onStartup.addListener(syncAll);
  browser.runtime.onInstalled.addListener(syncAll);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_SYNC_ALARM) syncAll();
  });
  void browser.alarms.get(PACK_SYNC_ALARM).then((alarm) => {
    if (!alarm)
      void browser.alarms.create(PACK_SYNC_ALARM, {
        delayInMinutes: SYNC_PERIOD_MINUTES,
        periodInMinutes: SYNC_PERIOD_MINUTES,
      });
  });
  return recovered;
}
