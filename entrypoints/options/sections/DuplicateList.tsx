/**
 * Shortcut codes several scripts share, and script ids repeated across packs: a virtualised list
 * paged through the editor feed, so a second copy of a 200,000-script pack (every script a
 * duplicate) lists every pair without putting them all in the page.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Notice } from '../../../components/Notice';
import type { DuplicateEntry, DuplicatesView } from '../../../utils/pages/editor-library';
import { useEditorSource, useWindowed } from '../editor-client';

const ROW = 24;

export function DuplicateList({
  shortcutsOnly = false,
  line,
  testId,
  title,
}: {
  shortcutsOnly?: boolean;
  line(entry: DuplicateEntry): string;
  testId: string;
  title: React.ReactNode;
}) {
  const { api, version } = useEditorSource();
  const list = useWindowed<DuplicatesView>(
    `duplicates:${shortcutsOnly}`,
    api ? (offset, limit) => api.duplicates({ shortcutsOnly, offset, limit }) : null,
    String(version),
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: list.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const rows = virtual.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  const { showRange } = list;
  useEffect(() => {
    if (list.total > 0) showRange(first, last);
  }, [first, last, list.total, showRange]);
  if (list.total === 0) return null;
  return (
    <Notice tone="warn" testId={testId}>
      {title}
      <div className="duplicate-scroll" ref={scroller} style={{ maxHeight: 10 * ROW, overflowY: 'auto' }}>
        <ul className="errors" style={{ height: virtual.getTotalSize(), position: 'relative', margin: 0 }}>
          {rows.map((row) => {
            const entry = list.itemAt(row.index);
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtual.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
              >
                {entry ? line(entry) : '…'}
              </li>
            );
          })}
        </ul>
      </div>
    </Notice>
  );
}
