/**
 * The content script answers every command the protocol declares for it, each in exactly one
 * feature, and nothing else: a command with no answer would leave the background waiting for
 * its time limit (an insertion that never happens), two answers would race.
 */
import { describe, expect, it, vi } from 'vitest';

const answered: string[] = [];
vi.mock('../../utils/messaging/protocol', async (actual) => ({
  ...(await actual<typeof import('../../utils/messaging/protocol')>()),
  sendMessage: () => new Promise(() => undefined),
  onMessage: (type: string) => {
    answered.push(type);
    return () => undefined;
  },
}));

const { CONTENT_COMMANDS } = await import('../../utils/messaging/protocol');
const { default: contentScript } = await import('../../entrypoints/content/index');

describe('content commands', () => {
  it('the started content script answers each declared command once, and no other', () => {
    const life = new AbortController();
    const ctx = {
      addEventListener: (target: EventTarget, type: string, fn: EventListener, opts?: AddEventListenerOptions) =>
        target.addEventListener(type, fn, { ...opts, signal: life.signal }),
      onInvalidated: () => undefined,
      isInvalid: false,
      signal: life.signal,
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    };
    void contentScript.main(ctx as never);
    life.abort();
    const counts = new Map<string, number>();
    for (const type of answered) counts.set(type, (counts.get(type) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...CONTENT_COMMANDS].sort());
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
  });
});
