/**
 * Characters that change how text looks without being seen: bidi controls (「退款金额\u202E元001\u202C」
 * displays as 「退款金额100元」) and zero-width or blank-looking characters (`x\u200B1` looks like
 * `x1`). Pack text comes from many hands, so wherever we show it these are made visible, ids
 * refuse them, and names that differ only by them count as the same name. Pure.
 */

/** Bidi embeddings, overrides, isolates and marks. */
const BIDI = String.raw`\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069`;
/** Zero-width, invisible operators, fillers, BOM, soft hyphen, tag characters. */
const ZERO_WIDTH = String.raw`\u00AD\u115F\u1160\u180E\u200B\u200C\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}`;
/** Combining marks that show nothing; alternatives, not class members (they would join the character before). */
const INVISIBLE_MARKS = String.raw`\u034F|\u17B4|\u17B5`;
/** The zero-width joiner, except inside an emoji sequence (🙇‍♀️ is 🙇 + ZWJ + ♀). */
const JOINER = String.raw`\u200D(?!\p{Extended_Pictographic})`;

const SOURCE = `[${BIDI}${ZERO_WIDTH}]|${INVISIBLE_MARKS}|${JOINER}`;
const ANY = new RegExp(SOURCE, 'u');
const ALL = new RegExp(SOURCE, 'gu');
const BIDI_ONLY = new RegExp(`[${BIDI}]`, 'u');

export function hasInvisible(text: string): boolean {
  return ANY.test(text);
}

export function isBidiControl(ch: string): boolean {
  return BIDI_ONLY.test(ch);
}

/** `U+200B` for one character. */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Each invisible character as `⟨U+XXXX⟩`, for messages: `x⟨U+200B⟩1`. */
export function showInvisible(text: string): string {
  return text.replace(ALL, (ch) => `⟨${codePointLabel(ch)}⟩`);
}

/** Without its invisible characters: what the name looks like, for comparing names. */
export function withoutInvisible(text: string): string {
  return text.replace(ALL, '');
}

export interface TextPart {
  text: string;
  /** An invisible character, shown as a marker (its `text` is the `⟨U+XXXX⟩` label). */
  invisible: boolean;
}

/** Text split into plain runs and markers for its invisible characters, for rendering. */
export function splitInvisible(text: string): TextPart[] {
  if (!hasInvisible(text)) return [{ text, invisible: false }];
  const out: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(ALL)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), invisible: false });
    out.push({ text: `⟨${codePointLabel(m[0])}⟩`, invisible: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), invisible: false });
  return out;
}
