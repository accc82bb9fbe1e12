/**
 * Which parts of a hit to mark. Computed for the returned hits only (a page of 20, not the
 * library), on the original text: folding keeps positions, so offsets need no mapping.
 */
import { foldCode, foldText, isHan } from './normalize';
import type { HighlightField, SearchDoc, SearchHit } from './types';
import { bigramKey } from './units';

/** `keywords` highlights are offsets into the keywords joined with this. */
export const KEYWORD_SEPARATOR = '、';
/** `situation` highlights are offsets into the situation path joined with this. */
export const SITUATION_SEPARATOR = ' / ';

/** The text a field's highlight ranges refer to. */
export function highlightText(doc: SearchDoc, field: HighlightField): string {
  switch (field) {
    case 'title':
      return doc.title;
    case 'body':
      return doc.body;
    case 'purpose':
      return doc.purpose;
    case 'keywords':
      return doc.keywords.join(KEYWORD_SEPARATOR);
    case 'situation':
      return doc.situationPath.join(SITUATION_SEPARATOR);
  }
}

/** What the query matched, as Chinese words (after pinyin and homophones) and latin words. */
export class Needles {
  private readonly pairs = new Set<number>();
  private readonly chars = new Set<number>();
  private readonly latin = new Set<string>();

  /** A word marks its character pairs; a one-character word marks the character. */
  addHan(text: string): void {
    if (text.length === 1) this.chars.add(text.charCodeAt(0));
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (isHan(a) && isHan(b)) this.pairs.add(bigramKey(a, b));
    }
  }

  addLatin(word: string): void {
    this.latin.add(word);
  }

  get empty(): boolean {
    return !this.pairs.size && !this.chars.size && !this.latin.size;
  }

  ranges(text: string): [number, number][] {
    const marks = new Uint8Array(text.length);
    let any = false;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = foldCode(text.charCodeAt(i));
      if (!isHan(c)) {
        prev = -1;
        continue;
      }
      if (this.chars.has(c)) marks[i] = 1;
      if (prev >= 0 && this.pairs.has(bigramKey(prev, c))) marks[i - 1] = marks[i] = 1;
      any ||= marks[i] === 1;
      prev = c;
    }
    if (this.latin.size) {
      const folded = foldText(text);
      for (const w of this.latin) {
        for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) {
          // Whole latin words only: `th` must not light up inside `method`.
          const before = at > 0 ? folded.charCodeAt(at - 1) : 0;
          const after = at + w.length < folded.length ? folded.charCodeAt(at + w.length) : 0;
          if (isWordChar(before) || isWordChar(after)) continue;
          marks.fill(1, at, at + w.length);
          any = true;
        }
      }
    }
    if (!any) return [];
    const out: [number, number][] = [];
    for (let i = 0; i < marks.length; i++) {
      if (!marks[i]) continue;
      let j = i;
      while (j < marks.length && marks[j]) j++;
      out.push([i, j]);
      i = j;
    }
    return out;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

const FIELDS: HighlightField[] = ['title', 'situation', 'keywords', 'purpose', 'body'];

export function highlightsFor(doc: SearchDoc, needles: Needles): SearchHit['highlights'] {
  if (needles.empty) return [];
  const out: SearchHit['highlights'] = [];
  for (const field of FIELDS) {
    const ranges = needles.ranges(highlightText(doc, field));
    if (ranges.length) out.push({ field, ranges });
  }
  return out;
}
