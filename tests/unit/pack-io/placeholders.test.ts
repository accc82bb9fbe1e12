import { describe, expect, it } from 'vitest';
import { convertPlaceholderStyles } from '../../../scripts-library/io';

const conv = (s: string) => convertPlaceholderStyles(s).text;

describe('convertPlaceholderStyles', () => {
  it('turns bracketed field names into our built-in placeholders', () => {
    const r = convertPlaceholderStyles('您好，欢迎光临[公司名称]，您的订单【订单编号】已发出，收货地址：[收货地址]。');
    expect(r.text).toBe('您好，欢迎光临{店铺名}，您的订单{订单号}已发出，收货地址：{地址}。');
    expect(r.conversions).toEqual([
      { from: '[公司名称]', to: '{店铺名}' },
      { from: '【订单编号】', to: '{订单号}' },
      { from: '[收货地址]', to: '{地址}' },
    ]);
  });

  it('names XXXX / **** / ____ blanks from the words around them', () => {
    expect(conv('我是客服XXX，工号****，很高兴为您服务')).toBe('我是客服{客服昵称}，工号{客服工号}，很高兴为您服务');
    expect(conv('XXXX先生/女士您好，订单号XXXXXXXX已发货')).toBe('{客户称呼}您好，订单号{订单号}已发货');
    expect(conv('预计XX天内送达')).toBe('预计{时间}内送达');
    expect(conv('退款 ** 元已原路退回')).toBe('退款 {金额} 元已原路退回');
    expect(conv('请寄回到：____')).toBe('请寄回到：{地址}');
    expect(conv('快递单号是XXXX')).toBe('快递单号是{运单号}');
    expect(conv('备注：XXXX')).toBe('备注：{待填}');
  });

  it('replaces 先生/女士 on its own with {客户称呼}', () => {
    expect(conv('尊敬的先生/女士：您好')).toBe('尊敬的{客户称呼}：您好');
    // A name placeholder right before 先生/女士 is the same form of address, not two.
    expect(conv('[客户姓名]先生/女士您好')).toBe('{客户称呼}您好');
  });

  it('converts {{name}} and ${name}, maps known aliases in braces, keeps our own placeholders', () => {
    expect(conv('{{客户名}} ${快递公司} {客户姓名} {光标} {客户称呼}')).toBe(
      '{客户称呼} {快递公司} {客户称呼} {光标} {客户称呼}',
    );
  });

  it('leaves text that only looks like a blank alone', () => {
    const text = '【温馨提示】XXL码偏大，建议拍小一码。[图片] 5*2=10 {自定义字段}';
    expect(convertPlaceholderStyles(text)).toEqual({ text, conversions: [] });
  });
});
