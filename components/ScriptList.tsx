/** Script results: title, purpose, body preview; click inserts, the copy button copies. */
import { useEffect, useRef } from 'react';
import type { ScriptImageRef } from '../scripts-library/images';
import { Highlight } from './Highlight';
import { PackText } from './PackText';
import { ScriptImages } from './ScriptImages';

export type Ranges = readonly (readonly [number, number])[];

export interface ScriptItem {
  key: string;
  title: string;
  body: string;
  purpose: string;
  shortcut?: string;
  situation: string;
  images?: ScriptImageRef[];
  highlights?: { title?: Ranges; body?: Ranges; purpose?: Ranges };
}

interface Props {
  items: readonly ScriptItem[];
  activeIndex: number;
  labels: { insert: string; copy: string; shortcut: string };
  onInsert(item: ScriptItem): void;
  onCopy(item: ScriptItem): void;
  onHover(index: number): void;
}

export function ScriptList({ items, activeIndex, labels, onInsert, onCopy, onHover }: Props) {
  const activeRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Block body on purpose: newer Chromium returns a Promise from scrollIntoView, and an effect
    // must return nothing or a cleanup function.
    activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);
  return (
    <ul className="script-list" role="listbox" aria-activedescendant={items[activeIndex] ? `script-${activeIndex}` : undefined}>
      {items.map((item, i) => (
        <li
          key={item.key}
          id={`script-${i}`}
          ref={i === activeIndex ? activeRef : undefined}
          role="option"
          aria-selected={i === activeIndex}
          className={`script ${i === activeIndex ? 'active' : ''}`}
          data-script-key={item.key}
          onMouseEnter={() => onHover(i)}
        >
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
          <button type="button" className="script-copy" onClick={() => onCopy(item)} aria-label={`${labels.copy} ${item.title}`}>
            {labels.copy}
          </button>
        </li>
      ))}
    </ul>
  );
}
