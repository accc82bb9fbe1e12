/** 统计: reply-time figures per day and console, exported as CSV. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { StatsChart } from '../../../components/StatsChart';
import { db } from '../../../utils/db';
import { effectivePolicy } from '../../../utils/db/policy';
import { readSettings } from '../../../utils/db/settings';
import { dailyStats, pendingWaits, statsToCsv, toResponseRecord } from '../../../utils/deadline';
import type { Translate } from '../../../utils/i18n';
import { downloadFile } from '../../../utils/pages/download';

export function Stats({ t }: { t: Translate }) {
  const data = useLiveQuery(async () => {
    const [responses, conversations, packs, settings] = await Promise.all([
      db.responses.toArray(),
      db.conversations.toArray(),
      db.packs.toArray(),
      readSettings(db),
    ]);
    return { responses, conversations, policy: effectivePolicy(packs, settings.policyOverrides) };
  }, []);
  const rows = useMemo(() => {
    if (!data) return [];
    const now = Date.now();
    // Waits still open count too: an unanswered message past its deadline is overdue today.
    const open = data.conversations.flatMap((c) =>
      pendingWaits(c.clock).map((w) => toResponseRecord(w, data.policy, { site: c.site, conversationKey: c.key })),
    );
    return dailyStats([...data.responses, ...open], undefined, { now, serviceHours: data.policy.serviceHours });
  }, [data]);
  const byDay = useMemo(() => {
    const days = new Map<string, { within: number; decided: number; overdue: number }>();
    for (const r of rows) {
      const d = days.get(r.day) ?? { within: 0, decided: 0, overdue: 0 };
      d.within += r.withinDeadline;
      d.decided += r.count - r.pending;
      d.overdue += r.overdue;
      days.set(r.day, d);
    }
    return [...days.entries()]
      .slice(-14)
      .map(([day, d]) => ({ day, share: d.decided ? d.within / d.decided : null, overdue: d.overdue }));
  }, [rows]);
  const exportCsv = () =>
    downloadFile(
      `huashu-reply-stats-${new Date().toISOString().slice(0, 10)}.csv`,
      statsToCsv(rows),
      'text/csv;charset=utf-8',
    );
  const seconds = (v: number | null) => (v === null ? '—' : `${Math.round(v)} 秒`);
  return (
    <section id="stats">
      <h2>{t('stats')}</h2>
      <p className="hint">{t('statsHint')}</p>
      {rows.length === 0 ? (
        <p>{t('statsNone')}</p>
      ) : (
        <>
          <StatsChart bars={byDay} label={t('stats')} />
          <table data-testid="stats-table">
            <thead>
              <tr>
                <th>{t('statsDay')}</th>
                <th>{t('statsSite')}</th>
                <th>{t('statsCount')}</th>
                <th>{t('statsWithin')}</th>
                <th>{t('statsMedianFirst')}</th>
                <th>{t('statsMedianNext')}</th>
                <th>{t('statsOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.day}|${r.site}`}>
                  <td>{r.day}</td>
                  <td>{r.site}</td>
                  <td>{r.count}</td>
                  <td>{r.withinDeadlineShare === null ? '—' : `${Math.round(r.withinDeadlineShare * 100)}%`}</td>
                  <td>{seconds(r.medianFirstReplySeconds)}</td>
                  <td>{seconds(r.medianNextReplySeconds)}</td>
                  <td>{r.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" className="btn" onClick={exportCsv} data-testid="stats-csv">
              {t('statsCsv')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
