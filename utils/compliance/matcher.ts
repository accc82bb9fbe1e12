/**
 * Forbidden-phrase matching (服务禁用语): one Aho–Corasick automaton over the normalised text
 * holds every phrase of every category, their variant spellings and the categories' allowed
 * sentences, so a check costs one pass over what the agent typed however long the lists are.
 *
 * Rules of a match, in the order they are applied:
 * - text and phrases are normalised alike (./normalize.ts): "加 微.信", "ＶＸ", "加微信" match;
 * - a phrase also matches in its variant spellings (./variants.ts);
 * - a phrase starting with `re:` is a pattern (linear-time RE2 syntax, scripts-library/patterns.ts)
 *   run on the normalised text (separators already removed, so `re:1[3-9]\d{9}` also finds
 *   "138 1234 5678");
 * - a phrase that starts or ends with a Latin letter or digit must not touch another one in the
 *   original text, and never counts inside a URL or an e-mail address ("vxe-table",
 *   "https://x.com/vx", "123@qq.com" are not "vx" / "qq");
 * - a match overlapping one of its category's `allow` sentences is not a finding
 *   ("不知道您是否方便" is polite, "不知道" alone is not).
 *
 * Pure: no DOM, no browser APIs. Runs on every keystroke in the content script, which must never
 * hold the page long: `begin` hands out a check that runs in steps (the literal pass first, then
 * one pattern per step), so the caller can stop when its time slice is used up and go on later.
 */
import type { ForbiddenCategory } from '../../scripts-library/schema';
import { isLatinAlnum, normalizeForMatch, normalizePhrase } from './normalize';
import { compilePhrase, isPattern, type CompiledPattern } from '../../scripts-library/patterns';
import { expandVariants } from './variants';

/** What a category needs for matching; a pack's `forbidden` entries fit as they are. */
export type RuleCategory = Pick<
  ForbiddenCategory,
  'id' | 'name' | 'severity' | 'phrases' | 'allow' | 'advice' | 'suggestScripts'
>;

export interface Finding {
  categoryId: string;
  categoryName: string;
  severity: 'warn' | 'block';
  /** The pack's wording of the phrase (for a `re:` pattern: the text it matched). */
  phrase: string;
  /** Range in the ORIGINAL text, for highlighting; `text.slice(start, end)` is what matched. */
  start: number;
  end: number;
  advice: string;
  suggestScripts: string[];
}

export interface Matcher {
  /** Findings sorted by position; overlapping matches of one category are one finding. */
  check(text: string): Finding[];
  /** The same check, run in steps: `step` until it says done, then `findings`. */
  begin(text: string): CheckRun;
  /** Number of literal patterns in the automaton (phrases × spellings + allowed sentences). */
  readonly patternCount: number;
}

export interface CheckRun {
  /**
   * Work until done or until `stop()` says the time slice is used up (asked between steps; one
   * step is the literal pass or one pattern, each linear in the text). True when done.
   */
  step(stop: () => boolean): boolean;
  /** The findings, once `step` returned true (what `check` returns). */
  findings(): Finding[];
}

export interface CompileOptions {
  /** Widen phrases with the built-in variant spellings (default true). */
  variants?: boolean;
}

interface Pattern {
  length: number;
  category: number;
  /** Index into the category's phrases; -1 for an allowed sentence. */
  phrase: number;
  latinStart: boolean;
  latinEnd: boolean;
}

/** Aho–Corasick over UTF-16 code units. Children in one Map per node: small, and fast enough. */
class Automaton {
  private children: Map<number, number>[] = [new Map()];
  private fail: number[] = [0];
  /** Patterns ending at this node. */
  private out: number[][] = [[]];
  /** Nearest node along the failure chain that has patterns (0: none). */
  private dict: number[] = [0];

  add(text: string, pattern: number) {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = this.children[node]!.get(c);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.dict.push(0);
        this.children[node]!.set(c, next);
      }
      node = next;
    }
    this.out[node]!.push(pattern);
  }

  build() {
    const queue: number[] = [];
    for (const child of this.children[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [c, child] of this.children[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.children[f]!.has(c)) f = this.fail[f]!;
        const target = this.children[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dict[child] = this.out[fc]!.length ? fc : this.dict[fc]!;
        queue.push(child);
      }
    }
  }

  /** Calls `hit(pattern, endIndexInclusive)` for every occurrence. */
  scan(text: string, hit: (pattern: number, end: number) => void) {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next = this.children[node]!.get(c);
      while (next === undefined && node !== 0) {
        node = this.fail[node]!;
        next = this.children[node]!.get(c);
      }
      node = next ?? 0;
      for (let o = node; o !== 0; o = this.dict[o]!) for (const p of this.out[o]!) hit(p, i);
    }
  }
}

/** URLs and e-mail addresses: short Latin phrases inside them are not findings. */
const LINKS =
  /(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|io|top|vip|shop)\b[^\s\u3000-\u303f]*/gi;

function linkRanges(text: string): [number, number][] {
  return [...text.matchAll(LINKS)].map((m) => [m.index, m.index + m[0].length]);
}

/** 1 for a letter, 2 for a digit, 0 otherwise, folded like the text (A–Z, full-width). */
function latinClass(code: number): number {
  const f =
    code >= 0x41 && code <= 0x5a ? code + 0x20 : code >= 0xff10 && code <= 0xff5a ? (code - 0xfee0) | 0x20 : code;
  if ((f >= 0x61 && f <= 0x7a) || f === 0x5f) return 1; // "_" joins identifiers like vx_table
  return f >= 0x30 && f <= 0x39 ? 2 : 0;
}

/**
 * Does the original character at `index` continue the Latin word whose edge character is
 * `edge`? A letter next to a letter ("vxe") or a digit next to a digit ("2100%") does; a number
 * right after letters ("qq12345") does not — that is exactly how a QQ number is given out.
 */
function continuesWord(text: string, index: number, edge: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const cls = latinClass(text.charCodeAt(index));
  return cls !== 0 && cls === latinClass(edge);
}

export function compileRules(categories: readonly RuleCategory[], opts: CompileOptions = {}): Matcher {
  const useVariants = opts.variants ?? true;
  const automaton = new Automaton();
  const patterns: Pattern[] = [];
  const regexes: { re: CompiledPattern; category: number }[] = [];
  const seen = new Set<string>();

  const add = (text: string, category: number, phrase: number) => {
    if (!text) return;
    const key = `${category}\u0000${phrase < 0 ? 'a' : 'p'}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    patterns.push({
      length: text.length,
      category,
      phrase,
      latinStart: isLatinAlnum(text.charCodeAt(0)),
      latinEnd: isLatinAlnum(text.charCodeAt(text.length - 1)),
    });
    automaton.add(text, patterns.length - 1);
  };

  categories.forEach((c, ci) => {
    c.phrases.forEach((phrase, pi) => {
      if (isPattern(phrase)) {
        const re = compilePhrase(phrase);
        if (re.ok) regexes.push({ re, category: ci });
        return;
      }
      const norm = normalizePhrase(phrase);
      for (const spelling of useVariants ? expandVariants(norm) : [norm]) add(spelling, ci, pi);
    });
    for (const allowed of c.allow) add(normalizePhrase(allowed), ci, -1);
  });
  automaton.build();

  type Raw = { category: number; phrase: number; from: number; to: number; label?: string };

  const begin = (text: string): CheckRun => {
    const norm = text ? normalizeForMatch(text) : null;
    // The offset arrays are shared with the next normalisation: a run that spans time slices
    // keeps its own copy.
    const starts = norm ? norm.starts.slice(0, norm.text.length) : new Int32Array(0);
    const ends = norm ? norm.ends.slice(0, norm.text.length) : new Int32Array(0);
    const folded = norm?.text ?? '';
    // Candidate matches and allowed ranges, in normalised positions.
    const raw: Raw[] = [];
    const allowed: { category: number; from: number; to: number }[] = [];
    /** -1: the literal pass is still to do; then the index of the next pattern. */
    let next = folded ? -1 : regexes.length;
    let result: Finding[] | null = null;

    const literalPass = () => {
      let links: [number, number][] | null = null;
      automaton.scan(folded, (pi, endIdx) => {
        const p = patterns[pi]!;
        const from = endIdx - p.length + 1;
        if (p.phrase < 0) {
          allowed.push({ category: p.category, from, to: endIdx + 1 });
          return;
        }
        if (p.latinStart || p.latinEnd) {
          const s = starts[from]!;
          const e = ends[endIdx]!;
          if (
            (p.latinStart && continuesWord(text, s - 1, folded.charCodeAt(from))) ||
            (p.latinEnd && continuesWord(text, e, folded.charCodeAt(endIdx)))
          )
            return;
          links ??= linkRanges(text);
          if (links.some(([ls, le]) => s < le && e > ls)) return;
        }
        raw.push({ category: p.category, phrase: p.phrase, from, to: endIdx + 1 });
      });
    };

    const patternPass = (index: number) => {
      const { re, category } = regexes[index]!;
      for (const { start: from, end: to } of re.matchAll(folded))
        raw.push({ category, phrase: -1, from, to, label: text.slice(starts[from]!, ends[to - 1]!) });
    };

    return {
      step(stop) {
        while (result === null) {
          if (next === -1) literalPass();
          else if (next < regexes.length) patternPass(next);
          else {
            result = collect(raw, allowed, starts, ends);
            break;
          }
          next++;
          if (stop()) break;
        }
        return result !== null;
      },
      findings() {
        if (result === null) throw new Error('check still running');
        return result;
      },
    };
  };

  // Allowed sentences mask overlapping matches of their own category; then, per category,
  // overlapping matches collapse into the longest one.
  const collect = (
    raw: Raw[],
    allowed: { category: number; from: number; to: number }[],
    starts: Int32Array,
    ends: Int32Array,
  ): Finding[] => {
    if (!raw.length) return [];
    const kept = raw
      .filter((r) => !allowed.some((a) => a.category === r.category && r.from < a.to && r.to > a.from))
      .sort((a, b) => a.from - b.from || b.to - b.from - (a.to - a.from));
    const out: Finding[] = [];
    /** Per category: the finding a next overlapping match extends, and where it ends (normalised). */
    const open = new Map<number, { finding: Finding; to: number }>();
    for (const r of kept) {
      const prev = open.get(r.category);
      if (prev && prev.to > r.from) {
        // "加我微信号" = 加我微信 + 微信号: one finding over both, named by the first.
        if (r.to > prev.to) {
          prev.to = r.to;
          prev.finding.end = ends[r.to - 1]!;
        }
        continue;
      }
      const c = categories[r.category]!;
      const finding: Finding = {
        categoryId: c.id,
        categoryName: c.name,
        severity: c.severity,
        phrase: r.label ?? c.phrases[r.phrase]!,
        start: starts[r.from]!,
        end: ends[r.to - 1]!,
        advice: c.advice,
        suggestScripts: [...c.suggestScripts],
      };
      open.set(r.category, { finding, to: r.to });
      out.push(finding);
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  };

  const check = (text: string): Finding[] => {
    const run = begin(text);
    run.step(() => false);
    return run.findings();
  };

  return { check, begin, patternCount: patterns.length };
}

/** The first finding of each category, in order of appearance: what the warning names. */
export function firstPerCategory(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.categoryId) ? false : (seen.add(f.categoryId), true)));
}
