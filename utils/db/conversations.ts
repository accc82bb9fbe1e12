/**
 * Feeding what the content script sees into the stored reply clocks. The background calls
 * `applySnapshot`; `eventsFromSnapshot` is the pure part (tested in Node).
 */
import type { ReplyPolicy } from '../../scripts-library/schema';
import {
  applyEventAndReport,
  emptyClock,
  responseRecordKey,
  threadEvents,
  toResponseRecord,
  type ClockEvent,
} from '../deadline';
import type { ConversationSnapshot } from '../sites/reader';
import type { ConversationRow, HuashuDB, ResponseRow } from './schema';

const MAX_SEEN = 300;

export const conversationKey = (site: string, conversationId: string) => `${site}|${conversationId}`;

/**
 * Messages not seen before become clock events, timed by the page where it shows times and by
 * their place in the thread where it does not (see threadEvents).
 */
export function eventsFromSnapshot(
  seen: readonly string[],
  snap: ConversationSnapshot,
  pendingSince: number | null,
  now: number,
): { events: ClockEvent[]; seen: string[] } {
  const known = new Set(seen);
  const events = threadEvents(snap.messages, known, pendingSince, now);
  const fresh = snap.messages.map((m) => m.id).filter((id) => !known.has(id));
  return { events, seen: [...seen, ...new Set(fresh)].slice(-MAX_SEEN) };
}

/**
 * One conversation after a snapshot: its next row and the waits the snapshot settled. Pure: the
 * background writes the result, or keeps it in memory when the browser has no space left.
 */
export function snapshotRow(
  prev: ConversationRow | undefined,
  site: string,
  snap: ConversationSnapshot,
  policy: ReplyPolicy,
  now: number,
): { next: ConversationRow; settled: ResponseRow[] } {
  const key = conversationKey(site, snap.conversationId);
  const row: ConversationRow = prev ?? {
    key,
    site,
    conversationId: snap.conversationId,
    title: snap.title,
    clock: emptyClock(),
    seen: [],
    notified: null,
    updatedAt: now,
  };
  const { events, seen } = eventsFromSnapshot(row.seen, snap, row.clock.unanswered[0] ?? null, now);
  let clock = row.clock;
  const settled: ResponseRow[] = [];
  for (const event of events) {
    const r = applyEventAndReport(clock, event);
    clock = r.clock;
    for (const wait of r.settled) {
      const record = toResponseRecord(wait, policy, { site, conversationKey: key });
      settled.push({ ...record, key: responseRecordKey(record) });
    }
  }
  return {
    next: { ...row, title: snap.title || row.title, clock, seen, updatedAt: events.length ? now : row.updatedAt },
    settled,
  };
}

/** `base`: a newer state of the row than the stored one (kept in memory while writes failed). */
export async function applySnapshot(
  db: HuashuDB,
  site: string,
  snap: ConversationSnapshot,
  policy: ReplyPolicy,
  now: number,
  base?: ConversationRow,
): Promise<ConversationRow> {
  const key = conversationKey(site, snap.conversationId);
  return db.transaction('rw', db.conversations, db.responses, async () => {
    const { next, settled } = snapshotRow(base ?? (await db.conversations.get(key)), site, snap, policy, now);
    if (settled.length) await db.responses.bulkPut(settled);
    await db.conversations.put(next);
    return next;
  });
}

/**
 * Conversations the console's list shows as unread: the customer wrote, the agent has not
 * opened it yet. The clock starts when we first see the badge (the real message times come
 * in when the agent opens it, and the earliest wins).
 */
export async function applyUnread(
  db: HuashuDB,
  site: string,
  unread: NonNullable<ConversationSnapshot['unread']>,
  policy: ReplyPolicy,
  now: number,
): Promise<void> {
  for (const u of unread) {
    const row = await db.conversations.get(conversationKey(site, u.conversationId));
    // A new round of unread after the agent's last reply is a new event, even with the same count.
    const id = `unread:${u.count}:${row?.clock.lastAgentAt ?? 0}`;
    await applySnapshot(
      db,
      site,
      { conversationId: u.conversationId, title: u.title, messages: [{ id, from: 'customer', at: null }] },
      policy,
      now,
    );
  }
}

/** An inserted script promised the customer a follow-up within `minutes`. */
export async function applyFollowUpPromise(db: HuashuDB, key: string, minutes: number, now: number): Promise<void> {
  await db.transaction('rw', db.conversations, async () => {
    const row = await db.conversations.get(key);
    if (!row) return;
    const { clock } = applyEventAndReport(row.clock, { type: 'follow-up-promised', at: now, minutes });
    if (clock !== row.clock) await db.conversations.put({ ...row, clock, updatedAt: now });
  });
}
