/**
 * `re:` cues (客户常说 with a variable part: 三天了还没发, 满300减50) run on customer text, and
 * a team's pack is not trusted code: they compile through the same linear-time engine as
 * forbidden-phrase patterns (./patterns.ts, RE2), so a hostile or careless pattern cannot stall
 * the panel. Pure.
 */
import { compilePattern } from './patterns';

export const CUE_PATTERN_PREFIX = 're:';

export interface CuePattern {
  /** Every non-empty match in `text`, left to right, not overlapping. */
  matches(text: string): { at: number; end: number }[];
}

/** Compiles a `re:` cue; null when it is not one, is invalid, or matches empty text (it would match everywhere). */
export function compileCuePattern(cue: string): CuePattern | null {
  if (!cue.startsWith(CUE_PATTERN_PREFIX)) return null;
  const compiled = compilePattern(cue.slice(CUE_PATTERN_PREFIX.length));
  if (!compiled.ok) return null;
  const first = firstCharacters(cue.slice(CUE_PATTERN_PREFIX.length));
  return {
    matches(text) {
      // Most patterns cannot match most clauses: skip the engine when no match could start here.
      if (first && ![...first].some((c) => text.includes(c))) return [];
      return compiled.matchAll(text).map((m) => ({ at: m.start, end: m.end }));
    },
  };
}

const SPECIAL = /[\\.^$|?*+()[\]{}]/;

/**
 * The characters every match must start with, when the pattern says so plainly: a literal first
 * character (满[0-9]+减) or a first group of literal alternatives ((运费|邮费)是多少), not made
 * optional. Undefined when it cannot tell (then the pattern always runs).
 */
export function firstCharacters(source: string): Set<string> | undefined {
  const optional = (next: string | undefined) => next === '?' || next === '*' || next === '{';
  if (!source) return undefined;
  if (!SPECIAL.test(source[0]!)) return optional(source[1]) ? undefined : new Set([source[0]!]);
  if (source[0] !== '(' || source.startsWith('(?')) return undefined;
  const close = source.indexOf(')');
  const alternatives = source.slice(1, close).split('|');
  if (close < 0 || optional(source[close + 1]) || alternatives.some((a) => !a || [...a].some((c) => SPECIAL.test(c))))
    return undefined;
  return new Set(alternatives.map((a) => a[0]!));
}
