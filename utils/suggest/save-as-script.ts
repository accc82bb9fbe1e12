/**
 * 存为话术: a reply the agent wrote (the reply box's text, or their last sent message) as a
 * reusable script. What was specific to this customer — their name, the order number, an amount,
 * a date or time — is offered as a placeholder, so the next customer gets their own. Pure.
 */
import { deriveTitle } from '../../scripts-library/io/assemble';

export interface PlaceholderOffer {
  /** The text as written (李女士, 3301234567890, 59.9元). */
  text: string;
  /** What it becomes: `{客户称呼}`, `{订单号}`, `{金额}`, `{时间}`. */
  placeholder: string;
}

/** Customer-specific parts of a reply, each once, in the order they appear. */
const KINDS: { placeholder: string; re: RegExp }[] = [
  // 12+ digits, or letters then 10+ digits: an order or parcel number, never a price
  { placeholder: '{订单号}', re: /(?<![0-9A-Za-z])(?:[A-Za-z]{1,4}[0-9]{10,24}|[0-9]{12,24})(?![0-9A-Za-z])/g },
  // ¥59.9, 59.9元, 30块
  { placeholder: '{金额}', re: /[¥￥]\s?[0-9]+(?:\.[0-9]{1,2})?|[0-9]+(?:\.[0-9]{1,2})?\s?(?:元|块钱|块)/g },
  // 12月8日, 12月8号下午3点, 15:30, 明天下午3点
  {
    placeholder: '{时间}',
    re: /[0-9]{1,2}月[0-9]{1,2}[日号](?:(?:上午|下午|晚上)?[0-9]{1,2}[点:：][0-9]{0,2})?|(?:今天|明天|后天)?(?:上午|下午|晚上)[0-9]{1,2}点(?:半|[0-9]{1,2}分)?|(?<![0-9])[0-2]?[0-9][:：][0-5][0-9]/g,
  },
];

/** 李女士, 王先生, 张同学: a surname and a title. */
const TITLED_NAME = /[\p{Script=Han}]{1,2}(?:先生|女士|小姐|同学|老师)/gu;

/**
 * What in `text` could become a placeholder. `known`: what the page told us about this
 * conversation (the customer's name, the order number), found as written.
 */
export function placeholderOffers(
  text: string,
  known: { customerName?: string; orderId?: string } = {},
): PlaceholderOffer[] {
  const found: (PlaceholderOffer & { at: number })[] = [];
  const add = (at: number, value: string, placeholder: string) => {
    if (value && !found.some((f) => f.text === value)) found.push({ at, text: value, placeholder });
  };
  for (const [value, placeholder] of [
    [known.customerName, '{客户称呼}'],
    [known.orderId, '{订单号}'],
  ] as const) {
    const v = value?.trim();
    if (v && text.includes(v)) add(text.indexOf(v), v, placeholder);
  }
  for (const m of text.matchAll(TITLED_NAME)) add(m.index, m[0], '{客户称呼}');
  for (const { placeholder, re } of KINDS) for (const m of text.matchAll(re)) add(m.index, m[0].trim(), placeholder);
  // A part inside another (the 8 of 12月8日 as an amount) is not offered twice.
  return found
    .filter((f) => !found.some((g) => g !== f && g.text.length > f.text.length && g.text.includes(f.text)))
    .sort((a, b) => a.at - b.at)
    .map(({ text: t, placeholder }) => ({ text: t, placeholder }));
}

/** The script body with the chosen parts replaced, and a title from it. */
export function scriptFromReply(text: string, chosen: readonly PlaceholderOffer[]): { title: string; body: string } {
  let body = text.trim();
  // Longest first: an order number is replaced before a shorter number inside it could be.
  for (const o of [...chosen].sort((a, b) => b.text.length - a.text.length))
    body = body.split(o.text).join(o.placeholder);
  return { title: deriveTitle(body), body };
}
