import { markedRuns } from '../utils/search/marked';
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
  const parts: React.ReactNode[] = markedRuns(shown, ranges).map((run) =>
    run.marked ? (
      <mark key={run.start}>{visibleText(run.text)}</mark>
    ) : (
      <span key={`t${run.start}`}>{visibleText(run.text)}</span>
    ),
  );
  if (clipped) parts.push('…');
  return <bdi className="pack-text">{parts}</bdi>;
}
