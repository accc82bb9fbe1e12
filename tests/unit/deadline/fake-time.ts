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
