/**
 * Character folding shared by the index and the query: full-width → half-width, upper → lower
 * case, traditional → simplified. Every fold maps one UTF-16 unit to one UTF-16 unit, so a
 * position in folded text is the same position in the original — highlights depend on that.
 */
import { TRADITIONAL_PAIRS } from './traditional';

/** One entry per BMP code unit: its folded form. Built once; a lookup per character. */
export const FOLD_TABLE = (() => {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 0x20; // A–Z
  // Full-width ASCII (what an input method types with 全角 on): ！…～ → !…~, then lower-cased.
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const half = c - 0xfee0;
    table[c] = half >= 0x41 && half <= 0x5a ? half + 0x20 : half;
  }
  table[0x3000] = 0x20; // ideographic space
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2)
    table[TRADITIONAL_PAIRS.charCodeAt(i)] = TRADITIONAL_PAIRS.charCodeAt(i + 1);
  return table;
})();

export function foldCode(code: number): number {
  return FOLD_TABLE[code]!;
}

/** Same length as `text`, position for position. */
export function foldText(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = FOLD_TABLE[c]!;
    if (f !== c) changed = true;
    out += String.fromCharCode(f);
  }
  return changed ? out : text;
}

/**
 * Han characters we index. The range is the BMP block used by simplified and traditional
 * Chinese (Extension A + Unified Ideographs); characters outside it are rare in 话术 and are
 * treated as separators, which keeps bigram keys inside a 31-bit integer (see units.ts).
 */
export const HAN_FIRST = 0x3400;
export const HAN_LAST = 0x9fff;

export function isHan(code: number): boolean {
  return code >= HAN_FIRST && code <= HAN_LAST;
}

/** a–z, 0–9 after folding: the letters of pinyin, shortcut codes and latin words. */
export function isLatin(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}
