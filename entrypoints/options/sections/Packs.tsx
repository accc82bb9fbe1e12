/**
 * Options: installed packs — name, version, source, last sync, status, update now, remove —
 * plus subscribing to a pack URL, file import, what the last update changed, personal edits
 * waiting for review, and shortcut codes that clash across packs.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { JsonFileInput } from '../../../components/JsonFileInput';
import { Notice } from '../../../components/Notice';
import { db, type PackChange, type PackRow } from '../../../utils/db';
import { DuplicateList } from './DuplicateList';
import { useEditorSource } from '../editor-client';
import type { Translate } from '../../../utils/i18n';
import { sendMessage, type PackSyncOutcome } from '../../../utils/messaging/protocol';
import { requestFailureText } from '../../../utils/pages/failure-text';
import { syncErrorText } from '../../../utils/sync/error-text';
import { checkPackUrl, hostPermissionPattern, isLocalPackUrl } from '../../../utils/sync/fetch-pack';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../limits';
import { PackText } from '../../../components/PackText';
import { ReleaseNotes, RollbackButton, RollbackPaused } from './PackRollback';

/** Larger files are refused before reading: a pack of 50,000 scripts is well under this. */

type Result = { tone: 'ok' | 'error' | 'info'; text: string; errors?: string[] };

function sourceLabel(pack: PackRow, t: Translate) {
  switch (pack.source.kind) {
    case 'builtin':
      return t('packSourceBuiltin');
    case 'personal':
      return t('packSourcePersonal');
    case 'file':
      return t('packSourceFile', { name: pack.source.fileName });
    case 'url':
      return t('packSourceUrl', { url: pack.source.url });
  }
}

function outcomeText(o: PackSyncOutcome, t: Translate, first = false): Result {
  if (!o.ok)
    return {
      tone: 'error',
      text: first
        ? t('subscribeFailed', { cause: syncErrorText(t, o.code, o.detail, { first }) })
        : t('syncFailed', { cause: syncErrorText(t, o.code, o.detail) }),
    };
  return {
    tone: 'ok',
    text: t(o.result === 'updated' ? 'syncUpdated' : 'syncUnchanged', { name: o.name, version: o.version }),
  };
}

function SyncStatus({ pack, syncing, t }: { pack: PackRow; syncing: boolean; t: Translate }) {
  const s = pack.sync;
  if (pack.source.kind !== 'url' || !s) return <span>—</span>;
  if (syncing) return <span data-testid="pack-status">{t('syncStatusPending')}</span>;
  if (s.status === 'error')
    return (
      <span data-testid="pack-status" role="alert" style={{ color: 'var(--error)' }}>
        {t('syncStatusError', { version: pack.version })}
        <br />
        {syncErrorText(t, s.errorCode, s.errorDetail ?? s.error)}
      </span>
    );
  return <span data-testid="pack-status">{t('syncStatusOk')}</span>;
}

function ChangeList({
  items,
  total,
  label,
  t,
}: {
  items: PackChange['added'];
  total: number;
  label: string;
  t: Translate;
}) {
  if (!total) return null;
  return (
    <li>
      {label}：{items.map((i) => i.title).join('、')}
      {total > items.length ? ` ${t('syncChangesMore', { count: total - items.length })}` : ''}
    </li>
  );
}

function Changes({ pack, t, onResult }: { pack: PackRow; t: Translate; onResult(r: Result): void }) {
  const c = pack.sync?.lastChange;
  if (!c) return null;
  return (
    <Notice tone={c.conflicts ? 'warn' : 'info'} testId="pack-changes">
      <div data-pack-id={pack.id}>
        <strong>{t('syncChangesTitle', { name: pack.name, from: c.fromVersion ?? '—', to: c.toVersion })}</strong>
        <ul className="errors">
          <ChangeList
            items={c.added}
            total={c.counts.added}
            label={t('syncChangesAdded', { count: c.counts.added })}
            t={t}
          />
          <ChangeList
            items={c.changed}
            total={c.counts.changed}
            label={t('syncChangesChanged', { count: c.counts.changed })}
            t={t}
          />
          <ChangeList
            items={c.removed}
            total={c.counts.removed}
            label={t('syncChangesRemoved', { count: c.counts.removed })}
            t={t}
          />
        </ul>
        <ReleaseNotes notes={c.notes} t={t} />
        {c.conflicts > 0 && (
          <p data-testid="pack-changes-conflicts">{t('syncChangesConflicts', { count: c.conflicts })}</p>
        )}
        <button
          type="button"
          className="btn"
          onClick={() =>
            void sendMessage('dismissPackChanges', { packId: pack.id }).catch((e: unknown) =>
              onResult({ tone: 'error', text: requestFailureText(t, e, 'storageWhatPack') }),
            )
          }
        >
          {t('syncChangesDismiss')}
        </button>
      </div>
    </Notice>
  );
}

function Subscribe({ t, onResult }: { t: Translate; onResult(r: Result): void }) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const subscribe = async () => {
    const checked = checkPackUrl(url);
    if (!checked.ok) return onResult({ tone: 'error', text: syncErrorText(t, 'not-allowed-url', checked.detail) });
    // Asked for inside the click (browsers require a user gesture), for this host only, so the
    // manifest stays minimal. This machine's own servers are reachable already (the built-in
    // localhost consoles), and there is nobody to ask.
    if (!isLocalPackUrl(checked.url)) {
      const granted = await browser.permissions
        .request({ origins: [hostPermissionPattern(checked.url)] })
        .catch(() => false);
      if (!granted) return onResult({ tone: 'error', text: t('syncPermissionDenied', { origin: checked.url.origin }) });
    }
    setBusy(true);
    onResult({ tone: 'info', text: t('syncSubscribing') });
    try {
      const res = await sendMessage('subscribePack', { url: checked.url.href });
      onResult(
        res.ok
          ? { tone: 'ok', text: t('syncSubscribed', { name: res.name, version: res.version }) }
          : outcomeText(res, t, true),
      );
      if (res.ok) setUrl('');
    } catch (e) {
      onResult({ tone: 'error', text: t('subscribeFailed', { cause: requestFailureText(t, e, 'storageWhatPack') }) });
      void wakeBackground();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form-row"
      onSubmit={(e) => {
        e.preventDefault();
        void subscribe();
      }}
    >
      <label htmlFor="subscribe-url">{t('syncSubscribeLabel')}</label>
      <input
        id="subscribe-url"
        type="url"
        data-testid="subscribe-url"
        placeholder="https://"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        style={{ flex: 1 }}
      />
      <button type="submit" className="btn btn-primary" data-testid="subscribe-pack" disabled={busy || !url.trim()}>
        {busy ? t('syncSubscribing') : t('syncSubscribe')}
      </button>
    </form>
  );
}

/**
 * Remove a pack; for the last subscription on a host, give the host permission back (unless
 * the agent also enabled a console there), so access lasts only as long as it is used.
 */
/** Removes a pack, then gives back its host's permission when nothing else uses it; the failure's text, if any. */
async function removeAndRelease(pack: PackRow, t: Translate): Promise<string | null> {
  let res: { ok: boolean; error?: string };
  try {
    res = await sendMessage('removePack', { packId: pack.id });
  } catch (e) {
    return requestFailureText(t, e, 'storageWhatPack');
  }
  if (!res.ok) return t('requestFailed', { detail: res.error ?? '' });
  if (pack.source.kind !== 'url') return null;
  const url = new URL(pack.source.url);
  if (isLocalPackUrl(url)) return null;
  const [others, sites] = await Promise.all([db.packs.toArray(), db.sites.toArray()]);
  const stillUsed =
    others.some((o) => o.source.kind === 'url' && new URL(o.source.url).hostname === url.hostname) ||
    sites.some((s) => new URL(s.origin).hostname === url.hostname);
  if (!stillUsed) await browser.permissions.remove({ origins: [hostPermissionPattern(url)] }).catch(() => false);
  return null;
}

const wakeBackground = () => sendMessage('backgroundReady', undefined).catch(() => false);

export function Packs({ t, english = false }: { t: Translate; english?: boolean }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  // Counted off the page's thread, by the editor feed that holds every row.
  const { api, version } = useEditorSource();
  const [counts, setCounts] = useState<Map<string, number>>();
  useEffect(() => {
    let live = true;
    void api?.packCounts().then((c) => live && setCounts(c));
    return () => {
      live = false;
    };
  }, [api, version]);
  const syncingIds = useLiveQuery(async () => new Set((await db.syncing.toArray()).map((r) => r.packId)), []);
  // Personal copies flagged by a sync, per pack they stand in for.
  const conflicts = useLiveQuery(async () => {
    const map = new Map<string, number>();
    await db.scripts
      .where('origin')
      .equals('personal')
      .each((s) => {
        if (!s.conflict || !s.overrides) return;
        const packId = s.overrides.slice(0, s.overrides.indexOf('/'));
        map.set(packId, (map.get(packId) ?? 0) + 1);
      });
    return map;
  }, []);
  const packName = useMemo(() => new Map((packs ?? []).map((p) => [p.id, p.name])), [packs]);
  const [result, setResult] = useState<Result | null>(null);
  const [syncing, setSyncing] = useState<string | null>(null);

  const onFile = async (text: string, fileName: string) => {
    setResult({ tone: 'info', text: t('working') });
    const res = await sendMessage('importPackText', { text, fileName }).catch((e: unknown) => ({
      ok: false as const,
      errors: [
        {
          path: '',
          message: requestFailureText(t, e, 'storageWhatPack'),
          messageEn: requestFailureText(t, e, 'storageWhatPack'),
        },
      ],
    }));
    if (res.ok)
      setResult({
        tone: 'ok',
        text: t('importOk', {
          name: res.name,
          version: res.version,
          added: res.diff.added.length,
          changed: res.diff.changed.length,
          removed: res.diff.removed.length,
        }),
      });
    else if ('code' in res && res.code === 'quota')
      setResult({ tone: 'error', text: t('storageFull', { what: t('storageWhatPack') }) });
    else
      setResult({
        tone: 'error',
        text: t('importFailed'),
        errors: res.errors.map((e) => (english ? e.messageEn : e.message)),
      });
  };

  const syncNow = async (packId?: string) => {
    setSyncing(packId ?? '*');
    // The notice is this sync's from now on: never the previous action's 「已更新到 …」.
    setResult({ tone: 'info', text: t('working') });
    try {
      const outcomes = await sendMessage('syncPacks', packId ? { packId } : {});
      const failed = outcomes.find((o) => !o.ok);
      const first = failed ?? outcomes[0];
      setResult(first ? outcomeText(first, t) : null);
    } catch (e) {
      setResult({ tone: 'error', text: t('syncFailed', { cause: requestFailureText(t, e, 'storageWhatPack') }) });
      // A stopped background starts again on a message, and reports the sync it lost as interrupted.
      void wakeBackground();
    } finally {
      setSyncing(null);
    }
  };

  const subscribed = packs?.filter((p) => p.source.kind === 'url') ?? [];

  return (
    <section id="packs">
      <h2>{t('packs')}</h2>
      <table data-testid="packs">
        <thead>
          <tr>
            <th>{t('packName')}</th>
            <th>{t('packVersion')}</th>
            <th>{t('packSource')}</th>
            <th>{t('packScripts')}</th>
            <th>{t('syncLastSync')}</th>
            <th>{t('syncStatus')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {packs?.map((p) => (
            <tr key={p.id} data-pack-id={p.id}>
              <td>
                <PackText text={p.name} />
                {p.locked && (
                  <span className="hint" title={t('syncLocked')}>
                    {' '}
                    🔒
                  </span>
                )}
                {(conflicts?.get(p.id) ?? 0) > 0 && (
                  <div className="hint" data-testid="pack-conflicts">
                    {t('syncConflicts', { count: conflicts!.get(p.id)! })}
                  </div>
                )}
              </td>
              <td>{p.version}</td>
              <td style={{ wordBreak: 'break-all' }}>{sourceLabel(p, t)}</td>
              <td>{counts?.get(p.id) ?? 0}</td>
              <td>
                {p.source.kind === 'url'
                  ? p.sync?.lastSuccessAt
                    ? new Date(p.sync.lastSuccessAt).toLocaleString()
                    : t('syncNever')
                  : '—'}
              </td>
              <td>
                <SyncStatus pack={p} syncing={syncingIds?.has(p.id) ?? false} t={t} />
                <RollbackPaused pack={p} t={t} />
              </td>
              <td>
                {p.source.kind === 'url' && (
                  <button
                    type="button"
                    className="btn"
                    data-testid="sync-now"
                    disabled={syncing !== null}
                    onClick={() => void syncNow(p.id)}
                  >
                    {t('syncNow')}
                  </button>
                )}{' '}
                <RollbackButton pack={p} t={t} />{' '}
                {p.source.kind !== 'builtin' && p.source.kind !== 'personal' && (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      if (!confirm(t('confirmRemovePack', { name: p.name }))) return;
                      setResult(null);
                      void removeAndRelease(p, t).then(
                        (failed) => failed && setResult({ tone: 'error', text: failed }),
                        (e: unknown) => setResult({ tone: 'error', text: requestFailureText(t, e, 'storageWhatPack') }),
                      );
                    }}
                  >
                    {t('remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {packs?.map((p) => (
        <Changes key={p.id} pack={p} t={t} onResult={setResult} />
      ))}
      <DuplicateList
        shortcutsOnly
        testId="shortcut-clashes"
        title={t('syncDuplicatesTitle')}
        line={(c) =>
          t('syncDuplicateLine', {
            shortcut: c.value,
            scripts: c.scripts.map((s) => `${packName.get(s.packId) ?? s.packId}「${s.title}」`).join('、'),
          })
        }
      />
      <p className="hint">{t('syncSubscribeHint')}</p>
      <Subscribe t={t} onResult={setResult} />
      <p>
        <JsonFileInput
          label={t('importPack')}
          testId="import-pack"
          maxBytes={MAX_IMPORT_BYTES}
          onText={onFile}
          onTooLarge={() => setResult({ tone: 'error', text: t('fileTooLarge', { mb: MAX_IMPORT_MB }) })}
          onUnreadable={(p) =>
            setResult({ tone: 'error', text: t('importFailed'), errors: [english ? p.messageEn : p.message] })
          }
        />{' '}
        {subscribed.length > 1 && (
          <button type="button" className="btn" disabled={syncing !== null} onClick={() => void syncNow()}>
            {t('syncAll')}
          </button>
        )}
      </p>
      {result && (
        <Notice tone={result.tone} testId="import-result" errors={result.errors}>
          {result.text}
        </Notice>
      )}
    </section>
  );
}
