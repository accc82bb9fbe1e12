/**
 * Options page: one page of sections with a nav on top (anchors, so every section stays in the
 * page and links like options.html#import-export work). Each section lives in ./sections.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { JsonFileInput } from '../../components/JsonFileInput';
import { Notice } from '../../components/Notice';
import { db, type PackRow } from '../../utils/db';
import { resolveLocale, type MessageKey, type Translate } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/protocol';
import { useSettings, useTranslate } from '../../utils/pages/use-settings';
import { ImportExport } from './sections/ImportExport';
import { Profile } from './sections/Profile';
import { ReplyRules } from './sections/ReplyRules';
import { Scripts } from './sections/Scripts';
import { InsertSettings } from './sections/Settings';
import { Sites, SiteRules } from './sections/Sites';
import { Stats } from './sections/Stats';
import { PaletteSettings } from './sections/Palette';
import { WarningStats } from './sections/WarningStats';

/** Larger files are refused before reading: a pack of 50,000 scripts is well under this. */
const MAX_IMPORT_MB = 50;

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

function Packs({ t }: { t: Translate }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  const counts = useLiveQuery(async () => {
    const map = new Map<string, number>();
    await db.scripts.each((s) => map.set(s.packId, (map.get(s.packId) ?? 0) + 1));
    return map;
  }, []);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string; errors?: string[] } | null>(null);

  const onFile = async (text: string, fileName: string) => {
    const res = await sendMessage('importPackText', { text, fileName });
    if (res.ok)
      setResult({
        tone: 'ok',
        text: t('importOk', { name: res.name, version: res.version, added: res.diff.added.length, changed: res.diff.changed.length, removed: res.diff.removed.length }),
      });
    else setResult({ tone: 'error', text: t('importFailed'), errors: res.errors.map((e) => e.message) });
  };

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
            <th />
          </tr>
        </thead>
        <tbody>
          {packs?.map((p) => (
            <tr key={p.id} data-pack-id={p.id}>
              <td>{p.name}</td>
              <td>{p.version}</td>
              <td>{sourceLabel(p, t)}</td>
              <td>{counts?.get(p.id) ?? 0}</td>
              <td>
                {p.source.kind !== 'builtin' && p.source.kind !== 'personal' && (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      if (confirm(t('confirmRemovePack', { name: p.name }))) void sendMessage('removePack', { packId: p.id });
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
      <p>
        <JsonFileInput
          label={t('importPack')}
          testId="import-pack"
          maxBytes={MAX_IMPORT_MB * 1024 * 1024}
          onText={onFile}
          onTooLarge={() => setResult({ tone: 'error', text: t('fileTooLarge', { mb: MAX_IMPORT_MB }) })}
        />
      </p>
      {result && (
        <Notice tone={result.tone} testId="import-result">
          {result.text}
          {result.errors && (
            <ul className="errors">
              {result.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
    </section>
  );
}

const NAV: [string, MessageKey][] = [
  ['scripts', 'navScripts'],
  ['import-export', 'navImportExport'],
  ['packs', 'navPacks'],
  ['profile', 'navProfile'],
  ['settings', 'navSettings'],
  ['reply-rules', 'navReplyRules'],
  ['stats', 'navStats'],
  ['sites', 'navSites'],
];

export function App() {
  const settings = useSettings();
  const t = useTranslate(settings);
  if (!settings) return null;
  return (
    <div className="page page-wide">
      <h1>{t('optionsTitle')}</h1>
      <nav className="options-nav" aria-label={t('optionsTitle')}>
        {NAV.map(([id, key]) => (
          <a key={id} href={`#${id}`}>
            {t(key)}
          </a>
        ))}
      </nav>
      <Scripts t={t} />
      <ImportExport t={t} english={resolveLocale(settings.locale, navigator.language) === 'en'} />
      <Packs t={t} />
      <Profile t={t} profile={settings.profile} />
      <InsertSettings t={t} settings={settings} />
      <PaletteSettings t={t} settings={settings} />
      <ReplyRules t={t} settings={settings} />
      <Stats t={t} />
      <WarningStats t={t} />
      <Sites t={t} />
      <SiteRules t={t} />
    </div>
  );
}
