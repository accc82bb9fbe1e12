/**
 * The background's sync triggers with WXT's fake browser: its own alarm (not the deadline
 * alarms), browser start-up and extension updates each sync the subscribed packs, with the
 * previous ETag sent and the agent's cookies never.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PACK_SYNC_ALARM, registerPackSync, subscribePack } from '../../entrypoints/background/sync';
import { HuashuDB } from '../../utils/db/schema';
import { allScripts } from '../../utils/db/script-store';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS } from '../fixtures/sync-packs';

const URL_A = 'https://packs.example.com/aftersale.json';
let db: HuashuDB;
let calls: { url: string; init: RequestInit }[];
let body: string;

beforeEach(() => {
  fakeBrowser.reset();
  db = new HuashuDB(`bg${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  calls = [];
  body = JSON.stringify(teamPack('1.0'));
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const etag = `"${body.length}"`;
    if ((init.headers as Record<string, string>)['If-None-Match'] === etag)
      return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(body, { status: 200, headers: { ETag: etag, 'Content-Type': 'application/json' } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  db.close();
});

/** Only where nothing must happen (an alarm that is not ours): a while for it to have happened. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('background pack sync', () => {
  it('subscribes once, then syncs on its own 30-minute alarm, at start-up and after an update', async () => {
    const first = await subscribePack(db, URL_A);
    expect(first).toMatchObject({ ok: true, packId: TEAM_PACK_ID, result: 'updated' });
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });

    registerPackSync(db, Promise.resolve());
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(PACK_SYNC_ALARM))?.periodInMinutes).toBe(30));
    expect(PACK_SYNC_ALARM).not.toMatch(/deadline/);

    // Unchanged: the alarm costs one conditional request and leaves the version alone.
    await fakeBrowser.alarms.onAlarm.trigger({
      name: PACK_SYNC_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect((calls[1]!.init.headers as Record<string, string>)['If-None-Match']).toBeTruthy();
    await vi.waitFor(async () => expect((await db.packs.get(TEAM_PACK_ID))!.sync?.status).toBe('ok'));

    // Another alarm (the deadlines') does not sync.
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'deadlines',
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await settle();
    expect(calls).toHaveLength(2);

    body = JSON.stringify(teamPack('1.1', V1_SCRIPTS.slice(0, 2)));
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect((await db.packs.get(TEAM_PACK_ID))!.version).toBe('1.1'));
    expect(calls).toHaveLength(3);
    expect((await db.packs.get(TEAM_PACK_ID))!.sync?.lastChange?.counts.removed).toBe(2);

    body = JSON.stringify(teamPack('1.2', V1_SCRIPTS.slice(0, 1)));
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.1.0',
      temporary: false,
    } as never);
    await vi.waitFor(async () => expect((await db.packs.get(TEAM_PACK_ID))!.version).toBe('1.2'));
  });

  it('subscribing to the same URL again syncs it instead of installing a second copy', async () => {
    await subscribePack(db, URL_A);
    const again = await subscribePack(db, `${URL_A}`);
    expect(again).toMatchObject({ ok: true, result: 'unchanged' });
    expect(await db.packs.count()).toBe(1);
  });

  it('a failed first subscription installs nothing and says why', async () => {
    body = '{"schemaVersion":1,';
    expect(await subscribePack(db, URL_A)).toMatchObject({ ok: false, code: 'not-json' });
    expect(await db.packs.count()).toBe(0);
    expect(await subscribePack(db, 'http://packs.example.com/a.json')).toMatchObject({
      ok: false,
      code: 'not-allowed-url',
    });
    expect(calls).toHaveLength(1);
  });

  it('a sync cut off by a background restart is reported as interrupted, with the version kept', async () => {
    await subscribePack(db, URL_A);
    const before = await allScripts(db).then((rows) => rows.map((r) => r.body));
    // The previous background was stopped while this pack was being fetched.
    await db.packs.update(TEAM_PACK_ID, { sync: { ...(await db.packs.get(TEAM_PACK_ID))!.sync!, status: 'pending' } });
    registerPackSync(db, Promise.resolve());
    await vi.waitFor(async () => expect((await db.packs.get(TEAM_PACK_ID))!.sync!.status).toBe('error'));
    const sync = (await db.packs.get(TEAM_PACK_ID))!.sync!;
    expect(sync.errorCode).toBe('interrupted');
    expect((await allScripts(db)).map((r) => r.body)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});
