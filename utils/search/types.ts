import type { ScriptImageRef } from '../../scripts-library/images';
/** The public shapes of the search module. */

/** One script as the search sees it: flat, with its situation already resolved to names. */
export interface SearchDoc {
  /** Unique, e.g. `default.zh-CN/sol-quality-1`. */
  key: string;
  packId: string;
  title: string;
  body: string;
  purpose: string;
  keywords: string[];
  tags: string[];
  /** Shortcut code without the trigger, e.g. `th1`. */
  shortcut?: string;
  /** Situation key, unique across packs, e.g. `default.zh-CN/sol-quality`. */
  situationId: string;
  /** Situation names root → leaf, e.g. `['方案说明', '质量问题']`. */
  situationPath: string[];
  /** Pictures sent with the script (not searched; carried for the lists' thumbnails). */
  images?: ScriptImageRef[];
}

/**
 * How much the agent uses a script. `frecency` (uses weighted by age, see `usageStatsFrom`)
 * is preferred when present; otherwise it is estimated from `count` and `lastUsedAt`.
 */
export interface UsageStats {
  count: number;
  lastUsedAt: number;
  frecency?: number;
}

export interface SearchContext {
  /** Per script key. */
  usage?: ReadonlyMap<string, UsageStats>;
  /** Situation of the current conversation: its scripts rank a little higher. */
  situationId?: string;
  /** For usage decay; defaults to `Date.now()`. */
  now?: number;
  /** Maximum hits; default 20. */
  limit?: number;
  /** False when no list shows the hits (the classifier reads only keys and scores): no highlights computed. */
  highlights?: boolean;
}

export type HighlightField = 'title' | 'body' | 'purpose' | 'keywords' | 'situation';

export interface SearchHit {
  key: string;
  score: number;
  /**
   * Matched parts, as [start, end) offsets into the field's text. For `keywords` and
   * `situation` the text is the list joined as `highlightText` does it.
   */
  highlights: { field: HighlightField; ranges: [start: number, end: number][] }[];
}

export interface QueryWord {
  /** Folded text (lower case, half-width, simplified). */
  text: string;
  /** `han`: Chinese characters; `latin`: pinyin, initials, shortcut codes, latin words. */
  script: 'han' | 'latin';
  /** Typed after `/`: a shortcut code first of all. */
  shortcut: boolean;
}

export interface QueryFilters {
  /** `#标签`: each must prefix one of the script's tags. */
  tags: string[];
  /** `@情景`: each must occur in a name on the script's situation path (or be its id). */
  situations: string[];
  /** `pack:id`: each must prefix the script's pack id. */
  packs: string[];
}

export interface ParsedQuery {
  words: QueryWord[];
  filters: QueryFilters;
  /** No words and no filters: the UI browses by situation instead. */
  empty: boolean;
}
