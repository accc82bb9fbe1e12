/**
 * `re:` patterns of a pack: a pattern that would backtrack for ever in JavaScript still compiles
 * and answers (RE2 is linear; the time figures live in bench/ and the e2e typing test), what RE2
 * cannot express is refused at validation with a message naming the phrase, and the patterns
 * teams write find the same ranges JavaScript's RegExp would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { compilePattern } from '../../../scripts-library/patterns';
import { validatePack } from '../../../scripts-library/schema';
import { compileRules, type RuleCategory } from '../../../utils/compliance';
import { CATASTROPHIC_PATTERNS } from '../../fixtures/hostile/patterns';

const category = (phrases: string[]): RuleCategory => ({
  id: 'c',
  name: '测试',
  severity: 'warn',
  phrases,
  allow: [],
  advice: '',
  suggestScripts: [],
});

const minimalPack = (phrases: string[]) => ({
  schemaVersion: 1,
  id: 'p',
  name: '测试包',
  version: '1.0.0',
  updatedAt: '2026-11-24T00:00:00Z',
  author: '组长',
  situations: [{ id: 's', name: '情景' }],
  scripts: [{ id: 'a', situation: 's', title: '标题', body: '内容' }],
  forbidden: [{ id: 'x', name: '站外联系', phrases }],
});

describe('catastrophic patterns', () => {
  it.each(CATASTROPHIC_PATTERNS)(
    '%s compiles, is accepted by validation, and answers on a long ordinary reply',
    (source) => {
      const compiled = compilePattern(source);
      expect(compiled.ok).toBe(true);
      expect(validatePack(minimalPack([`re:${source}`])).ok).toBe(true);
      const reply =
        '亲，您好，您的订单已经发出了，请耐心等待一下哦'.repeat(40) +
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!';
      const m = compileRules([category([`re:${source}`])]);
      expect(() => m.check(reply)).not.toThrow();
    },
  );

  it('still finds what a catastrophic pattern means', () => {
    const m = compileRules([category(['re:^(.+)+z$'])]);
    expect(m.check('abcz').map((f) => f.phrase)).toEqual(['abcz']);
    expect(m.check('abc')).toEqual([]);
  });
});

describe('what RE2 cannot do is refused, naming the phrase', () => {
  it.each([
    ['re:(a)\\1', '不支持'],
    ['re:(?=x)abc', '不支持'],
    ['re:abc(?!de)', '不支持'],
    ['re:a{1001}', '重复次数'],
    ['re:(a{100}){100}', '重复次数'],
    ['re:x{2,9}{2,9}', '重复符号不能叠加'],
    ['re:(unclosed', '缺少 )'],
    ['re:[abc', '缺少 ]'],
    ['re:a*', '空文本'],
    ['re:(?<!x)', '空文本'],
    ['re:\\k<n>', '转义'],
  ])('%s', (phrase, reason) => {
    const result = validatePack(minimalPack([phrase]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain(phrase);
    expect(result.errors[0]!.message).toContain(reason);
    expect(result.errors[0]!.path).toBe('forbidden[0].phrases[0]');
  });

  it('gives its reasons in English too', () => {
    const result = compilePattern('a{1001}', 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/repeat count/);
  });
});

describe('patterns as teams write them', () => {
  it('keeps JavaScript escapes and a trailing one-character look-ahead', () => {
    const han = compilePattern('[\\u4e00-\\u9fa5]{2}号');
    expect(han.ok && han.matchAll('订单号12号').map((m) => [m.start, m.end])).toEqual([[0, 3]]);
    const phone = compilePattern('(?<!\\d)1[3-9]\\d{9}(?!\\d)');
    expect(phone.ok && phone.matchAll('13812345678')).toEqual([{ start: 0, end: 11 }]);
    expect(phone.ok && phone.matchAll('138123456789')).toEqual([]);
    expect(phone.ok && phone.matchAll('2138123456780')).toEqual([]);
  });

  it('every pattern of the default pack compiles', () => {
    for (const c of loadDefaultPack().forbidden)
      for (const p of c.phrases.filter((x) => x.startsWith('re:'))) expect(compilePattern(p.slice(3)).ok).toBe(true);
  });

  /** Patterns both engines read alike; their ranges must agree on any text. */
  const SHARED = [
    '1[3-9]\\d{9}',
    '(?<!\\d)1[3-9]\\d{2}(?!\\d)',
    'a(?!b)',
    'a(?=b)',
    '加.{0,2}微信',
    '(ab|a)c',
    '[a-c]+\\d',
    'q{2}\\d{3,}',
    '\\ba\\w*',
    '[^a-z]{2}$',
    '^a',
    'x(?![0-9])',
  ];
  const alphabet = fc.constantFrom(...'ab c1 3 8 9 0 加 微 信 q x 号'.split(' ').join('').split(''), ' ');

  it.each(SHARED)('%s finds what JavaScript finds', (source) => {
    const compiled = compilePattern(source);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const js = new RegExp(source, 'gu');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join('')),
        (text) => {
          const expected = [...text.matchAll(js)]
            .filter((m) => m[0])
            .map((m) => ({ start: m.index, end: m.index + m[0].length }));
          expect(compiled.matchAll(text)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
