/**
 * Turning the fill-in styles team leads use in Word and Excel — `[公司名称]`, `【订单号】`,
 * `XXXX`, `****`, `____`, `先生/女士`, `{{客户名}}`, `${金额}` — into our one `{占位}` syntax.
 * Pure. A blank's name comes from the words around it ("工号XXXX" → `{客服工号}`, "XXXX 先生/女士"
 * → `{客户称呼}`, "预计 XX 天内" → `{时间}`); a blank with no telling context becomes `{待填}`.
 * Brackets around words that are not a fill-in field (【温馨提示】, [图片]) are left alone.
 */
import { BUILTIN_PLACEHOLDERS, type PlaceholderDef } from '../schema';
import type { PlaceholderConversion } from './types';

type Builtin = (typeof BUILTIN_PLACEHOLDERS)[number];

const ALIAS_GROUPS: [Builtin, string[]][] = [
  [
    '店铺名',
    [
      '店铺名',
      '店铺名称',
      '店名',
      '店铺',
      '公司名称',
      '公司名',
      '公司',
      '品牌名',
      '品牌名称',
      '品牌',
      '商家名称',
      '商家名',
      '店铺全称',
    ],
  ],
  [
    '客户称呼',
    [
      '客户称呼',
      '客户姓名',
      '客户名称',
      '客户名',
      '客户昵称',
      '顾客姓名',
      '顾客名',
      '顾客称呼',
      '买家昵称',
      '买家名',
      '买家姓名',
      '会员名',
      '会员昵称',
      '姓名',
      '称呼',
      '名字',
      '先生女士',
    ],
  ],
  ['客服工号', ['客服工号', '工号', '员工号', '员工编号', '客服编号']],
  ['客服昵称', ['客服昵称', '客服名', '客服名称', '客服姓名', '客服名字', '昵称', '我的名字', '花名']],
  ['订单号', ['订单号', '订单编号', '订单号码', '单号', '订单']],
  ['商品', ['商品', '商品名称', '商品名', '产品', '产品名称', '产品名', '宝贝', '宝贝名称', '货品']],
  ['时间', ['时间', '时长', '日期', '预计时间', '具体时间', '到货时间', '处理时间']],
  ['金额', ['金额', '价格', '价钱', '退款金额', '费用', '数额', '实付金额', '优惠金额']],
  ['地址', ['地址', '收货地址', '详细地址', '退货地址', '寄回地址']],
  ['光标', ['光标']],
];
const ALIASES = new Map<string, string>();
for (const [name, list] of ALIAS_GROUPS) for (const a of list) ALIASES.set(a, name);

/** Labels for the non-built-in names this module invents, so the pack can declare them. */
export const INVENTED_PLACEHOLDERS: ReadonlyMap<string, string> = new Map([
  ['待填', '待填写的内容'],
  ['运单号', '快递单号'],
  ['电话', '联系电话'],
]);

/** Words that make a bracketed name a fill-in field even when it is not one of ours. */
const FIELD_SUFFIX =
  /(名称|名|号|号码|码|时间|日期|金额|价格|地址|电话|手机|数量|原因|链接|型号|规格|编号|姓名|公司|天数|期限|尺码|颜色|XX|xx)$/;
const NAME_OK = /^[\p{L}\p{N}_]{1,20}$/u;

const TITLE_SUFFIX = String.raw`\s*(?:先生\s*[/／或、]\s*女士|女士\s*[/／或、]\s*先生|先生|女士|小姐)`;
const PATTERN = new RegExp(
  [
    String.raw`\$\{\s*([^{}\n]{1,20}?)\s*\}`, // 1 ${x}
    String.raw`\{\{\s*([^{}\n]{1,20}?)\s*\}\}`, // 2 {{x}}
    String.raw`\{([\p{L}\p{N}_]{1,20})\}`, // 3 {x}
    String.raw`\[\s*([^\[\]\n]{1,20}?)\s*\]`, // 4 [x]
    String.raw`【\s*([^【】\n]{1,20}?)\s*】`, // 5 【x】
    String.raw`((?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|\*{2,}|＊{2,}|_{3,}|＿{3,}|×{2,})(?:(${TITLE_SUFFIX})|(\s*(?:个?工作日|小时|分钟|天)))?`, // 6 blank, 7 title suffix, 8 time unit
    String.raw`(先生\s*[/／或]\s*女士|女士\s*[/／或]\s*先生)`, // 9 先生/女士 on its own
  ].join('|'),
  'gu',
);

/** What a blank stands for, from the text just before and after it. */
function nameFromContext(before: string, after: string): string {
  const b = before.slice(-8).replace(/[\s:：]+$/, '');
  const a = after.slice(0, 6).replace(/^\s+/, '');
  if (/(快递单号|运单号|物流单号)(是|为)?$/.test(b)) return '运单号';
  if (/(工号|员工号)(是|为)?$/.test(b) || /^号客服/.test(a)) return '客服工号';
  if (/(订单号|订单编号|单号|订单)(是|为)?$/.test(b)) return '订单号';
  if (/(电话|手机|手机号|联系方式)(是|为)?$/.test(b)) return '电话';
  if (/(地址|寄回到?|寄到|寄往|寄至|发到|送到|收货地)(是|为)?$/.test(b)) return '地址';
  if (
    /[¥￥]$/.test(b) ||
    /(金额|价格|共计|合计|退款|退您|补偿|优惠|差价|运费)(是|为)?$/.test(b) ||
    /^(元|块钱|块)/.test(a)
  )
    return '金额';
  if (/(时间|日期|预计|大约|约)(是|为|在)?$/.test(b) || /^(个?工作日|小时|分钟|天|日|点|号前|之内|内)/.test(a))
    return '时间';
  if (/(欢迎光临|欢迎来到|感谢光临|感谢您光临|这里是|本店|公司|店铺)$/.test(b)) return '店铺名';
  if (/(商品|产品|宝贝|型号|款式)(是|为)?$/.test(b)) return '商品';
  if (/(我是|我叫|客服)$/.test(b)) return '客服昵称';
  return '待填';
}

function bracketName(inner: string, explicit: boolean): string | null {
  const compact = inner.replace(/\s+/g, '');
  const known = ALIASES.get(compact);
  if (known) return known;
  if (!NAME_OK.test(compact)) return null;
  return explicit || FIELD_SUFFIX.test(compact) ? compact : null;
}

export function convertPlaceholderStyles(text: string): { text: string; conversions: PlaceholderConversion[] } {
  const conversions: PlaceholderConversion[] = [];
  const out = text.replace(PATTERN, (match: string, ...args: unknown[]) => {
    const [dollar, double, single, square, lenticular, blank, titleSuffix, unit, titleAlone] = args as (
      string | undefined
    )[];
    const offset = args[9] as number;
    let keep = '';
    let name: string | null = null;
    if (dollar !== undefined) name = bracketName(dollar, true);
    else if (double !== undefined) name = bracketName(double, true);
    else if (single !== undefined) {
      const alias = ALIASES.get(single);
      if (!alias || alias === single) return match; // already ours (or a name we do not know: kept and declared)
      name = alias;
    } else if (square !== undefined) name = bracketName(square, false);
    else if (lenticular !== undefined) name = bracketName(lenticular, false);
    else if (blank !== undefined) {
      if (titleSuffix) name = '客户称呼';
      else {
        // "预计 XX 天内" → "预计 {时间}内": the unit goes into the value ({时间} = "3 天").
        const end = offset + blank.length;
        name = nameFromContext(text.slice(Math.max(0, offset - 12), offset), text.slice(end, end + 8));
        if (unit && name !== '时间') keep = unit;
        match = blank;
      }
    } else if (titleAlone !== undefined) name = '客户称呼';
    if (!name) return match;
    const to = `{${name}}`;
    conversions.push({ from: match + (unit && !keep ? unit : ''), to });
    return to + keep;
  });
  // "[客户姓名]先生/女士" is one form of address: {客户称呼} already carries the 先生/女士.
  const merged = out.replace(/\{客户称呼\}\s*\{客户称呼\}/g, '{客户称呼}');
  return { text: merged, conversions };
}

/** Declarations for every non-built-in `{name}` used, keeping labels the caller already has. */
export function declarePlaceholders(
  used: Iterable<string>,
  existing: readonly PlaceholderDef[] = [],
): PlaceholderDef[] {
  const builtin = new Set<string>(BUILTIN_PLACEHOLDERS);
  const byName = new Map(existing.map((p) => [p.name, p]));
  for (const name of used) {
    if (builtin.has(name) || byName.has(name)) continue;
    byName.set(name, { name, label: INVENTED_PLACEHOLDERS.get(name) ?? name, example: '' });
  }
  return [...byName.values()];
}
