/**
 * Options page: one page of sections with a nav on top (anchors, so every section stays in the
 * page and links like options.html#import-export work). Each section lives in ./sections.
 */
import { resolveLocale, type MessageKey } from '../../utils/i18n';
import { useSettings, useTranslate } from '../../utils/pages/use-settings';
import { ImportExport } from './sections/ImportExport';
import { Packs } from './sections/Packs';
import { Publish } from './sections/Publish';
import { Profile } from './sections/Profile';
import { ReplyRules } from './sections/ReplyRules';
import { Scripts } from './sections/Scripts';
import { InsertSettings } from './sections/Settings';
import { Sites, SiteRules } from './sections/Sites';
import { Stats } from './sections/Stats';
import { PaletteSettings } from './sections/Palette';
import { WarningStats } from './sections/WarningStats';
import { StorageStatus } from './sections/StorageStatus';

const NAV: [string, MessageKey][] = [
  ['scripts', 'navScripts'],
  ['import-export', 'navImportExport'],
  ['packs', 'navPacks'],
  ['publish', 'navPublish'],
  ['profile', 'navProfile'],
  ['settings', 'navSettings'],
  ['reply-rules', 'navReplyRules'],
  ['stats', 'navStats'],
  ['sites', 'navSites'],
  ['storage', 'storageTitle'],
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
      <Packs t={t} english={resolveLocale(settings.locale, navigator.language) === 'en'} />
      <Publish t={t} />
      <Profile t={t} profile={settings.profile} />
      <InsertSettings t={t} settings={settings} />
      <PaletteSettings t={t} settings={settings} />
      <ReplyRules t={t} settings={settings} />
      <Stats t={t} />
      <WarningStats t={t} />
      <Sites t={t} />
      <SiteRules t={t} />
      <StorageStatus t={t} />
    </div>
  );
}
