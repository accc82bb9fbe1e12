/**
 * Filling `{占位符}` in a script body. Pure.
 * Values come from the agent's profile now; the Insertion issue adds page values and a fill-in form.
 */
import { PLACEHOLDER_PATTERN } from '../../scripts-library/schema';
import type { AgentProfile } from '../settings';

export const CARET_PLACEHOLDER = '光标';

/** Hints shown in the fill-in form for the built-in placeholders. */
export const BUILTIN_PLACEHOLDER_EXAMPLES: ReadonlyMap<string, string> = new Map([
  ['客户称呼', '王女士'],
  ['客服工号', '1024'],
  ['客服昵称', '小美'],
  ['店铺名', '好物旗舰店'],
  ['订单号', '2026112400123'],
  ['商品', '保温杯 500ml'],
  ['时间', '24 小时'],
  ['金额', '59.00'],
  ['地址', '上海市浦东新区…'],
]);

/**
 * The value a record holds for a placeholder name, never one inherited from Object.prototype:
 * a pack may name a placeholder {constructor} or {toString}, and that is a blank to fill like
 * any other, not `function Object() { [native code] }`.
 */
export function ownValue(values: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!values || !Object.hasOwn(values, name)) return undefined;
  const value: unknown = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function profileValues(profile: AgentProfile): Record<string, string> {
  const values: Record<string, string> = {};
  if (profile.nickname) values['客服昵称'] = profile.nickname;
  if (profile.workId) values['客服工号'] = profile.workId;
  if (profile.shopName) values['店铺名'] = profile.shopName;
  return values;
}

export interface FilledText {
  text: string;
  /** Placeholder names that had no value and are still in `text` as `{name}`. */
  missing: string[];
  /** Offset in `text` where `{光标}` stood, if it did. */
  caret: number | null;
}

export function fillPlaceholders(body: string, values: Readonly<Record<string, string>>): FilledText {
  const missing = new Set<string>();
  let caret: number | null = null;
  let text = '';
  let last = 0;
  for (const m of body.matchAll(PLACEHOLDER_PATTERN)) {
    text += body.slice(last, m.index);
    last = m.index + m[0].length;
    const name = m[1]!;
    if (name === CARET_PLACEHOLDER) {
      caret ??= text.length;
      continue;
    }
    const value = ownValue(values, name);
    if (value !== undefined && value !== '') text += value;
    else {
      missing.add(name);
      text += m[0];
    }
  }
  text += body.slice(last);
  return { text, missing: [...missing], caret };
}

/**
 * Values read from the console page. An order number is taken as is when it looks like one
 * (a placeholder text such as "暂无订单" is not); the customer's nickname is only a suggestion
 * for {客户称呼} — how to address a customer is the agent's call.
 */
export function pageValues(read: { customerName?: string; orderId?: string }): {
  values: Record<string, string>;
  suggestions: Record<string, string>;
} {
  const values: Record<string, string> = {};
  const suggestions: Record<string, string> = {};
  const order = read.orderId?.match(/[A-Za-z0-9-]{6,40}/)?.[0];
  if (order && /\d{6,}/.test(order)) values['订单号'] = order;
  if (read.customerName) suggestions['客户称呼'] = read.customerName.slice(0, 40);
  return { values, suggestions };
}
