/**
 * Script results: title, purpose, body preview; click inserts, the copy button copies.
 * Virtualised: only the rows on screen (and a few around them) are in the DOM, so a list of
 * 200,000 scripts costs what a list of twenty does. Items come by position (`itemAt`); a
 * position whose item has not arrived yet shows an empty row of the usual height.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { LibraryItem } from '../utils/library/types';
import { PackText } from './PackText';
import { ScriptImages } from './ScriptImages';
import { Highlight } from './Highlight';

export type { Ranges } from '../utils/library/types';
export type ScriptItem = LibraryItem;

interface Labels {
  insert: string;
  copy: string;
  shortcut: string;
}

interface Props {
  count: number;
  itemAt(index: number): ScriptItem | undefined;
  activeIndex: number;
  labels: Labels;
  onInsert(item: ScriptItem): void;
  onCopy(item: ScriptItem): void;
  onHover(index: number): void;
  /** The rows from `start` to `end` are on screen (or about to be). */
  onRange?(start: number, end: number): void;
  /** Which list this is (a query, a situation): a new one starts at its top. */
  listKey?: string;
}

/** A typical row (title, situation, two lines of body): measured rows replace the guess. */
const ESTIMATED_ROW = 96;

export const ScriptList = memo(function ScriptList({
  count,
  itemAt,
  activeIndex,
  labels,
  onInsert,
  onCopy,
  onHover,
  onRange,
  listKey,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    overscan: 6,
    paddingStart: 6,
    paddingEnd: 6,
    gap: 6,
  });
  const rows = virtual.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, onRange]);
  // Scrolling makes the browser lay the list out at once, in the middle of a keystroke's
  // answer: the list scrolls only when there is somewhere to go. The virtualiser's own record
  // of the scroll position says so without asking the browser.
  const countNow = useRef(count);
  countNow.current = count;
  useEffect(() => {
    if ((virtual.scrollOffset ?? 0) > 0) virtual.scrollToOffset(0);
  }, [listKey, virtual]);
  useEffect(() => {
    if (activeIndex < 0 || activeIndex >= countNow.current) return;
    const row = virtual.measurementsCache[activeIndex];
    const top = virtual.scrollOffset ?? 0;
    const height = virtual.scrollRect?.height ?? 0;
    if (!row || row.start < top || row.end > top + height) virtual.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtual]);
  return (
    <div className="script-scroll" ref={scroller}>
      <ul
        className="script-list"
        role="listbox"
        aria-activedescendant={activeIndex >= first && activeIndex <= last ? `script-${activeIndex}` : undefined}
        style={{ height: virtual.getTotalSize(), position: 'relative', padding: 0 }}
      >
        {rows.map((row) => {
          const item = itemAt(row.index);
          return (
            <li
              key={row.key}
              id={`script-${row.index}`}
              data-index={row.index}
              ref={virtual.measureElement}
              role="option"
              aria-selected={row.index === activeIndex}
              className={`script ${row.index === activeIndex ? 'active' : ''}`}
              style={{ position: 'absolute', top: 0, left: 6, right: 6, transform: `translateY(${row.start}px)` }}
              {...(item ? { 'data-script-key': item.key } : {})}
              onMouseEnter={() => onHover(row.index)}
            >
              {item ? (
                <ScriptRow key={item.key} item={item} labels={labels} onInsert={onInsert} onCopy={onCopy} />
              ) : (
                <div className="script-placeholder" style={{ height: ESTIMATED_ROW - 8 }} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
});

/**
 * Keyed by script inside a row keyed by position: when results change under the pointer, the
 * buttons are new elements, so a click aimed at the previous script never lands on the next.
 */
const ScriptRow = memo(function ScriptRow({
  item,
  labels,
  onInsert,
  onCopy,
}: {
  item: ScriptItem;
  labels: Labels;
  onInsert(item: ScriptItem): void;
  onCopy(item: ScriptItem): void;
}) {
  return (
    <>
      <button type="button" className="script-main" title={labels.insert} onClick={() => onInsert(item)}>
        <span className="script-head">
          <span className="script-title">
            <Highlight text={item.title} ranges={item.highlights?.title} />
          </span>
          {item.shortcut && (
            <span className="script-shortcut" title={labels.shortcut}>
              /{item.shortcut}
            </span>
          )}
        </span>
        <span className="script-situation">
          <PackText text={item.situation} />
        </span>
        <span className="script-body">
          <Highlight text={item.body} ranges={item.highlights?.body} max={160} />
        </span>
        <ScriptImages images={item.images} />
        {item.purpose && (
          <span className="script-purpose">
            <Highlight text={item.purpose} ranges={item.highlights?.purpose} />
          </span>
        )}
      </button>
      <button
        type="button"
        className="script-copy"
        onClick={() => onCopy(item)}
        aria-label={`${labels.copy} ${item.title}`}
      >
        {labels.copy}
      </button>
    </>
  );
});
