/**
 * Splitting text at its highlight ranges, the one way the panel's list and the in-page palette
 * mark matches. Ranges are [start, end) offsets into `text`, in any order; empty ones and those
 * past the end are ignored, and an overlap marks its new part only. Pure.
 */
export interface TextRun {
  text: string;
  marked: boolean;
  /** Offset of the run in the text. */
  start: number;
}

export function markedRuns(text: string, ranges: readonly (readonly [number, number])[] = []): TextRun[] {
  const runs: TextRun[] = [];
  let pos = 0;
  const sorted = ranges.filter(([s, e]) => e > s && s < text.length).sort((a, b) => a[0] - b[0]);
  for (const [s, e] of sorted) {
    const start = Math.max(s, pos);
    const end = Math.min(e, text.length);
    if (end <= start) continue;
    if (start > pos) runs.push({ text: text.slice(pos, start), marked: false, start: pos });
    runs.push({ text: text.slice(start, end), marked: true, start });
    pos = end;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos), marked: false, start: pos });
  return runs;
}
