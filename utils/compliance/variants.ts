/**
 * Spellings people use to get a word past a filter. A pack phrase that contains the word on
 * the left also matches with each spelling on the right: "加微信" also catches "加vx", "加威信",
 * "加微❤". One direction only: a pack that lists "vx" alone does not start flagging every
 * "微信支付" — the team lead decides which words are forbidden, the table only widens them.
 *
 * Written after normalisation (lower case, half-width, simplified; "❤" stands for any heart).
 */
import { HEART, normalizePhrase } from './normalize';

export const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  微信: ['vx', 'wx', 'v信', 'w信', '威信', '薇信', '徽信', '微x', `微${HEART}`, `v${HEART}`, 'weixin', 'wechat'],
  支付宝: ['zfb', '支f宝', 'alipay'],
  qq: ['扣扣', '企鹅号'],
  电话: ['dh'],
  手机号: ['sjh'],
};

const NORMALIZED = Object.entries(VARIANTS).map(
  ([word, spellings]) => [normalizePhrase(word), spellings.map(normalizePhrase)] as const,
);

/**
 * Every spelling of a normalised phrase, itself first. Each occurrence of a listed word is
 * replaced on its own (one at a time), which covers real evasions without a combinatorial
 * blow-up on phrases that name two such words.
 */
export function expandVariants(normalized: string): string[] {
  const out = new Set([normalized]);
  for (const [word, spellings] of NORMALIZED) {
    let at = normalized.indexOf(word);
    while (at >= 0) {
      for (const s of spellings) out.add(normalized.slice(0, at) + s + normalized.slice(at + word.length));
      at = normalized.indexOf(word, at + 1);
    }
  }
  return [...out];
}
