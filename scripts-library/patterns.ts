/**
 * The `re:` pattern syntax of pack data (forbidden phrases today; customer cues later), compiled
 * to a linear-time engine (RE2, through re2js). A pack comes from many hands and runs on every
 * keystroke in the console: a backtracking pattern such as `^(.+)+z$` once froze the page for
 * seconds per key. RE2 guarantees time proportional to the text whatever the pattern, so the
 * only patterns refused are those it cannot express; validation names them.
 *
 * What a pack author may write is the common ground of JavaScript and RE2 syntax, plus:
 * - `\uXXXX` / `\u{X}` escapes as JavaScript writes them (RE2 spells them `\x{X}`);
 * - a trailing one-character look-ahead `(?!\d)` / `(?=…)`, as in the phone number
 *   `(?<!\d)1[3-9]\d{9}(?!\d)`; RE2 has no look-ahead, so it becomes a consumed character (or
 *   the end of the text) after a capture of the rest, and the match range is the capture.
 * Look-behind `(?<!…)` / `(?<=…)` is RE2's own (captureless, linear). Back-references and any
 * other look-ahead are refused.
 *
 * Pure: no DOM, no browser APIs.
 */
import { RE2JS } from 're2js';

/** Prefix that marks a phrase as a pattern. */
export const PATTERN_PREFIX = 're:';

export type PatternLocale = 'zh-CN' | 'en';

export interface PatternMatch {
  /** UTF-16 range in the searched text. */
  start: number;
  end: number;
}

export interface CompiledPattern {
  ok: true;
  /** The pattern as written, without `re:`. */
  source: string;
  /** Does it match anywhere in `text`? (linear in the length of `text`) */
  test(text: string): boolean;
  /** Every non-overlapping, non-empty match from left to right (linear in the length of `text`). */
  matchAll(text: string): PatternMatch[];
}

export type PatternResult = CompiledPattern | { ok: false; message: string };

/** Is this phrase a pattern rather than literal text? */
export function isPattern(phrase: string): boolean {
  return phrase.startsWith(PATTERN_PREFIX);
}

const REASONS: Record<string, { 'zh-CN': string; en: string }> = {
  'invalid character class range': { 'zh-CN': '字符范围无效', en: 'invalid character range' },
  'invalid escape sequence': { 'zh-CN': '不支持这个转义写法', en: 'unsupported escape' },
  'invalid named capture': { 'zh-CN': '命名分组写法无效', en: 'invalid named group' },
  'invalid or unsupported Perl syntax': {
    'zh-CN': '不支持这种写法（只支持末尾判断一个字符的 (?!…) / (?=…)，不支持反向引用）',
    en: 'unsupported syntax (look-ahead only as a trailing one-character (?!…) / (?=…); no back-references)',
  },
  'invalid nested repetition operator': { 'zh-CN': '重复符号不能叠加', en: 'nested repetition' },
  'invalid repeat count': {
    'zh-CN': '重复次数无效（最多 1000，嵌套后也不能超过）',
    en: 'invalid repeat count (at most 1000, nesting included)',
  },
  'missing closing ]': { 'zh-CN': '缺少 ]', en: 'missing ]' },
  'missing closing )': { 'zh-CN': '缺少 )', en: 'missing )' },
  'missing argument to repetition operator': { 'zh-CN': '重复符号前面没有内容', en: 'nothing to repeat' },
  'trailing backslash at end of expression': { 'zh-CN': '以 \\ 结尾', en: 'ends with \\' },
  'duplicate capture group name': { 'zh-CN': '分组名称重复', en: 'duplicate group name' },
  'unexpected )': { 'zh-CN': '多了一个 )', en: 'unexpected )' },
  'expression nests too deeply': { 'zh-CN': '括号嵌套太深', en: 'nested too deeply' },
  'expression too large': { 'zh-CN': '表达式太大', en: 'expression too large' },
  'invalid capture in lookbehind': { 'zh-CN': '(?<!…) 里不能有分组', en: 'no groups inside a look-behind' },
};

const EMPTY = {
  'zh-CN': '能匹配空文本（会把每句话都算作禁用语）',
  en: 'matches empty text (every message would be flagged)',
};
const UNKNOWN = { 'zh-CN': '无法解析', en: 'cannot be parsed' };

/** `\uXXXX` and `\u{X}` → `\x{X}`; everything else as written. */
function rewriteEscapes(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = source[i + 1];
    if (next === 'u') {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(i + 2));
      const plain = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 2));
      if (braced) {
        out += `\\x{${braced[1]}}`;
        i += 1 + braced[0].length;
        continue;
      }
      if (plain) {
        out += `\\x{${plain[0]}}`;
        i += 5;
        continue;
      }
    }
    out += c + (next ?? '');
    i++;
  }
  return out;
}

/**
 * One character class as RE2 writes it, negated: `\d` → `\D`, `[ab]` → `[^ab]`, `\p{Han}` →
 * `\P{Han}`, `x` → `[^x]`. Null when `atom` is not exactly one character class.
 */
function negateAtom(atom: string): string | null {
  if (/^\\[dDwWsS]$/.test(atom)) {
    const k = atom[1]!;
    return `\\${k === k.toLowerCase() ? k.toUpperCase() : k.toLowerCase()}`;
  }
  const prop = /^\\([pP])(\{[A-Za-z_]+\}|[A-Za-z])$/.exec(atom);
  if (prop) return `\\${prop[1] === 'p' ? 'P' : 'p'}${prop[2]}`;
  if (/^\[[^\]]*\]$/.test(atom) || /^\[\^?\][^\]]*\]$/.test(atom))
    return atom[1] === '^' ? `[${atom.slice(2)}` : `[^${atom.slice(1)}`;
  if (/^\\x\{[0-9a-fA-F]{1,6}\}$/.test(atom)) return `[^${atom}]`;
  if (/^\\[^A-Za-z0-9]$/.test(atom)) return `[^${atom}]`;
  if ([...atom].length === 1 && !/[.^$|?*+()[\]{}\\]/.test(atom)) return `[^${atom}]`;
  return null;
}

/** `A(?!C)` → `(A)(?:C'|$)`; `A(?=C)` → `(A)C`; null when the source has no trailing look-ahead. */
function rewriteTrailingLookahead(source: string): string | null {
  const m = /^(.*)\(\?([!=])(.+)\)$/s.exec(source);
  if (!m || m[1]!.endsWith('\\')) return null;
  const [, body, kind, atom] = m;
  if (kind === '=') return negateAtom(atom!) === null ? null : `(${body})${atom}`;
  const negated = negateAtom(atom!);
  return negated === null ? null : `(${body})(?:${negated}|$)`;
}

function reasonOf(error: unknown, locale: PatternLocale): string {
  const e = error as { error?: unknown; input?: unknown };
  const reason = typeof e?.error === 'string' ? REASONS[e.error] : undefined;
  const text = (reason ?? UNKNOWN)[locale];
  return typeof e?.input === 'string' && e.input ? `${text}：${e.input}` : text;
}

/**
 * Compile a pattern (the text after `re:`). Never throws; a refusal carries a short reason in
 * the agent's language, for the validation message that names the phrase.
 */
export function compilePattern(source: string, locale: PatternLocale = 'zh-CN'): PatternResult {
  const escaped = rewriteEscapes(source);
  const lookahead = rewriteTrailingLookahead(escaped);
  let re: RE2JS;
  try {
    re = RE2JS.compile(lookahead ?? escaped, RE2JS.LOOKBEHINDS);
  } catch (error) {
    return { ok: false, message: reasonOf(error, locale) };
  }
  // With a look-ahead the range is group 1; the consumed look-ahead character is not part of it.
  const group = lookahead === null ? 0 : 1;
  const matchAll = (text: string): PatternMatch[] => {
    // Most drafts match no pattern: the capture-free test runs on RE2's DFA, the fastest path.
    if (!re.test(text)) return [];
    const out: PatternMatch[] = [];
    const m = re.matcher(text);
    // The next search starts where the reported range ends, not after the consumed look-ahead
    // character, so `a(?!b)` finds both a's of "aa" as JavaScript would.
    for (let from = 0; from <= text.length && m.find(from);) {
      const start = m.start(group);
      const end = m.end(group);
      if (end > start) out.push({ start, end });
      from = end > m.start() ? end : m.start() + 1;
    }
    return out;
  };
  // A pattern that matches nothing-at-all would flag every text.
  if (re.test('') || matchAll('').length) return { ok: false, message: EMPTY[locale] };
  return { ok: true, source, test: (text) => re.test(text), matchAll };
}

/** Compile a phrase written with its `re:` prefix; a literal phrase is not a pattern. */
export function compilePhrase(phrase: string, locale: PatternLocale = 'zh-CN'): PatternResult {
  if (!isPattern(phrase)) return { ok: false, message: locale === 'en' ? 'not a pattern' : '不是正则' };
  return compilePattern(phrase.slice(PATTERN_PREFIX.length), locale);
}
