import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  applyEventAndReport,
  currentDeadline,
  emptyClock,
  MAX_UNANSWERED,
  pendingWaits,
  type ClockEvent,
} from '../../../utils/deadline';
import { agent, clockOf, customer, MIN, policy, promise, SEC } from './fake-time';

const T = Date.UTC(2026, 0, 15, 4, 0); // 12:00 in UTC+8; no service hours in this file
const p = policy();

describe('reply clock', () => {
  it('is idle before anything happens', () => {
    expect(currentDeadline(emptyClock(), p)).toBeNull();
  });

  it('makes the first reply due 5 minutes after the first customer message', () => {
    expect(currentDeadline(clockOf(customer(T)), p)).toEqual({ kind: 'first-reply', startedAt: T, dueAt: T + 5 * MIN });
  });

  it('keeps the original clock while the customer sends more messages', () => {
    const clock = clockOf(customer(T), customer(T + 1 * MIN), customer(T + 4 * MIN));
    expect(currentDeadline(clock, p)).toEqual({ kind: 'first-reply', startedAt: T, dueAt: T + 5 * MIN });
  });

  it('stops on an agent reply and starts a 3-minute clock on the next customer message', () => {
    let clock = clockOf(customer(T), agent(T + 2 * MIN));
    expect(currentDeadline(clock, p)).toBeNull();
    clock = applyEvent(clock, customer(T + 10 * MIN));
    expect(currentDeadline(clock, p)).toEqual({ kind: 'next-reply', startedAt: T + 10 * MIN, dueAt: T + 13 * MIN });
  });

  it('still counts the first customer message as first contact when the agent greeted first', () => {
    const clock = clockOf(agent(T - MIN), customer(T));
    expect(currentDeadline(clock, p)?.kind).toBe('first-reply');
  });

  it('reports the response time of the wait an agent message settles', () => {
    const clock = clockOf(customer(T), customer(T + MIN));
    const { settled } = applyEventAndReport(clock, agent(T + 2 * MIN));
    expect(settled).toEqual([{ kind: 'first-reply', startedAt: T, repliedAt: T + 2 * MIN }]);
    const second = applyEventAndReport(
      applyEvent(applyEvent(clock, agent(T + 2 * MIN)), customer(T + 5 * MIN)),
      agent(T + 6 * MIN),
    );
    expect(second.settled).toEqual([{ kind: 'next-reply', startedAt: T + 5 * MIN, repliedAt: T + 6 * MIN }]);
  });

  it('stores plain JSON only', () => {
    const clock = clockOf(customer(T), promise(T + SEC, 15), agent(T + 2 * SEC), customer(T + MIN));
    expect(JSON.parse(JSON.stringify(clock))).toEqual(clock);
  });
});

describe('follow-up promise', () => {
  it('is due 15 minutes after a 15-minute promise, whatever the reply clock does', () => {
    // The agent inserts the promise script at T+1m and sends it at T+1m05s.
    const clock = clockOf(customer(T), promise(T + MIN, 15), agent(T + MIN + 5 * SEC));
    expect(currentDeadline(clock, p)).toEqual({ kind: 'follow-up', startedAt: T + MIN, dueAt: T + 16 * MIN });
  });

  it('is not kept by the promise message itself or a quick 好的 right after', () => {
    const clock = clockOf(customer(T), promise(T, 15), agent(T + 5 * SEC), agent(T + 59 * SEC));
    expect(pendingWaits(clock)).toEqual([{ kind: 'follow-up', startedAt: T, minutes: 15 }]);
  });

  it('is kept by an agent message at least 1 minute after the promise, and reported', () => {
    const clock = clockOf(promise(T, 15), agent(T + 5 * SEC));
    const { clock: after, settled } = applyEventAndReport(clock, agent(T + 12 * MIN));
    expect(currentDeadline(after, p)).toBeNull();
    expect(settled).toEqual([{ kind: 'follow-up', startedAt: T, minutes: 15, repliedAt: T + 12 * MIN }]);
  });

  it('is not cancelled by a new customer message; the earlier due deadline shows first', () => {
    const clock = clockOf(customer(T), promise(T + 30 * SEC, 15), agent(T + 40 * SEC), customer(T + 10 * MIN));
    expect(currentDeadline(clock, p)).toMatchObject({ kind: 'next-reply', dueAt: T + 13 * MIN });
    // Replying to that message 2 minutes later also keeps the promise (it is > 1 min after it).
    const answered = applyEvent(clock, agent(T + 12 * MIN));
    expect(currentDeadline(answered, p)).toBeNull();
  });

  it('shows the promise once the customer has been answered, even if it is already overdue', () => {
    const clock = clockOf(promise(T, 15), agent(T + 10 * SEC), customer(T + 30 * SEC), agent(T + 50 * SEC));
    expect(currentDeadline(clock, p)).toEqual({ kind: 'follow-up', startedAt: T, dueAt: T + 15 * MIN });
  });

  it('ignores a promise of no minutes', () => {
    const clock = emptyClock();
    expect(applyEvent(clock, promise(T, 0))).toBe(clock);
    expect(applyEvent(clock, promise(T, 1.5))).toBe(clock);
  });
});

describe('duplicated and out-of-order events', () => {
  const thread: ClockEvent[] = [
    customer(T),
    customer(T + 20 * SEC),
    agent(T + 2 * MIN),
    promise(T + 2 * MIN, 15),
    customer(T + 5 * MIN),
    agent(T + 5 * MIN + 30 * SEC),
    customer(T + 9 * MIN),
    customer(T + 9 * MIN + 10 * SEC),
  ];
  const inOrder = clockOf(...thread);

  it('ignores an event applied twice (returns the same object, nothing to write)', () => {
    for (const e of thread) expect(applyEvent(inOrder, e)).toBe(inOrder);
  });

  it('gives the same clock when a page reload replays the whole visible thread', () => {
    expect(clockOf(...thread, ...thread)).toEqual(inOrder);
  });

  it('gives the same clock for any arrival order', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const shuffled = [...thread, ...thread.slice(0, 3)]
        .map((e) => ({ e, k: random() }))
        .sort((a, b) => a.k - b.k)
        .map(({ e }) => e);
      expect(clockOf(...shuffled)).toEqual(inOrder);
    }
  });

  it('does not restart the clock when an older customer message arrives late', () => {
    const late = applyEvent(clockOf(customer(T + 3 * MIN)), customer(T));
    expect(currentDeadline(late, p)).toMatchObject({ kind: 'first-reply', startedAt: T });
  });

  it('does not reopen a wait when a customer message older than the reply arrives late', () => {
    const clock = clockOf(customer(T + MIN), agent(T + 2 * MIN));
    expect(currentDeadline(applyEvent(clock, customer(T)), p)).toBeNull();
  });

  it('lets a late agent message answer only what came before it', () => {
    const clock = applyEvent(clockOf(customer(T), customer(T + 3 * MIN)), agent(T + 2 * MIN));
    expect(currentDeadline(clock, p)).toEqual({ kind: 'next-reply', startedAt: T + 3 * MIN, dueAt: T + 6 * MIN });
  });

  it('does not reopen a promise already kept when the promise event is delivered again', () => {
    const kept = clockOf(promise(T, 15), agent(T + 5 * MIN));
    expect(applyEvent(kept, promise(T, 15))).toBe(kept);
  });

  it('treats a customer and an agent message with the same timestamp as answered', () => {
    expect(currentDeadline(clockOf(agent(T), customer(T)), p)).toBeNull();
    expect(currentDeadline(clockOf(customer(T), agent(T)), p)).toBeNull();
  });

  it('ignores events without a usable time', () => {
    const clock = clockOf(customer(T));
    expect(applyEvent(clock, customer(Number.NaN))).toBe(clock);
    expect(applyEvent(clock, agent(Number.POSITIVE_INFINITY))).toBe(clock);
  });

  it('bounds storage when a customer sends many messages without a reply, keeping the oldest', () => {
    const events = Array.from({ length: MAX_UNANSWERED + 30 }, (_, i) => customer(T + i * SEC));
    const clock = clockOf(...events.reverse());
    expect(clock.unanswered).toHaveLength(MAX_UNANSWERED);
    expect(clock.unanswered[0]).toBe(T);
  });
});
