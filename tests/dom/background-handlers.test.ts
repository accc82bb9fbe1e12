/**
 * The protocol checks itself: every message the background is declared to answer has exactly
 * one handler among the feature groups, no group answers a message nobody declared, and the
 * gate lets each message through only from who may send it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HANDLER_GROUPS, type BackgroundDeps } from '../../entrypoints/background/handlers';
import type { LibrarySearch } from '../../entrypoints/background/library-search';
import { HuashuDB } from '../../utils/db/schema';
import { askerOf, BACKGROUND_MESSAGES, INSERT_ASKERS } from '../../utils/messaging/protocol';

const never = new Promise<never>(() => undefined);
const deps: BackgroundDeps = {
  db: new HuashuDB(`handlers${Math.random()}`),
  ready: never,
  syncReady: never,
  library: {} as LibrarySearch,
};

describe('background handlers', () => {
  const owners = new Map<string, string[]>();
  for (const [group, make] of Object.entries(HANDLER_GROUPS))
    for (const [message, handler] of Object.entries(make(deps))) {
      expect(typeof handler).toBe('function');
      owners.set(message, [...(owners.get(message) ?? []), group]);
    }

  it('answers every declared message, each in exactly one group', () => {
    const unhandled = BACKGROUND_MESSAGES.filter((m) => !owners.has(m));
    const twice = [...owners].filter(([, groups]) => groups.length > 1).map(([m, groups]) => `${m}: ${groups}`);
    expect(unhandled).toEqual([]);
    expect(twice).toEqual([]);
  });

  it('handles no message the protocol does not declare', () => {
    const declared = new Set<string>(BACKGROUND_MESSAGES);
    expect([...owners.keys()].filter((m) => !declared.has(m))).toEqual([]);
    expect(BACKGROUND_MESSAGES.length).toBe(new Set(BACKGROUND_MESSAGES).size);
  });

  it('lets an insertion through only from who its via names; an unknown via from nobody', () => {
    expect(askerOf('insertScript', { via: 'panel', scriptKey: 'p/a' })).toBe('page');
    expect(askerOf('insertScript', { via: 'suggestion', scriptKey: 'p/a' })).toBe('page');
    for (const via of ['palette', 'inline', 'chips', 'compliance'])
      expect(askerOf('insertScript', { via, scriptKey: 'p/a' })).toBe('content');
    expect(Object.keys(INSERT_ASKERS).sort()).toEqual(
      ['chips', 'compliance', 'inline', 'palette', 'panel', 'suggestion'].sort(),
    );
    for (const data of [{ scriptKey: 'p/a' }, { via: 'toString' }, { via: '__proto__' }, { via: 1 }, null, undefined])
      expect(askerOf('insertScript', data)).toBeUndefined();
    expect(askerOf('getInsertTarget', undefined)).toBe('page');
    expect(askerOf('searchScripts', undefined)).toBe('content');
  });
});
