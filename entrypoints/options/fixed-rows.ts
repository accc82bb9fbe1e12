/**
 * The positions of a long list's rows that are on screen, for rows of one height: from the
 * scroll position alone, so finding them costs the same at 20 rows and at 200,000. A measuring
 * virtualiser walks every row each time the list's length changes or a row is measured: at
 * 200,000 rows that was a long task of the options page each time the library was read.
 */
import { useCallback, useEffect, useState } from 'react';

/** Viewport assumed before the scroller is laid out (and in DOM tests, which lay nothing out). */
const UNMEASURED_HEIGHT = 600;

export interface FixedRows {
  /** Set as the scrolling element's ref. */
  ref(el: HTMLElement | null): void;
  /** On screen, with `overscan` rows either side; `last < first` when there are none. */
  first: number;
  last: number;
  /** Height of the whole list: the scroller's content. */
  height: number;
}

/** `pitch`: a row's height plus the gap below it. */
export function useFixedRows(count: number, pitch: number, overscan = 8): FixedRows {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    if (!el) return;
    const read = () =>
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight },
      );
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resized?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resized?.disconnect();
    };
  }, [el]);
  const viewport = view.height || UNMEASURED_HEIGHT;
  // A list that got shorter (a filter) may not have moved its scroll position yet.
  const top = Math.min(view.top, Math.max(0, count * pitch - viewport));
  return {
    ref: useCallback((node: HTMLElement | null) => setEl(node), []),
    first: Math.max(0, Math.floor(top / pitch) - overscan),
    last: Math.min(count - 1, Math.ceil((top + viewport) / pitch) + overscan),
    height: count * pitch,
  };
}
