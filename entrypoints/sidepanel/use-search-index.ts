/**
 * Keeps one search index in step with the scripts table. The first build runs in slices that
 * yield to the page (at 50,000 scripts a synchronous build would freeze the panel for half a
 * second on every open); after that, `sync` re-indexes only documents that changed and
 * compacts by itself, so a pack update or an edit never pays a full rebuild (see utils/search).
 */
import { useEffect, useRef, useState } from 'react';
import type { ScriptRow } from '../../utils/db';
import { docFromRow } from '../../utils/db/search-docs';
import { buildSearchIndex, type SearchIndex } from '../../utils/search';

/** The index, and a counter that changes whenever its contents do (for memo dependencies). */
export function useSearchIndex(rows: readonly ScriptRow[] | undefined, paths: ReadonlyMap<string, string[]>): { index: SearchIndex | null; version: number } {
  const index = useRef<SearchIndex | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!rows) return;
    const docs = rows.map((row) => docFromRow(row, paths));
    if (index.current) {
      index.current.sync(docs);
      setVersion((v) => v + 1);
      return;
    }
    const abort = new AbortController();
    buildSearchIndex(docs, { signal: abort.signal }).then(
      (built) => {
        index.current = built;
        setVersion((v) => v + 1);
      },
      () => undefined, // aborted: newer rows arrived and their effect builds instead
    );
    return () => abort.abort();
  }, [rows, paths]);
  return { index: index.current, version };
}
