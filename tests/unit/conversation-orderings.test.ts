/**
 * Reply clocks on a console that shows no message times, for every order in which the four
 * things an agent's day is made of can happen to one conversation: its customer writes while
 * it is not open (the list shows an unread badge), the agent opens it, the customer writes
 * while it is open, the agent replies. A model of the console says what must be true after
 * each step: waiting exactly when the latest message is the customer's, since the earliest
 * moment the extension saw any of the customer's unanswered messages (message or badge), and
 * marked as timed from first seen.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { applySnapshot, applyUnread } from '../../utils/db/conversations';
import { FALLBACK_POLICY } from '../../utils/db/policy';
import { HuashuDB } from '../../utils/db/schema';
import { currentDeadline, threadEvents } from '../../utils/deadline';

const policy = { ...FALLBACK_POLICY, serviceHours: null };
type Step = 'seen in list' | 'opened' | 'message visible' | 'reply';
const STEPS: Step[] = ['seen in list', 'opened', 'message visible', 'reply'];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

interface Msg {
  id: string;
  from: 'customer' | 'agent';
  /** When the extension first knew of it (its badge read, or it on screen); the model's truth. */
  evidence: number | null;
}

/** The console and what the extension is shown of it; times are the model's clock. */
class Console {
  thread: Msg[] = [
    { id: 'h1', from: 'customer', evidence: null },
    { id: 'h2', from: 'agent', evidence: null },
  ];
  open = false;
  unread = 0;
  next = 0;
  constructor(
    readonly db: HuashuDB,
    public now: number,
  ) {}

  private write(from: Msg['from']) {
    this.thread.push({ id: `m${++this.next}`, from, evidence: null });
  }

  async show() {
    for (const m of this.thread) m.evidence ??= this.now;
    const messages = this.thread.map((m) => ({ id: m.id, from: m.from, at: null }));
    await applySnapshot(this.db, 'h', { conversationId: 'c', title: '顾客', messages }, policy, this.now);
  }

  async openIt() {
    this.open = true;
    this.unread = 0;
    await this.show();
  }

  async step(step: Step) {
    this.now += 60_000;
    if (step === 'seen in list') {
      this.open = false; // the agent is in another conversation
      this.write('customer');
      this.unread++;
      // The badge says how many of the last customer messages are unread: those are now known of.
      this.thread
        .filter((m) => m.from === 'customer')
        .slice(-this.unread)
        .forEach((m) => (m.evidence ??= this.now));
      await applyUnread(this.db, 'h', [{ conversationId: 'c', title: '顾客', count: this.unread }], policy, this.now);
    } else if (step === 'opened') await this.openIt();
    else {
      if (!this.open) {
        await this.openIt();
        this.now += 1000; // the agent reads a moment before anyone writes
      }
      this.write(step === 'reply' ? 'agent' : 'customer');
      await this.show();
    }
  }

  /** Waiting since when, by the model: the earliest evidence of the customer's unanswered messages. */
  expectedStart(): number | null {
    const lastAgent = this.thread.findLastIndex((m) => m.from === 'agent');
    const waiting = this.thread.slice(lastAgent + 1).map((m) => m.evidence);
    const known = waiting.filter((t): t is number => t !== null);
    return known.length ? Math.min(...known) : null;
  }
}

describe('a conversation on a console without message times', () => {
  for (const seenBefore of [false, true]) {
    for (const order of permutations(STEPS)) {
      it(`${seenBefore ? 'seen before' : 'new to us'}: ${order.join(' → ')}`, async () => {
        const db = new HuashuDB(`o${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
        const c = new Console(db, Date.UTC(2026, 0, 15, 4, 0));
        if (seenBefore) await c.openIt();
        for (const step of order) {
          await c.step(step);
          const row = await db.conversations.get('h|c');
          const deadline = row ? currentDeadline(row.clock, policy) : null;
          const expected = c.expectedStart();
          expect({ after: step, startedAt: deadline?.startedAt ?? null }).toEqual({ after: step, startedAt: expected });
          if (expected !== null) expect(deadline?.estimated).toBe(true);
        }
      });
    }
  }

  it('records no response time for history already on screen when first opened', async () => {
    const db = new HuashuDB(`o${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const c = new Console(db, 1_000_000);
    c.thread.push({ id: 'h3', from: 'customer', evidence: null }, { id: 'h4', from: 'agent', evidence: null });
    await c.openIt();
    expect(await db.responses.count()).toBe(0);
    const row = await db.conversations.get('h|c');
    expect(currentDeadline(row!.clock, policy)).toBeNull();
  });
});

describe('thread events', () => {
  const m = (id: string, from: 'customer' | 'agent', at: number | null = null) => ({ id, from, at });

  it('uses the time the page shows, and marks only the others as first seen', () => {
    const events = threadEvents([m('a', 'agent', 500), m('b', 'customer', 700)], new Set(), null, 9000);
    expect(events).toEqual([
      { type: 'agent-message', at: 500 },
      { type: 'customer-message', at: 700 },
    ]);
    expect(threadEvents([m('a', 'agent'), m('b', 'customer')], new Set(), null, 9000).at(-1)).toEqual({
      type: 'customer-message',
      at: 9000,
      estimated: true,
    });
  });

  it('puts messages that load above known ones before everything pending', () => {
    const events = threadEvents([m('old', 'agent'), m('k', 'customer')], new Set(['k']), 5000, 9000);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe('agent-message');
    expect(events[0]!.at).toBeLessThan(5000);
  });

  it('takes an agent message that came in after a known customer message as the reply', () => {
    const events = threadEvents([m('k', 'customer'), m('r', 'agent'), m('n', 'customer')], new Set(['k']), 5000, 9000);
    expect(events).toEqual([
      { type: 'agent-message', at: 8999 },
      { type: 'customer-message', at: 9000, estimated: true },
    ]);
  });
});
