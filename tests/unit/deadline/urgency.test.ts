import { describe, expect, it } from 'vitest';
import { emptyClock, rankByUrgency } from '../../../utils/deadline';
import { agent, busyConsole, clockOf, cst, customer, MIN, policy, SEC, zone } from './fake-time';

const T = cst(15, '14:00');
const p = policy();

describe('rankByUrgency', () => {
  it('puts overdue first (most overdue first), then least time left, and leaves out idle ones', () => {
    const now = T + 10 * MIN;
    const ranked = rankByUrgency(
      [
        { key: 'calm', clock: clockOf(customer(now - MIN)) },
        { key: 'idle', clock: clockOf(customer(T), agent(T + MIN)) },
        { key: 'overdue-a-little', clock: clockOf(customer(now - 6 * MIN)) },
        { key: 'never-started', clock: emptyClock() },
        { key: 'warning', clock: clockOf(customer(now - 4 * MIN - 30 * SEC)) },
        { key: 'overdue-most', clock: clockOf(customer(now - 9 * MIN)) },
      ],
      p,
      now,
    );
    expect(ranked.map((r) => r.key)).toEqual(['overdue-most', 'overdue-a-little', 'warning', 'calm']);
    expect(ranked[0]!.status).toEqual({ phase: 'overdue', remainingMs: -4 * MIN, paused: false });
    expect(ranked[3]!.deadline).toEqual({ kind: 'first-reply', startedAt: now - MIN, dueAt: now + 4 * MIN });
  });

  it('breaks ties by key, whatever the input order', () => {
    const same = clockOf(customer(T));
    const keys = ['c', 'a', 'b'];
    expect(
      rankByUrgency(
        keys.map((key) => ({ key, clock: same })),
        p,
        T,
      ).map((r) => r.key),
    ).toEqual(['a', 'b', 'c']);
  });

  it('orders 200 conversations, overdue first, then by time left', () => {
    const team = policy({ serviceHours: { start: '09:00', end: '23:00' } });
    const now = cst(15, '22:59');
    const conversations = busyConsole(200, now);
    // Its speed is measured in bench/deadlines.ts, not here.
    const ranked = rankByUrgency(conversations, team, now, zone);
    expect(ranked).toHaveLength(180);
    const firstCalm = ranked.findIndex((r) => r.status.phase !== 'overdue');
    expect(ranked.slice(firstCalm).every((r) => r.status.phase !== 'overdue')).toBe(true);
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1]!, ranked[i]!];
      expect(
        a.status.remainingMs < b.status.remainingMs || (a.status.remainingMs === b.status.remainingMs && a.key < b.key),
      ).toBe(true);
    }
  });
});
