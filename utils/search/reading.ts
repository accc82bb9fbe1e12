/**
 * One reading of a query word (the word as typed, a homophone, a word its pinyin spells, a
 * latin word) as the index scores it: its units with their weights, and the formula that turns
 * what a script has of them into the script's score for the reading.
 *
 * The formula depends only on which units a script has and in which fields, and never drops
 * when a script has more of them or in better fields. So one formula gives the exact score
 * (from a script's postings), a lower bound (from one posting and what it implies) and an
 * upper bound (from one posting and the best the other units could add): the bounds let a
 * one-word query skip the scripts that cannot reach its best `limit` (see search-index.ts).
 */
import { FIELD_SCORE } from './ranking';
import { FIELD_HEAD } from './units';

/** A partial match of a word still ranks, far below full ones, when nothing matches fully. */
export const WEAK_MATCH_FACTOR = 0.5;

export interface Reading {
  /** Unit keys with postings: the pairs first, then the characters, in scanning order. */
  keys: number[];
  weights: number[];
  /** Units before this index are pairs (or the one latin word); the rest are characters. */
  pairCount: number;
  /** Per unit: read the unit's title-side postings only (a unit in most scripts, see isCommon). */
  headOnly: boolean[];
  /**
   * Per pair unit, the indices of its two characters among the units (-1 when not scored):
   * a pair in a short field means both its characters are in that field, as the index keeps
   * characters of short fields. Empty for a latin word.
   */
  pairChars: number[][];
  pairWeight: number;
  charWeight: number;
  quality: number;
  /** Characters of the word when they count (0 when only its pairs do). */
  charsInWord: number;
  minCover: number;
  hasPairs: boolean;
}

/**
 * A script's score for the reading, 0…1 before quality, from its sums: pairs count most
 * (they carry word order), characters fill in.
 */
export function readingScore(r: Reading, pairSum: number, coverSum: number, charSum: number): number {
  const pairPart = r.pairWeight > 0 ? pairSum / r.pairWeight : 0;
  const charPart = r.charWeight > 0 ? charSum / r.charWeight : 0;
  const cover = r.pairWeight > 0 ? coverSum / r.pairWeight : 0;
  // Completeness counts twice: all of 欢迎光临 in a body beats 欢迎 alone in a title.
  const pairScore = pairPart * (0.5 + 0.5 * cover);
  return r.hasPairs && r.charWeight > 0 ? 0.75 * pairScore + 0.25 * charPart : r.pairWeight > 0 ? pairScore : charPart;
}

/** Does the script match the reading (rather than share a part of it)? */
export function readingMatches(r: Reading, coverSum: number, charCount: number): boolean {
  const cover = r.pairWeight > 0 ? coverSum / r.pairWeight : 0;
  const allChars = r.charsInWord > 0 && charCount === r.charsInWord;
  return r.hasPairs ? cover >= r.minCover || (r.minCover < 0.999 && allChars) : r.pairWeight > 0 || allChars;
}

/**
 * Is a script with this much of the reading offered to the word at all? A stray character of
 * a longer word (码 of 多大码) is no match, not even a weak one; in a two-character word (歉
 * of 道歉) a character is half the word.
 */
export function readingOffered(r: Reading, matched: boolean, coverSum: number): boolean {
  return matched || coverSum > 0 || r.charsInWord === 2;
}

/**
 * What the word gets from a script whose units are in fields scoring `fieldScores` (0:
 * absent): quality × score, halved for a partial match, 0 when not offered. Computed as the
 * exact scoring does, in a different order of additions: callers compare it with a margin.
 */
export function offerFor(r: Reading, fieldScores: Float64Array): number {
  let pairSum = 0;
  let coverSum = 0;
  let charSum = 0;
  let charCount = 0;
  for (let i = 0; i < r.keys.length; i++) {
    const s = fieldScores[i]!;
    if (s === 0) continue;
    if (i < r.pairCount) {
      pairSum += r.weights[i]! * s;
      coverSum += r.weights[i]!;
    } else {
      charSum += r.weights[i]! * s;
      charCount++;
    }
  }
  const matched = readingMatches(r, coverSum, charCount);
  if (!readingOffered(r, matched, coverSum)) return 0;
  const score = r.quality * readingScore(r, pairSum, coverSum, charSum);
  return matched ? score : score * WEAK_MATCH_FACTOR;
}

/** Field scores of a script that has unit `unit` in fields `mask` and nothing else of the reading but what that implies. */
export function impliedFieldScores(r: Reading, unit: number, mask: number, out: Float64Array): Float64Array {
  out.fill(0);
  out[unit] = FIELD_SCORE[mask]!;
  const head = mask & FIELD_HEAD;
  if (head && unit < r.pairCount)
    for (const c of r.pairChars[unit] ?? []) if (c >= 0) out[c] = Math.max(out[c]!, FIELD_SCORE[head]!);
  return out;
}
