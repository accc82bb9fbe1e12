/** Share of customer messages answered in time, one bar per day (inline SVG, no chart library). */
export interface StatsBar {
  day: string;
  /** 0..1, or null when nothing was decided that day. */
  share: number | null;
  overdue: number;
}

export function StatsChart({ bars, label }: { bars: readonly StatsBar[]; label: string }) {
  const w = 28;
  const h = 120;
  return (
    <svg
      className="stats-chart"
      role="img"
      aria-label={label}
      width={Math.max(bars.length * w, w)}
      height={h + 34}
      data-testid="stats-chart"
    >
      {bars.map((b, i) => {
        const barH = b.share === null ? 0 : Math.round(b.share * h);
        const colour = b.share === null ? '#ccc' : b.share >= 0.9 ? '#1a7f37' : b.share >= 0.7 ? '#d97706' : '#dc2626';
        return (
          <g key={b.day} transform={`translate(${i * w},0)`}>
            <title>{`${b.day}: ${b.share === null ? '—' : `${Math.round(b.share * 100)}%`}，超时 ${b.overdue}`}</title>
            <rect x={4} y={h - barH} width={w - 8} height={barH} fill={colour} rx={2} />
            <text x={w / 2} y={h + 12} fontSize={9} textAnchor="middle" fill="#646a73">
              {b.day.slice(5)}
            </text>
            <text x={w / 2} y={h + 26} fontSize={9} textAnchor="middle" fill="#646a73">
              {b.share === null ? '—' : `${Math.round(b.share * 100)}%`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
