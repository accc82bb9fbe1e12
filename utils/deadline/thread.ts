/**
 * From what a console shows of one conversation (its messages in thread order, with a time
 * only where the page has one) to clock events. Pure.
 *
 * Many consoles print no times, or only "14:03" in text nobody should parse. Without times the
 * order on screen is the evidence: the conversation waits when its latest message is the
 * customer's, from the earliest moment we knew of that message — when it first appeared on
 * screen, or when its unread badge was first seen in the list. Messages that were already on
 * screen when we first saw the thread (or that loaded above messages we know) are history:
 * they get times before anything pending, so an old agent message never answers a newer
 * customer message; history neither leaves a wait open nor settles one (no response records).
 */
import type { ClockEvent } from './clock';

export interface ThreadMessage {
  id: string;
  from: 'customer' | 'agent';
  /** Epoch ms from the page; null when the console shows none. */
  at: number | null;
}

/**
 * Clock events for the messages of `thread` not in `known`. `pendingSince` is the oldest
 * unanswered customer time already stored (e.g. an unread badge seen earlier), `now` the
 * moment of this reading. Timeless customer events are marked `estimated` (timed from first
 * seen); events come agents first within the history, so replaying it settles nothing.
 */
export function threadEvents(
  thread: readonly ThreadMessage[],
  known: ReadonlySet<string>,
  pendingSince: number | null,
  now: number,
): ClockEvent[] {
  const n = thread.length;
  let lastKnown = -1;
  let lastAgent = -1;
  thread.forEach((m, i) => {
    if (known.has(m.id)) lastKnown = i;
    if (m.from === 'agent') lastAgent = i;
  });
  // What is new since the last reading; on the first reading, only the customer's unanswered
  // messages — or, when the agent's message is the latest, that message, which answers them all.
  const liveFrom = lastKnown >= 0 ? lastKnown + 1 : lastAgent === n - 1 ? n - 1 : lastAgent + 1;
  const historyBelow = Math.min(now - n, pendingSince ?? Infinity);
  const live: ClockEvent[] = [];
  const historyAgents: ClockEvent[] = [];
  const historyCustomers: ClockEvent[] = [];
  thread.forEach((m, i) => {
    if (known.has(m.id)) return;
    const type = m.from === 'customer' ? 'customer-message' : 'agent-message';
    if (m.at !== null) return live.push({ type, at: m.at });
    if (i >= liveFrom) {
      // The customer's latest messages wait from now; anything before them happened just before.
      const at = i > lastAgent ? now : now - (n - 1 - i);
      return live.push(type === 'customer-message' ? { type, at, estimated: true } : { type, at });
    }
    // History leaves nothing pending: its customer messages go before all its agent messages.
    if (type === 'agent-message') historyAgents.push({ type, at: historyBelow - (n - i) });
    else historyCustomers.push({ type, at: historyBelow - n - (n - i), estimated: true });
  });
  return [...historyAgents, ...(historyAgents.length ? historyCustomers : []), ...live];
}
