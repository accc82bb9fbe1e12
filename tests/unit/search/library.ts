/** A small hand-written library for the behaviour tests: one or two scripts per case. */
import type { SearchDoc } from '../../../utils/search';

export function doc(id: string, fields: Partial<SearchDoc> & { situation: string; path: string[] }): SearchDoc {
  const { situation, path, ...rest } = fields;
  return {
    key: `p/${id}`,
    packId: 'p',
    title: '',
    body: '',
    purpose: '',
    keywords: [],
    tags: [],
    situationId: `p/${situation}`,
    situationPath: path,
    ...rest,
  };
}

const RETURN_SHIPPING = { situation: 'sol-return-shipping', path: ['方案说明', '退货运费'] };
const RETURN_7DAY = { situation: 'sol-7day-return', path: ['方案说明', '七天无理由退货'] };
const INVOICE = { situation: 'sol-invoice', path: ['方案说明', '发票问题'] };
const TRANSIT = { situation: 'sol-transit-damage', path: ['方案说明', '物流损坏'] };
const DELAY = { situation: 'logistics-delay', path: ['物流', '物流慢/催件'] };
const TRACK = { situation: 'logistics-track', path: ['物流', '查询物流'] };
const GREETING = { situation: 'greet-idle', path: ['开场接待', '主动问候'] };
const BANK = { situation: 'payment-failed', path: ['支付与退款', '支付失败'] };

export const LIBRARY: SearchDoc[] = [
  doc('ship-1', {
    ...RETURN_SHIPPING,
    title: '退货运费谁出',
    body: '亲，质量问题退货的运费由我们承担；七天无理由退货的寄回运费需要您承担哦。',
    purpose: '说明退货运费由谁承担',
    keywords: ['运费谁出', '邮费', '寄回运费'],
    tags: ['售后', '运费'],
    shortcut: 'yf1',
  }),
  doc('ship-2', {
    ...RETURN_SHIPPING,
    title: '运费险理赔',
    body: '您下单时购买了运费险，退货完成后保险公司会把运费赔付到您的账户。',
    keywords: ['运费险', '赔运费'],
    tags: ['售后'],
    shortcut: 'yf2',
  }),
  doc('return-1', {
    ...RETURN_7DAY,
    title: '七天无理由退货说明',
    body: '商品签收后七天内，不影响二次销售的情况下可以申请无理由退货。',
    keywords: ['不想要了', '退货', '7天无理由'],
    tags: ['售后', '退换'],
    shortcut: 'th1',
  }),
  doc('return-2', {
    ...RETURN_7DAY,
    title: '退货地址与流程',
    body: '请在订单页面申请退货，审核通过后按页面上的退货地址寄回，记得填写快递单号。',
    keywords: ['怎么退', '退货地址'],
    tags: ['售后'],
    shortcut: 'th2',
  }),
  doc('invoice-1', {
    ...INVOICE,
    title: '开具电子发票',
    body: '您好，电子发票会在确认收货后开具，发送到您填写的邮箱。',
    keywords: ['开发票', '要发票', '发票'],
    tags: ['发票'],
    shortcut: 'fp1',
  }),
  doc('invoice-2', {
    ...INVOICE,
    title: '发票抬头填错',
    body: '发票抬头填错了没关系，把正确的抬头和税号发给我，我们为您重新开具。',
    keywords: ['抬头错了', '重开发票'],
    tags: ['发票'],
    shortcut: 'fp2',
  }),
  doc('transit-1', {
    ...TRANSIT,
    title: '包裹压坏请拍照',
    body: '非常抱歉包裹在运输途中被压坏了，麻烦您拍一下外包装和商品的照片发给我。',
    keywords: ['压坏了', '压扁了', '破损', '盒子破了'],
    tags: ['物流'],
  }),
  doc('delay-1', {
    ...DELAY,
    title: '物流慢帮您催件',
    body: '非常抱歉物流慢了，我马上联系快递为您催件，有消息第一时间告诉您。',
    keywords: ['怎么还没到', '太慢了', '催一下'],
    tags: ['物流'],
    shortcut: 'cj1',
  }),
  doc('track-1', {
    ...TRACK,
    title: '物流信息查询',
    body: '您的包裹已经发出，快递单号是{订单号}，可以在订单详情里查看物流信息。',
    keywords: ['到哪了', '查物流', '快递单号'],
    tags: ['物流'],
  }),
  doc('greet-1', {
    ...GREETING,
    title: '标准问候',
    body: '您好，欢迎光临{店铺名}，我是客服{客服昵称}，很高兴为您服务。',
    keywords: ['在吗', '你好'],
    tags: ['接待'],
    shortcut: 'kc1',
  }),
  doc('bank-1', {
    ...BANK,
    title: '银行卡支付失败',
    body: '支付失败可能是银行卡限额，您可以换一张卡或者使用其他支付方式。',
    keywords: ['付不了款', '银行卡', '限额'],
    tags: ['支付'],
  }),
];
