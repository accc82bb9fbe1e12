/**
 * The waiting list: which conversation to open next. Overdue first (most overdue first), then
 * the least time left; ties by key so the list does not reshuffle between renders.
 */
import type { ReplyPolicy } from '../../scripts-library/schema';
import type { ConversationClock } from './clock';
import { currentDeadline, type Deadline } from './deadline';
import type { ZoneOptions } from './service-hours';
import { clockStatus, type ClockStatus } from './status';

export type RankedConversation<T> = T & { deadline: Deadline; status: ClockStatus };

export function rankByUrgency<T extends { key: string; clock: ConversationClock }>(
  conversations: readonly T[],
  policy: ReplyPolicy,
  now: number,
  opts: ZoneOptions = {},
): RankedConversation<T>[] {
  const waiting: RankedConversation<T>[] = [];
  for (const c of conversations) {
    const deadline = currentDeadline(c.clock, policy, opts);
    if (deadline !== null) waiting.push({ ...c, deadline, status: clockStatus(deadline, policy, now, opts) });
  }
  const overdueFirst = (r: RankedConversation<T>) => (r.status.phase === 'overdue' ? 0 : 1);
  return waiting.sort(
    (a, b) =>
      overdueFirst(a) - overdueFirst(b) ||
      a.status.remainingMs - b.status.remainingMs ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
