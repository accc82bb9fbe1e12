/**
 * Service-hours arithmetic: platforms score reply time only inside service hours, so a
 * reply clock pauses when the shop closes and resumes when it opens.
 *
 * Everything works on absolute instants (ms since the epoch). Wall-clock time comes from an
 * injected `utcOffsetMinutes(at)` so results do not depend on the machine's time zone (tests
 * pin UTC+8; the extension uses the browser's zone, DST included).
 */
import type { ReplyPolicy } from '../../scripts-library/schema';

export type ServiceHours = NonNullable<ReplyPolicy['serviceHours']>;

/** Minutes east of UTC at an instant: 480 for China Standard Time. */
export type UtcOffsetMinutes = (at: number) => number;

/** The machine's own zone. `getTimezoneOffset` is minutes *west* of UTC, hence the sign. */
export const localUtcOffsetMinutes: UtcOffsetMinutes = (at) => -new Date(at).getTimezoneOffset();

export interface ZoneOptions {
  utcOffsetMinutes?: UtcOffsetMinutes;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** Safety net: a 1-minute daily window and a 24-hour rule need ~1,440 windows; never loop forever. */
const MAX_WINDOWS = 10_000;

function hhmmToMs(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * MINUTE_MS;
}

/**
 * `start === end` (e.g. 00:00–00:00) means open all day rather than never open: a team that
 * wrote it wanted no pause, and a clock that never runs would hide every deadline.
 */
function isAllDay(hours: ServiceHours | null): hours is null {
  return hours === null || hours.start === hours.end;
}

/** Local wall-clock ms (as if UTC) → instant. Re-reads the offset at the guess so DST edges land right. */
function fromLocal(localMs: number, hintAt: number, offset: UtcOffsetMinutes): number {
  const guess = localMs - offset(hintAt) * MINUTE_MS;
  return localMs - offset(guess) * MINUTE_MS;
}

/**
 * The service window containing `at`, or the next one after it, as `[open, close)` instants.
 * End is exclusive: a message at exactly 23:00 in a 09:00–23:00 shop waits for 09:00.
 * A window crossing midnight (20:00–02:00) is one window, not two halves.
 */
function windowAtOrAfter(at: number, hours: ServiceHours, offset: UtcOffsetMinutes): [number, number] {
  const local = at + offset(at) * MINUTE_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const msOfDay = local - dayStart;
  const s = hhmmToMs(hours.start);
  const e = hhmmToMs(hours.end);
  // Windows relative to today's local midnight: yesterday's one (it may still be open) and today's.
  const candidates: [number, number][] =
    s < e
      ? [
          [s, e],
          [s + DAY_MS, e + DAY_MS],
        ]
      : [
          [s - DAY_MS, e],
          [s, e + DAY_MS],
        ];
  const [open, close] = candidates.find(([, end]) => end > msOfDay)!;
  return [fromLocal(dayStart + open, at, offset), fromLocal(dayStart + close, at, offset)];
}

export function isInServiceHours(at: number, hours: ServiceHours | null, opts: ZoneOptions = {}): boolean {
  if (isAllDay(hours)) return true;
  const [open] = windowAtOrAfter(at, hours, opts.utcOffsetMinutes ?? localUtcOffsetMinutes);
  return open <= at;
}

/** The instant at which `durationMs` of service time has passed since `start`. */
export function addServiceTime(
  start: number,
  durationMs: number,
  hours: ServiceHours | null,
  opts: ZoneOptions = {},
): number {
  if (isAllDay(hours) || durationMs <= 0) return start + Math.max(0, durationMs);
  const offset = opts.utcOffsetMinutes ?? localUtcOffsetMinutes;
  let at = start;
  let left = durationMs;
  for (let i = 0; i < MAX_WINDOWS; i++) {
    const [open, close] = windowAtOrAfter(at, hours, offset);
    const from = Math.max(at, open);
    if (from + left <= close) return from + left;
    left -= close - from;
    at = close;
  }
  return at + left;
}

/** Service time (ms) inside `[from, to)`; 0 when `to <= from`. */
export function serviceTimeBetween(
  from: number,
  to: number,
  hours: ServiceHours | null,
  opts: ZoneOptions = {},
): number {
  if (to <= from) return 0;
  if (isAllDay(hours)) return to - from;
  const offset = opts.utcOffsetMinutes ?? localUtcOffsetMinutes;
  let total = 0;
  let at = from;
  for (let i = 0; i < MAX_WINDOWS && at < to; i++) {
    const [open, close] = windowAtOrAfter(at, hours, offset);
    if (open >= to) break;
    total += Math.min(close, to) - Math.max(at, open);
    at = close;
  }
  return total;
}

/** Does the daily window `outer` cover every minute of `inner`? Used so agents can only widen hours. */
export function serviceHoursCover(outer: ServiceHours | null, inner: ServiceHours | null): boolean {
  if (isAllDay(outer)) return true;
  if (isAllDay(inner)) return false;
  const open = (h: ServiceHours, minute: number) => {
    const s = hhmmToMs(h.start) / MINUTE_MS;
    const e = hhmmToMs(h.end) / MINUTE_MS;
    return s < e ? minute >= s && minute < e : minute >= s || minute < e;
  };
  for (let minute = 0; minute < 24 * 60; minute++) if (open(inner, minute) && !open(outer, minute)) return false;
  return true;
}
