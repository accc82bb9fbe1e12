/**
 * Toneless pinyin for the words of the term dictionary, and matching of what an agent types
 * with the input method off (tuihuo, th, tuih, wlsh) against it.
 *
 * pinyin-pro is called once per distinct character (all readings) and once per distinct short
 * term (the reading in context), never per script and never over the library at query time:
 * converting at query time over all scripts costs hundreds of milliseconds at 50,000.
 */
import { pinyin, polyphonic } from 'pinyin-pro';
import { isHan, isLatin } from './normalize';

/** Readings of one position of a term: the likely one first. Empty: a separator. */
export type Readings = readonly string[];

const charCache = new Map<number, Readings>();
const NO_READING: Readings = [];

/** All toneless readings of a character, most common first, ü written `v` as IMEs type it. */
export function charReadings(code: number): Readings {
  let r = charCache.get(code);
  if (r) return r;
  if (isHan(code)) {
    const all = polyphonic(String.fromCharCode(code), { toneType: 'none', type: 'array', v: true })[0] ?? [];
    // Rare literary readings only add false matches; three cover real polyphones (行 xing/hang).
    r = [...new Set(all.filter((s) => /^[a-z]+$/.test(s)))].slice(0, 3);
  } else if (isLatin(code)) {
    r = [String.fromCharCode(code)];
  } else {
    r = NO_READING;
  }
  charCache.set(code, r);
  return r;
}

/**
 * Readings per position of a folded term. `inContext` asks pinyin-pro for the reading of the
 * whole word (重新 → chong, 还款 → huan) and puts it first; worth it for the few hundred
 * keywords, tags and situation names, not for every title.
 */
export function termReadings(term: string, inContext: boolean): Readings[] {
  const out: Readings[] = [];
  for (let i = 0; i < term.length; i++) out.push(charReadings(term.charCodeAt(i)));
  if (inContext && out.some((r) => r.length > 1)) {
    const ctx = pinyin(term, { toneType: 'none', type: 'array', v: true });
    if (ctx.length === term.length) {
      for (let i = 0; i < out.length; i++) {
        const r = out[i]!;
        const first = ctx[i];
        if (r.length > 1 && first && r.includes(first) && r[0] !== first)
          out[i] = [first, ...r.filter((s) => s !== first)];
      }
    }
  }
  return out;
}

/** Contextual toneless syllables of a folded Chinese query word, one per character. */
export function syllablesOf(text: string): string[] {
  const ctx = pinyin(text, { toneType: 'none', type: 'array', v: true });
  if (ctx.length === text.length) return ctx.map((s, i) => (isHan(text.charCodeAt(i)) ? s : ''));
  return [...text].map((ch) => charReadings(ch.charCodeAt(0))[0] ?? '');
}

/**
 * Near-homophones that Chinese speakers and fuzzy-pinyin input methods confuse: flat and
 * retroflex initials (z/zh, c/ch, s/sh), n/l, and front/back nasals (an/ang, en/eng, in/ing).
 * 推货 is an exact homophone of 退货; these catch the next ring of typos.
 */
export function fuzzySyllable(s: string): string {
  let out = s;
  if (out.startsWith('zh') || out.startsWith('ch') || out.startsWith('sh')) out = out[0] + out.slice(2);
  if (out.startsWith('l')) out = 'n' + out.slice(1);
  if (out.endsWith('ng') && !out.endsWith('ong')) out = out.slice(0, -1);
  return out;
}

export interface LatinMatch {
  /** Positions of the term consumed: the match is `term.slice(pos, pos + length)`. */
  length: number;
  /** Query letters typed for the syllables, over the letters those syllables have. */
  completeness: number;
  /** Every position matched its first (contextual) reading. */
  primary: boolean;
}

/**
 * Does latin `query` spell the term from position `pos` on, each syllable typed in full or
 * as a prefix (tuihuo, tuih, th, thyf)? Tries the longest prefix of each syllable first and
 * backtracks (xian: xian or xi+an). Terms are short, so the search is tiny.
 */
export function matchLatinAt(query: string, readings: readonly Readings[], pos: number): LatinMatch | null {
  return walkLatin(query, readings, pos, 0, pos, 0, 0, true);
}

function walkLatin(
  query: string,
  readings: readonly Readings[],
  start: number,
  qi: number,
  p: number,
  typed: number,
  full: number,
  primary: boolean,
): LatinMatch | null {
  if (qi === query.length) return { length: p - start, completeness: typed / Math.max(1, full), primary };
  const rs = readings[p];
  if (!rs || rs.length === 0) return null;
  for (let r = 0; r < rs.length; r++) {
    const s = rs[r]!;
    let k = 0;
    while (k < s.length && qi + k < query.length && s.charCodeAt(k) === query.charCodeAt(qi + k)) k++;
    for (; k >= 1; k--) {
      const m = walkLatin(query, readings, start, qi + k, p + 1, typed + k, full + s.length, primary && r === 0);
      if (m) return m;
    }
  }
  return null;
}

/** Letters that can start the second syllable of `query` — the buckets worth looking in. */
export function secondSyllableStarts(query: string): string[] {
  const out = new Set<string>();
  for (let k = 1; k < Math.min(query.length, 7); k++) out.add(query[k]!);
  return [...out];
}
