/** Text with matched ranges marked. Ranges are [start, end) offsets into `text`. */
export function Highlight({ text, ranges, max }: { text: string; ranges?: readonly (readonly [number, number])[]; max?: number }) {
  const shown = max !== undefined && text.length > max ? text.slice(0, max) : text;
  const clipped = shown.length < text.length;
  if (!ranges?.length) return <>{shown + (clipped ? '…' : '')}</>;
  const parts: React.ReactNode[] = [];
  let pos = 0;
  const sorted = [...ranges].filter(([s, e]) => e > s && s < shown.length).sort((a, b) => a[0] - b[0]);
  for (const [s, e] of sorted) {
    const start = Math.max(s, pos);
    const end = Math.min(e, shown.length);
    if (end <= start) continue;
    if (start > pos) parts.push(shown.slice(pos, start));
    parts.push(<mark key={start}>{shown.slice(start, end)}</mark>);
    pos = end;
  }
  if (pos < shown.length) parts.push(shown.slice(pos));
  if (clipped) parts.push('…');
  return <>{parts}</>;
}
