/**
 * Forbidden-phrase matching as a quality inspector would judge it: evasive spellings are
 * caught, polite sentences are not flagged, and a highlight lands on the words that matched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { validatePack } from '../../../scripts-library/schema';
import { compileRules, firstPerCategory, type RuleCategory } from '../../../utils/compliance';

const pack = loadDefaultPack();
const matcher = compileRules(pack.forbidden);

/** "category:matched text" for each finding, as the agent would see it highlighted. */
const hits = (text: string, m = matcher) => m.check(text).map((f) => `${f.categoryId}:${text.slice(f.start, f.end)}`);
const categories = (text: string) => [...new Set(matcher.check(text).map((f) => f.categoryId))];

const category = (over: Partial<RuleCategory> & Pick<RuleCategory, 'id' | 'phrases'>): RuleCategory => ({
  name: over.id,
  severity: 'warn',
  allow: [],
  advice: '',
  suggestScripts: [],
  ...over,
});

describe('variant spellings of off-platform contact', () => {
  it.each([
    ['加我微信吧', '加我微信'],
    ['加我vx吧', '加我vx'],
    ['加我V信', '加我V信'],
    ['加我威信', '加我威信'],
    ['加我wx', '加我wx'],
    ['加我微❤️', '加我微❤'],
    ['加个微x', '加个微x'],
  ])('%s is off-platform contact', (text, matched) => {
    expect(hits(text)).toContain(`privacy:${matched}`);
  });

  it('names the pack wording of the phrase, not the spelling typed', () => {
    const [f] = matcher.check('亲，加我vx聊');
    expect(f).toMatchObject({
      categoryId: 'privacy',
      categoryName: '泄露隐私与站外联系',
      phrase: '加我微信',
      severity: 'block',
    });
    expect(f!.advice).not.toBe('');
    expect(f!.suggestScripts.length).toBeGreaterThan(0);
  });

  it('catches zfb and 扣扣 spellings of payment and QQ', () => {
    expect(hits('用zfb转账给我')).toContain('privacy:zfb转账');
    expect(hits('zfb')).toEqual(['privacy:zfb']);
    expect(hits('扣扣号发我')).toContain('privacy:扣扣号');
    expect(hits('QQ号多少')).toContain('privacy:QQ号');
  });

  it('does not turn a listed spelling into the plain word: paying by 微信 is fine', () => {
    expect(hits('支持微信支付和支付宝付款')).toEqual([]);
  });
});

describe('what is typed between the characters', () => {
  it.each([
    ['加 微 信', '加 微 信'],
    ['加.微.信', '加.微.信'],
    ['加\u200b微\u200b信', '加\u200b微\u200b信'],
    ['加🙂微信', '加🙂微信'],
    ['加，微——信', '加，微——信'],
    ['ｖ ｘ', 'ｖ ｘ'],
    ['Ｖ-X', 'Ｖ-X'],
  ])('%j still matches', (text, matched) => {
    expect(hits(text).some((h) => h === `privacy:${matched}`)).toBe(true);
  });

  it('folds traditional characters and full-width letters', () => {
    expect(hits('我保證明天到')).toContain('false-promise:保證');
    expect(hits('這個我不知道')).toContain('negative:不知道');
    expect(hits('ＺＦＢ')).toContain('privacy:ＺＦＢ');
  });

  it('maps offsets back to the original text, around surrogate pairs and skipped characters', () => {
    const text = '😀😀好的，加 我 微.信 吧😀';
    const [f] = matcher.check(text);
    expect(text.slice(f!.start, f!.end)).toBe('加 我 微.信');
  });
});

describe('polite sentences and allowed contexts', () => {
  it('does not flag 不知道 in "不知道您是否方便"', () => {
    expect(hits('不知道您是否方便接听电话呢？')).toEqual([]);
    expect(hits('不知道您方便什么时候收货呢')).toEqual([]);
  });

  it('still flags 不知道 on its own, even in the same message as an allowed sentence', () => {
    expect(hits('不知道您是否方便，这个我也不知道')).toEqual(['negative:不知道']);
  });

  it('lets other broad words pass where the pack allows them', () => {
    expect(hits('谢谢您的肯定，我们会继续努力')).toEqual([]);
    expect(hits('这款是100%棉的面料')).toEqual([]);
    expect(hits('需要先交保证金吗？这边帮您查一下')).toEqual([]);
    expect(hits('如有不清楚的地方请随时告诉我')).toEqual([]);
  });

  it('flags the same broad words when they promise', () => {
    expect(categories('我保证明天一定到')).toEqual(['false-promise']);
    expect(categories('肯定没问题的')).toEqual(['false-promise']);
    expect(categories('估计后天能发')).toEqual(['vague']);
  });

  it('an allowed sentence masks only its own category', () => {
    const m = compileRules([
      category({ id: 'a', phrases: ['不知道'], allow: ['不知道您是否'] }),
      category({ id: 'b', phrases: ['知道您'] }),
    ]);
    expect(hits('不知道您是否方便', m)).toEqual(['b:知道您']);
  });
});

describe('short Latin spellings and word boundaries', () => {
  it.each([
    '我们用 vxe-table 组件',
    'VXE表格',
    'https://example.com/vx/123',
    'www.vx.cn',
    'devx 工具',
    'vx_table',
    '邮箱 12345@qq.com',
  ])('does not flag %j', (text) => {
    expect(hits(text)).toEqual([]);
  });

  it.each([
    ['加我vx', 'vx'],
    ['VX：abc123', 'VX'],
    ['有事 v x 我', 'v x'],
    ['vx12345', 'vx'],
    ['加我qq123456', 'qq'],
  ])('flags %j', (text, spelling) => {
    expect(hits(text).some((h) => h.startsWith('privacy:') && h.toLowerCase().includes(spelling.toLowerCase()))).toBe(
      true,
    );
  });

  it('a digit phrase does not match inside a longer number', () => {
    const m = compileRules([category({ id: 'p', phrases: ['100%'] })]);
    expect(hits('保证100%正品', m)).toEqual(['p:100%']);
    expect(hits('满2100%返', m)).toEqual([]);
    expect(hits('100元', m)).toEqual([]);
  });
});

describe('regular-expression phrases', () => {
  const phone = compileRules([
    category({ id: 'contact', name: '站外联系', phrases: ['re:(?<!\\d)1[3-9]\\d{9}(?!\\d)'] }),
  ]);

  it('finds a mobile number however it is spaced, and names what matched', () => {
    const text = '您打 138 1234-5678 就行';
    const [f] = phone.check(text);
    expect(text.slice(f!.start, f!.end)).toBe('138 1234-5678');
    expect(f!.phrase).toBe('138 1234-5678');
  });

  it('does not take an order number for a phone number', () => {
    expect(phone.check('订单号 2026112413812345678')).toEqual([]);
  });

  it('is refused by the pack check when it is not a valid pattern', () => {
    const bad = {
      ...pack,
      forbidden: [{ id: 'x', name: '测试', phrases: ['re:(unclosed'], severity: 'warn' }],
    };
    const result = validatePack(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toContain('正则');
  });
});

describe('findings', () => {
  it('joins overlapping phrases of one category into one finding', () => {
    expect(hits('加我微信号')).toEqual(['privacy:加我微信号']);
  });

  it('keeps one finding per category for the warning, in order of appearance', () => {
    const found = firstPerCategory(matcher.check('估计吧，你去投诉吧，加我vx，加我vx'));
    expect(found.map((f) => f.categoryId)).toEqual(['vague', 'provoking', 'privacy']);
  });

  it('copes with a 2,000-phrase list', () => {
    const phrases = Array.from({ length: 2000 }, (_, i) => `禁用${String.fromCharCode(0x4e00 + i)}语`);
    const m = compileRules([category({ id: 'big', phrases })]);
    expect(hits(`你好禁用${String.fromCharCode(0x4e00 + 1234)}语`, m)).toEqual([
      `big:禁用${String.fromCharCode(0x4e00 + 1234)}语`,
    ]);
    expect(m.check('你好禁用语')).toEqual([]);
  });
});

describe('the default pack against itself', () => {
  it('flags none of its own scripts (each body was checked)', () => {
    const flagged = pack.scripts.flatMap((s) =>
      matcher.check(s.body).map((f) => `${s.id}: ${f.categoryId}「${s.body.slice(f.start, f.end)}」`),
    );
    expect(flagged).toEqual([]);
  });

  it('flags each of its own phrases when typed alone', () => {
    const missed = pack.forbidden.flatMap((c) =>
      c.phrases.filter((p) => !matcher.check(p).some((f) => f.categoryId === c.id)).map((p) => `${c.id}: ${p}`),
    );
    expect(missed).toEqual([]);
  });
});

describe('never throws, offsets stay inside the text', () => {
  it('holds for any text', () => {
    const pieces = fc.constantFrom(
      '加',
      '微',
      '信',
      'v',
      'x',
      ' ',
      '.',
      '😀',
      '\u200b',
      '不知道',
      '您是否',
      '保证',
      'q',
      '1',
      '%',
      '❤️',
      '\ud800',
      'ｘ',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
        ),
        (text) => {
          for (const f of matcher.check(text)) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.end).toBeLessThanOrEqual(text.length);
            expect(f.start).toBeLessThan(f.end);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
