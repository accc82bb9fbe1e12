import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { contentHashMatches } from '../../../scripts-library/hash';
import {
  guessMapping,
  packFromJson,
  packToCsv,
  packToJson,
  packToTable,
  packToXlsx,
  readSpreadsheet,
  tableToPack,
} from '../../../scripts-library/io';
import { parsePackJson, validatePack, type Pack, type PackInput } from '../../../scripts-library/schema';

async function viaCsv(pack: Pack) {
  const t = await readSpreadsheet(new TextEncoder().encode(packToCsv(pack)), 'pack.csv');
  return tableToPack(t, guessMapping(t.headers), {
    id: pack.id,
    name: pack.name,
    version: pack.version,
    author: pack.author,
    updatedAt: pack.updatedAt,
  });
}
async function viaXlsx(pack: Pack) {
  const t = await readSpreadsheet(await packToXlsx(pack), 'pack.xlsx');
  return tableToPack(t, guessMapping(t.headers), {
    id: pack.id,
    name: pack.name,
    version: pack.version,
    author: pack.author,
    updatedAt: pack.updatedAt,
  });
}
const scriptsOf = (p: Pack) => [...p.scripts].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('export → import round trip', () => {
  const pack = loadDefaultPack();

  it('CSV: UTF-8 with BOM, and the default pack comes back with the same scripts and situations', async () => {
    const csv = packToCsv(pack);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFF一级分类,二级分类,标题,话术内容,快捷码,关键词,话术目的,标签,承诺回复(分钟),客户常说,ID,情景ID',
    );
    const r = await viaCsv(pack);
    expect(r.issues).toEqual([]);
    expect(scriptsOf(r.pack!)).toEqual(scriptsOf(pack));
    expect(r.pack!.situations).toEqual(pack.situations);
  });

  it('xlsx: the default pack comes back with the same scripts and situations', async () => {
    const r = await viaXlsx(pack);
    expect(r.issues).toEqual([]);
    expect(scriptsOf(r.pack!)).toEqual(scriptsOf(pack));
    expect(r.pack!.situations).toEqual(pack.situations);
  });

  it('JSON: pretty, with a contentHash that checks, and parses back to the same pack', async () => {
    const json = await packToJson(pack);
    expect(json).toContain('\n  "id": "default.zh-CN"');
    const back = parsePackJson(json);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(await contentHashMatches(back.pack)).toBe(true);
    const { contentHash: _h, ...rest } = back.pack;
    expect(rest).toEqual(pack);
  });

  it('keeps a four-level tree, empty situations, newlines, HTML, follow-up minutes and formula-like text', async () => {
    const input: PackInput = {
      schemaVersion: 1,
      id: 'deep',
      name: '深层话术',
      version: '1.0.0',
      updatedAt: '2026-11-24T08:00:00Z',
      author: '组长',
      situations: [
        { id: 'after', name: '售后', parent: null, order: 1 },
        { id: 'ret', name: '退换货', parent: 'after', order: 1 },
        { id: 'q', name: '质量问题', parent: 'ret', order: 1 },
        { id: 'q-photo', name: '需要照片/视频', parent: 'q', order: 1 },
        { id: 'empty', name: '待补充', parent: 'after', order: 2 },
      ],
      scripts: [
        {
          id: 'p1',
          situation: 'q-photo',
          title: '请拍照',
          body: '麻烦您拍一下破损部位，\n再拍一下外包装。\n<br>谢谢！',
          shortcut: 'zp1',
          keywords: ['拍照', '照片'],
          tags: ['售后'],
          purpose: '先取证',
        },
        {
          id: 'p2',
          situation: 'q',
          title: '公式样文本',
          body: '=1+1 是客户发来的原话，-5 元优惠，@客服',
          effect: { followUpMinutes: 15 },
        },
        { id: 'p3', situation: 'after', title: '引号', body: '您说的"坏了"是指哪里呢？, 逗号也要保留' },
      ],
    };
    const ok = validatePack(input);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const deep = ok.pack;
    expect(packToTable(deep).headers.slice(0, 4)).toEqual(['一级分类', '二级分类', '三级分类', '四级分类']);
    expect(packToCsv(deep)).toContain(",'=1+1 是客户发来的原话");
    for (const r of [await viaCsv(deep), await viaXlsx(deep)]) {
      expect(r.issues).toEqual([]);
      expect(scriptsOf(r.pack!)).toEqual(scriptsOf(deep));
      expect(r.pack!.situations).toEqual(deep.situations);
    }
  });
});

describe('export limits and JSON import', () => {
  it('refuses to put a tree deeper than eight levels in a sheet, with a message naming JSON', () => {
    const situations = Array.from({ length: 9 }, (_, i) => ({
      id: `l${i}`,
      name: `第${i + 1}层`,
      parent: i ? `l${i - 1}` : null,
      order: 1,
    }));
    const v = validatePack({
      schemaVersion: 1,
      id: 'deep9',
      name: '九层',
      version: '1.0.0',
      updatedAt: '2026-11-24T00:00:00Z',
      author: '组长',
      situations,
      scripts: [{ id: 'x', situation: 'l8', title: '最深', body: '您好' }],
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(() => packToCsv(v.pack)).toThrow(/导出为 JSON/);
  });

  it('packFromJson gives the wizard the same result shape, with schema errors as issues', async () => {
    const ok = packFromJson(await packToJson(loadDefaultPack()));
    expect(ok.pack?.scripts.length).toBe(270);
    const bad = packFromJson('{"schemaVersion":1,"id":"x"}');
    expect(bad.pack).toBeNull();
    expect(bad.issues.length).toBeGreaterThan(0);
    expect(bad.issues.every((i) => i.level === 'error' && i.message.length > 0)).toBe(true);
    expect(packFromJson('不是 JSON').issues[0]!.message).toContain('不是有效的 JSON');
  });
});
