/**
 * Options → 话术包: what a subscribed pack's publisher wrote about its versions, and
 * 回退到上一版 (the version the last update replaced, kept whole on this machine).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Notice } from '../../../components/Notice';
import { db, type PackRow } from '../../../utils/db';
import type { PackChangeNote } from '../../../scripts-library/schema';
import type { Translate } from '../../../utils/i18n';
import { sendMessage } from '../../../utils/messaging/protocol';
import { rollbackTarget } from '../../../utils/db/sync-apply';

export function ReleaseNotes({ notes, t }: { notes: readonly PackChangeNote[] | undefined; t: Translate }) {
  if (!notes?.length) return null;
  return (
    <div data-testid="release-notes">
      <strong>{t('releaseNotesTitle')}</strong>
      <ul className="errors">
        {notes.map((n) => (
          <li key={n.version}>{t('releaseNotesLine', { version: n.version, date: n.date, notes: n.notes || '—' })}</li>
        ))}
      </ul>
    </div>
  );
}

/** Shown under a rolled-back pack's status. */
export function RollbackPaused({ pack, t }: { pack: PackRow; t: Translate }) {
  if (!pack.sync?.pausedAfter) return null;
  return (
    <div className="hint" data-testid="rollback-paused">
      {t('rollbackPaused', { version: pack.sync.pausedAfter })}
    </div>
  );
}

export function RollbackButton({ pack, t }: { pack: PackRow; t: Translate }) {
  const kept = useLiveQuery(() => db.packVersions.get(pack.id), [pack.id, pack.version]);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (pack.source.kind !== 'url') return null;
  const target = rollbackTarget(pack, kept);
  return (
    <>
      {target && (
        <button
          type="button"
          className="btn"
          data-testid="rollback"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const res = await sendMessage('rollbackPack', { packId: pack.id });
              setResult(
                res.ok
                  ? { tone: 'ok', text: t('rollbackDone', { version: res.version }) }
                  : { tone: 'error', text: t('rollbackFailed', { detail: res.detail }) },
              );
            } catch (e) {
              setResult({ tone: 'error', text: t('rollbackFailed', { detail: (e as Error).message }) });
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('rollbackDo', { version: target })}
        </button>
      )}
      {result && (
        <Notice tone={result.tone} testId="rollback-result">
          {result.text}
        </Notice>
      )}
    </>
  );
}
