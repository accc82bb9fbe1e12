import writeXlsxFile from 'write-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { filesToPack, guessMapping, readSpreadsheet, SpreadsheetError, tableToPack } from '../../../scripts-library/io';

async function workbook(sheets: { sheet: string; data: unknown[][] }[]): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.sheet,
      data: s.data.map((r) =>
        r.map((v) =>
          v == null
            ? null
            : {
                value: v,
                type: v instanceof Date ? Date : typeof v === 'number' ? Number : String,
                ...(v instanceof Date ? { format: 'yyyy-mm-dd' } : {}),
              },
        ),
      ),
    })) as never,
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

describe('readSpreadsheet', () => {
  it('picks the sheet that holds scripts, lists every sheet, and reads another on request', async () => {
    const x = await workbook([
      { sheet: '说明', data: [['本表由客服组长维护，每周一更新']] },
      {
        sheet: '售后话术',
        data: [
          ['分类', '话术内容', '快捷码'],
          ['售后', '非常抱歉给您添麻烦了。', 'dq1'],
        ],
      },
      {
        sheet: '售前话术',
        data: [
          ['分类', '话术内容'],
          ['售前', '亲，这款现在有满减活动哦。'],
        ],
      },
    ]);
    const t = await readSpreadsheet(x, '话术.xlsx');
    expect(t).toMatchObject({
      sheetName: '售后话术',
      sheetNames: ['说明', '售后话术', '售前话术'],
      headers: ['分类', '话术内容', '快捷码'],
      kind: 'xlsx',
    });
    const other = await readSpreadsheet(x, '话术.xlsx', { sheet: '售前话术' });
    expect(other.rows).toEqual([['售前', '亲，这款现在有满减活动哦。']]);
    await expect(readSpreadsheet(x, '话术.xlsx', { sheet: '不存在' })).rejects.toBeInstanceOf(SpreadsheetError);
  });

  it('turns number and date cells into text, so a numeric shortcut code still imports', async () => {
    const x = await workbook([
      {
        sheet: 'S',
        data: [
          ['话术', '快捷码', '更新日期'],
          ['您好，在的。', 101, new Date(Date.UTC(2026, 10, 24))],
        ],
      },
    ]);
    const t = await readSpreadsheet(x, 'a.xlsx');
    expect(t.rows[0]).toEqual(['您好，在的。', '101', '2026-11-24']);
    expect(tableToPack(t, guessMapping(t.headers), {}).pack!.scripts[0]!.shortcut).toBe('101');
  });

  it('reads UTF-16 (Excel "Unicode text", tab-separated) and semicolon CSV', async () => {
    const text = '分类\t话术\r\n售后\t请您稍等，我马上为您核实。\r\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect((await readSpreadsheet(utf16, 'a.txt')).encoding).toBe('utf-16le');
    expect((await readSpreadsheet(utf16, 'a.txt')).rows).toEqual([['售后', '请您稍等，我马上为您核实。']]);
    const semi = new TextEncoder().encode('分类;话术\n售后;好的，马上为您处理。\n');
    expect((await readSpreadsheet(semi, 'a.csv')).rows[0]).toEqual(['售后', '好的，马上为您处理。']);
  });

  it('refuses an empty file and a broken xlsx with a message', async () => {
    await expect(readSpreadsheet(new Uint8Array(), 'a.csv')).rejects.toThrow(/是空的/);
    await expect(readSpreadsheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx')).rejects.toBeInstanceOf(
      SpreadsheetError,
    );
  });
});

describe('filesToPack', () => {
  it('reads a .txt as a sheet when it is tab-separated with headers, else as outline text', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const r = await filesToPack(
      [
        { name: '01-开场.txt', data: enc('情景\t话术\n问候\t您好，请问有什么可以帮您？\n') },
        { name: '02-结束语.txt', data: enc('- 感谢您的耐心，祝您生活愉快！\n') },
      ],
      { id: 'txt', name: 'txt' },
    );
    expect(r.issues).toEqual([]);
    expect(r.pack!.situations.map((s) => s.name)).toEqual(['问候', '结束语']);
  });
});
