/**
 * From a clock and the team's policy to due instants. Reply deadlines run on service time
 * (platforms only score service hours); a promised follow-up runs on wall-clock time, because
 * it is a promise to the customer ("15 分钟内回复您", "明天上午 10 点前"), not a platform score.
 */
import type { ReplyPolicy } from '../../scripts-library/schema';
import { pendingWaits, type ConversationClock, type DeadlineKind, type PendingWait } from './clock';
import { addServiceTime, MINUTE_MS, serviceTimeBetween, type ZoneOptions } from './service-hours';

export interface Deadline {
  kind: DeadlineKind;
  dueAt: number;
  startedAt: number;
  /** The wait runs from when we first saw the customer's message: the page showed no time. */
  estimated?: boolean;
}

export function dueAtOf(wait: PendingWait, policy: ReplyPolicy, opts: ZoneOptions = {}): number {
  if (wait.kind === 'follow-up') return wait.startedAt + wait.minutes * MINUTE_MS;
  const seconds = wait.kind === 'first-reply' ? policy.firstReplySeconds : policy.nextReplySeconds;
  return addServiceTime(wait.startedAt, seconds * 1000, policy.serviceHours, opts);
}

/**
 * The most pressing of the pending deadlines (earliest due). On a tie the reply wins: it is
 * what the platform scores. Null when the agent owes nothing.
 */
export function currentDeadline(
  clock: ConversationClock,
  policy: ReplyPolicy,
  opts: ZoneOptions = {},
): Deadline | null {
  let best: Deadline | null = null;
  for (const wait of pendingWaits(clock)) {
    const dueAt = dueAtOf(wait, policy, opts);
    if (best === null || dueAt < best.dueAt)
      best = {
        kind: wait.kind,
        dueAt,
        startedAt: wait.startedAt,
        ...(wait.kind !== 'follow-up' && wait.estimated ? { estimated: true } : {}),
      };
  }
  return best;
}

/** Does this deadline's time stop outside service hours? */
export const pausesOutsideServiceHours = (deadline: Deadline, policy: ReplyPolicy) =>
  deadline.kind !== 'follow-up' && policy.serviceHours !== null;

/**
 * Time left as the clock counts it: service time for replies (so the countdown freezes
 * overnight instead of showing "10:03:00"), wall time for follow-ups. Negative once overdue.
 */
export function remainingMs(deadline: Deadline, policy: ReplyPolicy, now: number, opts: ZoneOptions = {}): number {
  if (!pausesOutsideServiceHours(deadline, policy)) return deadline.dueAt - now;
  return now <= deadline.dueAt
    ? serviceTimeBetween(now, deadline.dueAt, policy.serviceHours, opts)
    : -serviceTimeBetween(deadline.dueAt, now, policy.serviceHours, opts);
}

/**
 * When the warning phase starts: `warnBeforeSeconds` of the clock's own time before the due
 * instant, never before the wait started (a 30-second rule with a 60-second warning is in
 * warning from the first moment).
 */
export function warningStartsAt(deadline: Deadline, policy: ReplyPolicy, opts: ZoneOptions = {}): number {
  const warnMs = policy.warnBeforeSeconds * 1000;
  if (!pausesOutsideServiceHours(deadline, policy)) return Math.max(deadline.startedAt, deadline.dueAt - warnMs);
  const total = serviceTimeBetween(deadline.startedAt, deadline.dueAt, policy.serviceHours, opts);
  if (total <= warnMs) return deadline.startedAt;
  return addServiceTime(deadline.startedAt, total - warnMs, policy.serviceHours, opts);
}
