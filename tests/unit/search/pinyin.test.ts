import { describe, expect, it } from 'vitest';
import { foldText } from '../../../utils/search/normalize';
import { fuzzySyllable, matchLatinAt, termReadings } from '../../../utils/search/pinyin';
import { termPieces } from '../../../utils/search/term-dictionary';

describe('folding', () => {
  it('keeps every position while folding width, case and traditional characters', () => {
    const text = 'ＴＨ１退貨發票，Abc';
    expect(foldText(text)).toBe('th1退货发票,abc');
    expect(foldText(text)).toHaveLength(text.length);
  });
});

describe('pinyin matching', () => {
  const readings = termReadings('退货运费', true);

  it('matches full pinyin, initials, prefixes and mixes of them', () => {
    for (const q of ['tuihuo', 'th', 'tuih', 'thyf', 'tuihuoyunfei', 'tuihuoyf', 'thyunfei', 't'])
      expect(matchLatinAt(q, readings, 0), q).not.toBeNull();
    expect(matchLatinAt('tuihuo', readings, 0)!.length).toBe(2);
    expect(matchLatinAt('yf', readings, 2)!.length).toBe(2);
    for (const q of ['tuihuox', 'ht', 'tuihup']) expect(matchLatinAt(q, readings, 0), q).toBeNull();
  });

  it('reads polyphonic characters in context first, and accepts their other readings', () => {
    expect(termReadings('银行', true)[1]![0]).toBe('hang');
    expect(termReadings('重新', true)[0]![0]).toBe('chong');
    expect(matchLatinAt('yinhang', termReadings('银行', true), 0)!.primary).toBe(true);
    expect(matchLatinAt('yinxing', termReadings('银行', true), 0)!.primary).toBe(false);
  });

  it('folds near-homophones', () => {
    expect(fuzzySyllable('zhi')).toBe(fuzzySyllable('zi'));
    expect(fuzzySyllable('sheng')).toBe(fuzzySyllable('sen'));
    expect(fuzzySyllable('liu')).toBe(fuzzySyllable('niu'));
    expect(fuzzySyllable('tong')).toBe('tong');
  });

  it('cuts terms into pieces at punctuation', () => {
    expect(termPieces('索取订单号/手机号')).toEqual(['索取订单号', '手机号']);
    expect(termPieces('主动问候（客户未提问）')).toEqual(['主动问候', '客户未提问']);
    expect(termPieces('7天无理由')).toEqual(['7天无理由']);
    expect(termPieces('坏')).toEqual([]);
  });
});
