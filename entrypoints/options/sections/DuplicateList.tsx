/**
 * Shortcut codes several scripts share, and script ids repeated across packs: a virtualised list
 * paged through the editor feed, so a second copy of a 200,000-script pack (every script a
 * duplicate) lists every pair without putting them all in the page.
 */
import { useEffect } from 'react';
import { Notice } from '../../../components/Notice';
import type { DuplicateEntry, DuplicatesView } from '../../../utils/pages/editor-library';
import { useEditorSource, useWindowed } from '../editor-client';
import { useFixedRows } from '../fixed-rows';

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
  const rows = useFixedRows(list.total, ROW);
  const { first, last } = rows;
  const { showRange } = list;
  useEffect(() => {
    if (list.total > 0) showRange(first, Math.max(first, last));
  }, [first, last, list.total, showRange]);
  if (list.total === 0) return null;
  return (
    <Notice tone="warn" testId={testId}>
      {title}
      <div className="duplicate-scroll" ref={rows.ref} style={{ maxHeight: 10 * ROW, overflowY: 'auto' }}>
        <ul className="errors" style={{ height: rows.height, position: 'relative', margin: 0 }}>
          {Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => {
            const index = first + k;
            const entry = list.itemAt(index);
            const text = entry ? line(entry) : '…';
            // One line each (the list finds its rows by position); the whole line on hover.
            return (
              <li
                key={index}
                data-index={index}
                title={text}
                className="duplicate-line"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW,
                  transform: `translateY(${index * ROW}px)`,
                }}
              >
                {text}
              </li>
            );
          })}
        </ul>
      </div>
    </Notice>
  );
}
