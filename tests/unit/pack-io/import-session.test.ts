/**
 * The import wizard's session (it runs in a worker on the options page): read → map → preview →
 * install, on a database of its own. What the page gets is small; what is written is whole.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { ensureBuiltinPack } from '../../../utils/db/packs';
import { HuashuDB } from '../../../utils/db/schema';
import { allScripts, packScripts } from '../../../utils/db/script-store';
import { ImportSession, ISSUES_SHOWN, PREVIEW_SCRIPTS } from '../../../utils/import/session';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { makePng } from '../../fixtures/images';
import { base64ToBytes } from '../../../scripts-library/images';
import { packToZip } from '../../../scripts-library/io';
import type { Pack } from '../../../scripts-library/schema';
import { makeZip, withDeclaredSize } from '../../fixtures/zips';

const open = () => new HuashuDB(`s${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const meta = { id: 'import.team-sheet', name: '组长的话术表', author: '导入', version: '1.0.0' };

async function xlsx(rows: (string | null)[][]): Promise<ArrayBuffer> {
  const blob = await writeXlsxFile(
    rows.map((r) => r.map((c) => (c === null ? null : { value: c, type: String }))),
    { sheet: '话术' },
  ).toBlob();
  return blob.arrayBuffer();
}

const HEADER = ['一级分类', '二级分类', '标题', '话术内容', '快捷编码'];
const sheet = (n: number, bad: (i: number) => boolean = () => false) => [
  HEADER,
  ...Array.from({ length: n }, (_, i) => [
    '售后',
    `类${i % 7}`,
    `标题${i}`,
    `您好[客户姓名]先生/女士，第 ${i} 条回复。`,
    bad(i) ? 'BAD CODE' : `c${i}`,
  ]),
];

describe('import session', () => {
  it('reads a spreadsheet and hands back only headers, a few sample rows and a guessed mapping', async () => {
    const s = new ImportSession(open());
    const res = await s.open({ fileName: '售后.xlsx', data: await xlsx(sheet(500)) });
    if (!res.ok) throw new Error(res.message);
    expect(res.source).toMatchObject({
      kind: 'table',
      headers: HEADER,
      rows: 500,
      mapping: ['level1', 'level2', 'title', 'body', 'shortcut'],
    });
    if (res.source.kind !== 'table') throw new Error('table');
    expect(res.source.samples).toHaveLength(3);
  });

  it('previews with capped lists and counts, and writes nothing', async () => {
    const db = open();
    const s = new ImportSession(db);
    await s.open({ fileName: 'a.xlsx', data: await xlsx(sheet(400, (i) => i % 2 === 0)) });
    const p = await s.preview({ meta, skipErrors: false });
    expect(p.ready).toBe(false);
    expect(p.errorCount).toBe(200);
    expect(p.errors).toHaveLength(ISSUES_SHOWN);
    expect(p.errors[0]!.row).toBe(2);
    expect(await allScripts(db)).toEqual([]);

    const skipped = await s.preview({ meta, skipErrors: true });
    expect(skipped.ready).toBe(true);
    expect(skipped.scriptCount).toBe(200);
    expect(skipped.scripts).toHaveLength(PREVIEW_SCRIPTS);
    expect(skipped.scripts[0]).toMatchObject({
      path: '售后 › 类1',
      title: '标题1',
      body: '您好{客户称呼}，第 1 条回复。',
    });
    expect(await allScripts(db)).toEqual([]);
  });

  it('installs the previewed pack whole, under the name typed after the preview', async () => {
    const db = open();
    const s = new ImportSession(db);
    await s.open({ fileName: 'team.xlsx', data: await xlsx(sheet(1200)) });
    const first = await s.preview({ meta, skipErrors: false });
    expect(first.ready).toBe(true);
    expect(first.replaces).toBeUndefined();
    const res = await s.install({ target: 'new', meta: { id: 'import.team', name: '售后组 11 月版' } });
    expect(res).toMatchObject({
      ok: true,
      target: 'new',
      packId: 'import.team',
      name: '售后组 11 月版',
      added: 1200,
      changed: 0,
      removed: 0,
    });
    const rows = await packScripts(db, 'import.team');
    expect(rows).toHaveLength(1200);
    expect(rows[1199]!.body).toBe('您好{客户称呼}，第 1199 条回复。');
    expect(await db.packs.get('import.team')).toMatchObject({
      name: '售后组 11 月版',
      source: { kind: 'file', fileName: 'team.xlsx' },
    });

    // The same file again, one row changed: an update of that pack, not a second copy.
    const again = sheet(1200);
    again[5]![3] = '改过的回复';
    await s.open({ fileName: 'team.xlsx', data: await xlsx(again) });
    // The preview says which installed pack this import will replace.
    expect((await s.preview({ meta: { ...meta, id: 'import.team' }, skipErrors: false })).replaces).toEqual({
      name: '售后组 11 月版',
      version: '1.0.0',
    });
    expect(await s.install({ target: 'new', meta: { id: 'import.team', name: '售后组 11 月版' } })).toMatchObject({
      ok: true,
      added: 0,
      changed: 1,
      removed: 0,
    });
    expect(await db.packs.count()).toBe(1);
  });

  it('refuses a name the pack schema refuses, and a clash with the built-in pack, writing nothing', async () => {
    const db = open();
    const builtin = loadDefaultPack();
    await ensureBuiltinPack(db, builtin);
    const before = (await allScripts(db)).length;
    const s = new ImportSession(db);
    await s.open({ fileName: 't.xlsx', data: await xlsx(sheet(10)) });
    await s.preview({ meta, skipErrors: false });
    const tooLong = await s.install({ target: 'new', meta: { id: 'import.t', name: '名'.repeat(61) } });
    // An id the schema refuses, too (the page derives ids, but the session trusts nothing it did not build).
    expect(await s.install({ target: 'new', meta: { id: '../etc', name: '表' } })).toMatchObject({ ok: false });
    expect(tooLong.ok).toBe(false);
    const clash = await s.install({ target: 'new', meta: { id: builtin.id, name: '冒名' } });
    expect(clash).toMatchObject({ ok: false });
    expect(!clash.ok && clash.errors[0]).toContain('内置');
    expect((await allScripts(db)).length).toBe(before);
    expect((await db.packs.get(builtin.id))?.name).toBe(builtin.name);
  });

  it('converts the sheet with its guessed mapping while the mapping step is shown; the preview is the same as converting when asked', async () => {
    const tick = () => new Promise((r) => setTimeout(r, 20));
    const data = await xlsx(sheet(300, (i) => i === 7));
    const withoutPause = new ImportSession(open());
    const opened = await withoutPause.open({ fileName: 'team.xlsx', data: data.slice(0) });
    if (!opened.ok || opened.source.kind !== 'table') throw new Error('table');
    const guessed = opened.source.mapping;
    const asked = await withoutPause.preview({ mapping: guessed, meta, skipErrors: true });

    const db = open();
    const paused = new ImportSession(db);
    await paused.open({ fileName: 'team.xlsx', data: data.slice(0) });
    await tick();
    // The row error is the same, and refuses the pack, as when converted on request.
    const refused = await paused.preview({ mapping: guessed, meta, skipErrors: false });
    expect(refused.ready).toBe(false);
    expect(refused.errors.map((e) => e.row)).toEqual([9]);
    // Another choice is converted for itself: skipping the row, then another mapping.
    const kept = await paused.preview({ mapping: guessed, meta, skipErrors: true });
    const { ms: _a, ...keptShown } = kept;
    const { ms: _b, ...askedShown } = asked;
    expect(keptShown).toEqual(askedShown);
    await paused.open({ fileName: 'team.xlsx', data: await xlsx(sheet(300)) });
    await tick();
    const noCodes = await paused.preview({
      mapping: guessed.map((f) => (f === 'shortcut' ? 'ignore' : f)),
      meta,
      skipErrors: false,
    });
    expect(noCodes.scripts.every((x) => x.shortcut === undefined)).toBe(true);
    // The prepared conversion, under the header the page asks for.
    await paused.open({ fileName: 'team.xlsx', data: await xlsx(sheet(300)) });
    await tick();
    const badId = await paused.preview({ mapping: guessed, meta: { ...meta, id: '../etc' }, skipErrors: false });
    expect(badId.ready).toBe(false);
    expect(badId.errors[0]!.message).toContain('../etc');
    const shown = await paused.preview({ mapping: guessed, meta, skipErrors: false });
    expect(shown.ready).toBe(true);
    expect(await paused.install({ target: 'new', meta: { id: meta.id, name: meta.name } })).toMatchObject({
      ok: true,
      packId: meta.id,
      added: 300,
    });
    expect(await db.packs.get(meta.id)).toMatchObject({ name: meta.name, author: meta.author, version: '1.0.0' });
    expect((await packScripts(db, meta.id))[299]!.shortcut).toBe('c299');
  });

  it('a 200,000-row sheet with one bad row is refused naming that row, and nothing is written', async () => {
    const db = open();
    await ensureBuiltinPack(db, loadDefaultPack());
    const before = (await allScripts(db)).length;
    const rows = sheet(200_000, (i) => i === 123_456);
    const csv = rows.map((r) => r.join(',')).join('\n');
    const s = new ImportSession(db);
    const opened = await s.open({ fileName: 'big.csv', data: new TextEncoder().encode(csv).buffer as ArrayBuffer });
    expect(opened).toMatchObject({ ok: true, source: { rows: 200_000 } });
    const p = await s.preview({ meta, skipErrors: false });
    expect(p.ready).toBe(false);
    expect(p.errorCount).toBe(1);
    // Sheet row = header row 1 + 1 + index.
    expect(p.errors[0]!.message).toContain('第 123458 行');
    expect(await s.install({ target: 'new', meta: { id: meta.id, name: meta.name } })).toMatchObject({ ok: false });
    expect((await allScripts(db)).length).toBe(before);
    expect(await db.packs.get(meta.id)).toBeUndefined();
  });

  it('says what is wrong with a file it cannot use', async () => {
    const s = new ImportSession(open());
    expect(await s.open({ fileName: 'slides.pptx', data: new ArrayBuffer(8) })).toMatchObject({
      ok: false,
      code: 'unknown-type',
    });
    const broken = await s.open({
      fileName: 'broken.xlsx',
      data: new TextEncoder().encode('PK\u0003\u0004 not really a zip').buffer as ArrayBuffer,
    });
    expect(broken).toMatchObject({ ok: false, code: 'unreadable' });
    expect(await s.install({ target: 'new' })).toMatchObject({ ok: false });
  });

  it('takes pack JSON and pasted outline text through the same steps', async () => {
    const db = open();
    const s = new ImportSession(db);
    const pasted = await s.open({
      fileName: '粘贴的文本',
      text: '# 开场\n您好，请问有什么可以帮您？\n# 结束语\n感谢您的耐心！',
      pasted: true,
    });
    expect(pasted).toMatchObject({ ok: true, source: { kind: 'outline', pasted: true } });
    expect((await s.preview({ meta, skipErrors: false })).scripts.map((x) => x.path)).toEqual(['开场', '结束语']);
    expect(await s.install({ target: 'personal' })).toMatchObject({ ok: true, target: 'personal', count: 2 });
    expect((await packScripts(db, 'personal')).map((r) => r.body).sort()).toEqual([
      '您好，请问有什么可以帮您？',
      '感谢您的耐心！',
    ]);

    const json = new TextEncoder().encode(JSON.stringify({ ...loadDefaultPack(), id: 'team.copy', name: '副本' }))
      .buffer as ArrayBuffer;
    expect(await s.open({ fileName: 'team.json', data: json })).toMatchObject({ ok: true, source: { kind: 'json' } });
    const p = await s.preview({ meta, skipErrors: false });
    expect(p.scriptCount).toBe(loadDefaultPack().scripts.length);
    // A pack file keeps its own id and name, whatever the wizard's name box says.
    expect(await s.install({ target: 'new', meta: { id: 'import.other', name: '别的名字' } })).toMatchObject({
      ok: true,
      packId: 'team.copy',
      name: '副本',
    });
  });
});

describe('import session with pictures', () => {
  const headerDecode = async () => ({ width: 30, height: 20 });
  const png = makePng(30, 20, [20, 140, 90]);
  const withPictures = async () =>
    xlsx([
      ['分类', '标题', '话术', '图片'],
      ['售前', '尺码', '请看尺码表', 'images/尺码表.png|S–XL 尺码对照'],
      ['售前', '尺码图', '', '尺码表.png'],
    ]);

  it('a .zip of the sheet and its pictures installs the scripts with their pictures, stored once', async () => {
    const db = open();
    const s = new ImportSession(db, headerDecode);
    const zip = makeZip({ '话术.xlsx': new Uint8Array(await withPictures()), 'images/尺码表.png': png });
    const opened = await s.open({ fileName: '团队.zip', data: zip.buffer as ArrayBuffer });
    expect(opened.ok && opened.source.kind === 'table' && opened.source.mapping).toEqual([
      'level1',
      'title',
      'body',
      'images',
    ]);
    const preview = await s.preview({ meta, skipErrors: false });
    expect(preview.errors).toEqual([]);
    expect(preview.scripts.map((x) => x.images)).toEqual([1, 1]);
    const done = await s.install({ target: 'new' });
    expect(done.ok).toBe(true);
    const scripts = await packScripts(db, meta.id);
    expect(scripts.map((x) => x.images?.[0]?.alt)).toEqual(['S–XL 尺码对照', '尺码表']);
    expect(await db.images.count()).toBe(1);
  });

  it('a folder works the same; a missing picture is named with its row and nothing is stored', async () => {
    const db = open();
    const s = new ImportSession(db, headerDecode);
    const file = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
    await s.open({
      fileName: '团队',
      files: [{ path: '话术.xlsx', file: file(new Uint8Array(await withPictures())) }],
    });
    const preview = await s.preview({ meta, skipErrors: false });
    expect(preview.ready).toBe(false);
    expect(preview.errors.map((e) => e.message)).toEqual([
      '第 2 行：找不到图片「images/尺码表.png」',
      '第 3 行：找不到图片「尺码表.png」',
    ]);
    expect((await s.install({ target: 'new' })).ok).toBe(false);
    expect(await db.images.count()).toBe(0);
    expect(await db.packs.get(meta.id)).toBeUndefined();
  });

  it('a picture the browser cannot decode refuses its row, naming the file', async () => {
    const s = new ImportSession(open(), async () => null);
    const zip = makeZip({ '话术.xlsx': new Uint8Array(await withPictures()), 'images/尺码表.png': png });
    await s.open({ fileName: '团队.zip', data: zip.buffer as ArrayBuffer });
    const preview = await s.preview({ meta, skipErrors: false });
    expect(preview.errors[0]!.message).toBe('第 2 行：图片「images/尺码表.png」无法解码');
  });

  it('a zip with a decompression bomb for a sheet, or two sheets, is refused by name', async () => {
    const s = new ImportSession(open(), headerDecode);
    const bomb = withDeclaredSize(makeZip({ '话术.csv': new Uint8Array(5_000_000) }), 0, 100);
    const r = await s.open({ fileName: 'bomb.zip', data: bomb.buffer as ArrayBuffer });
    expect(!r.ok && r.message).toMatch(/「话术\.csv」解压后比它声明的大小更大/);
    const two = makeZip({ 'a.csv': new Uint8Array(1), 'b.xlsx': new Uint8Array(1) });
    const r2 = await s.open({ fileName: 'two.zip', data: two.buffer as ArrayBuffer });
    expect(!r2.ok && r2.message).toMatch(/有 2 个表格/);
  });
});

describe('zip export round trip', () => {
  it('export to .zip, import the zip: the same scripts with the same pictures and alt text', async () => {
    const headerDecode = async () => ({ width: 30, height: 20 });
    const a = makePng(30, 20, [1, 2, 3]);
    const b = makePng(30, 20, [200, 2, 3]);
    const first = new ImportSession(open(), headerDecode);
    await first.open({
      fileName: '原.zip',
      data: makeZip({
        '话术.csv': new TextEncoder().encode(
          '分类,标题,话术,图片\n售前,尺码,请看尺码表,"a.png|S–XL 尺码；b.png"\n售后,只有图,,b.png|\n',
        ),
        'a.png': a,
        'b.png': b,
      }).buffer as ArrayBuffer,
    });
    const built = await first.preview({ meta, skipErrors: false });
    expect(built.errors).toEqual([]);
    const pack = (first as unknown as { built: Pack }).built;
    const bytes = new Map<string, Uint8Array>();
    for (const s of pack.scripts)
      for (const img of s.images ?? []) bytes.set(img.hash, base64ToBytes(pack.images![img.hash]!)!);
    const zip = await packToZip(pack, bytes);

    const db = open();
    const again = new ImportSession(db, headerDecode);
    await again.open({ fileName: '导出.zip', data: zip.buffer as ArrayBuffer });
    const preview = await again.preview({ meta, skipErrors: false });
    expect(preview.errors).toEqual([]);
    expect((await again.install({ target: 'new' })).ok).toBe(true);
    const stored = await packScripts(db, meta.id);
    const shape = (list: { title: string; body: string; images?: unknown[] }[]) =>
      list.map((s) => ({ title: s.title, body: s.body, images: s.images }));
    expect(shape(stored)).toEqual(shape(pack.scripts));
    expect(stored[1]!.images![0]!.alt).toBe('');
    expect(await db.images.count()).toBe(2);
  });
});
