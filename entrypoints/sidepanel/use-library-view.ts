/**
 * The panel's window onto the library service in the background: the list for the query or
 * the selected situation, one page at a time as the list scrolls, the suggestions for the open
 * conversation and the situations' counts. The panel keeps no index and no rows of its own;
 * it asks again when the service's version changes (storage.session) or its request does.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import type { LibraryItem, PanelView } from '../../utils/library/types';
import { LIBRARY_VERSION_KEY } from '../../utils/messaging/protocol';
import type { ChatMessage } from '../../utils/suggest';
import { libraryPort } from './library-port';

/**
 * Items per request: the rows a tall panel shows and a margin (a row is about 100 px); the
 * list asks for the next page as it comes into view. Every keystroke's answer carries this
 * many, so it is kept small: the answer is copied through the browser on every keystroke.
 */
const PAGE = 32;
/** One port for the page's lifetime (reopened when the background restarts). */
const views = libraryPort();
/** While the background is still building its first index, ask again this often. */
const NOT_READY_RETRY_MS = 300;
/**
 * A request that failed (the background stopped twice under it, or did not answer in time):
 * ask again this often, or the panel would keep an old or empty list until the agent types.
 */
const FAILED_RETRY_MS = 1000;

export interface LibraryViewState {
  ready: boolean;
  /** The query the shown list answers (it trails the search box while an answer is on its way). */
  shownQuery: string | null;
  /** Which list is shown (its query and situations; not the conversation that ranks it). */
  listKey: string | null;
  /** Length of the whole list (loaded or not). */
  total: number;
  libraryTotal: number;
  counts: ReadonlyMap<string, number>;
  suggestions: PanelView['suggestions'];
  /** The item at a position, when its page has arrived. */
  itemAt(i: number): LibraryItem | undefined;
  /** The list shows positions start…end: fetch the pages they are on. */
  showRange(start: number, end: number): void;
}

interface Loaded {
  request: string;
  ready: boolean;
  total: number;
  libraryTotal: number;
  pages: Map<number, LibraryItem[]>;
  suggestions: PanelView['suggestions'];
}

export function useLibraryView(
  query: string,
  situationKeys: readonly string[] | null,
  messages: readonly ChatMessage[] | null,
): LibraryViewState {
  const [version, setVersion] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [counts, setCounts] = useState<{ version: number; map: ReadonlyMap<string, number> } | null>(null);
  const countsVersion = useRef<number | undefined>(undefined);
  const pending = useRef(new Set<string>());

  useEffect(() => {
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = changes[LIBRARY_VERSION_KEY]?.newValue;
      if (area === 'session' && typeof next === 'number') setVersion(next);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const requestId = JSON.stringify([query, situationKeys, messages?.map((m) => [m.from, m.at, m.text])]);
  const current = useRef(requestId);
  current.current = requestId;

  const fetchPage = useCallback(async (id: string, page: number) => {
    const [q, keys, msgs] = JSON.parse(id) as [
      string,
      string[] | null,
      [ChatMessage['from'], number | null, string][] | undefined,
    ];
    const view = await views
      .ask({
        query: q,
        ...(keys ? { situationKeys: keys } : {}),
        ...(msgs ? { messages: msgs.map(([from, at, text]) => ({ from, at, text })) } : {}),
        offset: page * PAGE,
        limit: PAGE,
        ...(countsVersion.current !== undefined ? { knownVersion: countsVersion.current } : {}),
      })
      .catch(() => null);
    // A newer request (the agent typed on) owns the list now.
    if (!view || current.current !== id) return view;
    // Rendered in this task, not a scheduled one: the answer makes the next frame.
    flushSync(() => {
      if (view.counts) {
        countsVersion.current = view.version;
        setCounts({ version: view.version, map: new Map(Object.entries(view.counts)) });
      }
      setLoaded((prev) => {
        const pages =
          prev && prev.request === id && page !== 0 ? new Map(prev.pages) : new Map<number, LibraryItem[]>();
        pages.set(page, view.items);
        return {
          request: id,
          ready: view.ready,
          total: view.total,
          libraryTotal: view.libraryTotal,
          pages,
          suggestions: view.suggestions,
        };
      });
    });
    return view;
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    pending.current.clear();
    const first = async () => {
      const view = await fetchPage(requestId, 0);
      if (current.current !== requestId || view?.ready) return;
      timer = setTimeout(() => void first(), view ? NOT_READY_RETRY_MS : FAILED_RETRY_MS);
    };
    void first();
    return () => clearTimeout(timer);
  }, [requestId, version, fetchPage]);

  const showRange = useCallback(
    (start: number, end: number) => {
      if (!loaded || loaded.request !== current.current) return;
      for (let page = Math.floor(start / PAGE); page <= Math.floor(end / PAGE); page++) {
        const tag = `${loaded.request}#${page}`;
        if (loaded.pages.has(page) || page * PAGE >= loaded.total || pending.current.has(tag)) continue;
        pending.current.add(tag);
        void fetchPage(loaded.request, page).finally(() => pending.current.delete(tag));
      }
    },
    [loaded, fetchPage],
  );

  const itemAt = useCallback((i: number) => loaded?.pages.get(Math.floor(i / PAGE))?.[i % PAGE], [loaded]);

  const shown = loaded ? (JSON.parse(loaded.request) as [string, string[] | null]) : null;
  return {
    ready: loaded?.ready ?? false,
    shownQuery: shown?.[0] ?? null,
    listKey: shown ? JSON.stringify(shown.slice(0, 2)) : null,
    total: loaded?.total ?? 0,
    libraryTotal: loaded?.libraryTotal ?? 0,
    counts: counts?.map ?? EMPTY_COUNTS,
    suggestions: loaded?.request === requestId ? loaded.suggestions : undefined,
    itemAt,
    showRange,
  };
}

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();
