/**
 * The options page's window onto the editor feed (editor-feed.ts): in a worker on extension
 * pages, in-thread where there is none (happy-dom tests). One source for the whole page, started
 * by its first user and stopped with its last. `useWindowed` pages a long list through it: the
 * page holds the rows on screen and a few around them, never the library.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { db } from '../../utils/db';
import { EditorFeed, type EditorSourceApi } from './editor-feed';

type Method = keyof EditorSourceApi;
export interface EditorWorkerRequest {
  id: number;
  method: Method;
  args: unknown[];
}
export type EditorWorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string } | { changed: number };

interface EditorSource {
  api: EditorSourceApi;
  stop(): void;
}

function workerSource(onChange: (version: number) => void): EditorSource {
  const worker = new Worker(new URL('./editor-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<EditorWorkerReply>) => {
    const reply = e.data;
    if ('changed' in reply) return onChange(reply.changed);
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(reply.message));
  };
  const call =
    <M extends Method>(method: M) =>
    (...args: Parameters<EditorSourceApi[M]>) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method, args } satisfies EditorWorkerRequest);
      }) as ReturnType<EditorSourceApi[M]>;
  return {
    api: {
      view: call('view'),
      duplicates: call('duplicates'),
      reordered: call('reordered'),
      packCounts: call('packCounts'),
      storageUsage: call('storageUsage'),
    },
    stop() {
      for (const p of pending.values()) p.reject(new Error('closed'));
      worker.terminate();
    },
  };
}

function inThreadSource(onChange: (version: number) => void): EditorSource {
  const feed = new EditorFeed(db, onChange);
  return { api: feed, stop: () => feed.stop() };
}

let source: EditorSource | null = null;
let version: number | null = null;
const listeners = new Set<() => void>();

const createSource = () =>
  (typeof Worker === 'undefined' ? inThreadSource : workerSource)((v) => {
    version = v;
    for (const l of listeners) l();
  });

/**
 * Start the feed before the page's first render asks for it: its worker starts and reads the
 * library while the page is still being compiled and laid out. The first user takes it over.
 */
export function startEditorSource(): void {
  source ??= createSource();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  source ??= createSource();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    source?.stop();
    source = null;
    version = null;
  };
}

/** The editor feed and the version of the rows it holds (null until the first read). */
export function useEditorSource(): { api: EditorSourceApi | null; version: number | null } {
  const v = useSyncExternalStore(subscribe, () => version);
  return { api: v === null ? null : source!.api, version: v };
}

export interface Windowed<V extends WindowAnswer> {
  /** The last answer for the current list (its totals and whatever else it carries). */
  head: V | undefined;
  total: number;
  itemAt(i: number): V['items'][number] | undefined;
  /** The list shows positions start…end: fetch the windows they are in. */
  showRange(start: number, end: number): void;
}

interface WindowAnswer {
  total: number;
  items: unknown[];
}

/** Rows per window: a few screens. */
const WINDOW = 100;

/**
 * A long list, a window at a time. `listKey` names what is listed (another list starts at the
 * top); `refreshKey` changes when the same list must be asked again (the feed's version, what
 * else the answer carries), keeping the place. Either way the windows on screen are asked again,
 * and an answer for an older list or refresh is dropped, never shown over a newer one.
 */
export function useWindowed<V extends WindowAnswer>(
  listKey: string,
  fetch: ((offset: number, limit: number) => Promise<V>) | null,
  refreshKey: string,
): Windowed<V> {
  const [state, setState] = useState<{ id: string; head: V; pages: Map<number, V['items']> } | null>(null);
  const id = JSON.stringify([listKey, refreshKey]);
  const current = useRef(id);
  current.current = id;
  const latestFetch = useRef(fetch);
  latestFetch.current = fetch;
  const shown = useRef<{ listKey: string; start: number; end: number }>({ listKey, start: 0, end: 0 });
  const pending = useRef(new Set<string>());

  useEffect(() => {
    const get = latestFetch.current;
    if (!get) return;
    // The same list at a new version: refresh the windows on screen; another list starts at the top.
    if (shown.current.listKey !== listKey) shown.current = { listKey, start: 0, end: 0 };
    const { start, end } = shown.current;
    const pages: number[] = [];
    for (let p = Math.floor(start / WINDOW); p <= Math.floor(end / WINDOW); p++) pages.push(p);
    let live = true;
    void Promise.all(pages.map((p) => get(p * WINDOW, WINDOW).then((v) => [p, v] as const))).then(
      (answers) => {
        if (!live) return;
        pending.current.clear();
        setState({ id, head: answers[0]![1], pages: new Map(answers.map(([p, v]) => [p, v.items])) });
      },
      (e: unknown) => console.warn('话术助手: editor list', e),
    );
    return () => {
      live = false;
    };
    // `fetch` is read through the ref: a new closure for the same list asks nothing again.
  }, [id, listKey]);

  const showRange = useCallback(
    (start: number, end: number) => {
      shown.current = { listKey, start, end };
      const get = latestFetch.current;
      if (!get || !state || state.id !== current.current) return;
      for (let p = Math.floor(start / WINDOW); p <= Math.floor(end / WINDOW); p++) {
        const tag = `${state.id}#${p}`;
        if (state.pages.has(p) || p * WINDOW >= state.head.total || pending.current.has(tag)) continue;
        pending.current.add(tag);
        void get(p * WINDOW, WINDOW).then(
          (v) => {
            if (current.current !== state.id) return;
            setState((prev) =>
              prev && prev.id === state.id ? { ...prev, pages: new Map(prev.pages).set(p, v.items) } : prev,
            );
          },
          () => pending.current.delete(tag),
        );
      }
    },
    [listKey, state],
  );

  const fresh = state && state.id === id ? state : null;
  // While a changed list is on its way the previous one stays (no flash of an empty list).
  const shownState = fresh ?? state;
  return {
    head: shownState?.head,
    total: shownState?.head.total ?? 0,
    itemAt: useCallback((i: number) => shownState?.pages.get(Math.floor(i / WINDOW))?.[i % WINDOW], [shownState]),
    showRange,
  };
}
