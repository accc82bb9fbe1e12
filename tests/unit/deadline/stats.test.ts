import { describe, expect, it } from 'vitest';
import {
  applyEventAndReport,
  dailyStats,
  pendingWaits,
  responseRecordKey,
  statsToCsv,
  toResponseRecord,
  type DailyStatsRow,
  type ResponseRecord,
} from '../../../utils/deadline';
import { agent, clockOf, cst, customer, MIN, policy, SEC, UTC8 } from './fake-time';

const rec = (r: Partial<ResponseRecord> & Pick<ResponseRecord, 'customerAt'>): ResponseRecord => ({
  site: 'work.example.com',
  conversationKey: 'c1',
  kind: 'next-reply',
  repliedAt: r.customerAt + MIN,
  dueAt: r.customerAt + 3 * MIN,
  ...r,
});

describe('dailyStats', () => {
  it('counts, share within deadline, medians and overdue for one day and site', () => {
    const t = cst(15, '10:00');
    const rows = dailyStats(
      [
        rec({ kind: 'first-reply', customerAt: t, repliedAt: t + 40 * SEC, dueAt: t + 5 * MIN }),
        rec({ kind: 'first-reply', customerAt: t + 1, repliedAt: t + 1 + 6 * MIN, dueAt: t + 1 + 5 * MIN }),
        rec({ kind: 'next-reply', customerAt: t + 2, repliedAt: t + 2 + 30 * SEC }),
        rec({ kind: 'next-reply', customerAt: t + 3, repliedAt: t + 3 + 90 * SEC }),
        rec({ kind: 'next-reply', customerAt: t + 4, repliedAt: t + 4 + 3 * MIN }), // exactly at due: in time
        rec({ kind: 'next-reply', customerAt: t + 5, repliedAt: null }),
        rec({ kind: 'follow-up', customerAt: t + 6, repliedAt: t + 6 + 10 * MIN, dueAt: t + 6 + 15 * MIN }),
      ],
      UTC8,
    );
    expect(rows).toEqual<DailyStatsRow[]>([
      {
        day: '2026-01-15',
        site: 'work.example.com',
        count: 7,
        withinDeadline: 5,
        withinDeadlineShare: 5 / 7,
        medianFirstReplySeconds: (40 + 360) / 2,
        medianNextReplySeconds: 90,
        overdue: 2,
        pending: 0,
      },
    ]);
  });

  it('splits days at local midnight in UTC+8, by the time of the customer message', () => {
    const rows = dailyStats(
      [
        rec({ customerAt: cst(15, '23:59:30'), repliedAt: cst(16, '00:00:30') }),
        rec({ customerAt: cst(16, '00:00'), repliedAt: cst(16, '00:01') }),
        rec({ customerAt: cst(16, '07:59') }), // 23:59 UTC the day before: still the 16th here
      ],
      UTC8,
    );
    expect(rows.map((r) => [r.day, r.count])).toEqual([
      ['2026-01-15', 1],
      ['2026-01-16', 2],
    ]);
  });

  it('splits per site, ordered by day then site', () => {
    const t = cst(15, '12:00');
    const rows = dailyStats(
      [
        rec({ site: 'b.example', customerAt: t }),
        rec({ site: 'a.example', customerAt: t }),
        rec({ site: 'a.example', customerAt: t - 24 * 60 * MIN }),
      ],
      UTC8,
    );
    expect(rows.map((r) => `${r.day} ${r.site}`)).toEqual([
      '2026-01-14 a.example',
      '2026-01-15 a.example',
      '2026-01-15 b.example',
    ]);
  });

  it('keeps unanswered waits that are not due yet out of the share when now is given', () => {
    const t = cst(15, '12:00');
    const records = [rec({ customerAt: t }), rec({ customerAt: t + MIN, repliedAt: null })];
    expect(dailyStats(records, UTC8, { now: t + 2 * MIN })[0]).toMatchObject({
      count: 2,
      withinDeadline: 1,
      withinDeadlineShare: 1,
      overdue: 0,
      pending: 1,
    });
    expect(dailyStats(records, UTC8, { now: t + 10 * MIN })[0]).toMatchObject({
      withinDeadlineShare: 0.5,
      overdue: 1,
      pending: 0,
    });
    expect(dailyStats([rec({ customerAt: t, repliedAt: null })], UTC8, { now: t })[0]!.withinDeadlineShare).toBeNull();
  });

  it('measures reply time in service time when asked (22:58 → 09:01 took 3 minutes)', () => {
    const r = rec({
      kind: 'first-reply',
      customerAt: cst(15, '22:58'),
      repliedAt: cst(16, '09:01'),
      dueAt: cst(16, '09:03'),
    });
    expect(dailyStats([r], UTC8)[0]!.medianFirstReplySeconds).toBe(10 * 3600 + 3 * 60);
    expect(dailyStats([r], UTC8, { serviceHours: { start: '09:00', end: '23:00' } })[0]!.medianFirstReplySeconds).toBe(
      180,
    );
  });

  it('is empty without records', () => {
    expect(dailyStats([], UTC8)).toEqual([]);
  });
});

describe('records from the clock', () => {
  it('turns settled and pending waits into records with their due time', () => {
    const team = policy({ serviceHours: { start: '09:00', end: '23:00' } });
    const where = { site: 'work.example.com', conversationKey: 'c1' };
    const clock = clockOf(customer(cst(15, '22:58')));
    expect(pendingWaits(clock).map((w) => toResponseRecord(w, team, { ...where, utcOffsetMinutes: UTC8 }))).toEqual([
      { ...where, kind: 'first-reply', customerAt: cst(15, '22:58'), repliedAt: null, dueAt: cst(16, '09:03') },
    ]);
    const { settled } = applyEventAndReport(clock, agent(cst(16, '09:01')));
    const record = toResponseRecord(settled[0]!, team, { ...where, utcOffsetMinutes: UTC8 });
    expect(record).toMatchObject({ repliedAt: cst(16, '09:01'), dueAt: cst(16, '09:03') });
    expect(responseRecordKey(record)).toBe(`work.example.com|c1|first-reply|${cst(15, '22:58')}`);
    expect(Object.keys(record).sort()).toEqual(['conversationKey', 'customerAt', 'dueAt', 'kind', 'repliedAt', 'site']);
  });
});

describe('statsToCsv', () => {
  const row: DailyStatsRow = {
    day: '2026-01-15',
    site: 'shop "A", main\nconsole',
    count: 3,
    withinDeadline: 2,
    withinDeadlineShare: 2 / 3,
    medianFirstReplySeconds: 40.25,
    medianNextReplySeconds: null,
    overdue: 1,
    pending: 0,
  };

  it('writes a bilingual header, CRLF lines and a BOM for Excel', () => {
    const csv = statsToCsv([row]);
    expect(csv.startsWith('\uFEFF日期 date,站点 site,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(statsToCsv([], { bom: false }).startsWith('日期')).toBe(true);
  });

  it('quotes fields with commas, quotes or line breaks (RFC 4180) and leaves empty cells for missing medians', () => {
    const line = statsToCsv([row], { bom: false }).split('\r\n')[1];
    expect(line).toBe('2026-01-15,"shop ""A"", main\nconsole",3,2,0.6667,40.3,,1,0');
  });

  it('round-trips through a minimal RFC 4180 parser', () => {
    const parse = (text: string) => {
      const rows: string[][] = [[]];
      let field = '';
      let quoted = false;
      const endField = () => {
        rows.at(-1)!.push(field);
        field = '';
      };
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (quoted && ch === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = !quoted;
        else if (quoted) field += ch;
        else if (ch === ',') endField();
        else if (ch === '\r' && text[i + 1] === '\n') {
          endField();
          rows.push([]);
          i++;
        } else field += ch;
      }
      return rows.filter((r) => r.length > 0);
    };
    const parsed = parse(statsToCsv([row], { bom: false }));
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toHaveLength(9);
    expect(parsed[1]![1]).toBe(row.site);
  });
});
