/** Saving one setting from a page: the background's answer, or a failure in the page's words. */
import type { SettingSaveResult } from '../db/editing';
import type { Translate } from '../i18n';
import { sendMessage } from '../messaging/protocol';
import type { SettingKey, Settings } from '../settings';
import { requestFailureText } from './failure-text';

export async function saveSettingFromPage<K extends SettingKey>(
  t: Translate,
  key: K,
  value: Settings[K],
  base?: number,
): Promise<SettingSaveResult> {
  try {
    return await sendMessage('saveSetting', { key, value, ...(base !== undefined ? { base } : {}) });
  } catch (e) {
    return { ok: false, code: 'failed', error: requestFailureText(t, e, 'storageWhatSetting') };
  }
}

/** The text for a save that did not happen (a stale one is settled by its form). */
export function settingFailureText(t: Translate, res: Extract<SettingSaveResult, { ok: false }>): string {
  return res.code === 'quota' ? t('storageFull', { what: t('storageWhatSetting') }) : res.error;
}
