/** A sync failure in the agent's language: code → message with its cause. Pure. */
import type { MessageKey, Translate } from '../i18n';
import type { PackSyncErrorCode } from '../messaging/protocol';

const KEYS: Record<PackSyncErrorCode, MessageKey> = {
  'not-allowed-url': 'syncErrNotAllowedUrl',
  timeout: 'syncErrTimeout',
  network: 'syncErrNetwork',
  permission: 'syncErrPermission',
  http: 'syncErrHttp',
  'too-large': 'syncErrTooLarge',
  'not-json': 'syncErrNotJson',
  invalid: 'syncErrInvalid',
  'hash-mismatch': 'syncErrHashMismatch',
  'id-mismatch': 'syncErrIdMismatch',
  'older-version': 'syncErrOlderVersion',
  'id-taken': 'syncErrIdTaken',
  'not-subscribed': 'syncErrNotSubscribed',
  'write-failed': 'syncErrWriteFailed',
  'image-failed': 'syncErrImage',
  interrupted: 'syncErrInterrupted',
  quota: 'syncErrQuota',
};

/** A first subscription has no previous version to keep: these causes say what happened instead. */
const FIRST: Partial<Record<PackSyncErrorCode, MessageKey>> = {
  'write-failed': 'syncErrWriteFailedFirst',
  quota: 'syncErrQuotaFirst',
};

export function syncErrorText(
  t: Translate,
  code: string | undefined,
  detail: string | undefined,
  opts: { first?: boolean } = {},
): string {
  const key = (opts.first ? FIRST[code as PackSyncErrorCode] : undefined) ?? KEYS[code as PackSyncErrorCode];
  return key ? t(key, { detail: detail ?? '' }) : (detail ?? code ?? '');
}
