/**
 * Query syntax (what an agent can type in the side panel, the palette or after the trigger)
 *
 *   退货 运费        Words separated by spaces (or punctuation) must all match (AND); when no
 *                    script has them all, the scripts that have the most of them are listed.
 *   包裹被压扁了      Chinese text matches title, situation, keywords, tags, purpose and body;
 *                    a long phrase (a customer's own words) matches by its parts, and a
 *                    one-word query also lists partial matches, below the full ones.
 *   tuihuo  th       Full pinyin, initials, or both (tuih, thyf, wlsh) match Chinese words of
 *                    titles, keywords, tags and situation names. No tones, no spaces needed.
 *   th运费  th 运费   Pinyin and Chinese mix freely; each part is a word.
 *   推货  发漂       Homophone typos are read as the word that sounds the same (退货, 发票);
 *   tuihou          pinyin typos as the closest word (退货).
 *   /th1            A shortcut code: the script with exactly that code comes first, then
 *                    codes that start with it, closest first. Without the slash (`th1`) an
 *                    exact code still comes first, above any text match.
 *   #运费  tag:运费   Only scripts with a tag that starts with 运费 (also 标签:).
 *   @物流  情景:物流   Only scripts whose situation, or a situation above it, has 物流 in its
 *   @wl              name, a name starting with that pinyin, or an id starting with the text
 *                    (also situation:).
 *   pack:default    Only scripts from packs whose id starts with `default` (also 包:).
 *
 * Full-width letters and symbols (ＴＨ, ＃, ＠, ／, ：, the ideographic space), upper case
 * and traditional characters (退貨, 發票) are read as their plain forms. Filters combine
 * with AND; a filter value has no spaces. A query with filters only lists every script that
 * passes them. An empty query returns nothing: the UI browses by situation instead.
 */
import { foldText, isHan, isLatin } from './normalize';
import type { ParsedQuery, QueryFilters, QueryWord } from './types';

/** Longer input is cut: nobody types more while a customer waits, and cost stays bounded. */
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 32;

const FILTER_PREFIXES: [prefix: string, kind: keyof QueryFilters][] = [
  ['#', 'tags'],
  ['@', 'situations'],
  ['tag:', 'tags'],
  ['标签:', 'tags'],
  ['situation:', 'situations'],
  ['情景:', 'situations'],
  ['pack:', 'packs'],
  ['包:', 'packs'],
];

export function parseQuery(query: string): ParsedQuery {
  const filters: QueryFilters = { tags: [], situations: [], packs: [] };
  const words: QueryWord[] = [];
  for (const token of foldText(query).split(/\s+/)) {
    if (!token) continue;
    const filter = FILTER_PREFIXES.find(([prefix]) => token.startsWith(prefix));
    if (filter) {
      const value = token.slice(filter[0].length);
      if (value) filters[filter[1]].push(value);
      continue;
    }
    const shortcut = token.startsWith('/');
    splitRuns(shortcut ? token.slice(1) : token, shortcut, words);
  }
  const kept = words.slice(0, MAX_WORDS);
  const empty = kept.length === 0 && !filters.tags.length && !filters.situations.length && !filters.packs.length;
  return { words: kept, filters, empty };
}

/**
 * `th运费` is two words: pinyin and Chinese are matched by different means. Anything that is
 * neither (punctuation, emoji) separates words. After `/`, only the first latin run is the
 * shortcut code.
 */
function splitRuns(token: string, shortcut: boolean, out: QueryWord[]): void {
  let start = -1;
  let script: QueryWord['script'] | null = null;
  let shortcutPending = shortcut;
  const flush = (end: number) => {
    if (script && start >= 0 && end > start) {
      const isShortcut = shortcutPending && script === 'latin';
      if (isShortcut) shortcutPending = false;
      out.push({ text: token.slice(start, Math.min(end, start + MAX_WORD_LENGTH)), script, shortcut: isShortcut });
    }
    start = -1;
    script = null;
  };
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const kind: QueryWord['script'] | null = isHan(c) ? 'han' : isLatin(c) ? 'latin' : null;
    if (kind !== script) {
      flush(i);
      if (kind) {
        start = i;
        script = kind;
      }
    }
  }
  flush(token.length);
}
