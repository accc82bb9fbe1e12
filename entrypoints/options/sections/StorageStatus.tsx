/**
 * 存储空间: what the browser allows this extension (navigator.storage.estimate) and how much of
 * it each pack and the statistics take, so an agent told 「浏览器存储空间不足」 knows what to remove.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { db } from '../../../utils/db';
import type { StorageUsage } from '../../../utils/db/storage-usage';
import { useEditorSource } from '../editor-client';
import type { Translate } from '../../../utils/i18n';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

export function StorageStatus({ t }: { t: Translate }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  // Counted when a pack comes, goes or changes version, and on demand — not live: it reads
  // every pack's rows.
  // Read in the options page's worker: it reads every pack's rows.
  const { api } = useEditorSource();
  const recount = useCallback(() => {
    void api?.storageUsage().then(setUsage, () => setUsage(null));
    void navigator.storage?.estimate().then(setEstimate, () => setEstimate(null));
  }, [api]);
  const versions = packs?.map((p) => `${p.id}@${p.version}`).join(' ');
  useEffect(recount, [recount, versions]);
  return (
    <section id="storage" data-testid="storage-status">
      <h2>{t('storageTitle')}</h2>
      <p data-testid="storage-estimate">
        {estimate?.usage !== undefined && estimate.quota
          ? t('storageUsage', {
              used: formatBytes(estimate.usage),
              quota: formatBytes(estimate.quota),
              percent: Math.round((estimate.usage / estimate.quota) * 100),
            })
          : t('storageUnknown')}{' '}
        <button type="button" className="btn" onClick={recount}>
          {t('storageRefresh')}
        </button>
      </p>
      {usage && packs && (
        <table>
          <thead>
            <tr>
              <th>{t('storagePack')}</th>
              <th>{t('storageSize')}</th>
            </tr>
          </thead>
          <tbody>
            {packs.map((p) => (
              <tr key={p.id} data-pack-id={p.id}>
                <td>{p.source.kind === 'personal' ? t('storagePersonal') : p.name}</td>
                <td>{formatBytes(usage.packs.get(p.id) ?? 0)}</td>
              </tr>
            ))}
            <tr data-testid="storage-images">
              <td>{t('storageImages', { count: usage.images.count })}</td>
              <td>{formatBytes(usage.images.bytes)}</td>
            </tr>
            <tr data-testid="storage-stats">
              <td>{t('storageStats')}</td>
              <td>{formatBytes(usage.stats)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
