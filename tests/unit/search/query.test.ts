import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../utils/search';

const words = (q: string) => parseQuery(q).words.map((w) => `${w.script}:${w.text}${w.shortcut ? '/' : ''}`);

describe('parseQuery', () => {
  it('splits words at spaces and between pinyin and Chinese', () => {
    expect(words('退货 运费')).toEqual(['han:退货', 'han:运费']);
    expect(words('th运费')).toEqual(['latin:th', 'han:运费']);
    expect(words('7天无理由')).toEqual(['latin:7', 'han:天无理由']);
    expect(words('收到了，但是坏了！')).toEqual(['han:收到了', 'han:但是坏了']);
  });

  it('reads a slash as a shortcut code', () => {
    expect(words('/th1')).toEqual(['latin:th1/']);
    expect(words('/th1 运费')).toEqual(['latin:th1/', 'han:运费']);
    expect(words('th1')).toEqual(['latin:th1']);
  });

  it('folds full-width, case and traditional characters', () => {
    expect(words('ＴＨ　運費')).toEqual(['latin:th', 'han:运费']);
    expect(words('／ＴＨ１')).toEqual(['latin:th1/']);
    expect(words('FaPiao')).toEqual(['latin:fapiao']);
  });

  it('takes filters out of the words', () => {
    expect(parseQuery('#运费 @物流 pack:default th').filters).toEqual({
      tags: ['运费'],
      situations: ['物流'],
      packs: ['default'],
    });
    expect(parseQuery('tag:售后 情景:发票 包:my 标签:急').filters).toEqual({
      tags: ['售后', '急'],
      situations: ['发票'],
      packs: ['my'],
    });
    expect(parseQuery('＃运费 ＠物流').filters).toEqual({ tags: ['运费'], situations: ['物流'], packs: [] });
    expect(words('#运费 @物流 pack:default th')).toEqual(['latin:th']);
  });

  it('ignores a filter still being typed, and knows an empty query', () => {
    expect(parseQuery('# @').filters).toEqual({ tags: [], situations: [], packs: [] });
    expect(parseQuery('# @').empty).toBe(true);
    expect(parseQuery('  ').empty).toBe(true);
    expect(parseQuery('#运费').empty).toBe(false);
  });
});
