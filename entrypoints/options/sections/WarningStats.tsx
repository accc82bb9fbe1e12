/** Stats: forbidden-phrase warnings per day and category, and their CSV (counts only, no text). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { warningsByDay, warningsToCsv } from '../../../utils/compliance/stats';
import { db } from '../../../utils/db';
import type { Translate } from '../../../utils/i18n';
import { downloadFile } from '../../../utils/pages/download';

/** Days shown in the table; the CSV has every stored day. */
const DAYS_SHOWN = 14;

export function WarningStats({ t }: { t: Translate }) {
  const rows = useLiveQuery(() => db.warnings.toArray(), []);
  const byDay = useMemo(() => {
    const all = warningsByDay(rows ?? []);
    const days = [...new Set(all.map((r) => r.day))].slice(0, DAYS_SHOWN);
    return all.filter((r) => days.includes(r.day));
  }, [rows]);
  const total = byDay.reduce((n, r) => n + r.count, 0);
  const exportCsv = () =>
    downloadFile(
      `huashu-forbidden-warnings-${new Date().toISOString().slice(0, 10)}.csv`,
      warningsToCsv(rows ?? []),
      'text/csv;charset=utf-8',
    );
  return (
    <section>
      <h2>{t('warningStats')}</h2>
      <p className="hint">{t('warningStatsHint')}</p>
      {byDay.length === 0 ? (
        <p data-testid="warning-stats-none">{t('warningStatsNone')}</p>
      ) : (
        <>
          <table data-testid="warning-stats">
            <thead>
              <tr>
                <th>{t('warningStatsDay')}</th>
                <th>{t('warningStatsCategory')}</th>
                <th>{t('warningStatsCount')}</th>
                <th>{t('warningStatsOverrides')}</th>
              </tr>
            </thead>
            <tbody>
              {byDay.map((r) => (
                <tr key={`${r.day}|${r.categoryId}`} data-category-id={r.categoryId}>
                  <td>{r.day}</td>
                  <td>{r.categoryName}</td>
                  <td data-testid="warning-count">{r.count}</td>
                  <td>{r.overrides}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={2}>{t('warningStatsTotal')}</td>
                <td>{total}</td>
                <td>{byDay.reduce((n, r) => n + r.overrides, 0)}</td>
              </tr>
            </tfoot>
          </table>
          <p>
            <button type="button" className="btn" onClick={exportCsv} data-testid="warning-stats-csv">
              {t('warningStatsCsv')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
