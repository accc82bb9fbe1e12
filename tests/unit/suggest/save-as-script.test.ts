import { describe, expect, it } from 'vitest';
import { placeholderOffers, scriptFromReply } from '../../../utils/suggest/save-as-script';

describe('存为话术: a reply becomes a script', () => {
  const reply =
    '李女士您好，订单 3301234567890123 已经补发，差价 59.9元 会在 12月8日 前退回，顺丰单号 SF1234567890123。';

  it('offers the customer’s name, order and parcel numbers, amounts and dates as placeholders', () => {
    expect(placeholderOffers(reply)).toEqual([
      { text: '李女士', placeholder: '{客户称呼}' },
      { text: '3301234567890123', placeholder: '{订单号}' },
      { text: '59.9元', placeholder: '{金额}' },
      { text: '12月8日', placeholder: '{时间}' },
      { text: 'SF1234567890123', placeholder: '{订单号}' },
    ]);
  });

  it('finds what the page knows about this customer as written', () => {
    expect(placeholderOffers('好的小美，已为您备注', { customerName: '小美' })).toEqual([
      { text: '小美', placeholder: '{客户称呼}' },
    ]);
  });

  it('replaces only the parts the agent kept, and titles the script from its text', () => {
    const offers = placeholderOffers(reply);
    const { title, body } = scriptFromReply(
      reply,
      offers.filter((o) => o.placeholder !== '{时间}'),
    );
    expect(body).toBe('{客户称呼}您好，订单 {订单号} 已经补发，差价 {金额} 会在 12月8日 前退回，顺丰单号 {订单号}。');
    expect(title).toBe('订单 已经补发');
  });

  it('leaves a reply with nothing specific as it is', () => {
    expect(placeholderOffers('亲，仓库今天下午统一发货，请您放心。')).toEqual([]);
  });
});
