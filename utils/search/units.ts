/**
 * What the inverted index is keyed by: single Han characters, pairs of adjacent Han
 * characters, and latin words — each a non-negative 31-bit integer, so the index needs no
 * strings and no word segmentation (Chinese has no spaces, and a segmenter would split a
 * customer's 压扁了 differently from a script's 压坏).
 *
 * Characters are indexed in the short fields only (title, situation, keywords, tags): in a
 * body, single characters match everything and would double the index. Pairs are indexed
 * everywhere.
 */
import { FOLD_TABLE, HAN_FIRST, HAN_LAST, isHan } from './normalize';

/** Which field a unit was found in; a posting keeps the set of them in its low 6 bits. */
export const FIELD_TITLE = 1;
export const FIELD_SITUATION = 2;
export const FIELD_KEYWORDS = 4;
export const FIELD_TAGS = 8;
export const FIELD_PURPOSE = 16;
export const FIELD_BODY = 32;
/** Short fields: where a word says what the script is about. */
export const FIELD_HEAD = FIELD_TITLE | FIELD_SITUATION | FIELD_KEYWORDS | FIELD_TAGS;
export const FIELD_BITS = 6;
export const FIELD_MASK = (1 << FIELD_BITS) - 1;

const HAN_SPAN = HAN_LAST - HAN_FIRST + 1;
const BIGRAM_BASE = 0x10000;
/** Above every pair key (0x10000 + 0x6c00² < 2³⁰). */
const LATIN_BASE = 0x40000000;

export function bigramKey(a: number, b: number): number {
  return BIGRAM_BASE + (a - HAN_FIRST) * HAN_SPAN + (b - HAN_FIRST);
}

/** The two characters of a pair key. */
export function pairChars(key: number): [first: number, second: number] {
  const offset = key - BIGRAM_BASE;
  return [HAN_FIRST + Math.floor(offset / HAN_SPAN), HAN_FIRST + (offset % HAN_SPAN)];
}

/**
 * Latin words are hashed into 30 bits rather than numbered, so segments need no shared word
 * table. A collision (two words out of ~10⁹) only adds a stray match.
 */
export function latinKey(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return LATIN_BASE + ((h >>> 0) & (LATIN_BASE - 1));
}

/** A reusable list of (unit key, field bit) pairs, grown as needed. */
export class UnitBuffer {
  keys = new Int32Array(1024);
  fields = new Uint8Array(1024);
  length = 0;

  push(key: number, field: number): void {
    if (this.length === this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const fields = new Uint8Array(this.fields.length * 2);
      fields.set(this.fields);
      this.fields = fields;
    }
    this.keys[this.length] = key;
    this.fields[this.length++] = field;
  }
}

/** Appends the units of one field's text. */
export function scanUnits(text: string, field: number, withChars: boolean, out: UnitBuffer): void {
  // Imported bindings read once: run unbundled (Node, the bench, the pack tool) each read is
  // a getter call, which was a third of a 200,000-script build.
  const fold = FOLD_TABLE;
  const hanFirst = HAN_FIRST;
  const hanLast = HAN_LAST;
  let prev = -1; // previous Han character, for pairs
  let latinHash = 0;
  let latinLength = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? fold[text.charCodeAt(i)]! : 0;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (latinLength === 0) latinHash = 0x811c9dc5;
      latinHash = Math.imul(latinHash ^ c, 0x01000193);
      latinLength++;
      prev = -1;
      continue;
    }
    if (latinLength > 0) {
      out.push(LATIN_BASE + ((latinHash >>> 0) & (LATIN_BASE - 1)), field);
      latinLength = 0;
    }
    if (c >= hanFirst && c <= hanLast) {
      if (withChars) out.push(c, field);
      if (prev >= 0) out.push(BIGRAM_BASE + (prev - hanFirst) * HAN_SPAN + (c - hanFirst), field);
      prev = c;
    } else {
      prev = -1;
    }
  }
}

/** Distinct characters and pairs of a folded Han query word, in order of first occurrence. */
export function hanUnits(word: string): { chars: number[]; bigrams: number[] } {
  const chars: number[] = [];
  const bigrams: number[] = [];
  let prev = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!isHan(c)) {
      prev = -1;
      continue;
    }
    if (!chars.includes(c)) chars.push(c);
    if (prev >= 0) {
      const k = bigramKey(prev, c);
      if (!bigrams.includes(k)) bigrams.push(k);
    }
    prev = c;
  }
  return { chars, bigrams };
}
