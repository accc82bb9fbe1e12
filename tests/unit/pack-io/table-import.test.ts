import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessMapping, readSpreadsheet, tableToPack, type Table } from '../../../scripts-library/io';
import { validatePack } from '../../../scripts-library/schema';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/packs/${name}`, import.meta.url));
const table = (headers: string[], rows: string[][]): Table => ({ headers, rows });
const importRows = (headers: string[], rows: string[][], opts = {}) =>
  tableToPack(table(headers, rows), guessMapping(headers), { id: 'team', name: '团队话术' }, opts);
const pathOf = (pack: NonNullable<ReturnType<typeof importRows>['pack']>, situationId: string) => {
  const names: string[] = [];
  for (
    let s = pack.situations.find((x) => x.id === situationId);
    s;
    s = pack.situations.find((x) => x.id === s!.parent)
  )
    names.unshift(s.name);
  return names.join('/');
};

describe('tableToPack on a team sheet', () => {
  it('reads the realistic fixture: title row skipped, merged cells filled, placeholders converted, HTML kept as text', async () => {
    const t = await readSpreadsheet(fixture('team-sheet.csv'), 'team-sheet.csv');
    expect(t.headerRow).toBe(2);
    const r = tableToPack(t, guessMapping(t.headers), { id: 'team', name: '团队话术' });
    expect(r.pack).not.toBeNull();
    const pack = r.pack!;
    expect(validatePack(pack).ok).toBe(true);
    const byTitle = new Map(pack.scripts.map((s) => [s.title, s]));
    expect(pathOf(pack, byTitle.get('稍等核实')!.situation)).toBe('开场接待/请稍等核实');
    expect(pathOf(pack, byTitle.get('质量问题退款')!.situation)).toBe('售后/质量问题');
    expect(pathOf(pack, byTitle.get('发错货换货')!.situation)).toBe('售后/发错货');
    expect(pathOf(pack, byTitle.get('感谢与祝福')!.situation)).toBe('结束语');
    expect(byTitle.get('标准问候')!.body).toBe('您好，欢迎光临{店铺名}，我是客服{客服昵称}，很高兴为您服务~');
    expect(byTitle.get('稍等核实')!.body).toBe(
      '您好，这个问题我需要和仓库同事确认一下，\n请您稍等 2 分钟，马上回复您。',
    );
    expect(byTitle.get('发错货换货')!.body.startsWith('<b>非常抱歉</b>')).toBe(true);
    expect(byTitle.get('质量问题换新')!).toMatchObject({
      shortcut: 'sh1',
      keywords: ['坏了', '质量问题'],
      purpose: '先致歉再给方案',
    });
    // The empty-body row is skipped with a warning naming its sheet row.
    expect(r.issues).toEqual([expect.objectContaining({ row: 11, level: 'warning', field: 'body' })]);
    expect(r.stats).toMatchObject({ scripts: 7, skipped: 1, placeholdersConverted: 4 });
  });

  it('reads a GB18030/GBK CSV as Excel in China saves it', async () => {
    const t = await readSpreadsheet(fixture('team-gbk.csv'), 'team-gbk.csv');
    expect(t.headers).toEqual(['分类', '情景', '话术', '快捷码']);
    const r = tableToPack(t, guessMapping(t.headers), { id: 'gbk', name: 'GBK' });
    expect(r.pack!.scripts.map((s) => s.body)).toEqual([
      '您好，欢迎光临本店，请问有什么可以帮您？',
      '您好，您的订单已经在打包了，今天内会发出。',
      '尊敬的{客户称呼}，您的退货已经签收，退款会在 3-5 个工作日到账。',
    ]);
    expect(pathOf(r.pack!, r.pack!.scripts[1]!.situation)).toBe('开场/催单');
  });

  it('reports duplicate shortcut codes as a row error naming both rows, and makes no pack', () => {
    const r = importRows(
      ['分类', '话术', '快捷码'],
      [
        ['售后', '非常抱歉给您添麻烦了。', 'dq1'],
        ['售后', '您先别着急，我马上帮您处理。', 'aw1'],
        ['售后', '请您放心，我会跟进到底。', '/DQ1'],
      ],
    );
    expect(r.pack).toBeNull();
    const err = r.issues.find((i) => i.level === 'error')!;
    expect(err).toMatchObject({ row: 4, field: 'shortcut' });
    expect(err.message).toContain('第 2 行');
    expect(err.message).toContain('第 4 行');
    expect(err.messageEn).toContain('row 2');
  });

  it('builds the pack from the good rows with skipErrorRows, listing the bad ones', () => {
    const r = importRows(
      ['分类', '话术', '快捷码'],
      [
        ['售后', '非常抱歉给您添麻烦了。', 'dq1'],
        ['售后', '您先别着急。', '快捷 码!'],
      ],
      { skipErrorRows: true },
    );
    expect(r.pack!.scripts.map((s) => s.body)).toEqual(['非常抱歉给您添麻烦了。']);
    expect(r.issues).toEqual([expect.objectContaining({ row: 3, level: 'error', field: 'shortcut' })]);
    expect(r.stats.skipped).toBe(1);
  });

  it('gives the same ids when the same sheet is imported again, even with rows moved', () => {
    const rows = [
      ['售后', '质量问题', '换新', '非常抱歉，我们为您免费换新。'],
      ['售后', '质量问题', '退款', '退款 3-5 个工作日原路退回。'],
      ['物流', '催件', '已催件', '已经为您催促快递，请耐心等待。'],
    ];
    const headers = ['一级分类', '二级分类', '标题', '话术内容'];
    const a = importRows(headers, rows).pack!;
    const b = importRows(headers, [rows[2]!, rows[0]!, rows[1]!]).pack!;
    const ids = (p: typeof a) => Object.fromEntries(p.scripts.map((s) => [s.title, `${s.id}@${s.situation}`]));
    expect(ids(b)).toEqual(ids(a));
    expect(new Set(a.scripts.map((s) => s.id)).size).toBe(3);
  });

  it('turns what the pack check finds into row issues', () => {
    const long = '很长的关键词'.repeat(10);
    const r = importRows(
      ['分类', '话术', '关键词', 'ID'],
      [
        ['售后', '非常抱歉。', long, 'a-1'],
        ['售后', '请稍等。', '', 'a-1'],
      ],
    );
    expect(r.pack).toBeNull();
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'keywords'],
      [3, 'id'],
    ]);
    expect(r.issues[1]!.message).toContain('第 2 行');
  });

  it('declares placeholders that are not built in', () => {
    const r = importRows(['话术'], [['您的快递由{{快递公司}}配送，单号请看订单详情。']]);
    expect(r.pack!.placeholders.map((p) => p.name)).toEqual(['快递公司']);
    expect(r.pack!.scripts[0]!.body).toBe('您的快递由{快递公司}配送，单号请看订单详情。');
    expect(r.pack!.situations.map((s) => s.name)).toEqual(['未分类']);
  });

  it('says which column is missing when there is no body column', () => {
    const r = tableToPack(table(['分类', '备注'], [['售后', '说明']]), ['level1', 'purpose'], {});
    expect(r.pack).toBeNull();
    expect(r.issues[0]).toMatchObject({ level: 'error', field: 'body' });
  });

  it('rejects an old .xls file and an unknown sheet with a clear message', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readSpreadsheet(xls, '话术.xls')).rejects.toThrow(/另存为 \.xlsx/);
  });
});

describe('tableToPack on a sheet our export wrote and a team lead edited', () => {
  const headers = ['一级分类', '二级分类', '标题', '话术内容', 'ID', '情景ID'];
  const base = [
    ['售后', '质量问题', '换新', '非常抱歉，我们为您免费换新。', 'q1', 'after/quality'],
    ['售后', '质量问题', '退款', '退款 3-5 个工作日原路退回。', 'q2', 'after/quality'],
  ];

  it('keeps situation and script ids when a situation is renamed on every row', () => {
    const renamed = base.map((r) => ['售后', '质量问题处理', ...r.slice(2)]);
    const pack = importRows(headers, renamed).pack!;
    expect(pack.situations.map((s) => [s.id, s.name])).toEqual([
      ['after', '售后'],
      ['quality', '质量问题处理'],
    ]);
    expect(pack.scripts.map((s) => [s.id, s.situation])).toEqual([
      ['q1', 'quality'],
      ['q2', 'quality'],
    ]);
  });

  it('files a new row under the names it shows when its copied 情景ID points elsewhere, with a warning', () => {
    const r = importRows(headers, [
      ...base,
      ['售后', '发错货', '补发', '非常抱歉发错了，我们马上为您补发。', '', 'after/quality'],
    ]);
    const added = r.pack!.scripts.find((s) => s.title === '补发')!;
    expect(r.pack!.situations.find((s) => s.id === added.situation)!.name).toBe('发错货');
    expect(r.issues).toEqual([expect.objectContaining({ row: 4, level: 'warning', field: 'situationId' })]);
  });
});
