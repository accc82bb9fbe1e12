import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  applyFollowUpPromise,
  applySnapshot,
  applyUnread,
  conversationKey,
  eventsFromSnapshot,
} from '../../utils/db/conversations';
import { effectivePolicy, FALLBACK_POLICY } from '../../utils/db/policy';
import { HuashuDB, type PackRow } from '../../utils/db/schema';
import { currentDeadline } from '../../utils/deadline';

const policy = { ...FALLBACK_POLICY, serviceHours: null };
const db = () => new HuashuDB(`c${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const snap = (messages: [string, 'customer' | 'agent', number | null][]) => ({
  conversationId: 'c1',
  title: '王女士',
  messages: messages.map(([id, from, at]) => ({ id, from, at })),
});

describe('from snapshots to clocks', () => {
  it('turns only unseen messages into events, giving timeless ones the time they were first seen', () => {
    const r = eventsFromSnapshot(
      ['m1'],
      snap([
        ['m1', 'customer', 5],
        ['m2', 'agent', null],
      ]),
      null,
      99,
    );
    expect(r.events).toEqual([{ type: 'agent-message', at: 99 }]);
    expect(r.seen).toEqual(['m1', 'm2']);
  });

  it('starts the clock at the customer message, stops it at the reply, and records the response', async () => {
    const d = db();
    await applySnapshot(d, 'work.example.com', snap([['m1', 'customer', 1000]]), policy, 2000);
    const row = (await d.conversations.get(conversationKey('work.example.com', 'c1')))!;
    expect(currentDeadline(row.clock, policy)).toMatchObject({ kind: 'first-reply', dueAt: 1000 + 300_000 });
    // The same thread replayed (page reload) changes nothing.
    await applySnapshot(d, 'work.example.com', snap([['m1', 'customer', 1000]]), policy, 9000);
    await applySnapshot(
      d,
      'work.example.com',
      snap([
        ['m1', 'customer', 1000],
        ['m2', 'agent', 61_000],
      ]),
      policy,
      62_000,
    );
    const after = (await d.conversations.get('work.example.com|c1'))!;
    expect(currentDeadline(after.clock, policy)).toBeNull();
    const responses = await d.responses.toArray();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ kind: 'first-reply', customerAt: 1000, repliedAt: 61_000 });
    expect(JSON.stringify(responses)).not.toMatch(/王女士/);
  });

  it('starts a clock for an unread conversation, and again for a new round after a reply', async () => {
    const d = db();
    await applyUnread(d, 'h', [{ conversationId: 'c9', title: '李先生', count: 1 }], policy, 5000);
    let row = (await d.conversations.get('h|c9'))!;
    expect(currentDeadline(row.clock, policy)?.startedAt).toBe(5000);
    await applySnapshot(
      d,
      'h',
      { conversationId: 'c9', title: '李先生', messages: [{ id: 'x', from: 'agent', at: 6000 }] },
      policy,
      6000,
    );
    await applyUnread(d, 'h', [{ conversationId: 'c9', title: '李先生', count: 1 }], policy, 8000);
    row = (await d.conversations.get('h|c9'))!;
    expect(currentDeadline(row.clock, policy)?.startedAt).toBe(8000);
  });

  it('a promised follow-up becomes a deadline of its own', async () => {
    const d = db();
    await applySnapshot(
      d,
      'h',
      snap([
        ['m1', 'customer', 0],
        ['m2', 'agent', 10_000],
      ]),
      policy,
      10_000,
    );
    await applyFollowUpPromise(d, 'h|c1', 15, 10_000);
    const row = (await d.conversations.get('h|c1'))!;
    expect(currentDeadline(row.clock, policy)).toMatchObject({ kind: 'follow-up', dueAt: 10_000 + 15 * 60_000 });
  });
});

describe('the policy in force', () => {
  const pack = (
    kind: 'builtin' | 'url' | 'file',
    firstReplySeconds: number,
    installedAt = 1,
  ): Pick<PackRow, 'policy' | 'source' | 'order' | 'installedAt'> => ({
    source:
      kind === 'url' ? { kind, url: 'https://x/p.json' } : kind === 'file' ? { kind, fileName: 'p.json' } : { kind },
    policy: { ...FALLBACK_POLICY, firstReplySeconds },
    order: 0,
    installedAt,
  });
  it("takes the team pack's policy over the built-in one, and lets the agent only tighten it", () => {
    expect(effectivePolicy([pack('builtin', 300), pack('url', 120)], {}).firstReplySeconds).toBe(120);
    expect(effectivePolicy([pack('builtin', 300), pack('url', 120)], { firstReplySeconds: 60 }).firstReplySeconds).toBe(
      60,
    );
    expect(
      effectivePolicy([pack('builtin', 300), pack('url', 120)], { firstReplySeconds: 600 }).firstReplySeconds,
    ).toBe(120);
    expect(effectivePolicy([], {}).firstReplySeconds).toBe(300);
  });
});
