/** The chips' behaviour in the page: when they show, what hides them, what a click sends. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChipScript } from '../../utils/messaging/protocol';

const sendMessage = vi.fn();
vi.mock('../../utils/messaging/protocol', () => ({ sendMessage: (...args: unknown[]) => sendMessage(...args) }));

const { startChips } = await import('../../utils/features/chips/content');
const { agent, agentClick } = await import('./agent-events');
const { translator } = await import('../../utils/i18n');
const { PageThumbnails } = await import('../../utils/ui-kit/thumbnails');

const SCRIPTS: ChipScript[] = [
  { key: 'p/damage-1', title: '请拍包装和破损', situation: '方案说明 / 物流损坏', detected: 'p/sol-transit-damage' },
  { key: 'p/damage-2', title: '免费补发', situation: '方案说明 / 物流损坏', detected: 'p/sol-transit-damage' },
];

/** What WXT's context does for us: listeners on the page, removed on invalidation (not needed here). */
const ctx = {
  addEventListener: (target: EventTarget, type: string, fn: EventListener, opts?: AddEventListenerOptions) =>
    target.addEventListener(type, fn, opts),
  onInvalidated: () => undefined,
} as never;

let box: HTMLElement;
let other: HTMLInputElement;
const askValues = vi.fn(() => true);
const imageNotice = vi.fn();

function setup() {
  const chips = startChips(
    ctx,
    { target: { field: null, adopt: vi.fn() }, site: { replyBox: () => box, sendButton: () => null } },
    {
      palette: {
        askValues,
        translate: () => translator('zh-CN'),
        ownInsertion: (run) => run(),
        thumbnails: new PageThumbnails(async () => ({})),
        imageNotice,
      },
      note: { noteRect: () => null },
    },
  );
  return chips;
}

const hostShown = () => document.querySelector('[data-huashu-ui="chips"]') !== null;
const rootOf = () => {
  // The closed root is reachable only through the view; find it through attachShadow's return.
  return shadowRoots.at(-1)!;
};
const shadowRoots: ShadowRoot[] = [];
const attach = HTMLElement.prototype.attachShadow;

beforeEach(() => {
  HTMLElement.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    shadowRoots.push(root);
    return root;
  };
  box = document.createElement('div');
  box.contentEditable = 'true';
  other = document.createElement('input');
  document.body.append(box, other);
  // happy-dom lays nothing out: give the box a size so it counts as visible.
  box.getBoundingClientRect = () => ({
    left: 100,
    top: 500,
    right: 600,
    bottom: 560,
    width: 500,
    height: 60,
    x: 100,
    y: 500,
    toJSON: () => ({}),
  });
  sendMessage.mockReset();
  sendMessage.mockImplementation(async (type: string) =>
    type === 'getSuggestions' ? { scripts: SCRIPTS, locale: 'zh-CN' } : { ok: true, kind: 'contenteditable' },
  );
});

afterEach(() => {
  HTMLElement.prototype.attachShadow = attach;
  document.body.replaceChildren();
  document.documentElement.querySelectorAll('[data-huashu-ui]').forEach((n) => n.remove());
});

async function shown(chips: ReturnType<typeof setup>, conversation = 'c1') {
  chips.snapshot(conversation, 'customer');
  chips.customerMessage(conversation);
  await vi.waitFor(() => expect(hostShown()).toBe(true));
}

describe('suggestion chips in the page', () => {
  it('ask the background for the open conversation and show one chip per script, titles as text', async () => {
    const chips = setup();
    await shown(chips);
    expect(sendMessage).toHaveBeenCalledWith('getSuggestions', { conversationId: 'c1' });
    expect([...rootOf().querySelectorAll('.chip')].map((b) => b.textContent)).toEqual(['请拍包装和破损', '免费补发']);
  });

  it('hide as soon as the agent types in the reply box, not when typing elsewhere', async () => {
    const chips = setup();
    await shown(chips);
    other.dispatchEvent(agent(new Event('input', { bubbles: true })));
    expect(hostShown()).toBe(true);
    const text = document.createTextNode('好');
    box.append(text);
    // A page script's input event is not the agent typing.
    box.dispatchEvent(new Event('input', { bubbles: true }));
    expect(hostShown()).toBe(true);
    box.dispatchEvent(agent(new Event('input', { bubbles: true })));
    expect(hostShown()).toBe(false);
  });

  it('an input method starting to compose in the box hides them too', async () => {
    const chips = setup();
    await shown(chips);
    box.dispatchEvent(agent(new Event('compositionstart', { bubbles: true })));
    expect(hostShown()).toBe(false);
  });

  it('typing while the background is still answering means no chips', async () => {
    let answer!: (v: unknown) => void;
    sendMessage.mockImplementation(() => new Promise((r) => (answer = r)));
    const chips = setup();
    chips.snapshot('c1', 'customer');
    chips.customerMessage('c1');
    box.dispatchEvent(agent(new Event('input', { bubbles: true })));
    answer({ scripts: SCRIPTS, locale: 'zh-CN' });
    await new Promise((r) => setTimeout(r, 10));
    expect(hostShown()).toBe(false);
  });

  it('Esc, a switch of conversation and the agent’s own reply hide them; the next customer message brings them back', async () => {
    const chips = setup();
    await shown(chips);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(hostShown()).toBe(true); // the page's Esc, not the agent's
    window.dispatchEvent(agent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(hostShown()).toBe(false);
    await shown(chips);
    chips.snapshot('c2', 'customer');
    expect(hostShown()).toBe(false);
    await shown(chips, 'c2');
    chips.snapshot('c2', 'agent');
    expect(hostShown()).toBe(false);
  });

  it('none when the background has none (the setting is off)', async () => {
    sendMessage.mockResolvedValue({ scripts: [], locale: 'zh-CN' });
    const chips = setup();
    chips.snapshot('c1', 'customer');
    chips.customerMessage('c1');
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 10));
    expect(hostShown()).toBe(false);
  });

  it('a click inserts with the detected situation and hides the chips; a placeholder goes to the palette form', async () => {
    const chips = setup();
    await shown(chips);
    rootOf().querySelectorAll<HTMLButtonElement>('.chip')[1]!.click(); // a page script's click
    await new Promise((r) => setTimeout(r, 10));
    expect(sendMessage).not.toHaveBeenCalledWith('insertScript', expect.anything());
    agentClick(rootOf().querySelectorAll<HTMLButtonElement>('.chip')[1]!);
    await vi.waitFor(() => expect(hostShown()).toBe(false));
    expect(sendMessage).toHaveBeenCalledWith('insertScript', {
      scriptKey: 'p/damage-2',
      via: 'chips',
      situationKey: 'p/sol-transit-damage',
    });

    sendMessage.mockImplementation(async (type: string) =>
      type === 'getSuggestions'
        ? { scripts: SCRIPTS, locale: 'zh-CN' }
        : {
            ok: false,
            reason: 'needs-values',
            missing: ['商品'],
            fields: [{ name: '商品', label: '商品', example: '', initial: '' }],
          },
    );
    await shown(chips);
    agentClick(rootOf().querySelector<HTMLButtonElement>('.chip')!);
    await vi.waitFor(() => expect(askValues).toHaveBeenCalled());
    expect((askValues.mock.calls[0] as unknown[])[0]).toBe(box);
    expect(hostShown()).toBe(false);
  });
});
