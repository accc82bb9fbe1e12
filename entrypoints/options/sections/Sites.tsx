/** 网站: consoles enabled at runtime, and console rules (taught, imported or shipped in packs). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { JsonFileInput } from '../../../components/JsonFileInput';
import { Notice } from '../../../components/Notice';
import { db } from '../../../utils/db';
import type { Translate } from '../../../utils/i18n';
import { sendMessage } from '../../../utils/messaging/protocol';
import { requestFailureText } from '../../../utils/pages/failure-text';
import { downloadFile } from '../../../utils/pages/download';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../limits';

export function SiteRules({ t }: { t: Translate }) {
  const rules = useLiveQuery(() => db.siteRules.toArray(), []);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const exportRules = () => {
    const clean = (rules ?? []).filter((r) => !r.packId).map(({ createdAt: _c, packId: _p, ...rule }) => rule);
    downloadFile('huashu-console-rules.json', JSON.stringify(clean, null, 2), 'application/json');
  };
  return (
    <section>
      <h2>{t('siteRules')}</h2>
      <p className="hint">{t('siteRulesHint')}</p>
      {rules?.length ? (
        <table data-testid="site-rules">
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{r.matches.join(' ')}</td>
                <td>{r.packId ? t('siteRuleFromPack', { pack: r.packId }) : t('siteRuleTaught')}</td>
                <td>
                  {!r.packId && (
                    <button
                      type="button"
                      className="btn"
                      onClick={() =>
                        void sendMessage('deleteSiteRule', { id: r.id }).then(
                          () => setResult(null),
                          (e: unknown) =>
                            setResult({ tone: 'error', text: requestFailureText(t, e, 'storageWhatSetting') }),
                        )
                      }
                    >
                      {t('remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('siteRulesNone')}</p>
      )}
      <p>
        <JsonFileInput
          label={t('siteRulesImport')}
          testId="import-rules"
          maxBytes={MAX_IMPORT_BYTES}
          onText={async (text) => {
            const res = await sendMessage('importSiteRules', { text }).catch((e: unknown) => ({
              ok: false as const,
              error: requestFailureText(t, e, 'storageWhatSetting'),
            }));
            setResult(
              res.ok
                ? { tone: 'ok', text: t('siteRulesImported', { count: res.count }) }
                : { tone: 'error', text: res.error },
            );
          }}
          onTooLarge={() => setResult({ tone: 'error', text: t('fileTooLarge', { mb: MAX_IMPORT_MB }) })}
        />{' '}
        <button type="button" className="btn" onClick={exportRules} disabled={!rules?.some((r) => !r.packId)}>
          {t('siteRulesExport')}
        </button>
      </p>
      {result && <Notice tone={result.tone}>{result.text}</Notice>}
    </section>
  );
}

export function Sites({ t }: { t: Translate }) {
  const sites = useLiveQuery(() => db.sites.toArray(), []);
  const [failure, setFailure] = useState<string | null>(null);
  const revoke = async (origin: string) => {
    setFailure(null);
    const res = await sendMessage('disableSite', { origin }).catch((e: unknown) => ({
      ok: false,
      error: requestFailureText(t, e, 'storageWhatSetting'),
    }));
    if (!res.ok) setFailure(res.error ?? t('requestFailed', { detail: origin }));
  };
  return (
    <section id="sites">
      <h2>{t('sites')}</h2>
      {sites?.length ? (
        <table>
          <tbody>
            {sites.map((s) => (
              <tr key={s.origin}>
                <td>{s.origin}</td>
                <td>{new Date(s.enabledAt).toLocaleString()}</td>
                <td>
                  <button type="button" className="btn" onClick={() => void revoke(s.origin)}>
                    {t('revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('sitesNone')}</p>
      )}
      {failure && <Notice tone="error">{failure}</Notice>}
    </section>
  );
}
