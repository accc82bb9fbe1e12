/**
 * Suggested replies for the customer's latest message: the detected situations and a few
 * scripts; click inserts, the copy button copies. Shares the look of ScriptList; the panel's
 * keyboard selection runs through these first (`activeIndex`, -1 when elsewhere).
 */
import { useEffect, useRef } from 'react';
import { Highlight } from './Highlight';
import type { ScriptItem } from './ScriptList';
import { PackText } from './PackText';

export interface SuggestionItem extends ScriptItem {
  /** The detected situation it is suggested for. */
  detectedSituation: string;
  /** Why, in a few words. */
  reason: string;
}

interface Props {
  /** Id of the customer message the suggestions answer (as the console numbers it). */
  forMessage?: string;
  situations: readonly { id: string; name: string }[];
  items: readonly SuggestionItem[];
  activeIndex: number;
  labels: { title: string; detected: string; hint: string; insert: string; copy: string };
  onInsert(item: SuggestionItem): void;
  onCopy(item: SuggestionItem): void;
  onHover(index: number): void;
}

export function SuggestionList({
  forMessage,
  situations,
  items,
  activeIndex,
  labels,
  onInsert,
  onCopy,
  onHover,
}: Props) {
  const activeRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);
  return (
    <section className="suggestions" data-testid="suggestions" data-for-message={forMessage} aria-label={labels.title}>
      <div className="suggestions-head">
        <strong>{labels.title}</strong>
        <span className="suggestions-situations" data-testid="suggested-situations">
          {labels.detected}
          {situations.map((s) => (
            <span key={s.id} className="suggestion-situation" data-situation-id={s.id}>
              <PackText text={s.name} />
            </span>
          ))}
        </span>
      </div>
      <ul
        className="script-list"
        role="listbox"
        aria-activedescendant={items[activeIndex] ? `suggestion-${activeIndex}` : undefined}
      >
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`suggestion-${i}`}
            ref={i === activeIndex ? activeRef : undefined}
            role="option"
            aria-selected={i === activeIndex}
            className={`script suggestion ${i === activeIndex ? 'active' : ''}`}
            data-script-key={item.key}
            data-detected-situation={item.detectedSituation}
            onMouseEnter={() => onHover(i)}
          >
            <button type="button" className="script-main" title={labels.insert} onClick={() => onInsert(item)}>
              <span className="script-head">
                <span className="script-title">{item.title}</span>
                {item.shortcut && <span className="script-shortcut">/{item.shortcut}</span>}
              </span>
              <span className="script-situation">
                <PackText text={item.situation} />
              </span>
              <span className="script-body">
                <Highlight text={item.body} max={120} />
              </span>
              <span className="suggestion-reason">{item.reason}</span>
            </button>
            <button
              type="button"
              className="script-copy"
              onClick={() => onCopy(item)}
              aria-label={`${labels.copy} ${item.title}`}
            >
              {labels.copy}
            </button>
          </li>
        ))}
      </ul>
      <div className="suggestions-hint">{labels.hint}</div>
    </section>
  );
}
