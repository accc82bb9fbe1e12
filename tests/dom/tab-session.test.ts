/**
 * Per-tab records the background keeps in storage.session: a closed tab's records go, the other
 * tabs' stay (the side panel reads the recent messages from the same key).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropClosedTabs, TabSessionMap } from '../../entrypoints/background/tab-session';

beforeEach(() => fakeBrowser.reset());

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('per-tab session records', () => {
  it('closing a tab drops its record in every map and keeps the other tabs', async () => {
    const conversations = new TabSessionMap<string>('test-conversations');
    const invoked = new TabSessionMap<string>('test-invoked');
    dropClosedTabs();
    await conversations.set(1, 'shop|alice');
    await conversations.set(2, 'shop|bob');
    await invoked.set(1, 'https://console.example.com/');
    await fakeBrowser.tabs.onRemoved.trigger(1, { windowId: 1, isWindowClosing: false });
    await settle();
    expect(await conversations.all()).toEqual({ 2: 'shop|bob' });
    expect(await invoked.get(1)).toBeUndefined();
    expect(await fakeBrowser.storage.session.get('test-conversations')).toEqual({
      'test-conversations': { 2: 'shop|bob' },
    });
  });
});
