/**
 * Suggested replies: from the last messages of a conversation, which situations the customer
 * is in, and which scripts fit. Pure (no DOM, no browser, no database): the side panel, the
 * background and the benchmark call the same function.
 *
 * Signals, per clause of a customer message:
 * - cue words of the library (客户常说: situations' and scripts' `cues` in the pack — synonyms,
 *   slang, typos, `re:` patterns, emoji), unless negated (没有坏);
 * - the search engine on the clause itself: the pack's keywords are written in customer
 *   wording, so a team pack's own words count too, whatever its situation ids;
 * Clauses are weighted: the last ones and the questions say what the customer wants; the
 * story before them counts less. Earlier messages count with a decay, a lot more when the
 * newest message says little by itself (还没到啊, 那怎么办).
 */
import { usageBoost, type SearchDoc, type SearchIndex, type UsageStats } from '../search';
import { isHan } from '../search/normalize';
import { charReadings, syllablesOf } from '../search/pinyin';
import { compileCuePattern, CUE_PATTERN_PREFIX, type CuePattern } from '../../scripts-library/cue-pattern';
import { cueGroupsOf, type Cues } from '../../scripts-library/schema';
import { CONDITIONS, COURTESIES, FOLLOW_UP_CUES, fuzzySyllable, GREETINGS, NEGATIONS, NEUTRAL_WORDS } from './reading';
import { cleanText, clausesOf, expandShorthand, type Clause } from './text';
import { MAX_MESSAGE_CHARS, RECENT_MESSAGES } from './recent';

export interface ChatMessage {
  from: 'customer' | 'agent';
  text: string;
  /** Epoch ms, when known. */
  at?: number | null;
}

/** Why a situation was detected, for the panel to say in a few words. */
export type SuggestReason =
  { kind: 'cue'; text: string } | { kind: 'search'; text: string } | { kind: 'context' } | { kind: 'picked' };

export interface DetectedSituation {
  id: string;
  /** Names root → leaf. */
  path: string[];
  score: number;
  reason: SuggestReason;
}

export interface SuggestedScript {
  key: string;
  /** The script's own situation. */
  situationId: string;
  /** The detected situation it is suggested for (the same, unless the agent's picks brought it). */
  detected: string;
  score: number;
  reason: SuggestReason;
}

export interface Suggestions {
  situations: DetectedSituation[];
  scripts: SuggestedScript[];
}

/** The library, prepared once (its customer wording read into lookup tables). */
export interface SuggestLibrary {
  index: SearchIndex;
  situations: Map<string, { path: string[]; docs: SearchDoc[] }>;
  cues: CueTarget[];
  /** Positions in `cues` by first character: only those starting there are tried at a place. */
  byFirst: Map<string, number[]>;
  /**
   * Positions of the cues of two or more characters by their first two: a cue is tried at a place
   * only when its second character follows within the gap a cue may have (one lookup per gap
   * instead of every cue that starts with 不 or 我).
   */
  byPair: Map<string, number[]>;
  /** Cues of two or more Han characters by the fuzzy key of their first syllable (倒付 reads as 到付, 安转 as 安装). */
  homophones: CuesBySyllable;
  /** Phrases with a variable part (有股…味, 三天了还没…): read before the cues. */
  patterns: { pattern: CuePattern; cue: CueTarget }[];
  /** Every syllable of those cues: to cut pinyin typed with the input method off (tuikuan → tui kuan). */
  syllables: Set<string>;
  /** Per syllable, the cues' characters with that reading, most frequent first: tui货 reads as 退货, 便yi as 便宜. */
  charsOfSyllable: Map<string, string[]>;
  /** Emoji cues (😡, 👍): read on the raw message, where the emoji still are. */
  emoji: CueTarget[];
}

/** One cue word and every situation it points to (several situations may share a cue). */
interface CueTarget {
  cue: string;
  /** Preceded by a negation, the cue counts for nothing… */
  negatable: boolean;
  /** …and the clause denies a problem (我没有摔过), unless the cue is only a praise (不满意). */
  denial: boolean;
  /** A target with `maxClause` is vague: read only in clauses that short, and with no other cue in them. */
  targets: { id: string; weight: number; maxClause?: number; script?: string }[];
}

/** Cue words by the fuzzy key of their first character's toneless pinyin, for homophone typos. */
type CuesBySyllable = Map<string, { cue: CueTarget; syllables: string[]; fuzzy: string[] }[]>;

export interface SuggestOptions {
  /** Per script key: the agent's use, any source (a small boost). */
  usage?: ReadonlyMap<string, UsageStats>;
  /** Per detected situation, per script key: what the agent picked from suggestions. */
  picks?: ReadonlyMap<string, ReadonlyMap<string, UsageStats>>;
  now?: number;
  /** Scripts to return; default 5. */
  limit?: number;
}

const DEFAULT_LIMIT = 5;
/** The search engine's vote for a clause, relative to a cue word. */
const SEARCH_WEIGHT = 0.7;
/** Hits per clause that vote (distinct situations). */
const SEARCH_VOTERS = 4;
/** How much of its vote the search yields on a clause the cues read entirely as written. */
const SEARCH_YIELD = 0.5;
/** A cue read with words inside it, or as a homophone, counts this much of one read as written. */
const GAPPED_FACTOR = 0.7;
const HOMOPHONE_FACTOR = 0.6;
/** A cue read through a near sound (安转 → 安装) counts a little less than a true homophone. */
const FUZZY_FACTOR = 0.5;
/** Characters tried per pinyin syllable typed among characters (便yi: 一, 以, 宜 …). */
const CHARS_PER_SYLLABLE = 4;
const PARTICLES = '了的吗呢吧啊么嘛着过是我你他她它这那个';
/** Characters a cue of five or more may have inside it and still be read (one for shorter cues). */
const MAX_GAP = 2;
/** Below this best score a clause matched only stray words (我现在开会 → 投诉): no vote. */
const MIN_SEARCH_SCORE = 0.3;
/** Customer messages before the newest: this much each step back… */
const CUSTOMER_DECAY = 0.6;
/**
 * …and agent messages, whose wording is the scripts' own, this much of a customer's: the agent's
 * last words often name the topic a short follow-up leans on (退款已经原路退回了 → 还没到账).
 */
const AGENT_FACTOR = 0.6;
/** Context counts this much when the newest message is clear by itself, and this much when not. */
const CONTEXT_WHEN_CLEAR = 0.5;
const CONTEXT_WHEN_VAGUE = 1;
/**
 * A newest message whose words the cues read this much of, as written, says its own move: the
 * earlier topic counts at most this share of its best cue (a topic named three times before
 * otherwise outvotes 你去查吧 or 我不管 我就要今天解决). Follow-up forms (还没到啊) keep the topic.
 */
const OWN_WORDS_READ = 0.6;
const OWN_MOVE_CONTEXT = 0.8;
/** A newest message whose best situation scores under this is vague (one plain cue word is not enough). */
const CLEAR_SCORE = 1.5;
/**
 * An earlier message this long before the newest one counts a third as much again: a new
 * problem after a pause ("灯罩碎了" 40 minutes after "好的谢谢") is a new topic.
 */
const STALE_MS = 20 * 60 * 1000;
const STALE_FACTOR = 1 / 3;
/**
 * The first three scripts are the best of the three likeliest situations, down to this share of
 * the first one's score: the agent needs one script of a situation, seldom three, and a second
 * and third reading in view is what saves a misread message (measured on the development sets:
 * a third script of the first situation was almost never the one that helped).
 */
const OTHER_READING_SHARE = 0.05;
/**
 * …or this share, for a reading only the search engine supports: it matches words, homophones
 * included (先不付了 finds 不符), where a cue is the customer's own wording for the situation.
 */
const SEARCHED_READING_SHARE = 0.3;

/**
 * Customer wording from the library: a situation's cues, or a script's (then they point at that
 * script in particular, and at its situation).
 */
export interface CueSource {
  situationKey: string;
  scriptKey?: string;
  cues: Cues | undefined;
}

const EMOJI_ONLY = /^(\p{Extended_Pictographic}|\u{FE0F}|\u{200D})+$/u;

/** The lookup tables of a library's customer wording: everything but the index and the documents. */
type Wording = Omit<SuggestLibrary, 'index' | 'situations'>;

/**
 * Wording read once per list of cue sources: an edit of a script's text gives the library new
 * documents but the same cues, and reading 5,000 cues (pinyin, patterns) costs about 100 ms.
 */
const wordingOf = new WeakMap<object, Wording>();

/**
 * Groups the documents by situation and reads the library's customer wording (客户常说) into
 * lookup tables: words by first character and by first syllable (homophone typos), `re:`
 * patterns, emoji. Everything the classifier knows about wording comes from `cueSources`; the
 * same `cueSources` object is read once (the library service keeps it while the cues are unchanged).
 */
export function prepareSuggestLibrary(
  index: SearchIndex,
  docs: Iterable<SearchDoc>,
  cueSources: Iterable<CueSource> = [],
): SuggestLibrary {
  const situations = new Map<string, { path: string[]; docs: SearchDoc[] }>();
  for (const d of docs) {
    let s = situations.get(d.situationId);
    if (!s) situations.set(d.situationId, (s = { path: d.situationPath, docs: [] }));
    s.docs.push(d);
  }
  let wording = wordingOf.get(cueSources);
  if (!wording) wordingOf.set(cueSources, (wording = readWording(cueSources)));
  return { index, situations, ...wording };
}

/** A cue of a situation the library has no visible script for votes for nothing (checked when read). */
function readWording(cueSources: Iterable<CueSource>): Wording {
  const byCue = new Map<string, CueTarget>();
  const patterns: SuggestLibrary['patterns'] = [];
  const emoji = new Map<string, CueTarget>();
  const addTarget = (c: CueTarget, target: CueTarget['targets'][number]) => {
    const t = c.targets.find((x) => x.id === target.id && x.script === target.script);
    if (!t) c.targets.push(target);
    else {
      t.weight = Math.max(t.weight, target.weight);
      // Read in long clauses when any group reads it there.
      if (t.maxClause !== undefined)
        t.maxClause = target.maxClause === undefined ? undefined : Math.max(t.maxClause, target.maxClause);
    }
  };
  for (const source of cueSources) {
    for (const group of cueGroupsOf(source.cues)) {
      const target = {
        id: source.situationKey,
        weight: group.weight ?? 1,
        ...(group.alone !== undefined ? { maxClause: group.alone } : {}),
        ...(source.scriptKey ? { script: source.scriptKey } : {}),
      };
      for (const word of group.words) {
        const pattern = compileCuePattern(word);
        if (pattern) {
          patterns.push({
            pattern,
            cue: {
              cue: word,
              negatable: !!group.negatable || !!group.praise,
              denial: !!group.negatable,
              targets: [target],
            },
          });
          continue;
        }
        if (word.startsWith(CUE_PATTERN_PREFIX)) continue; // invalid: the pack check reports it
        if (EMOJI_ONLY.test(word)) {
          let c = emoji.get(word);
          if (!c) emoji.set(word, (c = { cue: word, negatable: false, denial: false, targets: [] }));
          addTarget(c, target);
          continue;
        }
        const cue = cleanText(expandShorthand(word));
        if (!cue) continue;
        let c = byCue.get(cue);
        if (!c) byCue.set(cue, (c = { cue, negatable: false, denial: false, targets: [] }));
        // A cue a customer can deny (没有坏) is denied for all the situations it points to.
        if (group.negatable) c.negatable = c.denial = true;
        if (group.praise) c.negatable = true;
        addTarget(c, target);
      }
    }
  }
  // Words that hold a cue but mean something else (扫地机器人 is not 机器人): read like cues,
  // they take their characters and vote for nothing.
  for (const raw of NEUTRAL_WORDS) {
    const cue = cleanText(raw);
    if (!byCue.has(cue)) byCue.set(cue, { cue, negatable: false, denial: false, targets: [] });
  }
  const cues = [...byCue.values()];
  // Longest first: 坏了 is read before 坏, and a cue inside a longer one is not counted twice.
  cues.sort((a, b) => b.cue.length - a.cue.length);
  const homophones: CuesBySyllable = new Map();
  const charsBySyllable = new Map<string, Map<string, number>>();
  for (const c of cues) {
    if (c.cue.length < 2 || !c.targets.length || ![...c.cue].every((ch) => isHan(ch.charCodeAt(0)))) continue;
    const syllables = syllablesOf(c.cue);
    if (syllables.some((x) => !x)) continue;
    const fuzzy = syllables.map((x) => fuzzySyllable(x!));
    let list = homophones.get(fuzzy[0]!);
    if (!list) homophones.set(fuzzy[0]!, (list = []));
    list.push({ cue: c, syllables, fuzzy });
    syllables.forEach((x, i) => {
      let counts = charsBySyllable.get(x);
      if (!counts) charsBySyllable.set(x, (counts = new Map()));
      counts.set(c.cue[i]!, (counts.get(c.cue[i]!) ?? 0) + 1);
    });
  }
  // The character a syllable typed in pinyin most likely stands for, among the cues' own (tui → 退).
  const charsOfSyllable = new Map<string, string[]>();
  for (const [syllable, counts] of charsBySyllable)
    charsOfSyllable.set(
      syllable,
      [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, CHARS_PER_SYLLABLE)
        .map(([ch]) => ch),
    );
  const byFirst = new Map<string, number[]>();
  const byPair = new Map<string, number[]>();
  cues.forEach((c, i) => {
    const add = (map: Map<string, number[]>, key: string) => {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(i);
    };
    add(byFirst, c.cue[0]!);
    if (c.cue.length >= 2) add(byPair, c.cue.slice(0, 2));
  });
  return {
    cues,
    byFirst,
    byPair,
    homophones,
    syllables: new Set(charsOfSyllable.keys()),
    charsOfSyllable,
    patterns,
    emoji: [...emoji.values()],
  };
}

/** Per situation: a score and the reason that weighed most. */
type Votes = Map<string, { score: number; best: number; reason: SuggestReason }>;

function vote(votes: Votes, situationId: string, score: number, reason: SuggestReason): void {
  if (score <= 0) return;
  const v = votes.get(situationId);
  if (!v) votes.set(situationId, { score, best: score, reason });
  else {
    v.score += score;
    if (score > v.best) {
      v.best = score;
      v.reason = reason;
    }
  }
}

function isNegated(text: string, at: number): boolean {
  // 也没有坏, 都不是: skip the small words between the negation and the cue.
  // 不是要退货, 不想退: a verb of wanting between the two still denies.
  const raw = text.slice(Math.max(0, at - 5), at);
  // 会不会坏, 是不是漏了, 有没有掉色: a question, not a denial.
  if (/(.)[不没]\1$/.test(raw)) return false;
  const before = raw.replace(/[也都还并就要想是会能再太很]+$/, '');
  return NEGATIONS.some((n) => before.endsWith(n));
}

/**
 * Cue words of one clause; a cue overlapping a longer matched cue does not count. Read three
 * ways, each only on words not read before: as written; with up to MAX_GAP characters inside
 * a cue of three or more (还没有收到 → 还没收到, 不是我当时拍的 → 不是我拍的); and as a homophone,
 * character by character in pinyin (倒付 → 到付, 运废 → 运费, 快地 → 快递) — the input method
 * picks the wrong character of the right sound. The last two count less.
 * Returns whether the clause denies something (then it is not what the customer asks for), and
 * how much of it the cues read as written.
 */
function cueVotes(
  lib: SuggestLibrary,
  clause: string,
  weight: number,
  votes: Votes,
  scriptHits?: Map<string, number>,
): { denies: boolean; read: number } {
  let denies = false;
  const covered = new Uint8Array(clause.length);
  const perSituation = new Map<string, { score: number; cue: string }>();
  const vague: { id: string; score: number; cue: string }[] = [];
  const isFree = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (covered[i]) return false;
    return true;
  };
  let asWritten = 0;
  const read = (c: CueTarget, at: number, end: number, factor: number, as = clause.slice(at, end)) => {
    covered.fill(1, at, end);
    if (factor === 1 && c.targets.length) asWritten += end - at;
    if (c.negatable && end > at && isNegated(clause, at)) {
      if (c.denial) denies = true;
      return;
    }
    const text = as;
    for (const { id, weight: cw, maxClause, script } of c.targets) {
      if (!lib.situations.has(id)) continue;
      // A script's own cue: that script is the answer, not only its situation.
      if (script && scriptHits) scriptHits.set(script, Math.max(scriptHits.get(script) ?? 0, factor));
      if (maxClause !== undefined) {
        // A vague word (这个, 上次买的): only in a short clause that says nothing else.
        if (clause.length <= maxClause) vague.push({ id, score: cw * factor, cue: text });
        continue;
      }
      const w = cw * factor;
      const prev = perSituation.get(id);
      // Several cues for one situation in a clause: the best, plus a little for the rest.
      if (!prev) perSituation.set(id, { score: w, cue: text });
      else if (w > prev.score) perSituation.set(id, { score: w + 0.25 * prev.score, cue: text });
      else prev.score += 0.25 * w;
    }
  };
  // Phrases with a variable part first: 有股塑料味 is a smell before 塑料 is anything.
  // The longest reading first, as for words: 多久能到账 (refund) before 多久能到 (parcel) inside it.
  const found: { cue: CueTarget; at: number; end: number; order: number }[] = [];
  lib.patterns.forEach(({ pattern, cue }, order) => {
    for (const { at, end } of pattern.matches(clause)) found.push({ cue, at, end, order });
  });
  found.sort((a, b) => b.end - b.at - (a.end - a.at) || a.at - b.at || a.order - b.order);
  for (const { cue, at, end } of found) if (isFree(at, end)) read(cue, at, end, 1);
  // Longest cues first, as written and then with words inside, a length at a time: 不是我当时
  // 拍的 is read before 是我, and 没有收到 as written before 还没收到 with 有 inside. Three
  // characters with one inside is looser (三天了 in 三天没动了): read after every cue as written.
  // Candidates are found by first character, then read in that order.
  const cues = lib.cues;
  const candidates: { order: number; cue: number; at: number; gapped: boolean }[] = [];
  const single = (at: number, length: number) =>
    length === 1 && wordBounded(clause, at, at + 1) && !askedBothWays(clause, at);
  for (let at = 0; at < clause.length; at++) {
    for (const k of lib.byFirst.get(clause[at]!) ?? [])
      if (single(at, cues[k]!.cue.length)) candidates.push({ order: 2 * 999, cue: k, at, gapped: false });
    // The cue's second character is next (read as written, or with a gap further in), or one or
    // two characters on (a gap right after the first).
    for (let d = 1; d <= MAX_GAP + 1 && at + d < clause.length; d++) {
      for (const k of lib.byPair.get(clause[at]! + clause[at + d]!) ?? []) {
        const c = cues[k]!;
        const length = c.cue.length;
        if (d === 1 && clause.startsWith(c.cue, at)) {
          if (wordBounded(clause, at, at + length) && !askedBothWays(clause, at))
            candidates.push({ order: 2 * (1000 - length), cue: k, at, gapped: false });
        } else if (length >= 3 && (d === 1 || clause[at + 1] !== c.cue[1]) && gappedEnd(clause, c.cue, at, covered) > 0)
          candidates.push({ order: length >= 4 ? 2 * (1000 - length) + 1 : 1e9, cue: k, at, gapped: true });
      }
    }
  }
  candidates.sort((a, b) => a.order - b.order || a.at - b.at || a.cue - b.cue);
  const gappedDone = new Set<number>();
  for (const { cue: k, at, gapped } of candidates) {
    const c = cues[k]!;
    if (!gapped) {
      if (isFree(at, at + c.cue.length)) read(c, at, at + c.cue.length, 1);
      continue;
    }
    if (gappedDone.has(k) || covered[at]) continue;
    const end = gappedEnd(clause, c.cue, at, covered);
    if (end > 0) {
      read(c, at, end, GAPPED_FACTOR);
      gappedDone.add(k);
    }
  }

  for (let at = 0; at < clause.length; at++) {
    const code = clause.charCodeAt(at);
    if (covered[at] || !isHan(code)) continue;
    let found: { cue: CueTarget; syllables: string[] } | undefined;
    let foundExact = false;
    for (const key of fuzzyReadings(code)) {
      for (const h of lib.homophones.get(key) ?? []) {
        const end = at + h.syllables.length;
        if (end > clause.length || (found && found.syllables.length > h.syllables.length)) continue;
        if (clause.slice(at, end) === h.cue.cue || !isFree(at, end)) continue;
        // A typo changes a character or two, not the whole word: half of it must be as written
        // (件衣 sounds like 建议 but is not a typo of it).
        let same = true;
        let exact = true;
        // A particle does not count as written (电了 is not 垫了).
        let written = 0;
        for (let j = 0; j < h.syllables.length && same; j++) {
          const code = clause.charCodeAt(at + j);
          if (!charReadings(code).includes(h.syllables[j]!)) {
            exact = false;
            same = fuzzyReadings(code).includes(h.fuzzy[j]!);
          }
          if (clause[at + j] === h.cue.cue[j] && !PARTICLES.includes(clause[at + j]!)) written++;
        }
        if (!same || 2 * written < h.syllables.length) continue;
        // The longest; at one length, a true homophone before a near sound.
        if (!found || found.syllables.length < h.syllables.length || (exact && !foundExact)) {
          found = h;
          foundExact = exact;
        }
      }
    }
    if (found) {
      read(found.cue, at, at + found.syllables.length, foundExact ? HOMOPHONE_FACTOR : FUZZY_FACTOR);
      at += found.syllables.length - 1;
    }
  }
  // Pinyin read as cues is read as written for the search's sake: searched, `zai ma` finds
  // whatever has those letters, where the cue 在吗 is what the customer typed.
  let pinyinRead = 0;
  if (PINYIN_CLAUSE.test(clause))
    pinyinCues(lib, clause, (c, text) => {
      if (c.targets.length) pinyinRead += text.replaceAll(' ', '').length;
      read(c, 0, 0, PINYIN_FACTOR, text);
    });
  if (!perSituation.size)
    for (const v of vague) if (!perSituation.has(v.id)) perSituation.set(v.id, { score: v.score, cue: v.cue });
  for (const [id, { score, cue }] of perSituation) vote(votes, id, score * weight, { kind: 'cue', text: cue });
  const letters = Math.max(1, clause.replaceAll(' ', '').length);
  return { denies, read: Math.max(asWritten / Math.max(1, clause.length), pinyinRead / letters) };
}

const fuzzyByChar = new Map<number, string[]>();

/** The fuzzy keys of a character's readings (remembered: the same few thousand characters come back). */
function fuzzyReadings(code: number): string[] {
  let keys = fuzzyByChar.get(code);
  if (!keys) fuzzyByChar.set(code, (keys = [...new Set(charReadings(code).map(fuzzySyllable))]));
  return keys;
}

/**
 * A cue that starts with a negation, read inside an A不A question (要不要发, 有没有配件, 是不是
 * 假的): the customer asks, the negation is not theirs. Not read there.
 */
function askedBothWays(clause: string, at: number): boolean {
  const neg = clause[at];
  return (neg === '不' || neg === '没') && at > 0 && clause[at - 1] === clause[at + 1];
}

/** A clause of pinyin only (latin letters and spaces, two syllables at least). */
const PINYIN_CLAUSE = /^[a-z ]{4,60}$/;
const PINYIN_FACTOR = 0.7;

/**
 * Cues in a clause of pinyin typed with the input method off (`tuikuan shenme shihou dao`): the
 * words are cut into syllables of the library's cues (longest syllable first, backtracking),
 * and a cue is read where its syllables follow one another. Calls `found` with each cue read
 * (longest at a place first, places not overlapping) and the pinyin it was read in.
 */
function pinyinCues(lib: SuggestLibrary, clause: string, found: (c: CueTarget, text: string) => void): void {
  const syllables: string[] = [];
  for (const word of clause.split(' ')) {
    const cut = cutSyllables(word, lib.syllables);
    if (!cut) return; // not pinyin (an English word): leave it to the cues and the search
    syllables.push(...cut);
  }
  if (syllables.length < 2) return;
  for (let i = 0; i < syllables.length;) {
    let best: { cue: CueTarget; syllables: string[] } | undefined;
    for (const h of lib.homophones.get(fuzzySyllable(syllables[i]!)) ?? []) {
      if (h.syllables.length < 2 || (best && best.syllables.length >= h.syllables.length)) continue;
      if (h.syllables.every((x, j) => syllables[i + j] === x)) best = h;
    }
    if (best) {
      found(best.cue, syllables.slice(i, i + best.syllables.length).join(' '));
      i += best.syllables.length;
    } else i++;
  }
}

/** `tuikuan` → [tui, kuan], or undefined when the word is not made of known syllables. */
function cutSyllables(word: string, known: Set<string>): string[] | undefined {
  if (!word) return [];
  for (let n = Math.min(6, word.length); n >= 1; n--) {
    const head = word.slice(0, n);
    if (!known.has(head)) continue;
    const rest = cutSyllables(word.slice(n), known);
    if (rest) return [head, ...rest];
  }
  return undefined;
}

const LETTER = /[a-z]/;
const DIGIT = /[0-9]/;

/**
 * A cue of letters or digits is a word of its own, not part of a longer one: `hi` is not read
 * in "this", `ok` not in "book", `7天` not in "17天". Han characters have no such boundary.
 */
function wordBounded(clause: string, at: number, end: number): boolean {
  const first = clause[at]!;
  const before = clause[at - 1];
  if (before && ((LETTER.test(first) && LETTER.test(before)) || (DIGIT.test(first) && DIGIT.test(before))))
    return false;
  const after = clause[end];
  const last = clause[end - 1]!;
  if (after && ((LETTER.test(last) && LETTER.test(after)) || (DIGIT.test(last) && DIGIT.test(after)))) return false;
  return true;
}

/** End of `cue` read in `clause` from `at` with at most MAX_GAP free characters inside it, or 0. */
function gappedEnd(clause: string, cue: string, at: number, covered: Uint8Array): number {
  const maxGap = cue.length >= 5 ? MAX_GAP : 1;
  let gaps = 0;
  let p = at + 1;
  for (let j = 1; j < cue.length; j++) {
    while (p < clause.length && clause[p] !== cue[j]) {
      if (++gaps > maxGap || covered[p]) return 0;
      p++;
    }
    if (p >= clause.length || covered[p]) return 0;
    p++;
  }
  return gaps > 0 ? p : 0;
}

/** The search engine's opinion of one clause: its best hits' situations, relative to the best. */
function searchVotes(
  lib: SuggestLibrary,
  clause: string,
  weight: number,
  votes: Votes,
  scriptHits?: Map<string, number>,
): void {
  const hits = lib.index.search(clause, { limit: 12, highlights: false });
  if (!hits.length) return;
  const top = hits[0]!.score;
  // A clause that matches only weakly (a stray common word) says little.
  const confidence = Math.min(1, Math.max(0, (top - MIN_SEARCH_SCORE) / 0.5));
  const seen = new Set<string>();
  for (const hit of hits) {
    const rel = hit.score / top;
    if (scriptHits) scriptHits.set(hit.key, Math.max(scriptHits.get(hit.key) ?? 0, rel * confidence));
    const doc = lib.index.get(hit.key);
    if (!doc || seen.has(doc.situationId) || seen.size >= SEARCH_VOTERS) continue;
    seen.add(doc.situationId);
    vote(votes, doc.situationId, SEARCH_WEIGHT * confidence * rel * weight, { kind: 'search', text: clause });
  }
}

/**
 * Each clause that says something counts this much of the one after it (down to CLAUSE_FLOOR):
 * the last says most what the customer wants, but the story before it names the problem the
 * request is about (杯子有条缝 倒水全漏 怎么办) — a steep decay lost that on every labeled set.
 */
const CLAUSE_DECAY = 0.95;
const CLAUSE_FLOOR = 0.45;
/** A question (吗, 能不能, 多久…) counts at least this much: it is what to answer. */
const QUESTION_WEIGHT = 0.9;
/** A clause that only greets or thanks (你好, 在吗亲, 谢谢): counts this much when the message says more. */
const GREETING_FACTOR = 0.3;
/**
 * A condition before a question about its consequence (要是快递到了我不签 钱能退回来吗, 我要是现在
 * 不想要了 会不会扣钱) names the case to answer; the consequence (money back, a charge) is what
 * every case asks about. The condition counts a little more than the question after it.
 */
const CONDITION = new RegExp(`^(我|你|你们|那)?(${CONDITIONS.join('|')})`);
const CONDITION_WEIGHT = 1.1;
const COURTESY_CLAUSE = new RegExp(
  `^(${[...GREETINGS, ...COURTESIES].sort((a, b) => b.length - a.length).join('|')})+[啊呀哈嘛吗呢哦啦]*$`,
);

/**
 * The weight of each clause: the last, the questions and a condition before one count most; a greeting in front of
 * something else (在吗 上次买的罐子是瘪的) or thanks after it (麻烦尽快发货 谢谢) hardly counts —
 * the rest is what to answer, and its last clause is the last that says something.
 */
function clauseWeights(clauses: Clause[]): number[] {
  const courteous = clauses.map((c) => COURTESY_CLAUSE.test(c.text));
  const saysMore = courteous.includes(false);
  let fromEnd = clauses.length - courteous.filter(Boolean).length;
  return clauses.map((c, i) => {
    if (!courteous[i]) fromEnd--;
    const w = Math.max(CLAUSE_FLOOR, Math.pow(CLAUSE_DECAY, Math.max(0, fromEnd)));
    const said = CONDITION.test(c.text) && i < clauses.length - 1 ? Math.max(w, CONDITION_WEIGHT) : w;
    return (c.question ? Math.max(said, QUESTION_WEIGHT) : said) * (courteous[i] && saysMore ? GREETING_FACTOR : 1);
  });
}

/**
 * Pinyin typed among characters (tui货, 退kuan, 发huo了): a latin run next to a Han character that
 * cuts into syllables of the library's cues is read as the cues' characters for them — when that
 * makes a cue with the characters around it (size in 有size吗 stays English).
 */
function readMixedPinyin(lib: SuggestLibrary, text: string): string {
  return text.replace(/[a-z]+/g, (word, at: number) => {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + word.length);
    if (!(isHan(before) || isHan(after))) return word;
    const cut = cutSyllables(word, lib.syllables);
    if (!cut?.length || cut.length > 4) return word;
    const head = text.slice(Math.max(0, at - 4), at);
    const tail = text.slice(at + word.length, at + word.length + 4);
    // Each syllable's likely characters, most frequent first, until a cue is made (便yi → 便宜).
    let readings = [''];
    for (const x of cut) readings = readings.flatMap((r) => lib.charsOfSyllable.get(x)!.map((ch) => r + ch));
    for (const han of readings.slice(0, 64))
      if (makesCue(lib, head + han + tail, head.length, head.length + han.length)) return han;
    return word;
  });
}

/** Whether a cue that votes is read in `text` across one of the characters from `from` to `to`. */
function makesCue(lib: SuggestLibrary, text: string, from: number, to: number): boolean {
  for (let at = 0; at < to; at++)
    for (const k of lib.byFirst.get(text[at]!) ?? []) {
      const c = lib.cues[k]!;
      if (c.targets.length && at + c.cue.length > from && text.startsWith(c.cue, at)) return true;
    }
  return false;
}

/**
 * Votes of one message. `scriptHits` collects per-script search matches (newest message only);
 * `reading.read` gets the share of its words (greetings and thanks aside) the cues read as written.
 */
function messageVotes(
  lib: SuggestLibrary,
  raw: string,
  useCues: boolean,
  scriptHits?: Map<string, number>,
  reading?: { read: number },
): Votes {
  const votes: Votes = new Map();
  let readChars = 0;
  let chars = 0;
  const text = readMixedPinyin(lib, expandShorthand(cleanText(raw.slice(0, MAX_MESSAGE_CHARS))));
  const clauses = clausesOf(text);
  // Nothing but question marks (？？): the customer did not follow — read as the cue `?`.
  if (!clauses.length && text.includes('?')) clauses.push({ text: '?', question: true });
  const weights = clauseWeights(clauses);
  clauses.forEach((c, i) => {
    // A denied clause (我不是要退货) would still find return scripts by its words: not searched.
    const cues = useCues ? cueVotes(lib, c.text, weights[i]!, votes, scriptHits) : { denies: false, read: 0 };
    if (!COURTESY_CLAUSE.test(c.text) && c.text.length > 1) {
      chars += c.text.length;
      readChars += cues.read * c.text.length;
    }
    // One character beside other clauses (好，你先查) is too little to search: it would match
    // anything with 好 in it.
    const tooShort = c.text.length < 2 && clauses.length > 1;
    // What the cues read as written, the search does not read again as a homophone (先不付了 is
    // not 不符): it counts less the more of the clause the cues explain.
    if (!cues.denies && !tooShort)
      searchVotes(lib, c.text, weights[i]! * (1 - SEARCH_YIELD * cues.read), votes, scriptHits);
  });
  // Several clauses in a row with nothing but separators between them may be one thought
  // (快递 到哪了): the whole message is searched once more, at a lower weight.
  if (clauses.length > 1 && clauses.length <= 4 && text.length <= 40) searchVotes(lib, text, 0.5, votes, scriptHits);
  if (useCues)
    for (const c of lib.emoji)
      if (raw.includes(c.cue))
        for (const t of c.targets)
          if (lib.situations.has(t.id)) vote(votes, t.id, t.weight, { kind: 'cue', text: c.cue });
  if (reading) reading.read = chars ? readChars / chars : 0;
  return votes;
}

function maxScore(votes: Votes): number {
  let m = 0;
  for (const v of votes.values()) m = Math.max(m, v.score);
  return m;
}

function looksLikeFollowUp(raw: string): boolean {
  const text = cleanText(raw);
  return text.length <= 12 && FOLLOW_UP_CUES.some((c) => text.includes(c));
}

/**
 * Ranked situations and scripts for the conversation `messages` (oldest first). Empty when
 * the newest customer message gives nothing to go on.
 */
export function suggestReplies(
  messages: readonly ChatMessage[],
  lib: SuggestLibrary,
  options: SuggestOptions = {},
): Suggestions {
  const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
  const now = options.now ?? Date.now();
  const recent = messages.filter((m) => m.text.trim()).slice(-RECENT_MESSAGES);
  let newest = -1;
  for (let i = recent.length - 1; i >= 0; i--)
    if (recent[i]!.from === 'customer') {
      newest = i;
      break;
    }
  if (newest < 0) return { situations: [], scripts: [] };

  const scriptHits = new Map<string, number>();
  const reading = { read: 0 };
  const own = messageVotes(lib, recent[newest]!.text, true, scriptHits, reading);
  const followUp = looksLikeFollowUp(recent[newest]!.text);
  const vague = maxScore(own) < CLEAR_SCORE || followUp;
  const contextWeight = vague ? CONTEXT_WHEN_VAGUE : CONTEXT_WHEN_CLEAR;

  const total: Votes = new Map();
  for (const [id, v] of own) vote(total, id, v.score, v.reason);
  const newestAt = recent[newest]!.at ?? null;
  const context = new Map<string, number>();
  let decay = contextWeight;
  for (let i = newest - 1; i >= 0; i--) {
    const m = recent[i]!;
    const stale = newestAt !== null && m.at != null && newestAt - m.at > STALE_MS ? STALE_FACTOR : 1;
    const factor = (m.from === 'customer' ? decay : decay * AGENT_FACTOR) * stale;
    // The agent's replies are matched by the search only: their wording is the scripts' own,
    // and cue words there ("很抱歉给您带来不便") would be the agent's, not the customer's.
    const votes = messageVotes(lib, m.text, m.from === 'customer');
    const strongest = maxScore(votes) || 1;
    // Normalised per message: a long earlier rant must not outweigh the newest question.
    for (const [id, v] of votes) context.set(id, (context.get(id) ?? 0) + (v.score / Math.max(1, strongest)) * factor);
    if (m.from === 'customer') decay *= CUSTOMER_DECAY;
  }
  // A new move said in the customer's own words (嗯 你去查吧, 照片怎么发给你, 我不管 我就要今天解决):
  // the earlier topic, however often it was named, stays below what the newest message says.
  let ownCue = 0;
  for (const v of own.values()) if (v.reason.kind === 'cue') ownCue = Math.max(ownCue, v.score);
  const saysItself = ownCue > 0 && !followUp && reading.read >= OWN_WORDS_READ;
  const cap = saysItself ? OWN_MOVE_CONTEXT * ownCue : Infinity;
  for (const [id, score] of context) {
    const t = total.get(id);
    vote(total, id, Math.min(cap, score), t ? t.reason : { kind: 'context' });
  }

  const situations: DetectedSituation[] = [...total]
    .filter(([id]) => lib.situations.has(id))
    .map(([id, v]) => ({
      id,
      path: lib.situations.get(id)!.path,
      score: Math.round(v.score * 1000) / 1000,
      reason: v.reason,
    }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  if (!situations.length) return { situations: [], scripts: [] };

  return { situations: situations.slice(0, 5), scripts: rankScripts(situations, lib, scriptHits, options, now, limit) };
}

function rankScripts(
  situations: DetectedSituation[],
  lib: SuggestLibrary,
  scriptHits: Map<string, number>,
  options: SuggestOptions,
  now: number,
  limit: number,
): SuggestedScript[] {
  const top = situations[0]!.score;
  const considered = situations.filter(
    (s, i) => i < 3 && s.score >= (s.reason.kind === 'search' ? SEARCHED_READING_SHARE : OTHER_READING_SHARE) * top,
  );
  const perSituation: SuggestedScript[][] = [];
  const taken = new Set<string>();
  for (const s of considered) {
    const picks = options.picks?.get(s.id);
    const list: SuggestedScript[] = [];
    const docs = lib.situations.get(s.id)!.docs;
    docs.forEach((d, order) => {
      const pick = usageBoost(picks?.get(d.key), now);
      const score =
        s.score *
          (1 + 0.6 * (scriptHits.get(d.key) ?? 0) + 0.8 * pick + 0.2 * usageBoost(options.usage?.get(d.key), now)) -
        order * 1e-4;
      list.push({
        key: d.key,
        situationId: s.id,
        detected: s.id,
        score,
        reason: pick > 0 ? { kind: 'picked' } : s.reason,
      });
    });
    // What the agent picked for this situation from elsewhere in the library comes along.
    for (const [key, stats] of picks ?? []) {
      const doc = lib.index.get(key);
      if (!doc || doc.situationId === s.id) continue;
      list.push({
        key,
        situationId: doc.situationId,
        detected: s.id,
        score: s.score * 0.8 * (1 + usageBoost(stats, now)),
        reason: { kind: 'picked' },
      });
    }
    list.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
    perSituation.push(list);
  }
  const out: SuggestedScript[] = [];
  const take = (s: SuggestedScript | undefined) => {
    if (!s || taken.has(s.key) || out.length >= limit) return;
    taken.add(s.key);
    out.push({ ...s, score: Math.round(s.score * 1000) / 1000 });
  };
  // The best script of each likely situation first (three situations beat three scripts of one),
  // then by score.
  for (const list of perSituation) take(list[0]);
  for (const s of perSituation.flat().sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))) take(s);
  return out;
}
