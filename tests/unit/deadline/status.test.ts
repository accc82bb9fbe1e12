import { describe, expect, it } from 'vitest';
import {
  clockStatus,
  currentDeadline,
  formatBadgeText,
  formatRemaining,
  nextAlarmAt,
  phaseCrossing,
  trackNotification,
  type ClockPhase,
  type NotifiedPhase,
} from '../../../utils/deadline';
import { agent, clockOf, cst, customer, MIN, policy, promise, SEC, zone } from './fake-time';

const T = cst(15, '14:00');
const p = policy();

describe('phases of the countdown', () => {
  const deadline = currentDeadline(clockOf(customer(T)), p)!;
  const at = (now: number) => clockStatus(deadline, p, now);

  it('is idle with nothing owed', () => {
    expect(clockStatus(null, p, T)).toEqual({ phase: 'idle', remainingMs: 0, paused: false });
  });

  it('goes calm → warning (1 minute before) → overdue (at the due time), counting up after', () => {
    expect(at(T)).toEqual({ phase: 'calm', remainingMs: 5 * MIN, paused: false });
    expect(at(T + 4 * MIN - 1).phase).toBe('calm');
    expect(at(T + 4 * MIN)).toEqual({ phase: 'warning', remainingMs: MIN, paused: false });
    expect(at(T + 5 * MIN - 1).phase).toBe('warning');
    expect(at(T + 5 * MIN)).toEqual({ phase: 'overdue', remainingMs: 0, paused: false });
    expect(at(T + 6 * MIN + 30 * SEC)).toEqual({ phase: 'overdue', remainingMs: -90 * SEC, paused: false });
  });

  it('is in warning from the start when the warning is longer than the deadline', () => {
    const thirty = policy({ firstReplySeconds: 30, warnBeforeSeconds: 60 });
    const d = currentDeadline(clockOf(customer(T)), thirty)!;
    expect(clockStatus(d, thirty, T).phase).toBe('warning');
  });

  it('never warns with a zero warning lead', () => {
    const quiet = policy({ warnBeforeSeconds: 0 });
    const d = currentDeadline(clockOf(customer(T)), quiet)!;
    expect(clockStatus(d, quiet, T + 5 * MIN - 1).phase).toBe('calm');
  });
});

describe('formatRemaining', () => {
  it.each([
    [245_000, '4:05'],
    [9_000, '0:09'],
    [8_001, '0:09'],
    [0, '0:00'],
    [-500, '0:00'],
    [-90_000, '-1:30'],
    [-90_999, '-1:30'],
    [3_723_000, '1:02:03'],
    [-3_723_000, '-1:02:03'],
    [36_000_000, '10:00:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });

  it('fits the toolbar badge', () => {
    expect(formatBadgeText(45_000)).toBe('45s');
    expect(formatBadgeText(245_000)).toBe('5m');
    expect(formatBadgeText(-12 * MIN - 30 * SEC)).toBe('-12m');
    expect(formatBadgeText(3 * 3_600_000)).toBe('3h');
    expect(formatBadgeText(3 * 86_400_000)).toBe('3d');
    for (const ms of [1, 59_999, 99 * MIN, 47 * 3_600_000, -9 * MIN])
      expect(formatBadgeText(ms).length).toBeLessThanOrEqual(4);
  });
});

describe('nextAlarmAt', () => {
  const clock = clockOf(customer(T));

  it('is the warning start, then the due time, then nothing', () => {
    expect(nextAlarmAt(clock, p, T)).toBe(T + 4 * MIN);
    expect(nextAlarmAt(clock, p, T + 4 * MIN)).toBe(T + 5 * MIN);
    expect(nextAlarmAt(clock, p, T + 5 * MIN)).toBeNull();
  });

  it('is null when nothing is owed', () => {
    expect(nextAlarmAt(clockOf(customer(T), agent(T + MIN)), p, T + MIN)).toBeNull();
  });

  it('skips a warning that starts at once', () => {
    const thirty = policy({ firstReplySeconds: 30, warnBeforeSeconds: 60 });
    expect(nextAlarmAt(clock, thirty, T)).toBe(T + 30 * SEC);
  });

  it('falls on service time: warning at 09:02 for a message at 22:58', () => {
    const team = policy({ serviceHours: { start: '09:00', end: '23:00' } });
    const late = clockOf(customer(cst(15, '22:58')));
    expect(nextAlarmAt(late, team, cst(15, '22:58'), zone)).toBe(cst(16, '09:02'));
    expect(nextAlarmAt(late, team, cst(16, '09:02'), zone)).toBe(cst(16, '09:03'));
  });

  it('agrees with clockStatus: the phase changes exactly at the alarm', () => {
    const d = currentDeadline(clock, p)!;
    let now = T;
    const phases: ClockPhase[] = [clockStatus(d, p, now).phase];
    for (let alarm = nextAlarmAt(clock, p, now); alarm !== null; alarm = nextAlarmAt(clock, p, now)) {
      expect(clockStatus(d, p, alarm - 1).phase).toBe(phases.at(-1));
      now = alarm;
      phases.push(clockStatus(d, p, now).phase);
    }
    expect(phases).toEqual(['calm', 'warning', 'overdue']);
  });
});

describe('notifications once per crossing', () => {
  it('notifies only when the phase rises', () => {
    expect(phaseCrossing('calm', 'warning')).toBe('warning');
    expect(phaseCrossing('warning', 'overdue')).toBe('overdue');
    expect(phaseCrossing('calm', 'overdue')).toBe('overdue');
    expect(phaseCrossing('idle', 'calm')).toBeNull();
    expect(phaseCrossing('warning', 'warning')).toBeNull();
    expect(phaseCrossing('overdue', 'overdue')).toBeNull();
    expect(phaseCrossing('overdue', 'idle')).toBeNull();
  });

  it('notifies warning then overdue once each while the background wakes up every second', () => {
    const clock = clockOf(customer(T));
    const d = currentDeadline(clock, p)!;
    let seen: NotifiedPhase | null = null;
    const sent: string[] = [];
    for (let now = T; now <= T + 8 * MIN; now += SEC) {
      const r = trackNotification(seen, d, clockStatus(d, p, now).phase);
      seen = r.seen;
      if (r.notify) sent.push(`${r.notify}@${(now - T) / SEC}`);
    }
    expect(sent).toEqual(['warning@240', 'overdue@300']);
  });

  it('notifies again for a new deadline: an overdue promise after an overdue reply', () => {
    // Promise sent at T; the customer writes at T+10s and the agent answers at T+50s, too soon
    // to count as the follow-up. The reply was overdue once (notified); the promise is next.
    const replyOnly = clockOf(customer(T - 10 * MIN), promise(T, 15), agent(T + 5 * SEC), customer(T + 10 * SEC));
    const reply = currentDeadline(replyOnly, p)!;
    expect(reply.kind).toBe('next-reply');
    const first = trackNotification(null, reply, clockStatus(reply, p, T + 4 * MIN).phase);
    expect(first.notify).toBe('overdue');

    const followUp = currentDeadline(
      clockOf(customer(T - 10 * MIN), promise(T, 15), agent(T + 5 * SEC), customer(T + 10 * SEC), agent(T + 50 * SEC)),
      p,
    )!;
    expect(followUp.kind).toBe('follow-up');
    const second = trackNotification(first.seen, followUp, clockStatus(followUp, p, T + 16 * MIN).phase);
    expect(second.notify).toBe('overdue');
    expect(trackNotification(second.seen, followUp, 'overdue').notify).toBeNull();
  });

  it('does not notify twice when a phase dips and rises again', () => {
    const d = currentDeadline(clockOf(customer(T)), p)!;
    let { seen } = trackNotification(null, d, 'warning');
    ({ seen } = trackNotification(seen, d, 'calm'));
    expect(trackNotification(seen, d, 'warning').notify).toBeNull();
  });

  it('forgets when nothing is owed', () => {
    expect(trackNotification({ deadlineKey: 'first-reply@1', phase: 'overdue' }, null, 'idle')).toEqual({
      notify: null,
      seen: null,
    });
  });
});
