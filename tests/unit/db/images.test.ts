import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToBase64, describeImage, type ScriptImageRef } from '../../../scripts-library/images';
import { validatePack, type Pack } from '../../../scripts-library/schema';
import { applyEdit, createPersonalScript, deleteScript, restoreScript, updateScript } from '../../../utils/db/editing';
import { embeddedImagesToStore, MissingImageError } from '../../../utils/db/images';
import { installPack, removePack } from '../../../utils/db/packs';
import { HuashuDB } from '../../../utils/db/schema';
import { getScript } from '../../../utils/db/script-store';
import { storageUsage } from '../../../utils/db/storage-usage';
import { applyPackUpdate, rollbackPack } from '../../../utils/db/sync-apply';
import type { DecodeImage } from '../../../utils/images/receive';
import { makePng } from '../../fixtures/images';

const open: HuashuDB[] = [];
function freshDb() {
  const db = new HuashuDB(`img${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  return db;
}
afterEach(() => open.splice(0).forEach((db) => db.close()));

/** Node has no image decoder: trust the header (the browser decodes for real, see the e2e). */
const headerDecode: DecodeImage = async () => ({ width: 20, height: 10 });

async function image(color: [number, number, number], alt = '') {
  const bytes = makePng(20, 10, color);
  const d = await describeImage(bytes, alt);
  if (!d.ok) throw new Error(d.message);
  return { ref: d.ref, bytes, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }) };
}

function pack(
  id: string,
  version: string,
  scripts: { id: string; images?: ScriptImageRef[]; body?: string }[],
  embed: Record<string, string> = {},
): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id,
    name: id,
    version,
    updatedAt: '2026-12-01T00:00:00Z',
    author: '组长',
    situations: [{ id: 'cm', name: '尺码' }],
    scripts: scripts.map((s) => ({ situation: 'cm', title: s.id, body: s.body ?? '看图', ...s })),
    ...(Object.keys(embed).length ? { images: embed } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

const owners = async (db: HuashuDB) =>
  Object.fromEntries((await db.images.toArray()).map((r) => [r.hash.slice(0, 6), [...r.owners].sort()]));

describe('images stored once per hash, counted by who uses them', () => {
  it('two packs share one stored copy; removing one keeps it, removing both deletes it', async () => {
    const db = freshDb();
    const a = await image([255, 0, 0]);
    const blobs = new Map([[a.ref.hash, a.blob]]);
    await installPack(
      db,
      pack('p1', '1', [
        { id: 's1', images: [a.ref] },
        { id: 's2', images: [a.ref] },
      ]),
      { kind: 'file', fileName: 'p1.json' },
      1,
      blobs,
    );
    await installPack(db, pack('p2', '1', [{ id: 's1', images: [a.ref] }]), { kind: 'file', fileName: 'p2.json' }, 1);
    expect(await db.images.count()).toBe(1);
    expect((await db.images.get(a.ref.hash))!.owners.sort()).toEqual(['pack:p1', 'pack:p2']);
    await removePack(db, 'p1');
    expect((await db.images.get(a.ref.hash))!.owners).toEqual(['pack:p2']);
    await removePack(db, 'p2');
    expect(await db.images.count()).toBe(0);
  });

  it('an update that drops an image releases it; one that names an image nobody supplied writes nothing', async () => {
    const db = freshDb();
    const [a, b] = [await image([255, 0, 0]), await image([0, 255, 0])];
    await installPack(
      db,
      pack('p1', '1', [{ id: 's1', images: [a.ref] }]),
      { kind: 'file', fileName: 'p1.json' },
      1,
      new Map([[a.ref.hash, a.blob]]),
    );
    await expect(
      installPack(db, pack('p1', '2', [{ id: 's1', images: [b.ref] }]), { kind: 'file', fileName: 'p1.json' }, 2),
    ).rejects.toThrow(MissingImageError);
    // The previous version is whole: its script and its image.
    expect((await getScript(db, 'p1/s1'))!.images![0]!.hash).toBe(a.ref.hash);
    expect(await db.images.count()).toBe(1);
    await installPack(
      db,
      pack('p1', '2', [{ id: 's1', images: [b.ref] }]),
      { kind: 'file', fileName: 'p1.json' },
      2,
      new Map([[b.ref.hash, b.blob]]),
    );
    expect(Object.keys(await owners(db))).toEqual([b.ref.hash.slice(0, 6)]);
  });

  it('a synced update keeps counts right in its one transaction', async () => {
    const db = freshDb();
    const [a, b] = [await image([255, 0, 0]), await image([0, 0, 255])];
    const url = 'https://example.com/p.json';
    await applyPackUpdate(
      db,
      pack('hosted', '1', [
        { id: 's1', images: [a.ref] },
        { id: 's2', images: [b.ref] },
      ]),
      { url },
      {
        hash: 'h1',
        imageBlobs: new Map([
          [a.ref.hash, a.blob],
          [b.ref.hash, b.blob],
        ]),
      },
      1,
    );
    expect(await db.images.count()).toBe(2);
    await applyPackUpdate(db, pack('hosted', '2', [{ id: 's1', images: [a.ref] }]), { url }, { hash: 'h2' }, 2);
    // b is no longer the pack's; it stays only for the kept previous version (回退到上一版).
    expect((await db.images.get(b.ref.hash))!.owners).toEqual(['previous:hosted']);
    expect((await db.images.get(a.ref.hash))!.owners.sort()).toEqual(['pack:hosted', 'previous:hosted']);
    const c = await image([9, 9, 9]);
    await expect(
      applyPackUpdate(db, pack('hosted', '3', [{ id: 's1', images: [c.ref] }]), { url }, { hash: 'h3' }, 3),
    ).rejects.toThrow();
    expect((await db.packs.get('hosted'))!.version).toBe('2');
    expect(await db.images.count()).toBe(2);
    await applyPackUpdate(db, pack('hosted', '3', [{ id: 's1' }]), { url }, { hash: 'h3' }, 3);
    // Version 2 is kept now (with a); b was only version 1's: gone.
    expect(Object.keys(await owners(db))).toEqual([a.ref.hash.slice(0, 6)]);
  });

  it('rolling back to the kept previous version finds its pictures, though the newer version dropped them', async () => {
    const db = freshDb();
    const [a, b] = [await image([255, 0, 0]), await image([0, 0, 255])];
    const url = 'https://example.com/p.json';
    await applyPackUpdate(
      db,
      pack('hosted', '1', [{ id: 's1', images: [a.ref] }]),
      { url },
      { hash: 'h1', imageBlobs: new Map([[a.ref.hash, a.blob]]) },
      1,
    );
    await applyPackUpdate(
      db,
      pack('hosted', '2', [{ id: 's1', images: [b.ref] }]),
      { url },
      { hash: 'h2', imageBlobs: new Map([[b.ref.hash, b.blob]]) },
      2,
    );
    expect(await db.images.count()).toBe(2);
    await rollbackPack(db, 'hosted', 3);
    expect((await getScript(db, 'hosted/s1'))!.images![0]!.hash).toBe(a.ref.hash);
    expect((await db.images.get(a.ref.hash))!.owners).toContain('pack:hosted');
    // Version 2 is the kept one now: its picture stays for a roll forward.
    expect((await db.images.get(b.ref.hash))!.owners).toEqual(['previous:hosted']);
  });

  it('removing a subscribed pack removes its kept previous version and the pictures only they used', async () => {
    const db = freshDb();
    const [a, b, shared] = [await image([255, 0, 0]), await image([0, 0, 255]), await image([1, 2, 3])];
    const url = 'https://example.com/p.json';
    await installPack(
      db,
      pack('other', '1', [{ id: 's1', images: [shared.ref] }]),
      { kind: 'file', fileName: 'o.json' },
      1,
      new Map([[shared.ref.hash, shared.blob]]),
    );
    await applyPackUpdate(
      db,
      pack('hosted', '1', [{ id: 's1', images: [a.ref, shared.ref] }]),
      { url },
      { hash: 'h1', imageBlobs: new Map([[a.ref.hash, a.blob]]) },
      1,
    );
    await applyPackUpdate(
      db,
      pack('hosted', '2', [{ id: 's1', images: [b.ref] }]),
      { url },
      { hash: 'h2', imageBlobs: new Map([[b.ref.hash, b.blob]]) },
      2,
    );
    expect(await db.packVersions.get('hosted')).toBeDefined();
    expect((await storageUsage(db)).images).toEqual({ count: 3, bytes: a.ref.bytes + b.ref.bytes + shared.ref.bytes });
    await removePack(db, 'hosted');
    expect(await db.packVersions.get('hosted')).toBeUndefined();
    // a was only the kept version's, b only the pack's: both gone; the other pack's stays.
    expect(await owners(db)).toEqual({ [shared.ref.hash.slice(0, 6)]: ['pack:other'] });
    expect((await storageUsage(db)).images).toEqual({ count: 1, bytes: shared.ref.bytes });
  });

  it("the agent's own scripts own their images: edit, copy, delete and restore keep the count", async () => {
    const db = freshDb();
    const [a, b] = [await image([255, 0, 0]), await image([0, 255, 0])];
    await installPack(
      db,
      pack('p1', '1', [{ id: 's1', images: [a.ref] }]),
      { kind: 'file', fileName: 'p1.json' },
      1,
      new Map([[a.ref.hash, a.blob]]),
    );
    // Editing a pack script makes a personal copy, which uses the pack's image too.
    const copy = await updateScript(db, 'p1/s1', { title: '我的尺码表' }, 2);
    expect((await db.images.get(a.ref.hash))!.owners.sort()).toEqual(['pack:p1', `script:${copy}`]);
    await removePack(db, 'p1');
    // The copy still shows the picture after the pack is gone.
    expect((await db.images.get(a.ref.hash))!.owners).toEqual([`script:${copy}`]);
    await restoreScript(db, 'p1/s1');
    expect(await db.images.count()).toBe(0);

    await db.situations.put({
      key: 'personal/mine',
      packId: 'personal',
      id: 'mine',
      name: '我的',
      parentKey: null,
      order: 0,
    });
    const key = await createPersonalScript(
      db,
      {
        title: '退货地址',
        body: '',
        purpose: '',
        keywords: [],
        tags: [],
        situationKey: 'personal/mine',
        images: [b.ref],
      },
      3,
      new Map([[b.ref.hash, b.blob]]),
    );
    expect(await db.images.count()).toBe(1);
    await updateScript(db, key, { images: [], body: '地址见下' }, 4);
    expect(await db.images.count()).toBe(0);
    await updateScript(db, key, { images: [b.ref] }, 5, new Map([[b.ref.hash, b.blob]]));
    expect(await deleteScript(db, key, 6)).toBe('deleted');
    expect(await db.images.count()).toBe(0);
  });

  it('an edit naming an image without its bytes is refused and writes nothing', async () => {
    const db = freshDb();
    const a = await image([1, 2, 3]);
    await db.situations.put({
      key: 'personal/mine',
      packId: 'personal',
      id: 'mine',
      name: '我的',
      parentKey: null,
      order: 0,
    });
    const res = await applyEdit(
      db,
      {
        op: 'createScript',
        draft: {
          title: 't',
          body: '',
          purpose: '',
          keywords: [],
          tags: [],
          situationKey: 'personal/mine',
          images: [a.ref],
        },
      },
      1,
    );
    expect(res.ok).toBe(false);
    expect(await db.scripts.count()).toBe(0);
  });

  it('a pack file that embeds its images installs them; bytes that do not match their reference refuse the file', async () => {
    const db = freshDb();
    const [a, b] = [await image([255, 0, 0], '尺码表'), await image([0, 255, 0])];
    const good = pack('p1', '1', [{ id: 's1', images: [a.ref], body: '' }], { [a.ref.hash]: bytesToBase64(a.bytes) });
    const found = await embeddedImagesToStore(db, good, headerDecode);
    expect(found.ok && found.blobs.size).toBe(1);
    const swapped = pack('p1', '1', [{ id: 's1', images: [a.ref] }], { [a.ref.hash]: bytesToBase64(b.bytes) });
    expect(await embeddedImagesToStore(db, swapped, headerDecode)).toMatchObject({ ok: false });
    const bomb = await embeddedImagesToStore(db, good, async () => ({ width: 20_000, height: 20_000 }));
    expect(bomb.ok).toBe(false);
  });
});

describe('export', () => {
  it('a JSON export embeds the pictures, and importing it again restores them', async () => {
    const { withEmbeddedImages } = await import('../../../utils/db/images');
    const db = freshDb();
    const a = await image([255, 0, 0], '尺码表');
    const p = pack('p1', '1', [{ id: 's1', images: [a.ref], body: '' }]);
    await installPack(db, p, { kind: 'file', fileName: 'p1.json' }, 1, new Map([[a.ref.hash, a.blob]]));
    const exported = await withEmbeddedImages(db, p);
    expect(Object.keys(exported.images ?? {})).toEqual([a.ref.hash]);
    const other = freshDb();
    const found = await embeddedImagesToStore(
      other,
      validatePack(JSON.parse(JSON.stringify(exported))).ok ? exported : p,
      headerDecode,
    );
    expect(found.ok && found.blobs.size).toBe(1);
  });
});
