/**
 * Text as the forbidden-phrase matcher sees it: the search engine's character folding
 * (full-width → half-width, case, traditional → simplified) plus dropping whatever an agent —
 * or a customer teaching them tricks — puts between the characters of a phrase to slip past a
 * check: spaces, punctuation, zero-width characters, emoji ("加 微.信", "v x", "加🙂微信").
 * Hearts are kept as one "❤" because "微❤" is itself a way to write 微信.
 *
 * Every kept character remembers where it came from, so a match in the folded text maps back
 * to a range of the original text for highlighting.
 */
import { foldCode } from '../search/normalize';

export interface NormalizedText {
  /** Folded text without separators. */
  text: string;
  /** For each character of `text`: its start and end (exclusive) in the original string. */
  starts: Int32Array;
  ends: Int32Array;
}

/** The one heart every heart-like symbol becomes. */
export const HEART = '\u2764';
const HEART_CODE = 0x2764;
const HEARTS = new Set([
  0x2764, 0x2665, 0x2661, 0x2763, 0x1f493, 0x1f494, 0x1f495, 0x1f496, 0x1f497, 0x1f498, 0x1f499, 0x1f49a, 0x1f49b,
  0x1f49c, 0x1f49d, 0x1f9e1, 0x1f90d, 0x1f90e, 0x1f5a4,
]);

/** ASCII punctuation that only separates; `% # @ & + = $` carry meaning ("100%", "@qq.com") and stay. */
const ASCII_SEPARATORS = new Set([...'!"\'()*,-./:;<>?[\\]^_`{|}~'].map((c) => c.charCodeAt(0)));

/** After folding: true for characters the matcher skips. */
export function isSeparator(code: number): boolean {
  if (code <= 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad || code === 0xb7) return true;
  if (code < 0x7f) return ASCII_SEPARATORS.has(code);
  return (
    (code >= 0x2000 && code <= 0x206f) || // general punctuation: spaces, zero-width, dashes, quotes, …
    (code >= 0x2190 && code <= 0x21ff) || // arrows
    (code >= 0x2500 && code <= 0x27bf) || // box drawing, shapes, misc symbols, dingbats (emoji-like)
    (code >= 0x2b00 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f && code !== 0x3007) || // CJK punctuation (keep 〇)
    (code >= 0xfe00 && code <= 0xfe0f) || // variation selectors (❤️)
    (code >= 0xfe10 && code <= 0xfe6f) || // vertical / small forms
    code === 0xfeff ||
    (code >= 0xff5f && code <= 0xff65)
  );
}

let starts = new Int32Array(256);
let ends = new Int32Array(256);

/**
 * Normalise `text`. The returned offset arrays are reused by the next call (the matcher runs
 * on every keystroke and copies what it keeps); take a copy to hold on to them.
 */
export function normalizeForMatch(text: string): NormalizedText {
  if (starts.length < text.length) {
    starts = new Int32Array(text.length * 2);
    ends = new Int32Array(text.length * 2);
  }
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let code = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    let kept: number;
    if (HEARTS.has(code)) kept = HEART_CODE;
    else if (width === 2 || (code >= 0xd800 && code <= 0xdfff))
      kept = -1; // emoji and other astral symbols
    else {
      kept = foldCode(code);
      if (isSeparator(kept)) kept = -1;
    }
    if (kept >= 0) {
      starts[out.length] = i;
      ends[out.length] = i + width;
      out.push(kept);
    }
    i += width - 1;
  }
  let folded = '';
  // Chunked: String.fromCharCode with a huge argument list overflows the stack.
  for (let k = 0; k < out.length; k += 4096) folded += String.fromCharCode(...out.slice(k, k + 4096));
  return { text: folded, starts, ends };
}

/** The normalised form of a phrase (no offsets). */
export function normalizePhrase(phrase: string): string {
  return normalizeForMatch(phrase).text;
}

/** a–z, 0–9 after folding. */
export function isLatinAlnum(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}
