/**
 * Options: 发布 — a team lead publishes a pack to the team's WebDAV folder without a terminal:
 * where (folder URL and credentials, saved once per pack), a dry run against what is published,
 * release notes, 发布, and republishing an earlier version from the folder's history.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { Notice } from '../../../components/Notice';
import { db } from '../../../utils/db';
import { PERSONAL_PACK_ID } from '../../../scripts-library/pack-rows';
import type { PackChangeNote } from '../../../scripts-library/schema';
import type { MessageKey, Translate } from '../../../utils/i18n';
import { sendMessage, type PublishFailure } from '../../../utils/messaging/protocol';
import type { PublishPreview } from '../../../utils/publish/publish';
import { normaliseFolderUrl } from '../../../utils/publish/webdav';
import { hostPermissionPattern, isLocalPackUrl } from '../../../utils/sync/fetch-pack';

const ERROR_KEYS: Record<string, MessageKey> = {
  'not-allowed-url': 'publishErrNotAllowedUrl',
  auth: 'publishErrAuth',
  'folder-missing': 'publishErrFolderMissing',
  conflict: 'publishErrConflict',
  timeout: 'publishErrTimeout',
  network: 'publishErrNetwork',
  'too-large': 'publishErrTooLarge',
  http: 'publishErrHttp',
  invalid: 'publishErrInvalid',
};

export function publishErrorText(t: Translate, f: Pick<PublishFailure, 'code' | 'detail'>): string {
  return t(ERROR_KEYS[f.code] ?? 'publishErrOther', { detail: f.detail });
}

type Status = { tone: 'ok' | 'error' | 'info'; text: string } | null;

/** Host access for the folder, asked inside the click (a user gesture); this machine needs none. */
async function ensureAccess(folderUrl: string): Promise<string | null> {
  const url = new URL(folderUrl);
  if (isLocalPackUrl(url)) return null;
  const granted = await browser.permissions.request({ origins: [hostPermissionPattern(url)] }).catch(() => false);
  return granted ? null : url.origin;
}

function Target({ packId, t, onStatus }: { packId: string; t: Translate; onStatus(s: Status): void }) {
  const saved = useLiveQuery(() => db.publishTargets.get(packId), [packId]);
  const [folderUrl, setFolderUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // 我的话术 is published as a team pack of its own: the lead names it once.
  const personal = packId === PERSONAL_PACK_ID;
  const [asId, setAsId] = useState('');
  const [asName, setAsName] = useState('');
  useEffect(() => {
    setFolderUrl(saved?.folderUrl ?? '');
    setUsername(saved?.username ?? '');
    setPassword('');
    setAsId(saved?.publishAs?.id ?? '');
    setAsName(saved?.publishAs?.name ?? '');
  }, [saved?.folderUrl, saved?.username, saved?.publishAs?.id, saved?.publishAs?.name, packId]);

  const save = async () => {
    const checked = normaliseFolderUrl(folderUrl);
    if (!checked.ok) return onStatus({ tone: 'error', text: t('publishErrNotAllowedUrl', { detail: checked.detail }) });
    const denied = await ensureAccess(checked.url);
    if (denied) return onStatus({ tone: 'error', text: t('publishPermissionDenied', { origin: denied }) });
    try {
      const res = await sendMessage('savePublishTarget', {
        packId,
        folderUrl: checked.url,
        username,
        password,
        ...(personal ? { publishAs: { id: asId.trim(), name: asName.trim() } } : {}),
      });
      onStatus(
        res.ok ? { tone: 'ok', text: t('publishTargetSaved') } : { tone: 'error', text: publishErrorText(t, res) },
      );
      if (res.ok) setPassword('');
    } catch (e) {
      onStatus({ tone: 'error', text: t('publishErrOther', { detail: (e as Error).message }) });
    }
  };

  return (
    <form
      className="form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {personal && (
        <>
          <label>
            {t('publishAsId')}
            <input
              data-testid="publish-as-id"
              placeholder="team.after-sale"
              value={asId}
              onChange={(e) => setAsId(e.target.value)}
            />
          </label>
          <label>
            {t('publishAsName')}
            <input data-testid="publish-as-name" value={asName} onChange={(e) => setAsName(e.target.value)} />
          </label>
        </>
      )}
      <label>
        {t('publishFolder')}
        <input
          type="url"
          data-testid="publish-folder"
          placeholder="https://dav.jianguoyun.com/dav/团队话术/"
          value={folderUrl}
          onChange={(e) => setFolderUrl(e.target.value)}
        />
      </label>
      <label>
        {t('publishUser')}
        <input
          data-testid="publish-user"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        {t('publishPassword')}
        <input
          type="password"
          data-testid="publish-password"
          autoComplete="current-password"
          placeholder={saved?.password ? t('publishPasswordSaved') : ''}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="btn" data-testid="publish-save-target" disabled={!folderUrl.trim()}>
        {t('publishSaveTarget')}
      </button>
    </form>
  );
}

function Changes({ preview, edits, t }: { preview: PublishPreview; edits: number; t: Translate }) {
  const c = preview.changes;
  const none = !c.counts.added && !c.counts.changed && !c.counts.removed;
  return (
    <div data-testid="publish-preview">
      <strong>
        {preview.fromVersion
          ? t('publishFromTo', { from: preview.fromVersion, to: preview.toVersion })
          : t('publishFirst', { to: preview.toVersion })}
      </strong>
      {none ? (
        <p className="hint">{t('publishNoChanges')}</p>
      ) : (
        <ul className="errors">
          {c.counts.added > 0 && (
            <li>{`${t('syncChangesAdded', { count: c.counts.added })}：${c.added.join('、')}`}</li>
          )}
          {c.counts.changed > 0 && (
            <li>{`${t('syncChangesChanged', { count: c.counts.changed })}：${c.changed.join('、')}`}</li>
          )}
          {c.counts.removed > 0 && (
            <li>{`${t('syncChangesRemoved', { count: c.counts.removed })}：${c.removed.join('、')}`}</li>
          )}
        </ul>
      )}
      {edits > 0 && <p className="hint">{t('publishEdits', { count: edits })}</p>}
      {preview.images.total > 0 && (
        <p className="hint" data-testid="publish-images">
          {t('publishImages', { total: preview.images.total, upload: preview.images.upload })}
        </p>
      )}
      <p className="hint">
        {t('publishUrl')}：<code data-testid="publish-url">{preview.url}</code>
      </p>
    </div>
  );
}

function History({
  packId,
  versions,
  t,
  onStatus,
  busy,
  setBusy,
}: {
  packId: string;
  versions: PackChangeNote[];
  t: Translate;
  onStatus(s: Status): void;
  busy: boolean;
  setBusy(b: boolean): void;
}) {
  if (!versions.length) return null;
  const republish = async (version: string) => {
    setBusy(true);
    onStatus({ tone: 'info', text: t('publishing') });
    try {
      const res = await sendMessage('republishVersion', {
        packId,
        version,
        notes: t('publishRepublishNotes', { version }),
      });
      onStatus(
        res.ok
          ? { tone: 'ok', text: t('publishRepublished', { from: version, version: res.version }) }
          : { tone: 'error', text: publishErrorText(t, res) },
      );
    } catch (e) {
      onStatus({ tone: 'error', text: t('publishErrOther', { detail: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <details data-testid="publish-history">
      <summary>{t('publishHistory')}</summary>
      <ul>
        {versions.map((v, i) => (
          <li key={v.version} data-version={v.version}>
            {t('releaseNotesLine', { version: v.version, date: v.date, notes: v.notes || '—' })}{' '}
            {i > 0 && (
              <button type="button" className="btn" disabled={busy} onClick={() => void republish(v.version)}>
                {t('publishRepublish')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function Publish({ t }: { t: Translate }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  // Team packs first; 我的话术 (published as a pack of its own) last.
  const publishable = (packs ?? [])
    .filter((p) => p.source.kind === 'file' || p.source.kind === 'url' || p.source.kind === 'personal')
    .sort((a, b) => Number(a.source.kind === 'personal') - Number(b.source.kind === 'personal'));
  const [packId, setPackId] = useState('');
  const chosen = publishable.find((p) => p.id === packId) ?? publishable[0];
  const target = useLiveQuery(() => (chosen ? db.publishTargets.get(chosen.id) : undefined), [chosen?.id]);
  const [preview, setPreview] = useState<{ preview: PublishPreview; edits: number } | null>(null);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  // A preview belongs to one pack and one moment: it goes when either changes.
  useEffect(() => setPreview(null), [chosen?.id, chosen?.version, target?.folderUrl]);

  const run = async (what: 'preview' | 'publish') => {
    if (!chosen) return;
    setBusy(true);
    setStatus({ tone: 'info', text: what === 'preview' ? t('publishPreviewing') : t('publishing') });
    try {
      if (what === 'preview') {
        const res = await sendMessage('previewPublish', { packId: chosen.id });
        if (res.ok) {
          setPreview({ preview: res.preview, edits: res.edits });
          setStatus(null);
        } else setStatus({ tone: 'error', text: publishErrorText(t, res) });
      } else if (preview) {
        const res = await sendMessage('publishPack', { packId: chosen.id, notes, expectEtag: preview.preview.etag });
        if (res.ok) {
          setStatus({ tone: 'ok', text: t('publishDone', { version: res.version, url: res.url }) });
          setNotes('');
          setPreview(null);
        } else setStatus({ tone: 'error', text: publishErrorText(t, res) });
      }
    } catch (e) {
      setStatus({ tone: 'error', text: t('publishErrOther', { detail: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="publish">
      <h2>{t('publishTitle')}</h2>
      <p className="hint">{t('publishHint')}</p>
      {!publishable.length ? (
        <p className="hint">{t('publishNoPacks')}</p>
      ) : (
        <>
          <div className="form-row">
            <label htmlFor="publish-pack">{t('publishPack')}</label>
            <select
              id="publish-pack"
              data-testid="publish-pack"
              value={chosen?.id ?? ''}
              onChange={(e) => setPackId(e.target.value)}
            >
              {publishable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.source.kind === 'personal' ? t('publishPersonal') : `${p.name}（${p.id}，${p.version}）`}
                </option>
              ))}
            </select>
          </div>
          {chosen && <Target packId={chosen.id} t={t} onStatus={setStatus} />}
          {chosen && target && (
            <>
              <p>
                <button
                  type="button"
                  className="btn"
                  data-testid="publish-preview-do"
                  disabled={busy}
                  onClick={() => void run('preview')}
                >
                  {t('publishPreview')}
                </button>
              </p>
              {preview && (
                <>
                  <Changes preview={preview.preview} edits={preview.edits} t={t} />
                  <label className="form-col">
                    {t('publishNotes')}
                    <textarea
                      data-testid="publish-notes"
                      rows={3}
                      maxLength={2000}
                      placeholder={t('publishNotesPlaceholder')}
                      value={notes}
                      onChange={(e) => setNotes(e.target.value)}
                    />
                  </label>
                  <p>
                    <button
                      type="button"
                      className="btn btn-primary"
                      data-testid="publish-do"
                      disabled={busy}
                      onClick={() => void run('publish')}
                    >
                      {busy ? t('publishing') : t('publishDo')}
                    </button>
                  </p>
                  <History
                    packId={chosen.id}
                    versions={preview.preview.history}
                    t={t}
                    onStatus={setStatus}
                    busy={busy}
                    setBusy={setBusy}
                  />
                </>
              )}
            </>
          )}
        </>
      )}
      {status && (
        <Notice tone={status.tone} testId="publish-result">
          {status.text}
        </Notice>
      )}
    </section>
  );
}
