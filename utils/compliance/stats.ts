/**
 * Forbidden-phrase warning counts for the stats page and its CSV. Counts only: the rows never
 * held the text that triggered a warning.
 */
import Papa from 'papaparse';

export interface WarningCount {
  day: string;
  site: string;
  categoryId: string;
  categoryName: string;
  count: number;
  overrides?: number;
}

export interface WarningDayRow {
  day: string;
  categoryId: string;
  categoryName: string;
  count: number;
  overrides: number;
}

/** Per day and category over all sites, newest day first, then by category name. */
export function warningsByDay(rows: readonly WarningCount[]): WarningDayRow[] {
  const groups = new Map<string, WarningDayRow>();
  for (const r of rows) {
    const id = `${r.day}\u0000${r.categoryId}`;
    const g = groups.get(id) ?? {
      day: r.day,
      categoryId: r.categoryId,
      categoryName: r.categoryName,
      count: 0,
      overrides: 0,
    };
    g.count += r.count;
    g.overrides += r.overrides ?? 0;
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) =>
    a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.categoryName.localeCompare(b.categoryName, 'zh-CN'),
  );
}

/** CSV (RFC 4180, CRLF) with a UTF-8 BOM so Excel on zh-CN Windows reads the header right. */
export function warningsToCsv(rows: readonly WarningCount[]): string {
  const sorted = [...rows].sort((a, b) =>
    a.day !== b.day
      ? a.day < b.day
        ? -1
        : 1
      : a.site < b.site
        ? -1
        : a.site > b.site
          ? 1
          : a.categoryId < b.categoryId
            ? -1
            : 1,
  );
  const body = Papa.unparse(
    {
      fields: [
        '日期 date',
        '站点 site',
        '类别编号 category id',
        '类别 category',
        '提醒次数 warnings',
        '仍然发送 sent anyway',
      ],
      data: sorted.map((r) => [r.day, r.site, r.categoryId, r.categoryName, r.count, r.overrides ?? 0]),
    },
    { newline: '\r\n' },
  );
  return `\uFEFF${body}\r\n`;
}
