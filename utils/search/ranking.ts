/**
 * How matches become a score. Text relevance comes first; the agent's own use and the
 * conversation's situation only reorder scripts that match about equally well.
 */
import {
  bigramKey,
  FIELD_BODY,
  FIELD_HEAD,
  FIELD_KEYWORDS,
  FIELD_PURPOSE,
  FIELD_SITUATION,
  FIELD_TAGS,
  FIELD_TITLE,
} from './units';
import type { UsageStats } from './types';

/** What an agent names a script by weighs most: title and situation above keywords above body. */
const FIELD_WEIGHTS: [bit: number, weight: number][] = [
  [FIELD_TITLE, 1],
  [FIELD_SITUATION, 0.9],
  [FIELD_KEYWORDS, 0.8],
  [FIELD_TAGS, 0.7],
  [FIELD_PURPOSE, 0.45],
  [FIELD_BODY, 0.35],
];

/**
 * Score of a unit found in a set of fields: the best field, plus a little for each other
 * short field it is also in (a word in the title and the keywords is a surer match than in
 * one). Repeating a word in the body or purpose adds next to nothing.
 */
export const FIELD_SCORE = (() => {
  const table = new Float32Array(64);
  for (let mask = 1; mask < 64; mask++) {
    let max = 0;
    let best = 0;
    for (const [bit, w] of FIELD_WEIGHTS)
      if (mask & bit && w > max) {
        max = w;
        best = bit;
      }
    let extra = 0;
    for (const [bit, w] of FIELD_WEIGHTS) if (mask & bit && bit !== best) extra += (bit & FIELD_HEAD ? 0.1 : 0.02) * w;
    table[mask] = max + extra;
  }
  return table;
})();

/**
 * Weight of a unit (character, pair or latin word): rare in the library, and concentrated in
 * few situations. 衣服 or 收到 occur in every situation and count little; 压扁 or 发票 point
 * at one. `docFrequency` counts scripts, `situationFrequency` situations.
 */
export function unitWeight(docFrequency: number, situationFrequency: number, docs: number, situations: number): number {
  const idf = Math.log(1 + docs / Math.max(1, docFrequency));
  const s = Math.max(1, situations);
  const concentration = Math.log(1 + s / Math.max(1, Math.min(situationFrequency, s))) / Math.log(1 + s);
  return idf * (0.3 + 0.7 * concentration);
}

/**
 * Words of everyday chat that say nothing about the situation (东西坏了: 坏了 matters, 东西
 * does not). Library statistics find such words in a large library; in a small one — a
 * shop's 200 scripts — 东西 may be as rare as 坏了, so a short list keeps customers'
 * sentences pointing at what they are about. Weight × GENERIC_FACTOR.
 */
const GENERIC_WORDS =
  '什么 怎么 这个 那个 一下 东西 可以 没有 我们 你们 他们 就是 还是 已经 时候 为什 是不 能不 一个 不是 现在 知道 ' +
  '这样 这么 那么 还有 但是 因为 所以 如果 的话 一直 真的 请问 谢谢 好的 了吗 的吗 是的 我的 你的 您的 我要 我想 ' +
  '一点 有点 怎样 多少 哪里 为啥 帮我 给我 一样 这边 那边 还没 不了 了吧';
export const GENERIC_FACTOR = 0.3;
export const genericPairKeys: ReadonlySet<number> = new Set(
  GENERIC_WORDS.split(' ').map((w) => bigramKey(w.charCodeAt(0), w.charCodeAt(1))),
);

/** An exact shortcut code outranks any text match. */
export const SHORTCUT_EXACT_SCORE = 10;
/** `/th` lists th1, th2 … about as high as a title match. */
export const SHORTCUT_PREFIX_SCORE = 0.95;
/** `th` without the slash: shortcut codes starting with it, below a title that says 退货. */
export const SHORTCUT_PREFIX_BARE_SCORE = 0.5;

/** Up to +35 % for a script the agent uses a lot, lately. */
export const USAGE_WEIGHT = 0.35;
/** Scripts of the conversation's situation, and of its sibling situations. */
export const SITUATION_BOOST = 1.3;
export const SIBLING_SITUATION_BOOST = 1.1;

const DAY = 24 * 60 * 60 * 1000;
export const USAGE_HALF_LIFE_DAYS = 14;

/**
 * 0…1 from how often (with uses fading over two weeks) and how lately the script was used.
 * Saturates: the tenth use in a week adds little over the fifth.
 */
export function usageBoost(stats: UsageStats | undefined, now: number): number {
  if (!stats || stats.count <= 0) return 0;
  const ageDays = Math.max(0, now - stats.lastUsedAt) / DAY;
  const frecency = stats.frecency ?? stats.count * Math.pow(0.5, ageDays / USAGE_HALF_LIFE_DAYS);
  const frequency = 1 - Math.exp(-frecency / 4);
  const recency = Math.exp(-ageDays);
  return 0.7 * frequency + 0.3 * recency;
}
