// Plain-number fake time in China Standard Time (UTC+8), whatever zone the machine runs in.
import type { ReplyPolicy } from '../../../scripts-library/schema';
import { emptyClock, applyEvent, type ClockEvent, type ConversationClock } from '../../../utils/deadline';

export const UTC8 = () => 480;
export const zone = { utcOffsetMinutes: UTC8 };

export const SEC = 1000;
export const MIN = 60 * SEC;

/** `cst(15, '23:30')` → the instant of 2026-01-15 23:30 (UTC+8); seconds optional. */
export function cst(day: number, hhmm: string): number {
  const [h, m, s = 0] = hhmm.split(':').map(Number) as [number, number, number?];
  return Date.UTC(2026, 0, day, h - 8, m, s);
}

export const policy = (overrides: Partial<ReplyPolicy> = {}): ReplyPolicy => ({
  firstReplySeconds: 300,
  nextReplySeconds: 180,
  warnBeforeSeconds: 60,
  serviceHours: null,
  ...overrides,
});

export const customer = (at: number): ClockEvent => ({ type: 'customer-message', at });
export const agent = (at: number): ClockEvent => ({ type: 'agent-message', at });
export const promise = (at: number, minutes: number): ClockEvent => ({ type: 'follow-up-promised', at, minutes });

export const clockOf = (...events: ClockEvent[]): ConversationClock => events.reduce(applyEvent, emptyClock());

/**
 * `count` conversations whose customers wrote in the 20 minutes before `now` (seeded, the same
 * every run); one in ten already answered by the agent.
 */
export function busyConsole(count: number, now: number): { key: string; clock: ConversationClock }[] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => {
    const start = now - Math.floor(random() * 20 * MIN);
    const clock =
      i % 10 === 0 ? clockOf(customer(start), agent(start + SEC)) : clockOf(customer(start), customer(start + SEC));
    return { key: `site/${String(i).padStart(5, '0')}`, clock };
  });
}
