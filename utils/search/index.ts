/**
 * The one search of 话术助手: side panel, palette, inline trigger and suggestions all call
 * this. Pure TypeScript (no DOM, no browser APIs, no database): runs in Node, pages and workers.
 */
export type {
  HighlightField,
  ParsedQuery,
  QueryFilters,
  QueryWord,
  SearchContext,
  SearchDoc,
  SearchHit,
  UsageStats,
} from './types';
export {
  buildSearchIndex,
  createSearchIndex,
  restoreSearchIndex,
  restoreSearchIndexSteps,
  SNAPSHOT_VERSION,
  type SearchIndex,
  type SearchIndexSnapshot,
  type BaseSegmentData,
  type SyncResult,
} from './search-index';
export { parseQuery } from './query';
export { usageStatsFrom } from './usage';
export { usageBoost } from './ranking';
export { highlightText, KEYWORD_SEPARATOR, SITUATION_SEPARATOR } from './highlight';
