/**
 * How Chinese shoppers write, whatever the shop: greetings, negations, follow-ups, chat
 * shorthand. Generic reading rules — they name no situation; what a phrase means for a team's
 * library is in its pack (situations' `cues`, 客户常说).
 */

/**
 * A clause made of these alone (你好, 在吗, 亲) is a greeting. In front of a question or a
 * problem it only opens the message: the rest says what the customer wants.
 */
export const GREETINGS = [
  '你好',
  '您好',
  '你好呀',
  '你好啊',
  '您好呀',
  '在吗',
  '在么',
  '在嘛',
  '在不',
  '在不在',
  '在没',
  '在',
  '有人吗',
  '有人在吗',
  '有人没',
  '亲',
  '亲亲',
  '哈喽',
  '嗨',
  'hello',
  'hi',
  '客服',
  '客服在吗',
  '客服你好',
  '老板',
  '掌柜',
  '店家',
  '早上好',
  '上午好',
  '中午好',
  '下午好',
  '晚上好',
  '早',
  '早安',
];

/**
 * Politeness around a request (谢谢, 麻烦了, 辛苦了): alone it thanks; after a request
 * (麻烦尽快发货 谢谢) it only closes it, like a greeting opens one.
 */
export const COURTESIES = [
  '谢谢',
  '谢谢你',
  '谢谢啦',
  '谢谢了',
  '谢啦',
  '多谢',
  '感谢',
  '麻烦了',
  '麻烦你了',
  '辛苦了',
  '辛苦',
  'thx',
  'thanks',
  '3q',
];

/** Words that open a condition (要是快递到了我不签, 万一坏了): the case a question after it is about. */
export const CONDITIONS = ['要是', '如果', '假如', '万一', '若是', '要不是', '如果说'];

/** Words that deny the cue right after them: 没有坏, 不是要退货, 也没碎. */
export const NEGATIONS = ['没有', '没', '不是', '不', '并不', '并没', '别', '也没', '不会'];

/**
 * A short message that only makes sense with what came before: it takes the previous
 * customer intent (还没到啊, 那怎么办, 然后呢).
 */
export const FOLLOW_UP_CUES = [
  '那怎么办',
  '怎么办',
  '咋办',
  '那咋办',
  '咋整',
  '怎么整',
  '怎么弄',
  '然后呢',
  '那现在呢',
  '还没',
  '还是',
  '怎么样了',
  '那我',
  '那要',
  '那什么',
  '那个呢',
  '呢',
  '要多少钱',
  '多少钱',
  '什么时候',
  '运费呢',
  '试过了',
  '好吧',
  '所以呢',
  '还要多久',
  '要多久',
  '那多久',
  '那还要等',
];

/**
 * Words that contain a cue but mean something else: a product (扫地机器人 is not 机器人, 体重秤
 * is not 体重), a possessive (我妈的 is not 妈的) or a place the customer saw it (抖音上看到 is not a threat to go public). Read
 * first like the longer cue they are, they vote for nothing.
 */
export const NEUTRAL_WORDS: string[] = [
  '扫地机器人',
  '扫地机',
  '擦窗机器人',
  '拖地机器人',
  '机器人玩具',
  '体重秤',
  '体脂秤',
  '电子秤',
  '厨房秤',
  // 我妈的账号 is my mother's account, not the insult 妈的.
  '我妈的',
  '我老妈的',
  '抖音上看',
  '抖音看到',
  '抖音上买',
  '抖音直播',
  '小红书上看',
  '小红书看到',
  '小红书推荐',
  '微博上看',
  '快递盒',
  '快递箱',
  '快递袋',
  '包装盒',
  '包装袋',
  '礼盒装',
  '充电宝',
  '老板娘',
  '洗碗机',
  '洗衣机',
  '烤箱',
  '微波炉',
];

/**
 * Latin shorthand of shopping chats, read as the words they stand for before anything else
 * (kd到哪了 → 快递到哪了). Only as a word of its own: `th` is not read inside "this".
 */
export const SHORTHAND: Record<string, string> = {
  kd: '快递',
  dd: '订单',
  tk: '退款',
  th: '退货',
  hh: '换货',
  wl: '物流',
  fh: '发货',
  sf: '顺丰',
  yf: '运费',
  yhq: '优惠券',
  zfb: '支付宝',
  wx: '微信',
  jd: '京东',
  tb: '淘宝',
  pdd: '拼多多',
  qt: '其他',
  bb: '宝贝',
  xs: '显示',
  zp: '赠品',
  sh: '售后',
};

/**
 * Fuzzy syllables (模糊音): the pairs pinyin input methods let a user type alike, so the wrong
 * character of a near sound is as easy to pick as a homophone (安转 → 安装, 退宽 → 退款): z/zh,
 * c/ch, s/sh, n/l, an/ang, en/eng, in/ing. A syllable maps to one key per family.
 */
export function fuzzySyllable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/([aei])ng$/, '$1n');
}
