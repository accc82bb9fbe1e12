/**
 * Keeps one search index in step with the scripts table. `sync` re-indexes only documents
 * that changed and compacts by itself, so a pack update or an edit never pays a full rebuild
 * (see utils/search).
 */
import { useMemo, useRef } from 'react';
import type { ScriptRow } from '../../utils/db';
import { docFromRow } from '../../utils/db/search-docs';
import { createSearchIndex, type SearchIndex } from '../../utils/search';

export function useSearchIndex(rows: readonly ScriptRow[] | undefined, paths: ReadonlyMap<string, string[]>): SearchIndex {
  const index = useRef<SearchIndex | null>(null);
  return useMemo(() => {
    index.current ??= createSearchIndex();
    index.current.sync((rows ?? []).map((row) => docFromRow(row, paths)));
    return index.current;
  }, [rows, paths]);
}
