/**
 * Reply-time statistics per local day and site, and their CSV export. Records hold ids and
 * timestamps only, never message text, so they can be kept and exported without exposing
 * customers.
 */
import type { ReplyPolicy } from '../../scripts-library/schema';
import type { DeadlineKind, PendingWait, SettledWait } from './clock';
import { dueAtOf } from './deadline';
import {
  DAY_MS,
  localUtcOffsetMinutes,
  MINUTE_MS,
  serviceTimeBetween,
  type ServiceHours,
  type UtcOffsetMinutes,
} from './service-hours';

export interface ResponseRecord {
  /** Console hostname. */
  site: string;
  conversationKey: string;
  kind: DeadlineKind;
  /** When the wait started: the customer's message, or for a follow-up the promise. */
  customerAt: number;
  /** Null: not answered (yet). */
  repliedAt: number | null;
  dueAt: number;
}

/** Primary key for stored records: a replayed thread settles the same wait again and overwrites it. */
export const responseRecordKey = (r: Pick<ResponseRecord, 'site' | 'conversationKey' | 'kind' | 'customerAt'>) =>
  `${r.site}|${r.conversationKey}|${r.kind}|${r.customerAt}`;

/** A settled wait (from `applyEventAndReport`) or a still-pending one (from `pendingWaits`) as a record. */
export function toResponseRecord(
  wait: SettledWait | PendingWait,
  policy: ReplyPolicy,
  where: { site: string; conversationKey: string; utcOffsetMinutes?: UtcOffsetMinutes },
): ResponseRecord {
  return {
    site: where.site,
    conversationKey: where.conversationKey,
    kind: wait.kind,
    customerAt: wait.startedAt,
    repliedAt: 'repliedAt' in wait ? wait.repliedAt : null,
    dueAt: dueAtOf(wait, policy, { utcOffsetMinutes: where.utcOffsetMinutes }),
  };
}

export interface DailyStatsRow {
  /** Local date of the customer's message, `YYYY-MM-DD`. */
  day: string;
  site: string;
  /** Waits that started that day: messages needing a reply, and promises. */
  count: number;
  withinDeadline: number;
  /** withinDeadline / (count − pending); null when nothing is decided yet. */
  withinDeadlineShare: number | null;
  medianFirstReplySeconds: number | null;
  medianNextReplySeconds: number | null;
  /** Answered late, or unanswered past the due time. */
  overdue: number;
  /** Unanswered but not yet due at `now` (only when `now` is given). */
  pending: number;
}

export interface DailyStatsOptions {
  /** Without it, an unanswered record counts as overdue (the day is over). */
  now?: number;
  /**
   * Measure reply times in service time, as the platforms do: a message at 22:58 answered at
   * 09:01 took 3 minutes, not 10 hours. Without it, wall-clock time.
   */
  serviceHours?: ServiceHours | null;
}

function localDay(at: number, offset: UtcOffsetMinutes): string {
  return new Date(Math.floor((at + offset(at) * MINUTE_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Per local day and site, ordered by day then site. The day is that of the customer's message
 * (when the wait started), so a 23:59 message answered at 00:01 counts for the earlier day.
 */
export function dailyStats(
  records: readonly ResponseRecord[],
  utcOffsetMinutes: UtcOffsetMinutes = localUtcOffsetMinutes,
  opts: DailyStatsOptions = {},
): DailyStatsRow[] {
  const groups = new Map<string, { day: string; site: string; records: ResponseRecord[] }>();
  for (const r of records) {
    const day = localDay(r.customerAt, utcOffsetMinutes);
    const id = `${day}\u0000${r.site}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { day, site: r.site, records: [] }));
    group.records.push(r);
  }
  const replySeconds = (r: ResponseRecord & { repliedAt: number }) =>
    (opts.serviceHours === undefined
      ? r.repliedAt - r.customerAt
      : serviceTimeBetween(r.customerAt, r.repliedAt, opts.serviceHours, { utcOffsetMinutes })) / 1000;

  const rows: DailyStatsRow[] = [];
  for (const { day, site, records: rs } of groups.values()) {
    let withinDeadline = 0;
    let pending = 0;
    const first: number[] = [];
    const next: number[] = [];
    for (const r of rs) {
      if (r.repliedAt === null) {
        if (opts.now !== undefined && opts.now < r.dueAt) pending++;
        continue;
      }
      if (r.repliedAt <= r.dueAt) withinDeadline++;
      if (r.kind === 'first-reply') first.push(replySeconds(r as ResponseRecord & { repliedAt: number }));
      if (r.kind === 'next-reply') next.push(replySeconds(r as ResponseRecord & { repliedAt: number }));
    }
    const decided = rs.length - pending;
    rows.push({
      day,
      site,
      count: rs.length,
      withinDeadline,
      withinDeadlineShare: decided > 0 ? withinDeadline / decided : null,
      medianFirstReplySeconds: median(first),
      medianNextReplySeconds: median(next),
      overdue: decided - withinDeadline,
      pending,
    });
  }
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}

const CSV_COLUMNS: [header: string, value: (r: DailyStatsRow) => string | number | null][] = [
  ['日期 date', (r) => r.day],
  ['站点 site', (r) => r.site],
  ['需回复 total', (r) => r.count],
  ['按时 within deadline', (r) => r.withinDeadline],
  [
    '按时率 on-time share',
    (r) => (r.withinDeadlineShare === null ? null : Math.round(r.withinDeadlineShare * 10_000) / 10_000),
  ],
  [
    '首次回复中位数(秒) median first reply (s)',
    (r) => (r.medianFirstReplySeconds === null ? null : Math.round(r.medianFirstReplySeconds * 10) / 10),
  ],
  [
    '后续回复中位数(秒) median next reply (s)',
    (r) => (r.medianNextReplySeconds === null ? null : Math.round(r.medianNextReplySeconds * 10) / 10),
  ],
  ['超时 overdue', (r) => r.overdue],
  ['待回复 pending', (r) => r.pending],
];

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV with CRLF line ends (RFC 4180). Starts with a UTF-8 BOM by default, because Excel on
 * zh-CN Windows otherwise reads the Chinese header as GBK and shows mojibake.
 */
export function statsToCsv(rows: readonly DailyStatsRow[], { bom = true }: { bom?: boolean } = {}): string {
  const lines = [
    CSV_COLUMNS.map(([header]) => csvField(header)),
    ...rows.map((r) => CSV_COLUMNS.map(([, value]) => csvField(value(r)))),
  ];
  return (bom ? '\uFEFF' : '') + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}
