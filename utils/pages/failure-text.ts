/** What a page says when a request to the background failed or was refused: one wording everywhere. */
import type { MessageKey, Translate } from '../i18n';
import { isQuotaError } from '../db/quota';
import { RequestError } from '../messaging/protocol';

/** What was not saved, for the storage-full message. */
export type StorageWhat = Extract<MessageKey, `storageWhat${string}`>;

/** A rejected request (timeout, background gone, handler threw). */
export function requestFailureText(t: Translate, e: unknown, what: StorageWhat = 'storageWhatEdit'): string {
  if (isQuotaError(e)) return t('storageFull', { what: t(what) });
  if (e instanceof RequestError && e.kind === 'timeout') return t('requestTimeout');
  if (e instanceof RequestError && e.kind === 'disconnected') return t('requestDisconnected');
  return t('requestFailed', { detail: (e as Error)?.message ?? String(e) });
}

/** A refusal the background answered with (`code` and its own message). */
export function refusalText(
  t: Translate,
  res: { code: string; error: string },
  what: StorageWhat = 'storageWhatEdit',
): string {
  return res.code === 'quota' ? t('storageFull', { what: t(what) }) : res.error;
}
