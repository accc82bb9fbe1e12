/**
 * What the countdown, the badge and the notifications show, derived from stored timestamps
 * and `now` only: every view can recompute it at any moment, and no timer state is kept.
 */
import type { ReplyPolicy } from '../../scripts-library/schema';
import type { ConversationClock } from './clock';
import { currentDeadline, pausesOutsideServiceHours, remainingMs, warningStartsAt, type Deadline } from './deadline';
import { isInServiceHours, type ZoneOptions } from './service-hours';

export type ClockPhase = 'idle' | 'calm' | 'warning' | 'overdue';

export interface ClockStatus {
  phase: ClockPhase;
  /** Clock time left; negative once overdue (the countdown then counts up); 0 when idle. */
  remainingMs: number;
  /** Waiting, but outside service hours: the reply clock is not running. */
  paused: boolean;
}

/**
 * Overdue from the due instant itself (so the alarm set for `dueAt` sees the change), while a
 * reply stamped exactly at `dueAt` still counts as in time in the stats ("within 5 minutes").
 */
export function clockStatus(
  deadline: Deadline | null,
  policy: ReplyPolicy,
  now: number,
  opts: ZoneOptions = {},
): ClockStatus {
  if (deadline === null) return { phase: 'idle', remainingMs: 0, paused: false };
  const phase = now >= deadline.dueAt ? 'overdue' : now >= warningStartsAt(deadline, policy, opts) ? 'warning' : 'calm';
  const paused = pausesOutsideServiceHours(deadline, policy) && !isInServiceHours(now, policy.serviceHours, opts);
  return { phase, remainingMs: remainingMs(deadline, policy, now, opts), paused };
}

/**
 * `4:05`, `0:09`, `1:02:03`; overdue counts up with a minus: `-1:30`.
 * Time left rounds up (the display reaches 0:00 only at the deadline); time over rounds down
 * (a stopwatch shows -0:01 after a full second).
 */
export function formatRemaining(ms: number): string {
  const seconds = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
  const sign = ms < 0 && seconds > 0 ? '-' : '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/**
 * The toolbar badge holds about four characters: `45s`, `5m`, `-12m`, `3h`, `2d`.
 * Rounded like `formatRemaining`: up while counting down, down once overdue.
 */
export function formatBadgeText(ms: number): string {
  const seconds = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
  const sign = ms < 0 && seconds > 0 ? '-' : '';
  const round = ms > 0 ? Math.ceil : Math.floor;
  if (seconds < 60) return `${sign}${seconds}s`;
  if (seconds < 100 * 60) return `${sign}${round(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${sign}${round(seconds / 3600)}h`;
  return `${sign}${round(seconds / 86_400)}d`;
}

/**
 * The next instant at which this conversation's phase changes (warning starts, or the
 * deadline passes), or null. Events change the current deadline, time never does (the earliest
 * due stays the earliest), so one alarm per conversation is enough; the background sets the
 * browser alarm at the earliest across conversations and recomputes after each event.
 */
export function nextAlarmAt(
  clock: ConversationClock,
  policy: ReplyPolicy,
  now: number,
  opts: ZoneOptions = {},
): number | null {
  const deadline = currentDeadline(clock, policy, opts);
  if (deadline === null) return null;
  const warnAt = warningStartsAt(deadline, policy, opts);
  if (now < warnAt && warnAt < deadline.dueAt) return warnAt;
  if (now < deadline.dueAt) return deadline.dueAt;
  return null;
}

const PHASE_RANK: Record<ClockPhase, number> = { idle: 0, calm: 1, warning: 2, overdue: 3 };

/**
 * The notification a phase change calls for: only moving up (calm → warning, → overdue).
 * Jumping straight from calm to overdue (the browser was asleep) notifies once, as overdue.
 */
export function phaseCrossing(prev: ClockPhase, next: ClockPhase): 'warning' | 'overdue' | null {
  if (PHASE_RANK[next] <= PHASE_RANK[prev]) return null;
  return next === 'warning' || next === 'overdue' ? next : null;
}

/** What the background stores per conversation to notify once per crossing. Plain JSON. */
export interface NotifiedPhase {
  /** Which deadline: kind and start. A new deadline starts from calm again. */
  deadlineKey: string;
  /** The highest phase already notified for it. */
  phase: ClockPhase;
}

export const deadlineKey = (deadline: Deadline) => `${deadline.kind}@${deadline.startedAt}`;

/**
 * Decide whether to notify and what to store next. Keyed by deadline so a reply answered and
 * a promise becoming current is a fresh deadline; remembering the highest phase (not the last)
 * means a phase that dips (a policy change) and rises again does not notify twice.
 */
export function trackNotification(
  seen: NotifiedPhase | null,
  deadline: Deadline | null,
  phase: ClockPhase,
): { notify: 'warning' | 'overdue' | null; seen: NotifiedPhase | null } {
  if (deadline === null) return { notify: null, seen: null };
  const key = deadlineKey(deadline);
  const prev = seen?.deadlineKey === key ? seen.phase : 'calm';
  const notify = phaseCrossing(prev, phase);
  const highest = PHASE_RANK[phase] > PHASE_RANK[prev] ? phase : prev;
  return { notify, seen: { deadlineKey: key, phase: highest } };
}
