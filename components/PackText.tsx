/**
 * Pack text as we show it on our own pages: isolated (`<bdi>`) and with bidi controls and
 * invisible characters shown as markers (utils/pack-text.ts does the same in the console).
 */
import type { ReactNode } from 'react';
import { splitInvisible } from '../scripts-library/invisible';

/** Plain runs as text, invisible characters as marker spans (no wrapper). */
export function visibleText(text: string): ReactNode {
  const parts = splitInvisible(text);
  if (parts.length === 1 && !parts[0]!.invisible) return text;
  return parts.map((p, i) =>
    p.invisible ? (
      <span key={i} className="invisible-char">
        {p.text}
      </span>
    ) : (
      p.text
    ),
  );
}

export function PackText({ text }: { text: string }) {
  return <bdi className="pack-text">{visibleText(text)}</bdi>;
}
