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
  const source = cue.slice(CUE_PATTERN_PREFIX.length);
  const compiled = compilePattern(source);
  if (!compiled.ok) return null;
  const required = requiredLiterals(source);
  return {
    matches(text) {
      // Most patterns cannot match most clauses: a text lacking one of the literals every match
      // holds is not given to the engine (a few substring checks instead of a pass of RE2).
      if (required.some((alternatives) => !alternatives.some((a) => text.includes(a)))) return [];
      return compiled.matchAll(text).map((m) => ({ at: m.start, end: m.end }));
    },
  };
}

const SPECIAL = /[\\.^$|?*+()[\]{}]/;

/** Index just past the atom (character, escape, class or group) that starts at `at`. */
function atomEnd(source: string, at: number): number {
  const c = source[at];
  if (c === '\\') {
    const next = source[at + 1];
    if (next === 'u' && source[at + 2] === '{') return source.indexOf('}', at) + 1 || source.length;
    if (next === 'u') return at + 6;
    if (next === 'x') return at + 4;
    if ((next === 'p' || next === 'P') && source[at + 2] === '{') return source.indexOf('}', at) + 1 || source.length;
    return at + 2;
  }
  if (c === '[') {
    for (let i = at + 1; i < source.length; i++) {
      if (source[i] === '\\') i++;
      else if (source[i] === ']' && i > at + 1) return i + 1;
    }
    return source.length;
  }
  if (c === '(') {
    let depth = 0;
    for (let i = at; i < source.length; i++) {
      const ch = source[i];
      if (ch === '\\') i++;
      else if (ch === '[') i = atomEnd(source, i) - 1;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return i + 1;
    }
    return source.length;
  }
  return at + 1;
}

/**
 * What every match must contain, read from the pattern's top-level sequence: per required part,
 * the literal texts one of which is in every match — a run of plain characters (还是, 满), or a
 * group of plain alternatives ((运费|邮费)). Parts made optional (?, *, {0,…}) and anything not
 * plain (classes, `.`, escapes, nested groups) require nothing. Empty when it cannot tell (a
 * top-level `|`): then the pattern always runs. Never more than the pattern requires, so the
 * skip loses no match.
 */
export function requiredLiterals(source: string): string[][] {
  // `joinsAt`: where a plain character would continue this part's single literal (-1: nowhere).
  const parts: { alternatives: string[]; joinsAt: number }[] = [];
  for (let at = 0; at < source.length;) {
    const c = source[at]!;
    if (c === '|') return [];
    let end = atomEnd(source, at);
    let alternatives: string[] | undefined;
    if (c === '(' && !source.startsWith('(?', at)) {
      const inner = source.slice(at + 1, end - 1).split('|');
      if (inner.every((a) => a && !SPECIAL.test(a))) alternatives = inner;
    } else if (!SPECIAL.test(c)) alternatives = [c];
    const quantifier = source[end];
    const repeats = quantifier === '?' || quantifier === '*' || quantifier === '+' || quantifier === '{';
    const optional = quantifier === '?' || quantifier === '*' || (quantifier === '{' && source[end + 1] === '0');
    if (quantifier === '{') end = source.indexOf('}', end) + 1 || source.length;
    else if (repeats) end++;
    if (repeats && source[end] === '?') end++; // lazy
    if (alternatives && !optional) {
      const last = parts.at(-1);
      // Plain characters in a row are one literal (还 then 是 → 还是), when none repeats.
      if (!repeats && alternatives.length === 1 && last?.joinsAt === at) last.alternatives[0] += alternatives[0]!;
      else parts.push({ alternatives, joinsAt: -1 });
      parts.at(-1)!.joinsAt = !repeats && alternatives.length === 1 ? end : -1;
    }
    at = end;
  }
  return parts.map((p) => p.alternatives);
}
