/** Tiny typed translator. Pure: the locale is passed in (settings or the browser's language). */
import type { LocaleSetting } from '../settings';
import { en, zhCN, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function resolveLocale(setting: LocaleSetting, browserLanguage: string): Locale {
  if (setting !== 'auto') return setting;
  return /^zh/i.test(browserLanguage) || !/^en/i.test(browserLanguage) ? 'zh-CN' : 'en';
}

export function translator(locale: Locale): Translate {
  const table = locale === 'en' ? en : zhCN;
  return (key, params) => {
    let text: string = table[key];
    if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

export type { MessageKey };
