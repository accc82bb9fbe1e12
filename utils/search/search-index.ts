/**
 * The search index: an inverted index from characters, character pairs and latin words to
 * scripts (segment.ts), a dictionary of the library's words with their pinyin
 * (term-dictionary.ts), shortcut codes, and the ranking that puts them together.
 *
 * One keystroke = parse the query, turn each word into Chinese texts (itself, homophones,
 * what its pinyin spells), add up the postings of their units into per-script scores, keep
 * the scripts that match every word, boost by use and situation, take the best `limit`.
 * Nothing scans the library: the cost follows the postings of the typed units.
 */
import { Needles, highlightsFor } from './highlight';
import { foldText, isLatin } from './normalize';
import { matchLatinAt, termReadings, type Readings } from './pinyin';
import { parseQuery } from './query';
import {
  FIELD_SCORE,
  GENERIC_FACTOR,
  genericPairKeys,
  SHORTCUT_EXACT_SCORE,
  SHORTCUT_PREFIX_BARE_SCORE,
  SHORTCUT_PREFIX_SCORE,
  SIBLING_SITUATION_BOOST,
  SITUATION_BOOST,
  unitWeight,
  USAGE_WEIGHT,
  usageBoost,
} from './ranking';
import { BaseSegment, type BaseSegmentData, DeltaSegment, expectedUnits, SegmentBuilder } from './segment';

export type { BaseSegmentData };
import {
  impliedFieldScores,
  offerFor,
  type Reading,
  readingMatches,
  readingOffered,
  readingScore,
  WEAK_MATCH_FACTOR,
} from './reading';
import { type Expansion, TermDictionary, termPieces } from './term-dictionary';
import { TopK } from './top-k';
import type { QueryFilters, QueryWord, SearchContext, SearchDoc, SearchHit } from './types';
import { FIELD_BITS, FIELD_BODY, FIELD_HEAD, FIELD_MASK, FIELD_PURPOSE, hanUnits, latinKey, pairChars } from './units';

export interface SearchIndex {
  /** Live scripts. */
  readonly size: number;
  /** Add or replace one script (by key). Unchanged content is a no-op. */
  upsert(doc: SearchDoc): void;
  upsertMany(docs: Iterable<SearchDoc>): void;
  remove(key: string): void;
  /**
   * Make the index hold exactly `docs` for one pack (or for everything when `packId` is
   * omitted): unchanged scripts are not touched, changed ones re-indexed, missing ones removed.
   */
  sync(docs: Iterable<SearchDoc>, packId?: string): SyncResult;
  /** `sync` in steps (a yield every few hundred scripts), for `runSliced`. */
  syncSteps(docs: Iterable<SearchDoc>, packId?: string): Generator<void, SyncResult>;
  get(key: string): SearchDoc | undefined;
  search(query: string, ctx?: SearchContext): SearchHit[];
  /**
   * Edits accumulate in a small mutable segment and removals leave dead entries; past a
   * share of the library, `compact()` (a rebuild, ~0.5 s at 50,000) is worth running when
   * idle. Batch operations (`sync`, `upsertMany`) compact by themselves when they cross it.
   */
  readonly needsCompaction: boolean;
  /** No edits since the last build or compaction: a snapshot costs no rebuild. */
  readonly compacted: boolean;
  compact(): void;
  /**
   * Plain data (typed arrays and the documents) to keep in IndexedDB or pass from a worker;
   * `restoreSearchIndex` brings it back without rebuilding. Compacts first when needed. The
   * typed arrays are the index's own: transfer their buffers only from an index you drop
   * (a worker that built it), otherwise let postMessage/IndexedDB copy them.
   */
  toSnapshot(): SearchIndexSnapshot;
}

export interface SyncResult {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** Bump when the index layout or unit keys change: an older cached snapshot is then rebuilt. */
export const SNAPSHOT_VERSION = 2;

export interface SearchIndexSnapshot {
  version: number;
  /** In document-number order. */
  docs: SearchDoc[];
  /** Document numbers in the order the index registered them (its dictionary's order). */
  fed: Uint32Array;
  base: BaseSegmentData;
}

/** Build an index over `docs` (synchronously; see `buildSearchIndex` to keep a UI responsive). */
export function createSearchIndex(docs: Iterable<SearchDoc> = []): SearchIndex {
  const index = new InvertedIndex();
  for (const _ of index.build(docs));
  return index;
}

/**
 * Build without freezing the page: the work is sliced and yields to the event loop every
 * `sliceMs`. In an extension page this keeps typing and scrolling smooth while 50,000
 * scripts are indexed; a worker can also build and hand over `toSnapshot()`.
 */
export async function buildSearchIndex(
  docs: Iterable<SearchDoc>,
  options: { sliceMs?: number; signal?: AbortSignal } = {},
): Promise<SearchIndex> {
  const sliceMs = options.sliceMs ?? 8;
  const index = new InvertedIndex();
  let sliceStart = performance.now();
  for (const _ of index.build(docs)) {
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    options.signal?.throwIfAborted();
    sliceStart = performance.now();
  }
  return index;
}

/** An index from a snapshot, or null when the snapshot is from another version. */
export function restoreSearchIndex(snapshot: SearchIndexSnapshot): SearchIndex | null {
  const steps = restoreSearchIndexSteps(snapshot);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** `restoreSearchIndex` in steps (a yield every few hundred scripts), for a worker that must stay responsive. */
export function* restoreSearchIndexSteps(snapshot: SearchIndexSnapshot): Generator<void, SearchIndex | null> {
  if (snapshot.version !== SNAPSHOT_VERSION) return null;
  const index = new InvertedIndex();
  yield* index.restore(snapshot);
  return index;
}

const DEFAULT_LIMIT = 20;
/** How much of a Chinese word a script must contain to count as matching it. */
const MIN_COVERAGE_SHORT = 0.5;
const MIN_COVERAGE_LONG = 0.3;
/** The word as typed, when part of it is a typo that sounds like a word of the library. */
const TYPED_WITH_TYPO = 0.7;
/** Scripts compared per step of a sliced sync: about a millisecond. */
const SYNC_STEP = 500;
/** `/t` lists at most this many shortcut codes. */
const MAX_SHORTCUT_PREFIX = 200;
/** Scripts edited or removed since the last build, past which a compaction pays off. */
const COMPACT_MIN = 2000;
const COMPACT_SHARE = 0.25;
/**
 * A unit in more than this share of a library of at least COMMON_MIN_DOCS scripts (收到, 您好,
 * 订单) is read where it says what a script is about — title, situation, keywords, tags — and
 * not in bodies, where it says nothing and would cost most of the time of a keystroke.
 */
const COMMON_SHARE = 0.1;
const COMMON_MIN_DOCS = 2000;

interface SituationInfo {
  id: string;
  path: string[];
  folded: string[];
  /** Path of the parent, for the sibling boost. */
  parent: string;
  docs: number;
  readings?: Readings[][];
}

/** One way to read a query word, scored over the index. */
type Alternative =
  | { kind: 'han'; text: string; quality: number; exact: boolean }
  | { kind: 'latin'; text: string }
  | { kind: 'shortcut'; docs: number[]; scores: number[] };

/** An alternative as scored: shortcut codes' scripts as they are, text by its units. */
type WordReading = Reading | Extract<Alternative, { kind: 'shortcut' }>;

/** What may multiply a script's text score: use and the conversation's situation. */
interface Multipliers {
  /** The most for any script, with a margin. */
  max: number;
  /** Per situation number: its boost for the conversation's situation. */
  situation: Float64Array;
}

/** What a posting's fields leave its script, against a cut (see pick). */
const DROP = 0;
const KEEP = 1;
/** Kept if the script's own boosts lift it to the cut. */
const CHECK = 2;
const UNKNOWN = 3;

/**
 * Scripts numbered [from, to) that a word scores: only those whose score for it, plus `rest`
 * (the most the query's other words can add), may reach `theta` once multiplied.
 */
interface Cut {
  mult: Multipliers;
  theta: number;
  rest: number;
  from: number;
  to: number;
}

/** A unit's postings in one run of number order, within a cut's range (see scoreAbove). */
interface PostingRun {
  /** Index of the unit in its reading. */
  unit: number;
  postings: ArrayLike<number>;
  from: number;
  to: number;
  /** The best field score its postings may give. */
  top: number;
  /** What a script found in this run alone may reach. */
  solo: number;
  skip: boolean;
  read: boolean;
}

/** Scripts in the first stage of a one-word query (see rankOneWord); at least 1/64 of the library. */
const FIRST_STAGE = 2048;

/**
 * A run of postings is searched for each touched script rather than read through when it is
 * this many times longer than their list (a search costs a few steps of galloping).
 */
const SEARCH_COST = 16;

/** Per-script scratch arrays, reused across searches and reset through touched lists. */
class Scratch {
  capacity = 0;
  altN = 0;
  wordN = 0;
  totalN = 0;
  pairScore = new Float64Array(0);
  pairCover = new Float64Array(0);
  charScore = new Float64Array(0);
  charCount = new Uint8Array(0);
  altTouched = new Int32Array(0);
  altMark = new Uint8Array(0);
  wordScore = new Float64Array(0);
  wordMatched = new Uint8Array(0);
  wordTouched = new Int32Array(0);
  wordMark = new Uint8Array(0);
  total = new Float64Array(0);
  hits = new Uint8Array(0);
  totalTouched = new Int32Array(0);
  totalMark = new Uint8Array(0);
  boost = new Float32Array(0);
  /** Scripts the words of a query of several may score (see rankAllowed), in number order. */
  allowedN = 0;
  allowed = new Int32Array(0);
  allowedMark = new Uint8Array(0);
  keptMark = new Uint8Array(0);
  /** Per script, how many words of a query of several it may match (see wordsScriptsMayMatch). */
  mayN = 0;
  mayMatch = new Uint8Array(0);
  mayTouched = new Int32Array(0);

  ensure(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(1024, n * 1.5) | 0;
    this.capacity = cap;
    this.pairScore = new Float64Array(cap);
    this.pairCover = new Float64Array(cap);
    this.charScore = new Float64Array(cap);
    this.charCount = new Uint8Array(cap);
    this.altTouched = new Int32Array(cap);
    this.altMark = new Uint8Array(cap);
    this.wordScore = new Float64Array(cap);
    this.wordMatched = new Uint8Array(cap);
    this.wordTouched = new Int32Array(cap);
    this.wordMark = new Uint8Array(cap);
    this.total = new Float64Array(cap);
    this.hits = new Uint8Array(cap);
    this.totalTouched = new Int32Array(cap);
    this.totalMark = new Uint8Array(cap);
    this.boost = new Float32Array(cap);
    this.allowed = new Int32Array(cap);
    this.allowedMark = new Uint8Array(cap);
    this.keptMark = new Uint8Array(cap);
    this.mayMatch = new Uint8Array(cap);
    this.mayTouched = new Int32Array(cap);
  }
}

function sameDoc(a: SearchDoc, b: SearchDoc): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.purpose === b.purpose &&
    a.packId === b.packId &&
    a.shortcut === b.shortcut &&
    a.situationId === b.situationId &&
    sameList(a.situationPath, b.situationPath) &&
    sameList(a.keywords, b.keywords) &&
    sameList(a.tags, b.tags)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

class InvertedIndex implements SearchIndex {
  /** By document number; null once removed or replaced (its postings are then skipped). */
  private docs: (SearchDoc | null)[] = [];
  /** Document numbers in the order the scripts were registered (see `build`). */
  private fed: number[] = [];
  private alive = new Uint8Array(1024);
  private docSituation = new Int32Array(1024);
  private numberOf = new Map<string, number>();
  private live = 0;
  /** Document numbers below this are in the base segment. */
  private baseEnd = 0;
  private deadInBase = 0;
  private base = BaseSegment.empty();
  private delta = new DeltaSegment();
  private situations: SituationInfo[] = [];
  private situationNumber = new Map<string, number>();
  /** Document numbers per situation (dead ones included), for filter-only queries. */
  private situationDocs: number[][] = [];
  private activeSituations = 0;
  private shortcutDocs = new Map<string, number[]>();
  /**
   * Sorted, for prefix lookups. A build appends and sorts once at the end: inserting each code
   * in place moves half the array every time, which made a 200,000-script build quadratic.
   */
  private shortcutCodes: string[] = [];
  private bulk = false;
  /** Sliced syncs under way. */
  private syncing = 0;
  private terms = new TermDictionary();
  private readonly scratch = new Scratch();
  private readonly foldCache = new Map<string, string>();

  get size(): number {
    return this.live;
  }

  get needsCompaction(): boolean {
    return this.docs.length - this.baseEnd + this.deadInBase > this.compactionThreshold;
  }

  /** Scripts edited or removed since the last build past which a compaction pays off. */
  private get compactionThreshold(): number {
    return Math.max(COMPACT_MIN, COMPACT_SHARE * this.baseEnd);
  }

  // ---- building -------------------------------------------------------------------------

  /** Yields after each script so `buildSearchIndex` can slice the work. */
  *build(input: Iterable<SearchDoc>): Generator<void> {
    const unique = new Map<string, SearchDoc>();
    for (const d of input) if (unique.set(d.key, d).size % 2000 === 0) yield;
    // Fed grouped by situation: the segment builder counts situations per unit by noticing
    // changes. The dictionary and the shortcut lists take scripts in this order too (it decides
    // between equally good pinyin readings), while numbers follow the keys (see TopK).
    const groups = new Map<string, SearchDoc[]>();
    let grouped = 0;
    let units = 0;
    for (const d of unique.values()) {
      let g = groups.get(d.situationId);
      if (!g) groups.set(d.situationId, (g = []));
      g.push(d);
      units += expectedUnits(d);
      if (++grouped % 2000 === 0) yield;
    }
    const fed: SearchDoc[] = [];
    for (const group of groups.values()) for (const d of group) fed.push(d);
    const numbers = yield* keyRanks(fed);
    this.reset(fed.length);
    const builder = new SegmentBuilder(units);
    this.bulk = true;
    for (let i = 0; i < fed.length; i++) {
      const n = numbers[i]!;
      this.register(fed[i]!, n);
      builder.add(fed[i]!, n, this.docSituation[n]!);
      yield;
    }
    this.endBulk();
    this.base = new BaseSegment(yield* builder.finishSteps());
    this.baseEnd = this.docs.length;
  }

  *restore(snapshot: SearchIndexSnapshot): Generator<void> {
    this.reset(snapshot.docs.length);
    this.bulk = true;
    let i = 0;
    for (const n of snapshot.fed) {
      this.register(snapshot.docs[n]!, n);
      if (++i % SYNC_STEP === 0) yield;
    }
    this.endBulk();
    this.base = new BaseSegment(snapshot.base);
    this.baseEnd = this.docs.length;
  }

  private endBulk(): void {
    this.bulk = false;
    this.shortcutCodes.sort();
  }

  /** Empty, with room for `count` scripts numbered by a build or a restore. */
  private reset(count = 0): void {
    this.docs = new Array<SearchDoc | null>(count).fill(null);
    this.fed = [];
    this.alive = new Uint8Array(Math.max(1024, count));
    this.docSituation = new Int32Array(Math.max(1024, count));
    this.numberOf.clear();
    this.live = 0;
    this.baseEnd = 0;
    this.deadInBase = 0;
    this.base = BaseSegment.empty();
    this.delta = new DeltaSegment();
    this.situations = [];
    this.situationDocs = [];
    this.situationNumber.clear();
    this.activeSituations = 0;
    this.shortcutDocs.clear();
    this.shortcutCodes = [];
    this.terms = new TermDictionary();
  }

  /**
   * Everything but the postings: number, situation, shortcut, dictionary terms. A build or a
   * restore gives the number; a script added later takes the next one.
   */
  private register(doc: SearchDoc, n = this.docs.length): number {
    if (n === this.docs.length) this.docs.push(doc);
    else this.docs[n] = doc;
    this.fed.push(n);
    if (n >= this.alive.length) {
      const alive = new Uint8Array(this.alive.length * 2);
      alive.set(this.alive);
      this.alive = alive;
      const sit = new Int32Array(this.docSituation.length * 2);
      sit.set(this.docSituation);
      this.docSituation = sit;
    }
    this.alive[n] = 1;
    this.live++;
    this.numberOf.set(doc.key, n);
    const s = this.situationFor(doc);
    this.docSituation[n] = s;
    this.situationDocs[s]!.push(n);
    if (this.situations[s]!.docs++ === 0) this.activeSituations++;
    if (doc.shortcut) {
      const code = foldText(doc.shortcut);
      const list = this.shortcutDocs.get(code);
      if (list) list.push(n);
      else {
        this.shortcutDocs.set(code, [n]);
        if (this.bulk) this.shortcutCodes.push(code);
        else this.shortcutCodes.splice(lowerBound(this.shortcutCodes, code), 0, code);
      }
    }
    this.forEachTerm(doc, (t, core) => this.terms.add(t, core));
    return n;
  }

  private unregister(n: number): void {
    const doc = this.docs[n];
    if (!doc) return;
    this.docs[n] = null;
    this.alive[n] = 0;
    this.live--;
    if (n < this.baseEnd) this.deadInBase++;
    if (this.numberOf.get(doc.key) === n) this.numberOf.delete(doc.key);
    if (--this.situations[this.docSituation[n]!]!.docs === 0) this.activeSituations--;
    if (doc.shortcut) {
      const code = foldText(doc.shortcut);
      const list = this.shortcutDocs.get(code)?.filter((x) => x !== n) ?? [];
      if (list.length) this.shortcutDocs.set(code, list);
      else {
        this.shortcutDocs.delete(code);
        const at = lowerBound(this.shortcutCodes, code);
        if (this.shortcutCodes[at] === code) this.shortcutCodes.splice(at, 1);
      }
    }
    this.forEachTerm(doc, (t, core) => this.terms.release(t, core));
  }

  private forEachTerm(doc: SearchDoc, fn: (term: string, core: boolean) => void): void {
    for (const t of termPieces(doc.title)) fn(t, false);
    for (const list of [doc.keywords, doc.tags, doc.situationPath])
      for (const k of list) for (const t of termPieces(k)) fn(t, true);
  }

  private situationFor(doc: SearchDoc): number {
    let s = this.situationNumber.get(doc.situationId);
    const path = doc.situationPath;
    if (s === undefined) {
      s = this.situations.length;
      this.situationNumber.set(doc.situationId, s);
      this.situations.push({ id: doc.situationId, path, folded: [], parent: '', docs: 0 });
      this.situationDocs.push([]);
    }
    const info = this.situations[s]!;
    // The latest script's path wins: a renamed situation shows its new name.
    if (info.folded.length === 0 || !sameList(info.path, path)) {
      info.path = path;
      info.folded = path.map(foldText);
      info.parent = info.folded.slice(0, -1).join('\u0000');
      delete info.readings;
    }
    return s;
  }

  // ---- changes ----------------------------------------------------------------------------

  upsert(doc: SearchDoc): void {
    this.apply(doc);
  }

  /** Returns what happened, for `sync`. */
  private apply(doc: SearchDoc): 'added' | 'updated' | 'unchanged' {
    const existing = this.numberOf.get(doc.key);
    if (existing !== undefined) {
      const old = this.docs[existing];
      if (old && sameDoc(old, doc)) return 'unchanged';
      this.unregister(existing);
    }
    const n = this.register(doc);
    this.delta.add(doc, n);
    return existing === undefined ? 'added' : 'updated';
  }

  upsertMany(docs: Iterable<SearchDoc>): void {
    for (const d of docs) this.apply(d);
    if (this.needsCompaction) this.compact();
  }

  remove(key: string): void {
    const n = this.numberOf.get(key);
    if (n !== undefined) this.unregister(n);
  }

  sync(docs: Iterable<SearchDoc>, packId?: string): SyncResult {
    const steps = this.syncSteps(docs, packId);
    for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
  }

  *syncSteps(docs: Iterable<SearchDoc>, packId?: string): Generator<void, SyncResult> {
    // What would change, first: a change that would end in a compaction (a pack installed) is
    // built at once, in the order the compaction would take, instead of going script by script
    // through the mutable segment (at 200,000 new scripts, tens of millions of postings).
    const input: SearchDoc[] = [];
    const seen = new Set<string>();
    const changes: SearchDoc[] = [];
    let added = 0;
    let unchanged = 0;
    let staleInBase = 0;
    let repeated = false;
    for (const d of docs) {
      if (packId !== undefined && d.packId !== packId) continue;
      if (input.push(d) % SYNC_STEP === 0) yield;
      if (seen.has(d.key)) repeated = true;
      seen.add(d.key);
      const n = this.numberOf.get(d.key);
      const old = n === undefined ? null : this.docs[n];
      if (!old) added++;
      else if (sameDoc(old, d)) {
        unchanged++;
        continue;
      } else if (n! < this.baseEnd) staleInBase++;
      changes.push(d);
    }
    const removed: number[] = [];
    let i = 0;
    for (const [key, n] of this.numberOf) {
      if (++i % SYNC_STEP === 0) yield;
      const doc = this.docs[n];
      if (!doc || seen.has(key) || (packId !== undefined && doc.packId !== packId)) continue;
      removed.push(n);
      if (n < this.baseEnd) staleInBase++;
    }
    const result: SyncResult = { added, updated: changes.length - added, removed: removed.length, unchanged };
    const stale = this.docs.length + changes.length - this.baseEnd + this.deadInBase + staleInBase;
    if (!repeated && stale > this.compactionThreshold) {
      const replaced = new Set(changes.map((d) => d.key));
      const gone = new Set(removed);
      const order: SearchDoc[] = [];
      for (const n of this.fed) {
        const doc = this.docs[n];
        if (doc && !gone.has(n) && !replaced.has(doc.key)) order.push(doc);
      }
      yield* this.build(order.concat(changes));
      return result;
    }
    // Searches may run between steps: they must not compact under it (see search).
    this.syncing++;
    try {
      result.added = result.updated = result.unchanged = 0;
      for (let j = 0; j < input.length; j++) {
        if (j % SYNC_STEP === SYNC_STEP - 1) yield;
        result[this.apply(input[j]!)]++;
      }
      for (const n of removed) if (this.docs[n]) this.unregister(n);
    } finally {
      this.syncing--;
    }
    if (this.needsCompaction) yield* this.build(this.liveInFedOrder());
    return result;
  }

  get(key: string): SearchDoc | undefined {
    const n = this.numberOf.get(key);
    return n === undefined ? undefined : (this.docs[n] ?? undefined);
  }

  compact(): void {
    for (const _ of this.build(this.liveInFedOrder()));
  }

  private *liveInFedOrder(): Generator<SearchDoc> {
    for (const n of this.fed) {
      const doc = this.docs[n];
      if (doc) yield doc;
    }
  }

  get compacted(): boolean {
    return this.baseEnd === this.docs.length && this.deadInBase === 0;
  }

  toSnapshot(): SearchIndexSnapshot {
    if (!this.compacted) this.compact();
    return {
      version: SNAPSHOT_VERSION,
      docs: [...(this.docs as SearchDoc[])],
      fed: Uint32Array.from(this.fed),
      base: this.base.data,
    };
  }

  // ---- searching --------------------------------------------------------------------------

  search(query: string, ctx: SearchContext = {}): SearchHit[] {
    const parsed = parseQuery(query);
    if (parsed.empty || this.live === 0) return [];
    // Safety net for a library loaded by single upserts: past half the scripts in the mutable
    // segment, one rebuild now beats slow and bloated searches from here on.
    if (!this.syncing && this.docs.length - this.baseEnd > Math.max(COMPACT_MIN, this.live / 2)) this.compact();
    const limit = Math.max(1, ctx.limit ?? DEFAULT_LIMIT);
    const sc = this.scratch;
    sc.ensure(this.docs.length);
    const pass = this.compileFilters(parsed.filters);
    const needles = new Needles();
    const boosted = this.applyUsage(ctx);

    let held: TopK;
    if (parsed.words.length === 0) {
      // Filters only: every script that passes them, the same score each.
      held = this.topK(limit);
      const final = this.finalScore(ctx, 1);
      const consider = (d: number) => {
        if (!this.alive[d] || (pass && !pass(d))) return;
        sc.total[d] = 1;
        held.offer(d, final(d));
        sc.total[d] = 0;
      };
      if (parsed.filters.situations.length) {
        this.allowedSituations(parsed.filters.situations).forEach(
          (ok, s) => ok && this.situationDocs[s]!.forEach(consider),
        );
      } else for (let d = 0; d < this.docs.length; d++) consider(d);
    } else {
      const plans = this.plan(parsed.words);
      for (const alt of plans.flat()) {
        if (alt.kind === 'han') needles.addHan(alt.text);
        else if (alt.kind === 'latin') needles.addLatin(alt.text);
      }
      const words = plans.map((alternatives) =>
        alternatives.flatMap((alt): WordReading[] => {
          if (alt.kind === 'shortcut') return [alt];
          const reading = this.readingOf(alt);
          return reading ? [reading] : [];
        }),
      );
      // One word, every script that has it a candidate: the floor the best `limit` are sure to
      // reach spares the many scripts that cannot (`t` reads 退, 通, 推, 太; 退货 is in the
      // bodies of 70,000 of 200,000 scripts, its best have it in the title).
      const floor = words.length === 1 && !pass ? this.floorOf(words[0]!, limit) : -Infinity;
      held = this.rankStaged(words, floor, this.multipliers(ctx, boosted), pass, ctx, limit);
    }

    const top = held.sorted();
    for (const d of boosted) sc.boost[d] = 0;
    return top.map(({ d, score }) => {
      const doc = this.docs[d]!;
      return { key: doc.key, score, highlights: ctx.highlights === false ? [] : highlightsFor(doc, needles) };
    });
  }

  /** The ways to read each query word, best first. A latin word may become several words. */
  private plan(words: QueryWord[]): Alternative[][] {
    const plans: Alternative[][] = [];
    for (const w of words) {
      if (w.script === 'han') {
        // A homophone reading is what the agent meant to type: matched as loosely as the word,
        // and preferred to the word as typed, whose typo the library does not have (in
        // 我要推货 only 我要 would match).
        const homophones = this.terms.homophones(w.text, (text) => this.hasText(text));
        const literal = { text: w.text, quality: homophones.length ? TYPED_WITH_TYPO : 1 };
        plans.push(
          [literal, ...homophones].map((e) => ({ kind: 'han', text: e.text, quality: e.quality, exact: false })),
        );
        continue;
      }
      const shortcut = this.shortcutAlternatives(w);
      if (w.shortcut && shortcut.length) {
        plans.push(shortcut);
        continue;
      }
      const alts: Alternative[] = [...shortcut, { kind: 'latin', text: w.text }];
      if (!/[a-z]/.test(w.text)) {
        plans.push(alts);
        continue;
      }
      const expansions = this.terms.matchLatin(w.text);
      if (expansions.length) {
        plans.push([...alts, ...expansions.map(hanAlternative)]);
        continue;
      }
      // Nothing spells the whole word: maybe two words typed together (tuihuoyunfei) …
      const parts = w.text.length >= 4 ? this.splitLatin(w.text, 3) : null;
      if (parts && parts.length > 1) {
        plans.push([...alts, ...parts[0]!.map(hanAlternative)]);
        for (const p of parts.slice(1)) plans.push(p.map(hanAlternative));
        continue;
      }
      // … or a typo in the pinyin (tuihou).
      const fuzzy = w.text.length >= 4 ? this.terms.matchLatinFuzzy(w.text) : [];
      plans.push([...alts, ...fuzzy.map(hanAlternative)]);
    }
    return plans;
  }

  /** `tuihuoyunfei` → [退货…], [运费…]: the longest prefix that spells a word, then the rest. */
  private splitLatin(text: string, depth: number): Expansion[][] | null {
    const whole = this.terms.matchLatin(text);
    if (whole.length) return [whole];
    if (depth === 0) return null;
    for (let k = text.length - 2; k >= 2; k--) {
      const head = this.terms.matchLatin(text.slice(0, k));
      if (!head.length || !head.some((e) => e.text.length >= 2)) continue;
      const rest = this.splitLatin(text.slice(k), depth - 1);
      if (rest) return [head, ...rest];
    }
    return null;
  }

  /** Does every character pair of `text` occur somewhere in the library? */
  private hasText(text: string): boolean {
    const { bigrams } = hanUnits(text);
    return bigrams.length > 0 && bigrams.every((key) => this.stats(key).df > 0);
  }

  private shortcutAlternatives(w: QueryWord): Alternative[] {
    const docs: number[] = [];
    const scores: number[] = [];
    for (const d of this.shortcutDocs.get(w.text) ?? []) {
      docs.push(d);
      scores.push(SHORTCUT_EXACT_SCORE);
    }
    // Bare letters are usually pinyin; only `/t` or a longer code lists codes by prefix,
    // the closest completions first (/cf: cf1 before cfjs1).
    if (w.shortcut || w.text.length >= 2) {
      const base = w.shortcut ? SHORTCUT_PREFIX_SCORE : SHORTCUT_PREFIX_BARE_SCORE;
      for (
        let i = lowerBound(this.shortcutCodes, w.text);
        i < this.shortcutCodes.length && docs.length < MAX_SHORTCUT_PREFIX;
        i++
      ) {
        const code = this.shortcutCodes[i]!;
        if (!code.startsWith(w.text)) break;
        if (code === w.text) continue;
        const score = base * Math.max(0.8, 1 - 0.02 * (code.length - w.text.length));
        for (const d of this.shortcutDocs.get(code)!) {
          docs.push(d);
          scores.push(score);
        }
      }
    }
    return docs.length ? [{ kind: 'shortcut', docs, scores }] : [];
  }

  private stats(key: number): { df: number; sdf: number } {
    const u = this.base.unit(key);
    const inDelta = this.delta.postings.get(key)?.length ?? 0;
    if (u < 0) return { df: inDelta, sdf: inDelta ? 1 : 0 };
    return { df: this.base.docFrequency(u) + inDelta, sdf: this.base.situationCounts[u]! };
  }

  private weightOf(key: number): number {
    const { df, sdf } = this.stats(key);
    return df === 0 ? 0 : unitWeight(df, sdf, this.live, this.activeSituations);
  }

  /** The units of a han or latin reading with their weights; null when the library has none of them. */
  private readingOf(alt: Alternative): Reading | null {
    if (alt.kind === 'latin') {
      const key = latinKey(alt.text);
      if (this.weightOf(key) === 0) return null;
      return {
        keys: [key],
        weights: [1],
        pairCount: 1,
        headOnly: [false],
        pairChars: [],
        pairWeight: 1,
        charWeight: 0,
        quality: 1,
        charsInWord: 0,
        minCover: 1,
        hasPairs: true,
      };
    }
    if (alt.kind !== 'han') return null;
    const { chars, bigrams } = hanUnits(alt.text);
    const keys: number[] = [];
    const weights: number[] = [];
    const headOnly: boolean[] = [];
    let pairWeight = 0;
    let charWeight = 0;
    let knownPairs = 0;
    for (const key of bigrams) {
      const { df, sdf } = this.stats(key);
      if (df === 0) continue;
      const w = unitWeight(df, sdf, this.live, this.activeSituations) * (genericPairKeys.has(key) ? GENERIC_FACTOR : 1);
      pairWeight += w;
      knownPairs++;
      keys.push(key);
      weights.push(w);
      headOnly.push(this.isCommon(df));
    }
    const pairCount = keys.length;
    // A word from pinyin or a homophone is a whole word of the library: its pairs say all.
    // Characters are for what the agent typed, which may only partly match.
    const useChars = !alt.exact || bigrams.length === 0;
    if (useChars)
      for (const key of chars) {
        const w = this.weightOf(key);
        if (w === 0) continue;
        charWeight += w;
        keys.push(key);
        weights.push(w);
        headOnly.push(false);
      }
    if (!keys.length) return null;
    return {
      keys,
      weights,
      pairCount,
      headOnly,
      pairChars: keys.slice(0, pairCount).map((key) => pairChars(key).map((c) => keys.indexOf(c, pairCount))),
      pairWeight,
      charWeight,
      quality: alt.quality,
      charsInWord: useChars ? chars.length : 0,
      minCover: alt.exact ? 0.999 : knownPairs <= 2 ? MIN_COVERAGE_SHORT : MIN_COVERAGE_LONG,
      hasPairs: bigrams.length > 0,
    };
  }

  /**
   * Scores one query word over the cut's scripts (with `among`, only the allowed ones): the
   * best of its readings, per script, into sc.wordScore.
   */
  private scoreWord(readings: WordReading[], cut: Cut, among = false): void {
    const sc = this.scratch;
    sc.wordN = 0;
    for (const r of readings) {
      if ('docs' in r)
        r.docs.forEach(
          (d, i) =>
            this.alive[d] &&
            d >= cut.from &&
            d < cut.to &&
            (!among || sc.allowedMark[d]) &&
            this.offerWord(d, r.scores[i]!, true),
        );
      else if (among) this.scoreAmong(r, cut);
      else this.scoreAbove(r, cut);
    }
  }

  /** The word's scores into the query's totals. */
  private addWord(): void {
    const sc = this.scratch;
    for (let i = 0; i < sc.wordN; i++) {
      const d = sc.wordTouched[i]!;
      if (!sc.totalMark[d]) {
        sc.totalMark[d] = 1;
        sc.totalTouched[sc.totalN++] = d;
      }
      sc.total[d]! += sc.wordScore[d]!;
      sc.hits[d]! += sc.wordMatched[d]!;
      sc.wordScore[d] = 0;
      sc.wordMatched[d] = 0;
      sc.wordMark[d] = 0;
    }
    sc.wordN = 0;
  }

  /** Is a unit in so many scripts that reading its body-only postings is not worth it? */
  private isCommon(docFrequency: number): boolean {
    return this.live >= COMMON_MIN_DOCS && docFrequency > COMMON_SHARE * this.live;
  }

  /** Every live script of the runs, in one pass: no cut yet. */
  private scoreRuns(r: Reading, runs: PostingRun[]): void {
    const sc = this.scratch;
    const alive = this.alive;
    const bits = FIELD_BITS;
    const mask = FIELD_MASK;
    const fieldScore = FIELD_SCORE;
    for (const run of runs) {
      const pair = run.unit < r.pairCount;
      const weight = r.weights[run.unit]!;
      const score = pair ? sc.pairScore : sc.charScore;
      const postings = run.postings;
      for (let j = run.from; j < run.to; j++) {
        const p = postings[j]!;
        const d = p >>> bits;
        if (!alive[d]) continue;
        if (!sc.altMark[d]) {
          sc.altMark[d] = 1;
          sc.altTouched[sc.altN++] = d;
        }
        score[d]! += weight * fieldScore[p & mask]!;
        if (pair) sc.pairCover[d]! += weight;
        else sc.charCount[d]!++;
      }
    }
    this.finishAlternative(r);
  }

  /**
   * Ranks a query's words in stages over ranges of script numbers (the first small, each next
   * twice as long). Each stage scores only the scripts of its range that may still enter the
   * best `limit`: those that can reach the floor of a one-word query (see floorOf) and, once
   * `limit` are held, beat the lowest of them. Numbers follow keys (see TopK), so a later
   * script that would only tie the lowest held one ranks below it: when thousands of scripts
   * score the same (售 in the situation of every after-sale script), the first stage holds
   * enough of them and the others are never touched.
   *
   * With several words, the scripts that match the most of them are the candidates (AND with
   * a fallback). Those that may match the most are found from postings alone and scored
   * exactly (see allowAllWords, rankAllowed); only when no script matches any word are the
   * stages run, with scripts held apart by how many words they match.
   */
  private rankStaged(
    words: WordReading[][],
    floor: number,
    mult: Multipliers,
    pass: ((d: number) => boolean) | null,
    ctx: SearchContext,
    limit: number,
  ): TopK {
    const sc = this.scratch;
    const count = words.length;
    // Several words: the scripts that may match the most of them are few (退货 and y each have
    // tens of thousands of scripts, both a few hundred), found by their postings alone and
    // scored exactly, from as many words as any script may match down. Only when no script
    // matches any word is every script that has a part of one ranked, in stages.
    if (count > 1) {
      if (this.allowAllWords(words)) {
        const held = this.rankAllowed(words, count, mult, pass, ctx, limit);
        if (held) return held;
      }
      const may = Math.min(count - 1, this.wordsScriptsMayMatch(words));
      let held: TopK | null = null;
      for (let level = may; level >= 1 && !held; level--) {
        for (let i = 0; i < sc.mayN; i++) {
          const d = sc.mayTouched[i]!;
          if (sc.mayMatch[d]! < level) continue;
          sc.allowedMark[d] = 1;
          sc.allowed[sc.allowedN++] = d;
        }
        sc.allowed.subarray(0, sc.allowedN).sort();
        held = this.rankAllowed(words, level, mult, pass, ctx, limit);
      }
      for (let i = 0; i < sc.mayN; i++) sc.mayMatch[sc.mayTouched[i]!] = 0;
      sc.mayN = 0;
      if (held) return held;
    }
    // Per number of words matched; one word: every script that has some of it.
    const held = Array.from({ length: count === 1 ? 1 : count + 1 }, () => this.topK(limit));
    const all = held[held.length - 1]!;
    let mostHits = 0;
    const best = words.map((readings) => this.bestOffer(readings));
    const final = this.finalScore(ctx, count);
    const end = this.docs.length;
    let size = Math.max(FIRST_STAGE, Math.ceil(end / 64));
    for (let from = 0; from < end; size *= 2) {
      // Scripts of the mutable segment tie by key, not number: a stage never mixes the two.
      const to = from < this.baseEnd ? Math.min(this.baseEnd, from + size) : Math.min(end, from + size);
      const lowest = all.threshold;
      // Scores are rounded to six decimals before they are compared: below these, a script
      // rounds to at most the lowest held score (then loses on number) or strictly below it.
      const beat = lowest === -Infinity ? -Infinity : to <= this.baseEnd ? lowest + 0.499e-6 : lowest - 0.6e-6;
      const theta = Math.max(floor, beat) * count;
      words.forEach((readings, w) => {
        let rest = 0;
        best.forEach((b, v) => v !== w && (rest += b));
        this.scoreWord(readings, { mult, theta, rest, from, to });
        this.addWord();
      });
      for (let i = 0; i < sc.totalN; i++) {
        const d = sc.totalTouched[i]!;
        const hits = count === 1 ? 0 : sc.hits[d]!;
        mostHits = Math.max(mostHits, hits);
        if (hits === mostHits && (!pass || pass(d))) held[hits]!.offer(d, final(d));
      }
      this.resetTotals();
      from = to;
    }
    return held[mostHits]!;
  }

  /**
   * The allowed scripts (see rankAllowed): a superset of those matching every word, from the
   * runs each word's matches must be in — the word with the fewest such postings first, then
   * kept only where every other word's runs have them too. False when there are none.
   */
  private allowAllWords(words: WordReading[][]): boolean {
    const sc = this.scratch;
    const needs = words
      .map((readings) => {
        const runs: PostingRun[] = [];
        const docs: number[] = [];
        for (const r of readings) {
          if ('docs' in r) docs.push(...r.docs);
          else runs.push(...this.runsToMatch(r));
        }
        let postings = docs.length;
        for (const run of runs) postings += run.to - run.from;
        return { runs, docs, postings };
      })
      .sort((a, b) => a.postings - b.postings);
    const first = needs[0]!;
    const allow = (d: number) => {
      if (!this.alive[d] || sc.allowedMark[d]) return;
      sc.allowedMark[d] = 1;
      sc.allowed[sc.allowedN++] = d;
    };
    for (const run of first.runs) for (let j = run.from; j < run.to; j++) allow(run.postings[j]! >>> FIELD_BITS);
    for (const d of first.docs) allow(d);
    sc.allowed.subarray(0, sc.allowedN).sort();
    const kept = sc.keptMark;
    for (const need of needs.slice(1)) {
      if (!sc.allowedN) break;
      for (const run of need.runs) forListed(run, sc.allowed, sc.allowedN, sc.allowedMark, (d) => (kept[d] = 1));
      for (const d of need.docs) if (sc.allowedMark[d]) kept[d] = 1;
      let n = 0;
      for (let i = 0; i < sc.allowedN; i++) {
        const d = sc.allowed[i]!;
        if (kept[d]) sc.allowed[n++] = d;
        else sc.allowedMark[d] = 0;
        kept[d] = 0;
      }
      sc.allowedN = n;
    }
    return sc.allowedN > 0;
  }

  /**
   * How many of the words each script may match, in sc.mayMatch for the scripts in
   * sc.mayTouched, from the runs a word's matches must be in (see runsToMatch); returns the
   * most.
   */
  private wordsScriptsMayMatch(words: WordReading[][]): number {
    const sc = this.scratch;
    const seen = sc.keptMark;
    const inWord: number[] = [];
    let most = 0;
    const note = (d: number) => {
      if (!this.alive[d] || seen[d]) return;
      seen[d] = 1;
      inWord.push(d);
      if (sc.mayMatch[d]!++ === 0) sc.mayTouched[sc.mayN++] = d;
      most = Math.max(most, sc.mayMatch[d]!);
    };
    for (const readings of words) {
      for (const r of readings) {
        if ('docs' in r) r.docs.forEach(note);
        else
          for (const run of this.runsToMatch(r))
            for (let j = run.from; j < run.to; j++) note(run.postings[j]! >>> FIELD_BITS);
      }
      for (const d of inWord) seen[d] = 0;
      inWord.length = 0;
    }
    return most;
  }

  /**
   * The best `limit` when the most words any script matches is `level` or more and the allowed
   * scripts include every script that may match that many: those scored exactly. Null when
   * none matches `level` words.
   */
  private rankAllowed(
    words: WordReading[][],
    level: number,
    mult: Multipliers,
    pass: ((d: number) => boolean) | null,
    ctx: SearchContext,
    limit: number,
  ): TopK | null {
    const sc = this.scratch;
    const everywhere: Cut = { mult, theta: -Infinity, rest: 0, from: 0, to: this.docs.length };
    for (const readings of words) {
      this.scoreWord(readings, everywhere, true);
      // Added in the order of the words: the order decides the last bits of a sum.
      this.addWord();
    }
    let most = 0;
    for (let i = 0; i < sc.totalN; i++) most = Math.max(most, sc.hits[sc.totalTouched[i]!]!);
    const held = this.topK(limit);
    const final = this.finalScore(ctx, words.length);
    // The scripts not allowed match fewer than `level` words: these match the most.
    if (most >= level)
      for (let i = 0; i < sc.totalN; i++) {
        const d = sc.totalTouched[i]!;
        if (sc.hits[d] === most && (!pass || pass(d))) held.offer(d, final(d));
      }
    this.resetTotals();
    for (let i = 0; i < sc.allowedN; i++) sc.allowedMark[sc.allowed[i]!] = 0;
    sc.allowedN = 0;
    return most >= level ? held : null;
  }

  /**
   * Runs of a reading that every script matching it is in at least one of: the pairs but those
   * (the longest first) that could not make the coverage a match by themselves, and, when all
   * the characters make a match too, the character with the fewest postings.
   */
  private runsToMatch(r: Reading): PostingRun[] {
    const runs = this.runsOf(r, 0, this.docs.length);
    const length = new Float64Array(r.keys.length);
    for (const run of runs) length[run.unit]! += run.to - run.from;
    const needed = new Uint8Array(r.keys.length);
    if (r.pairWeight > 0) {
      const pairs = Array.from({ length: r.pairCount }, (_, i) => i).sort((a, b) => length[b]! - length[a]!);
      let without = 0;
      for (const i of pairs) {
        if (readingMatches(r, without + r.weights[i]!, 0)) needed[i] = 1;
        else without += r.weights[i]!;
      }
    }
    const chars = r.keys.length - r.pairCount;
    if (chars > 0 && chars === r.charsInWord && readingMatches(r, 0, chars)) {
      let rarest = r.pairCount;
      for (let i = r.pairCount; i < r.keys.length; i++) if (length[i]! < length[rarest]!) rarest = i;
      needed[rarest] = 1;
    }
    return runs.filter((run) => needed[run.unit]);
  }

  /** The most a word can give a script: its best reading with every unit in every field. */
  private bestOffer(readings: WordReading[]): number {
    let best = 0;
    for (const r of readings) {
      if ('docs' in r) for (const s of r.scores) best = Math.max(best, s);
      else
        best = Math.max(
          best,
          offerFor(
            r,
            Float64Array.from(r.keys, (_, i) => topFieldScore(r, i)),
          ),
        );
    }
    return best;
  }

  /**
   * Only the scripts of the range [cut.from, cut.to) that may reach `cut.theta`, exactly as
   * `scoreAll` scores them. A script whose units are all in postings that cannot lift it that
   * high is never touched:
   *
   * - runs of postings (a unit's short-field run, its body-only run, its postings in the
   *   mutable segment) are skipped when scripts found only there cannot reach it (the
   *   body-only postings of 退货 and its characters 退 and 货 while its best scripts have it
   *   in the title; the 84,000 scripts with 了 when the query is a customer's sentence);
   * - the other runs are read shortest first, and a script first seen in a run is known to be
   *   in none of the runs read before: it is picked only when this unit, in the fields of its
   *   posting, and the best the unread runs could add would reach the cut (a script that has
   *   售 but not 预售 when the query is 预售).
   *
   * The picked scripts then get all of their units' contributions, in the same order as
   * `scoreAll` adds them, so their scores are the same numbers.
   */
  private scoreAbove(r: Reading, cut: Cut): void {
    const sc = this.scratch;
    const n = r.keys.length;
    const runs = this.runsOf(r, cut.from, cut.to);
    if (cut.theta === -Infinity) return this.scoreRuns(r, runs);
    const below = (scores: Float64Array) => (offerFor(r, scores) + cut.rest) * cut.mult.max < cut.theta;
    const fieldScores = new Float64Array(n);
    for (const run of runs) {
      fieldScores.fill(0);
      fieldScores[run.unit] = run.top;
      run.solo = offerFor(r, fieldScores);
    }
    // Skipped: the runs that say least, and between those that say as little the longest (a
    // character alone says nothing of a long word, and 了 has more postings than the others).
    const skipped = new Float64Array(n);
    for (const run of [...runs].sort((a, b) => a.solo - b.solo || b.to - b.from - (a.to - a.from))) {
      fieldScores.set(skipped);
      fieldScores[run.unit] = Math.max(fieldScores[run.unit]!, run.top);
      if (!below(fieldScores)) continue;
      skipped.set(fieldScores);
      run.skip = true;
    }
    const unread = (unit: number) => {
      let top = 0;
      for (const run of runs) if (run.unit === unit && !run.read) top = Math.max(top, run.top);
      return top;
    };
    for (const run of runs.filter((x) => !x.skip).sort((a, b) => a.to - a.from - (b.to - b.from))) {
      run.read = true;
      for (let i = 0; i < n; i++) fieldScores[i] = unread(i);
      this.pick(r, run, fieldScores, cut);
    }
    // In number order, for the searches of addUnits.
    sc.altTouched.subarray(0, sc.altN).sort();
    this.addUnits(r, runs);
    this.finishAlternative(r);
  }

  /**
   * The reading's postings of scripts numbered [from, to), unit after unit: per unit its
   * short-field run, its body-only run (unless the unit is common) and its postings in the
   * mutable segment, each in number order.
   */
  private runsOf(r: Reading, from: number, to: number): PostingRun[] {
    const { offsets, headEnds, postings } = this.base;
    const runs: PostingRun[] = [];
    const add = (unit: number, list: ArrayLike<number>, start: number, stop: number, top: number) => {
      start = firstAtOrAfter(list, start, stop, from);
      stop = firstAtOrAfter(list, start, stop, to);
      if (stop > start)
        runs.push({ unit, postings: list, from: start, to: stop, top, solo: 0, skip: false, read: false });
    };
    for (let i = 0; i < r.keys.length; i++) {
      const u = this.base.unit(r.keys[i]!);
      if (u >= 0) {
        add(i, postings, offsets[u]!, headEnds[u]!, topFieldScore(r, i));
        if (!r.headOnly[i]) add(i, postings, headEnds[u]!, offsets[u + 1]!, FIELD_SCORE[FIELD_PURPOSE | FIELD_BODY]!);
      }
      const extra = this.delta.postings.get(r.keys[i]!);
      if (extra) add(i, extra, 0, extra.length, topFieldScore(r, i));
    }
    return runs;
  }

  /**
   * Marks the live scripts of a run that may reach the cut: with this unit in the fields of
   * the posting, the others at `others` (their unread runs' best) and the other words at their
   * best, computed per field set when first met.
   */
  private pick(r: Reading, run: PostingRun, others: Float64Array, cut: Cut): void {
    const sc = this.scratch;
    const alive = this.alive;
    const mask = FIELD_MASK;
    const bits = FIELD_BITS;
    const codes = new Uint8Array(FIELD_MASK + 1).fill(UNKNOWN);
    const bounds = new Float64Array(FIELD_MASK + 1);
    const { postings, unit } = run;
    for (let j = run.from; j < run.to; j++) {
      const p = postings[j]!;
      const m = p & mask;
      let k = codes[m]!;
      if (k === UNKNOWN) {
        others[unit] = FIELD_SCORE[m]!;
        const b = (bounds[m] = offerFor(r, others) + cut.rest);
        k = codes[m] = b >= cut.theta ? KEEP : b * cut.mult.max < cut.theta ? DROP : CHECK;
      }
      if (k === DROP) continue;
      const d = p >>> bits;
      if (sc.altMark[d] || !alive[d]) continue;
      if (k === CHECK && bounds[m]! * this.bestMultiplier(d, cut.mult) < cut.theta) continue;
      sc.altMark[d] = 1;
      sc.altTouched[sc.altN++] = d;
    }
  }

  /**
   * Adds every run's postings of the scripts in the alternative's touched list (in number
   * order) into its accumulators, unit after unit as `scoreRuns` does (the order decides the
   * last bits of a sum).
   */
  private addUnits(r: Reading, runs: PostingRun[]): void {
    const sc = this.scratch;
    for (const run of runs) this.addListed(r, run, sc.altTouched, sc.altN, sc.altMark, false);
  }

  /** Every script of the reading among the allowed ones (see rankAllowed), exactly. */
  private scoreAmong(r: Reading, cut: Cut): void {
    const sc = this.scratch;
    for (const run of this.runsOf(r, cut.from, cut.to))
      this.addListed(r, run, sc.allowed, sc.allowedN, sc.allowedMark, true);
    this.finishAlternative(r);
  }

  /**
   * The run's postings of the scripts listed (in number order; `marked` marks them) into the
   * alternative's accumulators; with `touch`, a script found is added to its touched list.
   */
  private addListed(
    r: Reading,
    run: PostingRun,
    list: Int32Array,
    n: number,
    marked: Uint8Array,
    touch: boolean,
  ): void {
    const sc = this.scratch;
    const pair = run.unit < r.pairCount;
    const weight = r.weights[run.unit]!;
    const score = pair ? sc.pairScore : sc.charScore;
    // Imported bindings read once per run, not per posting (see scanUnits).
    const mask = FIELD_MASK;
    const fieldScore = FIELD_SCORE;
    forListed(run, list, n, marked, (d, p) => {
      if (touch && !sc.altMark[d]) {
        sc.altMark[d] = 1;
        sc.altTouched[sc.altN++] = d;
      }
      score[d]! += weight * fieldScore[p & mask]!;
      if (pair) sc.pairCover[d]! += weight;
      else sc.charCount[d]!++;
    });
  }

  /** Turns the alternative's accumulators into a 0…1 score per script and offers it to the word. */
  private finishAlternative(r: Reading): void {
    const sc = this.scratch;
    for (let i = 0; i < sc.altN; i++) {
      const d = sc.altTouched[i]!;
      const matched = readingMatches(r, sc.pairCover[d]!, sc.charCount[d]!);
      if (readingOffered(r, matched, sc.pairCover[d]!))
        this.offerWord(d, r.quality * readingScore(r, sc.pairScore[d]!, sc.pairCover[d]!, sc.charScore[d]!), matched);
      sc.pairScore[d] = 0;
      sc.pairCover[d] = 0;
      sc.charScore[d] = 0;
      sc.charCount[d] = 0;
      sc.altMark[d] = 0;
    }
    sc.altN = 0;
  }

  /** A word's score for a script is its best reading's; it matches if any reading matches. */
  private offerWord(d: number, score: number, matched: boolean): void {
    const sc = this.scratch;
    if (!sc.wordMark[d]) {
      sc.wordMark[d] = 1;
      sc.wordTouched[sc.wordN++] = d;
    }
    const effective = matched ? score : score * WEAK_MATCH_FACTOR;
    if (effective > sc.wordScore[d]!) sc.wordScore[d] = effective;
    if (matched) sc.wordMatched[d] = 1;
  }

  /** Holds the best `limit` by score, then key. */
  private topK(limit: number): TopK {
    return new TopK(limit, this.baseEnd, (d) => this.docs[d]!.key);
  }

  /** A script's final score from its text score in sc.total, with use and the conversation's situation. */
  private finalScore(ctx: SearchContext, words: number): (d: number) => number {
    const sc = this.scratch;
    const ctxSituation = ctx.situationId === undefined ? undefined : this.situationNumber.get(ctx.situationId);
    const ctxParent = ctxSituation === undefined ? undefined : this.situations[ctxSituation]!.parent;
    return (d) => {
      let score = (sc.total[d]! / words) * (1 + sc.boost[d]!);
      if (ctxSituation !== undefined) {
        const s = this.docSituation[d]!;
        if (s === ctxSituation) score *= SITUATION_BOOST;
        else if (ctxParent && this.situations[s]!.parent === ctxParent) score *= SIBLING_SITUATION_BOOST;
      }
      // Six decimals: float noise from the order postings were added in (base or delta
      // segment) must not decide between scripts that match equally well.
      return Math.round(score * 1e6) / 1e6;
    };
  }

  /** Each used script's boost into sc.boost; returns them, to be reset after the search. */
  private applyUsage(ctx: SearchContext): number[] {
    const sc = this.scratch;
    const boosted: number[] = [];
    if (!ctx.usage) return boosted;
    const now = ctx.now ?? Date.now();
    for (const [key, stats] of ctx.usage) {
      const d = this.numberOf.get(key);
      if (d === undefined) continue;
      sc.boost[d] = USAGE_WEIGHT * usageBoost(stats, now);
      boosted.push(d);
    }
    return boosted;
  }

  /**
   * The score the best `limit` scripts of a one-word query are sure to reach. A posting says at
   * least this much of its script: the unit is in those fields, and a pair in a short field
   * brings its two characters there too (the index keeps the characters of short fields). So
   * counting a unit's postings per field set (no scoring) tells how many scripts reach each
   * such lower bound, and the best unit's `limit`-th is a floor: a script that stays below it
   * even with the largest boost for use and situation cannot rank (see scoreAbove). Null when
   * no floor is known.
   */
  private floorOf(readings: WordReading[], limit: number): number {
    let best = -Infinity;
    const counts = new Int32Array(FIELD_MASK + 1);
    const lower = new Float64Array(FIELD_MASK + 1);
    const masks = Array.from({ length: FIELD_MASK }, (_, i) => i + 1);
    const { offsets, headEnds } = this.base;
    for (const r of readings) {
      if ('docs' in r) continue;
      const fieldScores = new Float64Array(r.keys.length);
      for (let i = 0; i < r.keys.length; i++) {
        // Not worth counting a unit whose best posting would say no more than the floor so far.
        if (offerFor(r, impliedFieldScores(r, i, FIELD_MASK, fieldScores)) <= best) continue;
        for (let m = 1; m <= FIELD_MASK; m++) lower[m] = offerFor(r, impliedFieldScores(r, i, m, fieldScores));
        counts.fill(0);
        const u = this.base.unit(r.keys[i]!);
        if (u >= 0) {
          this.countFields(this.base.postings, offsets[u]!, headEnds[u]!, counts);
          if (!r.headOnly[i] && lower[FIELD_PURPOSE | FIELD_BODY]! > best)
            this.countFields(this.base.postings, headEnds[u]!, offsets[u + 1]!, counts);
        }
        const extra = this.delta.postings.get(r.keys[i]!);
        if (extra) this.countFields(extra, 0, extra.length, counts);
        masks.sort((a, b) => lower[b]! - lower[a]!);
        let n = 0;
        for (const m of masks) {
          n += counts[m]!;
          if (n >= limit) {
            best = Math.max(best, lower[m]!);
            break;
          }
        }
      }
    }
    // Margins: scores are rounded to six decimals before they are compared, and products of
    // the same numbers may differ in their last bit.
    return best > 0 ? best * (1 - 1e-9) - 2e-6 : -Infinity;
  }

  /** What use and the conversation's situation may multiply scores by. */
  private multipliers(ctx: SearchContext, boosted: number[]): Multipliers {
    const sc = this.scratch;
    let usage = 0;
    for (const d of boosted) usage = Math.max(usage, sc.boost[d]!);
    const ctxSituation = ctx.situationId === undefined ? undefined : this.situationNumber.get(ctx.situationId);
    const situation = new Float64Array(this.situations.length).fill(1);
    if (ctxSituation !== undefined) {
      const parent = this.situations[ctxSituation]!.parent;
      if (parent) this.situations.forEach((s, i) => s.parent === parent && (situation[i] = SIBLING_SITUATION_BOOST));
      situation[ctxSituation] = SITUATION_BOOST;
    }
    return { max: (1 + usage) * Math.max(...situation, 1) * (1 + 1e-9), situation };
  }

  /** The most a script's score can be multiplied by (use, situation), with a margin. */
  private bestMultiplier(d: number, mult: Multipliers): number {
    return (1 + this.scratch.boost[d]!) * mult.situation[this.docSituation[d]!]! * (1 + 1e-9);
  }

  /** How many live scripts of postings[from, to) have the unit in each set of fields. */
  private countFields(postings: ArrayLike<number>, from: number, to: number, counts: Int32Array): void {
    const alive = this.alive;
    const bits = FIELD_BITS;
    const mask = FIELD_MASK;
    // Without removals since the build, every base posting is a live script's.
    if (postings === this.base.postings && this.deadInBase === 0)
      for (let i = from; i < to; i++) counts[postings[i]! & mask]!++;
    else
      for (let i = from; i < to; i++) {
        const p = postings[i]!;
        if (alive[p >>> bits]) counts[p & mask]!++;
      }
  }

  private resetTotals(): void {
    const sc = this.scratch;
    for (let i = 0; i < sc.totalN; i++) {
      const d = sc.totalTouched[i]!;
      sc.total[d] = 0;
      sc.hits[d] = 0;
      sc.totalMark[d] = 0;
    }
    sc.totalN = 0;
  }

  // ---- filters ----------------------------------------------------------------------------

  private folded(s: string): string {
    let f = this.foldCache.get(s);
    if (f === undefined) {
      if (this.foldCache.size > 10_000) this.foldCache.clear();
      this.foldCache.set(s, (f = foldText(s)));
    }
    return f;
  }

  private compileFilters(filters: QueryFilters): ((d: number) => boolean) | null {
    const { tags, situations, packs } = filters;
    if (!tags.length && !situations.length && !packs.length) return null;
    const allowed = situations.length ? this.allowedSituations(situations) : null;
    return (d) => {
      if (allowed && !allowed[this.docSituation[d]!]) return false;
      const doc = this.docs[d]!;
      if (packs.length && !packs.every((p) => this.folded(doc.packId).startsWith(p))) return false;
      if (tags.length && !tags.every((t) => doc.tags.some((tag) => this.folded(tag).startsWith(t)))) return false;
      return true;
    };
  }

  private allowedSituations(values: string[]): Uint8Array {
    const ok = new Uint8Array(this.situations.length);
    this.situations.forEach((s, i) => {
      ok[i] = values.every((v) => this.situationMatches(s, v)) ? 1 : 0;
    });
    return ok;
  }

  /** `@物流` by name, `@logistics` by id, `@wl` by the pinyin a name starts with. */
  private situationMatches(s: SituationInfo, value: string): boolean {
    if (s.folded.some((name) => name.includes(value))) return true;
    const id = this.folded(s.id);
    if (id.startsWith(value) || id.slice(id.lastIndexOf('/') + 1).startsWith(value)) return true;
    if (![...value].every((c) => isLatin(c.charCodeAt(0)))) return false;
    s.readings ??= s.folded.map((name) => termReadings(name, true));
    // From the start of a name only: inside names, two initials match too much (wl: 无理由).
    return s.readings.some((r) => matchLatinAt(value, r, 0) !== null);
  }
}

/** A word the pinyin spells: a whole word of the library, so all of it must be there. */
function hanAlternative(e: Expansion): Alternative {
  return { kind: 'han', text: e.text, quality: e.quality, exact: true };
}

/**
 * Each document's place in key order, in slices: a merge sort of positions that yields between
 * runs and between merges (sorting 200,000 keys at once holds the thread for a tenth of a second).
 */
function* keyRanks(docs: readonly SearchDoc[]): Generator<void, Int32Array> {
  const keys = docs.map((d) => d.key);
  const byKey = (a: number, b: number) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0);
  const RUN = 2048;
  let from = Int32Array.from(keys, (_, i) => i);
  let to = new Int32Array(keys.length);
  for (let start = 0; start < keys.length; start += RUN) {
    from.subarray(start, start + RUN).sort(byKey);
    yield;
  }
  for (let width = RUN; width < keys.length; width *= 2) {
    for (let lo = 0; lo < keys.length; lo += 2 * width) {
      const mid = Math.min(lo + width, keys.length);
      const hi = Math.min(lo + 2 * width, keys.length);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) to[o++] = keys[from[j]!]! < keys[from[i]!]! ? from[j++]! : from[i++]!;
      while (i < mid) to[o++] = from[i++]!;
      while (j < hi) to[o++] = from[j++]!;
      yield;
    }
    [from, to] = [to, from];
  }
  const ranks = to;
  for (let r = 0; r < from.length; r++) ranks[from[r]!] = r;
  return ranks;
}

/**
 * Each posting of the run whose script is listed (in number order; `marked` marks them). A
 * run much longer than the list is searched for each script (galloping), not read through.
 */
function forListed(
  run: PostingRun,
  list: Int32Array,
  n: number,
  marked: Uint8Array,
  visit: (d: number, posting: number) => void,
): void {
  const bits = FIELD_BITS;
  const { postings, to } = run;
  if (n * SEARCH_COST >= to - run.from) {
    for (let j = run.from; j < to; j++) {
      const p = postings[j]!;
      if (marked[p >>> bits]) visit(p >>> bits, p);
    }
    return;
  }
  let at = run.from;
  for (let t = 0; t < n && at < to; t++) {
    const d = list[t]!;
    if (postings[at]! >>> bits < d) {
      // postings[lo] is before d: step ahead until past it, then bisect.
      let lo = at;
      let step = 1;
      while (lo + step < to && postings[lo + step]! >>> bits < d) {
        lo += step;
        step *= 2;
      }
      let hi = Math.min(lo + step, to);
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (postings[mid]! >>> bits < d) lo = mid;
        else hi = mid;
      }
      at = hi;
      if (at === to) break;
    }
    const p = postings[at]!;
    if (p >>> bits === d) visit(d, p);
  }
}

/** The best field score a unit of the reading can bring: characters are kept for short fields only. */
function topFieldScore(r: Reading, unit: number): number {
  return FIELD_SCORE[unit < r.pairCount ? FIELD_MASK : FIELD_HEAD]!;
}

/** The first index in [from, to) of postings in number order whose script is numbered `doc` or more. */
function firstAtOrAfter(postings: ArrayLike<number>, from: number, to: number, doc: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (postings[mid]! >>> FIELD_BITS < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
