/**
 * Keeps one search index in step with the scripts table: only rows that changed since the
 * last render are re-indexed (see utils/search for why a full rebuild per change is too slow).
 */
import { useMemo, useRef } from 'react';
import type { ScriptRow } from '../../utils/db';
import { docFromRow } from '../../utils/db/search-docs';
import { createSearchIndex, type SearchIndex } from '../../utils/search';

export function useSearchIndex(rows: readonly ScriptRow[] | undefined, paths: ReadonlyMap<string, string[]>): SearchIndex {
  const state = useRef<{ index: SearchIndex; seen: Map<string, number>; paths: ReadonlyMap<string, string[]> } | null>(null);
  return useMemo(() => {
    if (!state.current || state.current.paths !== paths) {
      // Situation names feed every document's path: when they change, start over.
      state.current = { index: createSearchIndex(), seen: new Map(), paths };
    }
    const { index, seen } = state.current;
    const live = new Set<string>();
    for (const row of rows ?? []) {
      live.add(row.key);
      if (seen.get(row.key) !== row.updatedAt) {
        index.upsert(docFromRow(row, paths));
        seen.set(row.key, row.updatedAt);
      }
    }
    for (const key of [...seen.keys()]) {
      if (!live.has(key)) {
        index.remove(key);
        seen.delete(key);
      }
    }
    return index;
  }, [rows, paths]);
}
