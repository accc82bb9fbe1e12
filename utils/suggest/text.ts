/**
 * A customer's message made readable for the classifier: folded like search text (full-width,
 * upper case, traditional characters), emoji taken out (emoji cues are read on the raw text),
 * chat shorthand spelled out, and the message cut into clauses — customers separate sentences
 * with spaces as often as with punctuation.
 */
import { foldText } from '../search/normalize';
import { SHORTHAND } from './reading';

export interface Clause {
  text: string;
  /** Asks something: these say what the customer wants, more than the story around them. */
  question: boolean;
}

const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}/gu;
const QUESTION_WORDS = /吗|呢|么|怎|什么|啥|多久|多少|几|哪|能不能|可不可以|可以不|是不是|有没有|会不会|要不要|咋/;

/** Folded, emoji removed, spaces collapsed. */
export function cleanText(raw: string): string {
  return foldText(raw.replace(EMOJI, ' ')).replace(/\s+/g, ' ').trim();
}

/** `kd到哪了` → `快递到哪了`: shorthand only as a latin word of its own (not `th` in "this"). */
export function expandShorthand(clean: string): string {
  return clean.replace(/(?<![a-z0-9])[a-z]+(?![a-z0-9])/g, (word) => SHORTHAND[word] ?? word);
}

/** Stands for a space between two latin words while the message is cut. */
const WORD_SPACE = '\u0001';

/**
 * `碗碎了一个，能补发吗？要拍照吗？` → three clauses, the last two questions. A space between
 * two latin words does not cut: `thank you` and pinyin typed with the input method off
 * (`tuikuan shenme shihou dao`) are one clause.
 */
export function clausesOf(clean: string): Clause[] {
  const out: Clause[] = [];
  const re = /([^。!?;,、\s~…．.\n]+)([。!?;,、\s~…．.\n]*)/g;
  const joined = clean.replace(/(?<=[a-z0-9]) (?=[a-z0-9])/g, WORD_SPACE);
  for (let m = re.exec(joined); m; m = re.exec(joined)) {
    const text = m[1]!.replaceAll(WORD_SPACE, ' ');
    if (!/[\p{Script=Han}a-z0-9]/u.test(text)) continue;
    out.push({ text, question: m[2]!.includes('?') || QUESTION_WORDS.test(text) });
  }
  return out;
}
