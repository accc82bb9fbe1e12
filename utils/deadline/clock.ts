/**
 * One conversation's reply clock, as stored in IndexedDB, and the reducer that feeds it the
 * messages the content script sees.
 *
 * Why the state looks like this: events arrive duplicated and out of order (a page reload
 * replays the visible thread, two tabs may watch the same chat). So the clock is not a log of
 * transitions but a summary that depends only on the *set* of events seen, never on their
 * order:
 *   - `firstCustomerAt` = earliest customer message      (min is order-free)
 *   - `lastAgentAt`     = latest agent message           (max is order-free)
 *   - `unanswered`      = customer messages after `lastAgentAt`
 *   - `promises`        = follow-up promises not yet kept by `lastAgentAt`
 * Applying an event twice is a no-op, and applying an older event after a newer one yields
 * the same clock as applying them in order. Events are identified by timestamp (plus the
 * promised minutes for promises); two distinct messages with the same `at` count as one.
 *
 * Only the `settled` report of `applyEventAndReport` depends on order: it names the agent
 * message that settled a wait *when it was seen*. A late, older agent message does not
 * rewrite a settled wait (the records are keyed by `customerAt`, so a replay never duplicates).
 */
import type { ScriptEffect } from '../../scripts-library/schema';

export type DeadlineKind = 'first-reply' | 'next-reply' | 'follow-up';

export interface FollowUpPromise {
  /** When the promising script was inserted. */
  at: number;
  minutes: ScriptEffect['followUpMinutes'];
}

/** Plain JSON (numbers, arrays, null) so Dexie stores it as is and `structuredClone` copies it. */
export interface ConversationClock {
  /** Shape version, for a future migration of stored clocks. */
  v: 1;
  firstCustomerAt: number | null;
  lastAgentAt: number | null;
  /** Customer messages after `lastAgentAt`, ascending, unique. The clock runs from the first. */
  unanswered: number[];
  /** Follow-ups promised and not yet kept, ascending by `at`. */
  promises: FollowUpPromise[];
  /**
   * Those of `unanswered` that are when we first saw the message (or its unread badge), not a
   * time the page showed: the panel says the clock runs from first seen. Absent in older rows.
   */
  estimated?: number[];
}

export type ClockEvent =
  /** `estimated`: `at` is when we first saw the message, the page showed no time. */
  | { type: 'customer-message'; at: number; estimated?: boolean }
  | { type: 'agent-message'; at: number }
  | { type: 'follow-up-promised'; at: number; minutes: ScriptEffect['followUpMinutes'] };

/** Something the agent owes: a reply to the customer, or a promised follow-up. */
export type PendingWait =
  | { kind: 'first-reply' | 'next-reply'; startedAt: number; estimated?: boolean }
  | { kind: 'follow-up'; startedAt: number; minutes: number };

export type SettledWait = PendingWait & { repliedAt: number };

/**
 * A promise is kept only by an agent message at least this long after it: the message that
 * carries the promise, or a quick "好的" right after, is not the follow-up the customer was
 * promised.
 */
export const PROMISE_KEPT_AFTER_MS = 60_000;

/**
 * Bounds storage. Only the oldest unanswered message drives the clock; the rest matter only
 * if a late agent message lands between them, so beyond this many the newest are dropped.
 */
export const MAX_UNANSWERED = 50;

export function emptyClock(): ConversationClock {
  return { v: 1, firstCustomerAt: null, lastAgentAt: null, unanswered: [], promises: [] };
}

/**
 * Ties go to the agent: on a console that shows minute-resolution times, "customer 14:03,
 * agent 14:03" replayed from the thread must not show a false overdue.
 */
const answeredBy = (lastAgentAt: number | null, customerAt: number) =>
  lastAgentAt !== null && customerAt <= lastAgentAt;
const keptBy = (lastAgentAt: number | null, promise: FollowUpPromise) =>
  lastAgentAt !== null && lastAgentAt >= promise.at + PROMISE_KEPT_AFTER_MS;

/** The first customer message of the conversation starts the first-reply clock; any later one, the next-reply clock. */
function replyKind(clock: ConversationClock, customerAt: number): 'first-reply' | 'next-reply' {
  return customerAt === clock.firstCustomerAt ? 'first-reply' : 'next-reply';
}

/**
 * Apply one event and report which waits it settled (for response-time stats).
 * Returns the very same clock object when the event changes nothing, so the caller can skip
 * the database write.
 */
export function applyEventAndReport(
  clock: ConversationClock,
  event: ClockEvent,
): { clock: ConversationClock; settled: SettledWait[] } {
  const unchanged = { clock, settled: [] };
  const { at } = event;
  if (!Number.isFinite(at)) return unchanged;

  switch (event.type) {
    case 'customer-message': {
      const firstCustomerAt = clock.firstCustomerAt === null ? at : Math.min(clock.firstCustomerAt, at);
      const fresh =
        !answeredBy(clock.lastAgentAt, at) &&
        !clock.unanswered.includes(at) &&
        (clock.unanswered.length < MAX_UNANSWERED || at < clock.unanswered.at(-1)!);
      if (!fresh && firstCustomerAt === clock.firstCustomerAt) return unchanged;
      const unanswered = fresh
        ? [...clock.unanswered, at].sort((a, b) => a - b).slice(0, MAX_UNANSWERED)
        : clock.unanswered;
      const estimated =
        fresh && event.estimated
          ? [...(clock.estimated ?? []), at].filter((t) => unanswered.includes(t))
          : clock.estimated;
      return { clock: { ...clock, firstCustomerAt, unanswered, ...(estimated ? { estimated } : {}) }, settled: [] };
    }

    case 'agent-message': {
      // An agent message older than the latest one cannot answer anything still pending:
      // everything pending is newer than the latest agent message.
      if (answeredBy(clock.lastAgentAt, at)) return unchanged;
      const settled: SettledWait[] = [];
      const answered = clock.unanswered.filter((c) => c <= at);
      if (answered.length > 0) {
        const startedAt = answered[0]!;
        settled.push({ kind: replyKind(clock, startedAt), startedAt, repliedAt: at });
      }
      for (const p of clock.promises)
        if (keptBy(at, p)) settled.push({ kind: 'follow-up', startedAt: p.at, minutes: p.minutes, repliedAt: at });
      return {
        clock: {
          ...clock,
          lastAgentAt: at,
          unanswered: clock.unanswered.filter((c) => c > at),
          ...(clock.estimated ? { estimated: clock.estimated.filter((c) => c > at) } : {}),
          promises: clock.promises.filter((p) => !keptBy(at, p)),
        },
        settled,
      };
    }

    case 'follow-up-promised': {
      const promise: FollowUpPromise = { at, minutes: event.minutes };
      if (!Number.isInteger(promise.minutes) || promise.minutes < 1) return unchanged;
      // Already kept (a duplicate after the follow-up was sent): do not reopen it.
      if (keptBy(clock.lastAgentAt, promise)) return unchanged;
      if (clock.promises.some((p) => p.at === at && p.minutes === promise.minutes)) return unchanged;
      const promises = [...clock.promises, promise].sort((a, b) => a.at - b.at || a.minutes - b.minutes);
      return { clock: { ...clock, promises }, settled: [] };
    }
  }
}

/** The reducer: a customer message starts (or keeps) the clock, an agent message stops it, a promise adds a deadline. */
export function applyEvent(clock: ConversationClock, event: ClockEvent): ConversationClock {
  return applyEventAndReport(clock, event).clock;
}

/** What the agent owes right now: at most one reply wait, plus every open promise. */
export function pendingWaits(clock: ConversationClock): PendingWait[] {
  const waits: PendingWait[] = [];
  const since = clock.unanswered[0];
  if (since !== undefined)
    waits.push({
      kind: replyKind(clock, since),
      startedAt: since,
      ...(clock.estimated?.includes(since) ? { estimated: true } : {}),
    });
  for (const p of clock.promises) waits.push({ kind: 'follow-up', startedAt: p.at, minutes: p.minutes });
  return waits;
}
