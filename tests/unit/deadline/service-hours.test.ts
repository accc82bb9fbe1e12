import { describe, expect, it } from 'vitest';
import {
  addServiceTime,
  clockStatus,
  currentDeadline,
  isInServiceHours,
  serviceTimeBetween,
  type ServiceHours,
} from '../../../utils/deadline';
import { agent, clockOf, cst, customer, MIN, policy, promise, zone } from './fake-time';

const DAY_SHIFT: ServiceHours = { start: '09:00', end: '23:00' };
const NIGHT_SHIFT: ServiceHours = { start: '20:00', end: '02:00' };
const team = policy({ serviceHours: DAY_SHIFT });

const dueOf = (...args: Parameters<typeof clockOf>) => currentDeadline(clockOf(...args), team, zone)?.dueAt;

describe('service hours 09:00–23:00, 5-minute first reply, UTC+8', () => {
  it('runs normally inside the hours', () => {
    expect(dueOf(customer(cst(15, '14:00')))).toBe(cst(15, '14:05'));
  });

  it('waits for opening: a message at 23:30 is due at 09:05 next day', () => {
    expect(dueOf(customer(cst(15, '23:30')))).toBe(cst(16, '09:05'));
  });

  it('carries what is left over the night: a message at 22:58 is due at 09:03 next day', () => {
    expect(dueOf(customer(cst(15, '22:58')))).toBe(cst(16, '09:03'));
  });

  it('early morning before opening counts from 09:00 the same day', () => {
    expect(dueOf(customer(cst(15, '06:10')))).toBe(cst(15, '09:05'));
    expect(dueOf(customer(cst(15, '00:00')))).toBe(cst(15, '09:05'));
  });

  it('treats opening as inside and closing as outside', () => {
    expect(dueOf(customer(cst(15, '09:00')))).toBe(cst(15, '09:05'));
    expect(dueOf(customer(cst(15, '23:00')))).toBe(cst(16, '09:05'));
    expect(dueOf(customer(cst(15, '22:55')))).toBe(cst(15, '23:00'));
    expect(isInServiceHours(cst(15, '08:59:59'), DAY_SHIFT, zone)).toBe(false);
    expect(isInServiceHours(cst(15, '09:00'), DAY_SHIFT, zone)).toBe(true);
    expect(isInServiceHours(cst(15, '22:59:59'), DAY_SHIFT, zone)).toBe(true);
    expect(isInServiceHours(cst(15, '23:00'), DAY_SHIFT, zone)).toBe(false);
  });

  it('does not depend on the machine time zone', () => {
    // Same local wall time in UTC−5 is a different instant, and gets the same local answer.
    const est = { utcOffsetMinutes: () => -300 };
    const at = Date.UTC(2026, 0, 15, 23 + 5, 30); // 23:30 in UTC−5
    expect(currentDeadline(clockOf(customer(at)), team, est)?.dueAt).toBe(Date.UTC(2026, 0, 16, 9 + 5, 5));
  });

  it('applies to the next-reply clock too', () => {
    expect(dueOf(customer(cst(15, '22:00')), agent(cst(15, '22:01')), customer(cst(15, '22:59')))).toBe(
      cst(16, '09:02'),
    );
  });

  it('does not pause a promised follow-up: a promise is wall-clock time to the customer', () => {
    const clock = clockOf(customer(cst(15, '22:00')), promise(cst(15, '22:01'), 720), agent(cst(15, '22:01:10')));
    expect(currentDeadline(clock, team, zone)).toMatchObject({ kind: 'follow-up', dueAt: cst(16, '10:01') });
  });
});

describe('a window across midnight, 20:00–02:00', () => {
  const night = policy({ serviceHours: NIGHT_SHIFT });
  const due = (at: number) => currentDeadline(clockOf(customer(at)), night, zone)?.dueAt;

  it('runs through midnight without a pause', () => {
    expect(due(cst(15, '23:58'))).toBe(cst(16, '00:03'));
  });

  it('pauses at 02:00 and resumes at 20:00', () => {
    expect(due(cst(16, '01:58'))).toBe(cst(16, '20:03'));
    expect(due(cst(16, '02:00'))).toBe(cst(16, '20:05'));
    expect(due(cst(16, '12:00'))).toBe(cst(16, '20:05'));
  });

  it('is inside after midnight and outside in the afternoon', () => {
    expect(isInServiceHours(cst(16, '00:30'), NIGHT_SHIFT, zone)).toBe(true);
    expect(isInServiceHours(cst(16, '20:00'), NIGHT_SHIFT, zone)).toBe(true);
    expect(isInServiceHours(cst(16, '15:00'), NIGHT_SHIFT, zone)).toBe(false);
  });
});

describe('service time arithmetic', () => {
  it('counts only service time between two instants', () => {
    expect(serviceTimeBetween(cst(15, '22:58'), cst(16, '09:03'), DAY_SHIFT, zone)).toBe(5 * MIN);
    expect(serviceTimeBetween(cst(15, '08:00'), cst(17, '08:00'), DAY_SHIFT, zone)).toBe(2 * 14 * 60 * MIN);
    expect(serviceTimeBetween(cst(15, '10:00'), cst(15, '09:00'), DAY_SHIFT, zone)).toBe(0);
  });

  it('adds a 24-hour rule across several days of a short window', () => {
    const oneHour: ServiceHours = { start: '10:00', end: '11:00' };
    expect(addServiceTime(cst(15, '10:30'), 24 * 60 * MIN, oneHour, zone)).toBe(cst(39, '10:30'));
  });

  it('treats equal start and end as open all day', () => {
    const allDay: ServiceHours = { start: '00:00', end: '00:00' };
    expect(addServiceTime(cst(15, '03:00'), 5 * MIN, allDay, zone)).toBe(cst(15, '03:05'));
    expect(isInServiceHours(cst(15, '03:00'), allDay, zone)).toBe(true);
  });

  it('follows a change of UTC offset (DST) at the boundary', () => {
    // A zone that moves from UTC+1 to UTC+2 at 2026-03-29 01:00 UTC (Central Europe).
    const switchAt = Date.UTC(2026, 2, 29, 1, 0);
    const cet = { utcOffsetMinutes: (at: number) => (at < switchAt ? 60 : 120) };
    const at = Date.UTC(2026, 2, 28, 21, 58); // 22:58 local (UTC+1)
    // Resumes at 09:00 local on the 29th, which is 07:00 UTC after the switch.
    expect(addServiceTime(at, 5 * MIN, DAY_SHIFT, cet)).toBe(Date.UTC(2026, 2, 29, 7, 3));
  });
});

describe('paused status', () => {
  it('is paused outside the hours while waiting, and the countdown freezes', () => {
    const deadline = currentDeadline(clockOf(customer(cst(15, '22:58'))), team, zone)!;
    const atClose = clockStatus(deadline, team, cst(15, '23:00'), zone);
    const atNight = clockStatus(deadline, team, cst(16, '03:00'), zone);
    expect(atClose).toEqual({ phase: 'calm', remainingMs: 3 * MIN, paused: true });
    expect(atNight).toEqual(atClose);
    expect(clockStatus(deadline, team, cst(16, '09:02:30'), zone)).toEqual({
      phase: 'warning',
      remainingMs: 30_000,
      paused: false,
    });
  });

  it('is not paused inside the hours, nor for a wall-clock follow-up', () => {
    const deadline = currentDeadline(clockOf(customer(cst(15, '14:00'))), team, zone)!;
    expect(clockStatus(deadline, team, cst(15, '14:01'), zone).paused).toBe(false);
    const followUp = currentDeadline(clockOf(promise(cst(15, '22:30'), 60), agent(cst(15, '22:30:05'))), team, zone)!;
    expect(clockStatus(followUp, team, cst(15, '23:10'), zone)).toEqual({
      phase: 'calm',
      remainingMs: 20 * MIN,
      paused: false,
    });
  });

  it('freezes the overdue count overnight too', () => {
    const deadline = currentDeadline(clockOf(customer(cst(15, '22:50'))), team, zone)!;
    expect(clockStatus(deadline, team, cst(15, '23:30'), zone)).toEqual({
      phase: 'overdue',
      remainingMs: -5 * MIN,
      paused: true,
    });
    expect(clockStatus(deadline, team, cst(16, '09:01'), zone).remainingMs).toBe(-6 * MIN);
  });
});
