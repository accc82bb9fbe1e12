/**
 * Storage pressure. A write refused for lack of space is a failure like any other: callers catch
 * it, say so in the agent's language and leave nothing half done or pending. Pure.
 */

/**
 * Whether an error (as thrown by IndexedDB, Dexie, or a transaction that wraps either) means
 * the browser refused the write for lack of space. Dexie keeps the original as `inner`; an
 * aborted transaction may carry it as `cause` or in `failures` of a bulk write.
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError') return true;
  if (typeof err.message === 'string' && /QuotaExceeded|quota (has been )?exceeded/i.test(err.message)) return true;
  if (Array.isArray(err.failures) && err.failures.some((f) => isQuotaError(f, depth + 1))) return true;
  return isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1);
}
