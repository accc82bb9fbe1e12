/**
 * Files that are not what they claim: a CSV saved by Excel on Chinese Windows (GBK) is read and
 * announced, a file mixing UTF-8 and GBK rows or holding undecodable bytes is refused with the
 * line, and no U+FFFD reaches a pack from any import path.
 */
import { describe, expect, it } from 'vitest';
import { decodeFileText, filesToPack, readSpreadsheet, SpreadsheetError } from '../../../scripts-library/io';
import { packFromJson } from '../../../scripts-library/io/json';
import { ascii, bytes, gbk, GBK_CSV, INVALID_UTF8_JSON, MIXED_CSV, utf8 } from '../../fixtures/hostile/files';

it('the GBK bytes of the fixtures are GBK', () => {
  for (const word of ['分类', '话术', '售后', '您好', '退货'])
    expect(new TextDecoder('gb18030').decode(new Uint8Array(gbk(word)))).toBe(word);
});

describe('decodeFileText', () => {
  it('reads a whole-GBK CSV and says so', async () => {
    const csv = GBK_CSV;
    const decoded = decodeFileText(csv);
    expect(decoded).toMatchObject({ ok: true, encoding: 'gb18030' });
    const table = await readSpreadsheet(csv, '话术.csv');
    expect(table.encoding).toBe('gb18030');
    expect(table.rows).toEqual([
      ['售后', '您好'],
      ['售后', '退货'],
    ]);
    const built = await filesToPack([{ name: '话术.csv', data: csv }], { id: 't', name: 't' });
    expect(built.issues.some((i) => i.message === '已按 GBK 编码读取')).toBe(true);
  });

  it('refuses a CSV mixing UTF-8 and GBK rows, naming the first line that differs', async () => {
    const mixed = MIXED_CSV;
    const decoded = decodeFileText(mixed);
    expect(decoded).toMatchObject({ ok: false, line: 4 });
    if (!decoded.ok) expect(decoded.message).toContain('第 1 行是 UTF-8，第 4 行是 GBK');
    await expect(readSpreadsheet(mixed, 'mixed.csv')).rejects.toThrow(/第 4 行/);
    await expect(readSpreadsheet(mixed, 'mixed.csv')).rejects.toBeInstanceOf(SpreadsheetError);
    const built = await filesToPack([{ name: 'mixed.csv', data: mixed }], { id: 't', name: 't' });
    expect(built.pack).toBeNull();
  });

  it('refuses a GBK file with a UTF-8 line in it too', () => {
    const mixed = bytes(gbk('分类'), ascii(','), gbk('话术'), ascii('\n'), utf8('售后,您好\n'));
    expect(decodeFileText(mixed)).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses invalid UTF-8 in a JSON file with its line, and a BOM file with GBK inside', () => {
    expect(decodeFileText(INVALID_UTF8_JSON)).toMatchObject({ ok: false, line: 2 });
    const bom = bytes([0xef, 0xbb, 0xbf], utf8('分类,话术\n'), gbk('售后'), ascii(','), gbk('您好'));
    const r = decodeFileText(bom);
    expect(r).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses text that already holds U+FFFD', () => {
    expect(decodeFileText(bytes(utf8('分类,话术\n售后,您好\uFFFD\n')))).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses bytes that read as neither UTF-8 nor Chinese GBK', () => {
    // Latin-1 "café crème" is valid GB18030 but not Chinese.
    expect(
      decodeFileText(
        bytes(ascii('caf'), [0xe9], ascii(' cr'), [0xe8], ascii('me, br'), [0xfb], ascii('l'), [0xe9], ascii('e\n')),
      ).ok,
    ).toBe(false);
    expect(decodeFileText(bytes([0x81, 0x0a])).ok).toBe(false); // a lead byte with no trail
  });

  it('keeps UTF-8 with and without BOM, and UTF-16', () => {
    expect(decodeFileText(bytes(utf8('话术,您好')))).toMatchObject({ ok: true, encoding: 'utf-8', text: '话术,您好' });
    expect(decodeFileText(bytes([0xef, 0xbb, 0xbf], utf8('话术')))).toMatchObject({
      ok: true,
      encoding: 'utf-8',
      text: '话术',
    });
  });
});

describe('JSON packs', () => {
  it('a pack whose text holds U+FFFD is refused by validation, whatever read it', () => {
    const pack = {
      schemaVersion: 1,
      id: 'p',
      name: '包',
      version: '1.0.0',
      updatedAt: '2026-11-24T00:00:00Z',
      author: '组长',
      situations: [{ id: 's', name: '情景' }],
      scripts: [{ id: 'a', situation: 's', title: '标题', body: '亲，七天\uFFFD无理由' }],
    };
    const r = packFromJson(JSON.stringify(pack));
    expect(r.pack).toBeNull();
    expect(r.issues[0]!.message).toContain('替换字符');
  });
});
