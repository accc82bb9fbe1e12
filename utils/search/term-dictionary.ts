/**
 * The words of the library that an agent may type in pinyin: keywords, tags, situation names
 * and the pieces of titles. Each distinct term is converted to pinyin once, when it first
 * appears; a latin query is matched against these few thousand terms (never against the
 * scripts), and what it matches becomes Chinese text the inverted index looks up.
 *
 * The same table turns homophone typos into words (推货 → tui huo → 退货) and, through a
 * small Fuse.js index over the pinyin of the core terms, pinyin typos (tuihou → 退货).
 */
import Fuse from 'fuse.js';
import { foldText, isHan, isLatin } from './normalize';
import { fuzzySyllable, matchLatinAt, type Readings, secondSyllableStarts, syllablesOf, termReadings } from './pinyin';

/** A Chinese text the query stands for, and how sure we are (1 = as typed). */
export interface Expansion {
  text: string;
  quality: number;
}

/** Terms longer than this are matched on their first positions only. */
const MAX_POSITIONS = 24;
/**
 * How many Chinese words one latin word may stand for; more only adds time and noise. One
 * letter says little (f: 发? 服? 费?), so it gets fewer.
 */
const MAX_EXPANSIONS = 8;
const MAX_EXPANSIONS_ONE_LETTER = 4;
/**
 * A match through a character's other reading (银行 as yinxing, 信 as shen) is possible but
 * rarer than through the reading the word has in context.
 */
const OTHER_READING = 0.7;

/**
 * Pieces of a text worth matching as words: runs of Han characters, letters and digits split
 * at punctuation and spaces (索取订单号/手机号 → 索取订单号, 手机号), at least two long and
 * with at least one Han character.
 */
export function termPieces(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  let han = false;
  const folded = foldText(text);
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 0;
    if (i < folded.length && (isHan(c) || isLatin(c))) {
      if (start < 0) start = i;
      if (isHan(c)) han = true;
      continue;
    }
    if (start >= 0 && han && i - start >= 2) out.push(folded.slice(start, i));
    start = -1;
    han = false;
  }
  return out;
}

export class TermDictionary {
  private readonly texts: string[] = [];
  private readonly readings: Readings[][] = [];
  /** How many script fields use the term; 0 = gone (kept until the next rebuild). */
  private readonly refs: number[] = [];
  /** Of those, keywords, tags and situation names — words chosen on purpose. */
  private readonly coreRefs: number[] = [];
  private readonly byText = new Map<string, number>();
  /** First letter of the first syllable → term ids. */
  private readonly starts = new Map<string, number[]>();
  /** First letters of two adjacent syllables → `term << 5 | position`. */
  private readonly letterPairs = new Map<string, number[]>();
  /** Two adjacent syllables, fuzzy-folded (`tui huo`) → `term << 5 | position`. */
  private readonly syllablePairs = new Map<string, number[]>();
  /** Per first letter (a typo is rarely in the first letter): a few dozen terms each. */
  private fuses = new Map<string, Fuse<{ pinyin: string; term: number }>>();

  get size(): number {
    return this.byText.size;
  }

  add(text: string, core: boolean): void {
    let id = this.byText.get(text);
    if (id === undefined) id = this.create(text, core);
    this.refs[id]!++;
    if (core) {
      if (this.coreRefs[id] === 0) this.fuses.clear();
      this.coreRefs[id]!++;
    }
  }

  release(text: string, core: boolean): void {
    const id = this.byText.get(text);
    if (id === undefined) return;
    this.refs[id] = Math.max(0, this.refs[id]! - 1);
    if (core) {
      this.coreRefs[id] = Math.max(0, this.coreRefs[id]! - 1);
      if (this.coreRefs[id] === 0) this.fuses.clear();
    }
  }

  private create(text: string, core: boolean): number {
    const id = this.texts.length;
    const readings = termReadings(text, core);
    this.texts.push(text);
    this.readings.push(readings);
    this.refs.push(0);
    this.coreRefs.push(0);
    this.byText.set(text, id);
    const n = Math.min(readings.length, MAX_POSITIONS);
    for (const r of readings[0] ?? []) push(this.starts, r[0]!, id);
    for (let p = 0; p + 1 < n; p++) {
      const a = readings[p]!;
      const b = readings[p + 1]!;
      for (const ra of a)
        for (const rb of b) {
          push(this.letterPairs, ra[0]! + rb[0]!, (id << 5) | p);
          push(this.syllablePairs, `${fuzzySyllable(ra)} ${fuzzySyllable(rb)}`, (id << 5) | p);
        }
    }
    return id;
  }

  private popularity(id: number): number {
    return this.refs[id]! + 3 * this.coreRefs[id]!;
  }

  /**
   * Chinese words a latin query may spell: `tuihuo`, `th`, `tuih`, `thyf` → 退货 (and 退换 …),
   * best first. A whole term counts more than its beginning, which counts more than a part
   * inside it (th → 退货 in 七天无理由退货 is still found); a single syllable only matches
   * at the start of a term.
   */
  matchLatin(query: string): Expansion[] {
    const found = new Map<string, { quality: number; popularity: number }>();
    const note = (id: number, pos: number, length: number, quality: number) => {
      const text = this.texts[id]!.slice(pos, pos + length);
      const f = found.get(text);
      const pop = this.popularity(id);
      if (!f) found.set(text, { quality, popularity: pop });
      else {
        f.quality = Math.max(f.quality, quality);
        f.popularity += pop;
      }
    };
    for (const id of this.starts.get(query[0]!) ?? []) {
      if (this.refs[id] === 0) continue;
      const m = matchLatinAt(query, this.readings[id]!, 0);
      if (m) note(id, 0, m.length, (m.length === this.texts[id]!.length ? 1 : 0.95) * (m.primary ? 1 : OTHER_READING));
    }
    if (query.length >= 2) {
      for (const second of secondSyllableStarts(query)) {
        for (const packed of this.letterPairs.get(query[0]! + second) ?? []) {
          const id = packed >>> 5;
          const pos = packed & 31;
          if (pos === 0 || this.refs[id] === 0) continue;
          const m = matchLatinAt(query, this.readings[id]!, pos);
          if (m && m.length >= 2) note(id, pos, m.length, 0.85 * (m.primary ? 1 : OTHER_READING));
        }
      }
    }
    return best(found, query.length === 1 ? MAX_EXPANSIONS_ONE_LETTER : MAX_EXPANSIONS);
  }

  /**
   * Typos in pinyin (tuihou, fapaio): the closest core terms by Fuse.js over their pinyin.
   * Only asked when exact matching found nothing, and only over the keywords, tags and
   * situation names that start with the same letter — a few dozen strings, well under a
   * millisecond even at 50,000 scripts.
   */
  matchLatinFuzzy(query: string): Expansion[] {
    const letter = query[0]!;
    let fuse = this.fuses.get(letter);
    if (!fuse) {
      const items: { pinyin: string; term: number }[] = [];
      for (let id = 0; id < this.texts.length; id++) {
        if (this.coreRefs[id] === 0) continue;
        const pinyin = this.readings[id]!.map((r) => r[0] ?? '').join('');
        if (pinyin.startsWith(letter)) items.push({ pinyin, term: id });
      }
      // Typos are near the start of what was meant: a match deep inside a long term is not one.
      fuse = new Fuse(items, { keys: ['pinyin'], includeScore: true, threshold: 0.4, location: 0, distance: 8 });
      this.fuses.set(letter, fuse);
    }
    const found = new Map<string, { quality: number; popularity: number }>();
    for (const r of fuse.search(query, { limit: 5 })) {
      const quality = 0.75 * (1 - (r.score ?? 1));
      const text = this.texts[r.item.term]!;
      const f = found.get(text);
      if (!f || f.quality < quality) found.set(text, { quality, popularity: this.popularity(r.item.term) });
    }
    return best(found, MAX_EXPANSIONS);
  }

  /**
   * Chinese words that sound like parts of a Chinese query word: 推货 → 退货, 发漂 → 发票,
   * 质量问提 → 质量问题. Returns the query word with those parts replaced (longest first),
   * or nothing when no part sounds like a known word it is not already. `isKnown` says
   * whether the library has a text as typed (then it is no typo: 查物流 stays).
   */
  homophones(word: string, isKnown: (text: string) => boolean): Expansion[] {
    if (word.length < 2) return [];
    const exactSyl = syllablesOf(word);
    const syl = exactSyl.map(fuzzySyllable);
    type Span = { start: number; length: number; text: string; exact: boolean; popularity: number };
    const spans: Span[] = [];
    for (let i = 0; i + 1 < word.length; i++) {
      if (!syl[i] || !syl[i + 1]) continue;
      for (const packed of this.syllablePairs.get(`${syl[i]} ${syl[i + 1]}`) ?? []) {
        const id = packed >>> 5;
        const pos = packed & 31;
        if (this.refs[id] === 0) continue;
        const readings = this.readings[id]!;
        let length = 2;
        while (
          i + length < word.length &&
          pos + length < readings.length &&
          syl[i + length] &&
          readings[pos + length]!.some((r) => fuzzySyllable(r) === syl[i + length])
        )
          length++;
        const text = this.texts[id]!.slice(pos, pos + length);
        const typed = word.slice(i, i + length);
        // Only what looks like a typo is replaced: text the library has is taken as meant.
        if (text === typed || isKnown(typed)) continue;
        let exact = true;
        for (let k = 0; k < length; k++) if (!readings[pos + k]!.includes(exactSyl[i + k]!)) exact = false;
        spans.push({ start: i, length, text, exact, popularity: this.popularity(id) });
      }
    }
    if (!spans.length) return [];
    spans.sort((a, b) => b.length - a.length || Number(b.exact) - Number(a.exact) || b.popularity - a.popularity);
    // One reading of the word: the best span at each place, not overlapping a better one.
    const taken = new Uint8Array(word.length);
    const chosen: Span[] = [];
    for (const s of spans) {
      let free = true;
      for (let k = s.start; k < s.start + s.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = s.start; k < s.start + s.length; k++) taken[k] = 1;
      chosen.push(s);
    }
    chosen.sort((a, b) => a.start - b.start);
    let text = '';
    let at = 0;
    for (const s of chosen) {
      text += word.slice(at, s.start) + s.text;
      at = s.start + s.length;
    }
    text += word.slice(at);
    return [{ text, quality: chosen.every((s) => s.exact) ? 0.9 : 0.75 }];
  }
}

/** Appends, skipping a repeat of the last value (two readings of one position, same key). */
function push(map: Map<string, number[]>, key: string, value: number): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  if (list[list.length - 1] !== value) list.push(value);
}

/**
 * The likeliest words first, and a likelier word counts more: `cm` is 尺码 (a situation and
 * many keywords) sooner than 查明 (one title). Popularity moves quality by up to 15 %.
 */
function best(found: Map<string, { quality: number; popularity: number }>, limit: number): Expansion[] {
  const ranked = [...found]
    .map(([text, f]) => ({ text, quality: f.quality, popularity: Math.log1p(f.popularity) }))
    .sort(
      (a, b) =>
        b.quality * (1 + 0.15 * b.popularity) - a.quality * (1 + 0.15 * a.popularity) || (a.text < b.text ? -1 : 1),
    )
    .slice(0, limit);
  const top = Math.max(...ranked.map((e) => e.popularity), 1e-9);
  return ranked.map(({ text, quality, popularity }) => ({
    text,
    quality: quality * (0.85 + 0.15 * (popularity / top)),
  }));
}
