import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outlineToPack } from '../../../scripts-library/io';
import { validatePack, type Pack } from '../../../scripts-library/schema';

const pathOf = (pack: Pack, situationId: string) => {
  const names: string[] = [];
  for (
    let s = pack.situations.find((x) => x.id === situationId);
    s;
    s = pack.situations.find((x) => x.id === s!.parent)
  )
    names.unshift(s.name);
  return names.join('/');
};
const summary = (pack: Pack) => pack.scripts.map((s) => [pathOf(pack, s.situation), s.title, s.body]);

describe('outlineToPack', () => {
  it('reads a Markdown handbook: headings nest, bullets and numbered sentences are scripts, Q&A pairs take the question as title', () => {
    const r = outlineToPack(readFileSync(new URL('../../fixtures/packs/outline.md', import.meta.url), 'utf8'), {
      id: 'handbook',
      name: '售后话术手册',
    });
    expect(r.issues).toEqual([]);
    expect(validatePack(r.pack).ok).toBe(true);
    expect(summary(r.pack!)).toEqual([
      ['售后话术手册/致歉与安抚', '非常抱歉给您添麻烦了', '非常抱歉给您添麻烦了，这个问题我一定帮您跟进到底。'],
      ['售后话术手册/致歉与安抚', '您先别着急', '您先别着急，我理解您现在的心情，我们一起把问题解决好。'],
      [
        '售后话术手册/物流/催件',
        '物流停滞安抚',
        '您好，包裹这两天停在中转站，我已经联系快递加急处理，预计{时间}内送达。',
      ],
      ['售后话术手册/物流/催件', '我已经为您登记催件', '您好，我已经为您登记催件，有新的进展会第一时间告诉您。'],
      [
        '售后话术手册/物流/丢件',
        '非常抱歉您的包裹在运输中丢失',
        '非常抱歉您的包裹在运输中丢失，我们马上为您补发，\n补发单号出来后第一时间发给您。',
      ],
      ['售后话术手册/常见问题', '多久能退款？', '退款审核通过后 3-5 个工作日原路退回，请您留意账户。'],
      ['售后话术手册/常见问题', '可以开发票吗？', '可以的，确认收货后在订单页面申请电子发票即可。'],
    ]);
    expect(r.stats.placeholdersConverted).toBe(1);
  });

  it('reads text pasted from Word: 一、/（一）/1. numbering, a short numbered line is a heading, a sentence is a script', () => {
    const text = [
      '一、开场接待',
      '（一）主动问候',
      '1. 您好，欢迎光临[店铺名]，请问有什么可以帮您？',
      '2. 亲，在的，请问您想了解哪款商品呢？',
      '（二）请稍等',
      '稍等核实：您好，这个问题我需要和同事确认一下，请您稍等。',
      '二、结束语',
      '1. 感谢与祝福',
      '感谢您的耐心，祝您生活愉快！',
    ].join('\r\n');
    const r = outlineToPack(text, {});
    expect(summary(r.pack!)).toEqual([
      ['开场接待/主动问候', '欢迎光临', '您好，欢迎光临{店铺名}，请问有什么可以帮您？'],
      ['开场接待/主动问候', '请问您想了解哪款商品呢', '亲，在的，请问您想了解哪款商品呢？'],
      ['开场接待/请稍等', '稍等核实', '您好，这个问题我需要和同事确认一下，请您稍等。'],
      ['结束语/感谢与祝福', '感谢您的耐心', '感谢您的耐心，祝您生活愉快！'],
    ]);
  });

  it('puts scripts before any heading under 未分类 and reports an unanswered question', () => {
    const r = outlineToPack('您好，请问有什么可以帮您？\n问：能便宜点吗？', {});
    expect(r.pack!.situations.map((s) => s.name)).toEqual(['未分类']);
    expect(r.issues).toEqual([expect.objectContaining({ row: 2, level: 'warning' })]);
  });

  it('gives a clear error for text with no scripts at all', () => {
    const r = outlineToPack('# 只有标题\n\n## 也是标题\n', {});
    expect(r.pack).toBeNull();
    expect(r.issues.some((i) => i.level === 'error' && i.message.includes('没有找到话术'))).toBe(true);
  });
});
