/** Settings and translation for the extension's own pages (live from Dexie). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { db } from '../db';
import { resolveLocale, translator, type Translate } from '../i18n';
import { DEFAULT_SETTINGS, settingsFromRows, type Settings } from '../settings';

export function useSettings(): Settings | undefined {
  const rows = useLiveQuery(() => db.settings.toArray(), []);
  return useMemo(() => (rows ? settingsFromRows(rows) : undefined), [rows]);
}

export function useTranslate(settings: Settings | undefined): Translate {
  const locale = resolveLocale(settings?.locale ?? DEFAULT_SETTINGS.locale, navigator.language);
  return useMemo(() => {
    document.documentElement.lang = locale;
    return translator(locale);
  }, [locale]);
}
