import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  guessMapping,
  outlineToPack,
  packToCsv,
  packToXlsx,
  readSpreadsheet,
  SpreadsheetError,
  tableToPack,
  type ImportField,
  type TableImport,
} from '../../../scripts-library/io';
import { BUILTIN_PLACEHOLDERS, validatePack, type Pack, type PackInput } from '../../../scripts-library/schema';

const FIELDS: ImportField[] = [
  'level1',
  'level2',
  'level3',
  'situation',
  'situationId',
  'title',
  'body',
  'shortcut',
  'keywords',
  'purpose',
  'tags',
  'id',
  'followUp',
  'ignore',
];
const HEADERS = [
  '一级分类',
  '二级分类',
  '分类',
  '情景',
  '情景ID',
  '标题',
  '话术内容',
  '话术',
  '快捷码',
  '关键词',
  '备注',
  '标签',
  'ID',
  '承诺回复(分钟)',
  '随便',
  '',
];
/** Cell text that looks like what sheets hold, and what breaks parsers. */
const cell = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 5 },
  fc.constantFrom(
    '',
    ' ',
    '售后',
    '质量问题',
    '您好，XXXX先生/女士',
    '[公司名称]',
    '**',
    '<b>粗</b>',
    '{客户称呼}',
    '{未声明}',
    'a,b',
    '"',
    '\n',
    'TH1',
    '/th1',
    '=1+1',
    '15分钟',
    '1.5',
  ),
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 3 },
  { arbitrary: fc.constantFrom('长'.repeat(4001), 'k'.repeat(41), '标签'.repeat(11)), weight: 1 },
);

/** A result the wizard can show: never an exception, a pack only if it is valid, errors named. */
function wellFormed(r: TableImport, skipErrorRows = false) {
  expect(Array.isArray(r.issues)).toBe(true);
  for (const i of r.issues) {
    expect(typeof i.message).toBe('string');
    expect(typeof i.messageEn).toBe('string');
    expect(['error', 'warning']).toContain(i.level);
  }
  if (r.pack) {
    expect(validatePack(r.pack).ok).toBe(true);
    if (!skipErrorRows) expect(r.issues.some((i) => i.level === 'error')).toBe(false);
  } else expect(r.issues.some((i) => i.level === 'error')).toBe(true);
}

describe('import never throws on bad input', () => {
  it('random tables with random mappings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...HEADERS), { minLength: 0, maxLength: 8 }),
        fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
        fc.option(fc.array(fc.constantFrom(...FIELDS), { maxLength: 9 })),
        (headers, rows, mapping) => {
          wellFormed(tableToPack({ headers, rows }, mapping ?? guessMapping(headers), { id: 'p', name: '测试' }));
          wellFormed(
            tableToPack({ headers, rows }, mapping ?? guessMapping(headers), { id: 'p' }, { skipErrorRows: true }),
            true,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random CSV bytes: a table or a SpreadsheetError, then a well-formed import', async () => {
    const header = new TextEncoder().encode('分类,话术,快捷码\r\n');
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.uint8Array({ maxLength: 400 }), async (withHeader, bytes) => {
        const data = withHeader ? new Uint8Array([...header, ...bytes]) : bytes;
        let table;
        try {
          table = await readSpreadsheet(data, 'random.csv');
        } catch (e) {
          expect(e).toBeInstanceOf(SpreadsheetError);
          return;
        }
        wellFormed(tableToPack(table, guessMapping(table.headers), { id: 'p' }));
      }),
      { numRuns: 200 },
    );
  });

  it('random outline text', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '# 标题',
        '## 二级',
        '一、开场',
        '（一）问候',
        '1. 问候',
        '1. 您好，请问有什么可以帮您？',
        '- 您好',
        '问：多久到？',
        '答：三天。',
        '**加粗**',
        '  续行',
        '```',
        '> 引用',
        '---',
        '第一章 售前',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        wellFormed(outlineToPack(lines.join(eol), { name: '大纲' }));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- valid pack → export → import is identity ----

const text = (min: number, max: number) =>
  fc
    .string({
      unit: fc.constantFrom(...'您好亲请问退款换货物流质量问题稍等感谢abcXYZ019 .-_/<>&"\'!?，。！？【】[]*=+@'),
      minLength: min,
      maxLength: max,
    })
    .map((s) => s.trim())
    .filter((s) => s.length >= min);
const listItem = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...'退钱坏了发错物流慢xyz12 '), minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const body = fc
  .tuple(text(1, 60), fc.option(fc.constantFrom(...BUILTIN_PLACEHOLDERS)), fc.option(text(1, 40)))
  .map(([a, ph, b]) => [a, ph ? `{${ph}}` : '', b ? `\n${b}` : ''].join(''));

/** A random valid pack whose situations are listed tree-first, ordered 1..n among siblings (as any sheet gives them back). */
const packArb = fc.array(fc.tuple(fc.nat(), text(1, 12)), { minLength: 1, maxLength: 12 }).chain((nodes) => {
  const situations: { id: string; name: string; parent: string | null; order: number }[] = [];
  const children = new Map<string | null, string[]>();
  nodes.forEach(([p, name], i) => {
    const candidates = situations.filter((s) => depthOf(s.id) < 4);
    const parent = i === 0 || p % 3 === 0 || !candidates.length ? null : candidates[p % candidates.length]!.id;
    const siblings = children.get(parent) ?? [];
    if (siblings.some((id) => situations.find((s) => s.id === id)!.name === name)) return; // sibling names unique
    const id = `s${i}`;
    siblings.push(id);
    children.set(parent, siblings);
    situations.push({ id, name, parent, order: siblings.length });
  });
  function depthOf(id: string): number {
    const s = situations.find((x) => x.id === id);
    return s && s.parent ? 1 + depthOf(s.parent) : 1;
  }
  const ordered: typeof situations = [];
  const walk = (parent: string | null) => {
    for (const id of children.get(parent) ?? []) {
      ordered.push(situations.find((s) => s.id === id)!);
      walk(id);
    }
  };
  walk(null);
  const script = fc.record({
    situation: fc.constantFrom(...ordered.map((s) => s.id)),
    title: text(1, 20),
    body,
    purpose: fc.option(text(0, 30), { nil: undefined }),
    keywords: fc.uniqueArray(listItem(8), { maxLength: 4 }),
    tags: fc.uniqueArray(listItem(6), { maxLength: 3 }),
    shortcut: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }),
    followUp: fc.option(fc.integer({ min: 1, max: 1440 }), { nil: undefined }),
  });
  return fc.array(script, { minLength: 1, maxLength: 15 }).map((scripts) => {
    const seen = new Set<string>();
    const input: PackInput = {
      schemaVersion: 1,
      id: 'prop',
      name: '随机话术',
      version: '1.0.0',
      updatedAt: '2026-11-24T00:00:00.000Z',
      author: '组长',
      situations: ordered,
      // Export writes scripts grouped by situation, tree order; a pack in that order round-trips exactly.
      scripts: ordered.flatMap((s) =>
        scripts
          .map((x, i) => ({ x, i }))
          .filter(({ x }) => x.situation === s.id)
          .map(({ x, i }) => {
            const shortcut = x.shortcut && !seen.has(x.shortcut) ? (seen.add(x.shortcut), x.shortcut) : undefined;
            return {
              id: `t${i}`,
              situation: x.situation,
              title: x.title,
              body: x.body,
              ...(x.purpose ? { purpose: x.purpose } : {}),
              keywords: x.keywords,
              tags: x.tags,
              ...(shortcut ? { shortcut } : {}),
              ...(x.followUp ? { effect: { followUpMinutes: x.followUp } } : {}),
            };
          }),
      ),
    };
    const v = validatePack(input);
    if (!v.ok) throw new Error(`generator made an invalid pack: ${v.errors[0]!.message}`);
    return v.pack;
  });
});

const metaOf = (p: Pack) => ({ id: p.id, name: p.name, version: p.version, author: p.author, updatedAt: p.updatedAt });

describe('a valid pack survives export → import unchanged', () => {
  it('via CSV', async () => {
    await fc.assert(
      fc.asyncProperty(packArb, async (pack) => {
        const t = await readSpreadsheet(new TextEncoder().encode(packToCsv(pack)), 'p.csv');
        const r = tableToPack(t, guessMapping(t.headers), metaOf(pack));
        expect(r.issues).toEqual([]);
        expect(r.pack).toEqual(pack);
      }),
      { numRuns: 150 },
    );
  });

  it('via xlsx', async () => {
    await fc.assert(
      fc.asyncProperty(packArb, async (pack) => {
        const t = await readSpreadsheet(await packToXlsx(pack), 'p.xlsx');
        const r = tableToPack(t, guessMapping(t.headers), metaOf(pack));
        expect(r.issues).toEqual([]);
        expect(r.pack).toEqual(pack);
      }),
      { numRuns: 40 },
    );
  });
});
