/**
 * The inline list in the page, as the agent and as a page script drive it: only the agent's
 * typing (trusted events) opens it, only on a trigger they typed (never one inside a script we
 * inserted), and an Enter it takes is taken whole — keypress, keyup, the line break — so a
 * console sending on any of those never sends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaletteHit } from '../../utils/messaging/protocol';

const sendMessage = vi.fn();
vi.mock('../../utils/messaging/protocol', () => ({
  sendMessage: (...args: unknown[]) => sendMessage(...args),
  onMessage: () => () => undefined,
}));

const { startPalette } = await import('../../utils/features/palette/content');
const { agent } = await import('./agent-events');

const HIT: PaletteHit = {
  key: 'p/th1',
  title: '七天无理由',
  body: '您好，支持七天无理由退货。',
  purpose: '',
  situation: '',
  highlights: {},
  shortcut: 'th1',
  exactShortcut: true,
};

/** What WXT's context does for us: listeners on the page, all removed when the test ends. */
let life: AbortController;
const ctx = () =>
  ({
    addEventListener: (target: EventTarget, type: string, fn: EventListener, opts?: AddEventListenerOptions) =>
      target.addEventListener(type, fn, { ...opts, signal: life.signal }),
    onInvalidated: () => undefined,
  }) as never;

let box: HTMLTextAreaElement;
/** What the console's own handlers on the reply box saw. */
let consoleSaw: string[];

beforeEach(() => {
  life = new AbortController();
  sendMessage.mockReset();
  sendMessage.mockImplementation(async (type: string) => {
    if (type === 'getPaletteConfig') return { hotkey: 'Alt+K', triggers: ['/', '、'], locale: 'zh-CN' };
    if (type === 'searchScripts') return { hits: [HIT], ready: true };
    if (type === 'insertScript') return { ok: true, kind: 'textarea' };
    return undefined;
  });
  box = document.createElement('textarea');
  document.body.append(box);
  box.focus();
  consoleSaw = [];
  for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput'])
    box.addEventListener(type, (e) =>
      consoleSaw.push(`${type}:${(e as KeyboardEvent).key ?? (e as InputEvent).inputType}`),
    );
});
afterEach(() => {
  life.abort();
  document.body.replaceChildren();
  document.documentElement.querySelectorAll('[data-huashu-ui]').forEach((n) => n.remove());
});

const listShown = () => document.querySelector('[data-huashu-ui]') !== null;
const searched = () => sendMessage.mock.calls.filter(([type]) => type === 'searchScripts').length;
const inserted = () => sendMessage.mock.calls.filter(([type]) => type === 'insertScript').length;

/** Text arrives in the box: by the agent's keystroke (trusted) or a page script's imitation of one. */
function type(text: string, by: 'agent' | 'page' = 'agent') {
  box.value += text;
  box.setSelectionRange(box.value.length, box.value.length);
  const e = new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text });
  box.dispatchEvent(by === 'agent' ? agent(e) : e);
}

function key(type: 'keydown' | 'keypress' | 'keyup', k: string, by: 'agent' | 'page' = 'agent') {
  const e = new KeyboardEvent(type, { key: k, code: k === ' ' ? 'Space' : k, bubbles: true, cancelable: true });
  box.dispatchEvent(by === 'agent' ? agent(e) : e);
  return e;
}

const settle = () => new Promise((r) => setTimeout(r, 20));

function start() {
  const api = startPalette(ctx(), { target: { restoreFocus: () => true } });
  return api;
}

describe('inline list in the page', () => {
  it('a page script typing /th1 and pressing Enter opens nothing and inserts nothing; the agent typing it does', async () => {
    start();
    await settle();
    type('/', 'page');
    type('th1', 'page');
    await settle();
    key('keydown', 'Enter', 'page');
    await settle();
    expect(searched()).toBe(0);
    expect(listShown()).toBe(false);
    expect(inserted()).toBe(0);

    box.value = '';
    type('/');
    type('th1');
    await vi.waitFor(() => expect(listShown()).toBe(true));
    // The page's Enter and ArrowDown while the agent's list is open: not ours to take.
    const pageEnter = key('keydown', 'Enter', 'page');
    expect(pageEnter.defaultPrevented).toBe(false);
    await settle();
    expect(inserted()).toBe(0);
    const enter = key('keydown', 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(inserted()).toBe(1));
  });

  it('an Enter it takes is taken whole: its repeats, keypress, line break and keyup never reach the console; the next key does', async () => {
    start();
    await settle();
    type('/');
    type('th1');
    await vi.waitFor(() => expect(listShown()).toBe(true));
    consoleSaw = [];
    key('keydown', 'Enter');
    box.dispatchEvent(
      agent(
        new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', repeat: true, bubbles: true, cancelable: true }),
      ),
    );
    const press = key('keypress', 'Enter');
    const lineBreak = agent(
      new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertLineBreak' }),
    );
    box.dispatchEvent(lineBreak);
    const up = key('keyup', 'Enter');
    expect([press.defaultPrevented, lineBreak.defaultPrevented, up.defaultPrevented]).toEqual([true, true, true]);
    expect(consoleSaw).toEqual([]);
    await vi.waitFor(() => expect(inserted()).toBe(1));
    await vi.waitFor(() => expect(listShown()).toBe(false));
    // The press is over: the agent's next keys are the console's again.
    key('keydown', 'a');
    key('keyup', 'a');
    key('keydown', 'Enter');
    key('keyup', 'Enter');
    expect(consoleSaw).toEqual(['keydown:a', 'keyup:a', 'keydown:Enter', 'keyup:Enter']);
  });

  it('Space inserts the exact code typed now: not the one whose results are still shown while the next are on their way', async () => {
    // `/th12` is answered only when the test says so; `/th1` at once.
    let answerTh12 = (_: unknown) => undefined as void;
    const fallback = sendMessage.getMockImplementation()!;
    sendMessage.mockImplementation((type: string, data: { query?: string }) =>
      type === 'searchScripts' && data?.query === '/th12'
        ? new Promise((resolve) => (answerTh12 = resolve))
        : fallback(type, data),
    );
    start();
    await settle();
    type('/');
    type('th1');
    await vi.waitFor(() => expect(listShown()).toBe(true));
    type('2');
    await vi.waitFor(() => expect(searched()).toBeGreaterThanOrEqual(2));
    // The list still shows /th1's results, th1 marked exact: this Space is a space.
    expect(key('keydown', ' ').defaultPrevented).toBe(false);
    await settle();
    expect(inserted()).toBe(0);

    // /th12's own answer arrives, exact: now Space inserts it.
    answerTh12({ hits: [{ ...HIT, key: 'p/th12', shortcut: 'th12' }], ready: true });
    await settle();
    expect(key('keydown', ' ').defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(inserted()).toBe(1));
    expect(sendMessage.mock.calls.find(([type]) => type === 'insertScript')![1]).toMatchObject({ scriptKey: 'p/th12' });
  });

  it('a trigger inside a script we insert stays text, also when the agent types on after it', async () => {
    const palette = start();
    await settle();
    await palette.ownInsertion(async () => type('退货请在订单页申请，快捷入口：/th1'));
    await settle();
    type('x');
    key('keydown', 'Backspace');
    box.value = box.value.slice(0, -1);
    box.dispatchEvent(agent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' })));
    await settle();
    expect(searched()).toBe(0);
    expect(listShown()).toBe(false);
    // A trigger the agent types next opens the list again.
    type(' /');
    type('th1');
    await vi.waitFor(() => expect(listShown()).toBe(true));
  });

  it('Esc dismisses the trigger for good; the list follows a long line (the trigger past 80 characters)', async () => {
    start();
    await settle();
    type('/');
    type('th');
    await vi.waitFor(() => expect(listShown()).toBe(true));
    key('keydown', 'Escape');
    type('1');
    await settle();
    expect(listShown()).toBe(false);

    box.value = '';
    type('亲'.repeat(70) + ' ');
    type('/');
    for (const ch of 'th1') type(ch);
    await vi.waitFor(() => expect(listShown()).toBe(true));
  });

  it('an input method committing 、退货 opens the list, though Chrome may send its compositionend untrusted; a page’s compositions do nothing', async () => {
    start();
    await settle();
    // The page imitates a whole composition: nothing.
    box.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    box.value = '、退货';
    box.setSelectionRange(3, 3);
    box.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '、退货' }));
    await settle();
    expect(searched()).toBe(0);

    box.value = '';
    box.dispatchEvent(agent(new CompositionEvent('compositionstart', { bubbles: true })));
    box.value = '、退货';
    box.setSelectionRange(3, 3);
    box.dispatchEvent(
      agent(
        new InputEvent('input', {
          bubbles: true,
          inputType: 'insertCompositionText',
          data: '、退货',
          isComposing: true,
        }),
      ),
    );
    box.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '、退货' }));
    await vi.waitFor(() => expect(listShown()).toBe(true));
  });
});
