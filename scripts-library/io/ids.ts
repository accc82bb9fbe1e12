/** Deterministic ids for imported situations and scripts. Pure. */
import { hash53 } from '../hash';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * hash53 in 11 base-36 digits (`toString(36).padStart(11, '0')`, which ids already stored were
 * made with), by integer division: Number's radix conversion took most of an import's id time
 * at 200,000 scripts.
 */
export function shortHash(text: string): string {
  let h = hash53(text);
  let out = '';
  for (let i = 0; i < 11; i++) {
    const q = Math.floor(h / 36);
    out = BASE36[h - q * 36]! + out;
    h = q;
  }
  return out;
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Ids come from names, so importing the same sheet again gives the same ids and a re-import
 * updates scripts instead of duplicating them. Situation ids hang off the whole path; script
 * ids off the situation path and the title.
 */
export const situationIdFor = (path: readonly string[]) => `s-${shortHash(path.join('\u0001'))}`;
export const scriptIdFor = (path: readonly string[], title: string) =>
  `t-${shortHash(`${path.join('\u0001')}\u0000${title}`)}`;

/**
 * `base`, or `base-2`, `base-3` … the first one not yet taken (within the 64-character limit).
 * Pass the same `next` map for a whole import: it remembers where each base's count got to,
 * so a title used a thousand times in one situation is not quadratic.
 */
export function uniqueId(base: string, taken: Set<string>, next?: Map<string, number>): string {
  if (!taken.has(base)) return base;
  for (let n = next?.get(base) ?? 2; ; n++) {
    const suffix = `-${n}`;
    const id = base.slice(0, 64 - suffix.length) + suffix;
    if (!taken.has(id)) {
      next?.set(base, n + 1);
      return id;
    }
  }
}
