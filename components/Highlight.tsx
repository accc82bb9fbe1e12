import { visibleText } from './PackText';

/**
 * Pack text with matched ranges marked. Ranges are [start, end) offsets into `text`. Isolated and
 * with invisible characters shown, like every piece of pack text (see PackText).
 */
export function Highlight({
  text,
  ranges,
  max,
}: {
  text: string;
  ranges?: readonly (readonly [number, number])[];
  max?: number;
}) {
  const shown = max !== undefined && text.length > max ? text.slice(0, max) : text;
  const clipped = shown.length < text.length;
  if (!ranges?.length) return <bdi className="pack-text">{visibleText(shown + (clipped ? '…' : ''))}</bdi>;
  const parts: React.ReactNode[] = [];
  let pos = 0;
  const sorted = [...ranges].filter(([s, e]) => e > s && s < shown.length).sort((a, b) => a[0] - b[0]);
  for (const [s, e] of sorted) {
    const start = Math.max(s, pos);
    const end = Math.min(e, shown.length);
    if (end <= start) continue;
    if (start > pos) parts.push(<span key={`t${pos}`}>{visibleText(shown.slice(pos, start))}</span>);
    parts.push(<mark key={start}>{visibleText(shown.slice(start, end))}</mark>);
    pos = end;
  }
  if (pos < shown.length) parts.push(<span key={`t${pos}`}>{visibleText(shown.slice(pos))}</span>);
  if (clipped) parts.push('…');
  return <bdi className="pack-text">{parts}</bdi>;
}
