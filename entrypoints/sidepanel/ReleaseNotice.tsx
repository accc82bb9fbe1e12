/**
 * Side panel: after a sync brought a new version with release notes, one short line per pack —
 * what the team lead wrote — until the agent closes it (the options page shows it in full).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { db } from '../../utils/db';
import type { Translate } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/protocol';

export function ReleaseNotice({ t }: { t: Translate }) {
  const updated = useLiveQuery(() => db.packs.filter((p) => !!p.sync?.lastChange?.notes?.length).toArray(), []);
  if (!updated?.length) return null;
  return (
    <>
      {updated.map((p) => {
        const c = p.sync!.lastChange!;
        const first = c.notes![0]!;
        return (
          <div key={p.id} className="notice notice-info" role="status" data-testid="release-notice" data-pack-id={p.id}>
            {t('releaseNotesPanel', {
              name: p.name,
              version: c.toVersion,
              notes: first.notes.split('\n')[0]!.slice(0, 80) || '—',
            })}{' '}
            <a href={`${browser.runtime.getURL('/options.html')}#packs`} target="_blank" rel="noreferrer">
              {t('releaseNotesMore')}
            </a>{' '}
            <button
              type="button"
              className="btn-link"
              aria-label={t('syncChangesDismiss')}
              onClick={() => void sendMessage('dismissPackChanges', { packId: p.id }).catch(() => undefined)}
            >
              ×
            </button>
          </div>
        );
      })}
    </>
  );
}
