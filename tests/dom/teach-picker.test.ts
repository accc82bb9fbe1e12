import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPicker, type Picker, type PickerStep } from '../../utils/features/teach/picker';
import { agent, agentClick } from './agent-events';

const STEPS: PickerStep[] = [
  { key: 'input', label: '点击回复输入框' },
  { key: 'customerMessage', label: '点击一条客户消息' },
  { key: 'agentMessage', label: '点击一条客服消息' },
  { key: 'title', label: '点击会话标题（客户昵称）', optional: true },
];

let pageClicks: string[];
let pageKeys: string[];
let picker: Picker | undefined;
/** The picker's closed shadow root, caught as it is created: tests read the overlay like the agent sees it. */
let shadow: ShadowRoot | undefined;
let page: AbortController;

beforeEach(() => {
  document.body.innerHTML = `
    <ul class="conversations"><li data-id="c1">王女士</li><li data-id="c2">李先生</li></ul>
    <h2 class="title">王女士</h2>
    <div class="thread"><div class="msg left"><p>在吗</p></div><div class="msg right"><p>您好</p></div></div>
    <div class="composer" contenteditable="true"><p>草稿</p></div>
    <button class="send">发送</button>`;
  pageClicks = [];
  pageKeys = [];
  // The console's own handlers, as a framework would register them (bubbling, on the document and on elements).
  page = new AbortController();
  const { signal } = page;
  document.addEventListener(
    'click',
    (e) => pageClicks.push(`doc:${(e.target as Element).className || (e.target as Element).tagName}`),
    { signal },
  );
  document.addEventListener('mousedown', () => pageClicks.push('mousedown'), { signal });
  document.querySelector('.send')!.addEventListener('click', () => pageClicks.push('send'));
  document.addEventListener('keydown', (e) => pageKeys.push(e.key), { signal });
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    shadow = attach.call(this, init);
    return shadow;
  });
});

afterEach(() => {
  page.abort();
  picker?.stop();
  picker = undefined;
  shadow = undefined;
  vi.restoreAllMocks();
});

const el = (sel: string) => document.querySelector(sel)!;
const overlay = () => document.querySelector('[data-huashu-ui="teach"]');
const instruction = () => shadow!.querySelector('.label')!.textContent;
const skipButton = () => shadow!.querySelector<HTMLButtonElement>('.skip')!;

/** A real click's sequence of events, on the element under the pointer: the agent's, or (`byPage`) a page script's imitation. */
function click(target: Element, byPage = false) {
  const init = { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 300 };
  const as = <E extends Event>(e: E) => (byPage ? e : agent(e));
  target.dispatchEvent(as(new PointerEvent('pointerdown', init)));
  target.dispatchEvent(as(new MouseEvent('mousedown', init)));
  target.dispatchEvent(as(new PointerEvent('pointerup', init)));
  target.dispatchEvent(as(new MouseEvent('mouseup', init)));
  return target.dispatchEvent(as(new MouseEvent('click', init)));
}

function key(k: string, byPage = false) {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, composed: true });
  return document.body.dispatchEvent(byPage ? e : agent(e));
}

function start(steps = STEPS) {
  const onDone = vi.fn<(picked: Record<string, Element>) => void>();
  const onCancel = vi.fn();
  picker = startPicker({ doc: document, steps, onDone, onCancel });
  return { onDone, onCancel };
}

describe('teach picker', () => {
  it('shows the step in an isolated overlay and advances on click, without the console seeing the clicks', () => {
    const { onDone, onCancel } = start();
    expect(overlay()).not.toBeNull();
    expect(instruction()).toBe('点击回复输入框');
    expect(shadow!.querySelector('.progress')!.textContent).toContain('1/4');

    const notCancelled = click(el('.composer p'));
    expect(notCancelled).toBe(false); // default prevented: no focus, no caret moved in the console
    expect(instruction()).toBe('点击一条客户消息');
    click(el('.msg.left p'));
    click(el('.send')); // pointing at the send button sends nothing
    expect(instruction()).toBe('点击会话标题（客户昵称）');
    click(el('.title'));

    expect(pageClicks).toEqual([]);
    expect(onCancel).not.toHaveBeenCalled();
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone.mock.calls[0]![0]).toEqual({
      input: el('.composer p'),
      customerMessage: el('.msg.left p'),
      agentMessage: el('.send'),
      title: el('.title'),
    });
    expect(overlay()).toBeNull();

    click(el('.send')); // finished: the console has its clicks back
    expect(pageClicks).toEqual(['mousedown', 'send', 'doc:send']);
  });

  it('highlights what is under the pointer, through resolve, and never itself', () => {
    const editingHost = (e: Element) => e.closest('[contenteditable]');
    start([{ key: 'input', label: '点击回复输入框', resolve: editingHost }]);
    const box = shadow!.querySelector<HTMLElement>('.box')!;
    expect(box.style.display).not.toBe('block');
    el('.composer p').dispatchEvent(
      agent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: 5, clientY: 300 })),
    );
    expect(box.style.display).toBe('block');
    el('.title').dispatchEvent(
      agent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: 5, clientY: 300 })),
    );
    expect(box.style.display).toBe('none'); // resolve says the title is not a reply box
    click(el('.title')); // ... so clicking it picks nothing
    expect(instruction()).toBe('点击回复输入框');
    expect(pageClicks).toEqual([]);
  });

  it('takes the resolved element: the editing host for a paragraph inside a rich editor', () => {
    const { onDone } = start([
      { key: 'input', label: '点击回复输入框', resolve: (e) => e.closest('[contenteditable]') },
    ]);
    click(el('.composer p'));
    expect(onDone).toHaveBeenCalledWith({ input: el('.composer') });
  });

  it('goes back a step on Backspace, without the console losing a character', () => {
    const { onDone } = start();
    click(el('.composer'));
    click(el('.msg.right p')); // wrong message
    expect(instruction()).toBe('点击一条客服消息');
    expect(key('Backspace')).toBe(false);
    expect(instruction()).toBe('点击一条客户消息');
    expect(key('Backspace')).toBe(false);
    expect(instruction()).toBe('点击回复输入框');
    key('Backspace'); // nothing before the first step
    expect(instruction()).toBe('点击回复输入框');
    click(el('.composer'));
    click(el('.msg.left p'));
    click(el('.msg.right p'));
    agentClick(skipButton());
    expect(onDone).toHaveBeenCalledWith({
      input: el('.composer'),
      customerMessage: el('.msg.left p'),
      agentMessage: el('.msg.right p'),
    });
    expect(pageKeys).toEqual([]);
  });

  it('offers 跳过 only on optional steps', () => {
    const { onDone } = start();
    expect(skipButton().hidden).toBe(true);
    expect(skipButton().textContent).toBe('跳过');
    agentClick(skipButton()); // not optional: nothing happens
    expect(instruction()).toBe('点击回复输入框');
    click(el('.composer'));
    click(el('.msg.left'));
    click(el('.msg.right'));
    expect(skipButton().hidden).toBe(false);
    expect(shadow!.querySelector('.hint')!.textContent).toContain('Enter 跳过');
    expect(key('Enter')).toBe(false); // skipped, and the console's reply box never saw the Enter
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(Object.keys(onDone.mock.calls[0]![0])).toEqual(['input', 'customerMessage', 'agentMessage']);
    expect(overlay()).toBeNull();
  });

  it('cancels on Esc and on 取消, and removes everything', () => {
    const first = start();
    click(el('.composer'));
    expect(key('Escape')).toBe(false);
    expect(first.onCancel).toHaveBeenCalledTimes(1);
    expect(first.onDone).not.toHaveBeenCalled();
    expect(overlay()).toBeNull();
    expect(pageKeys).toEqual([]);

    const second = start();
    agentClick(shadow!.querySelector<HTMLButtonElement>('.cancel')!);
    expect(second.onCancel).toHaveBeenCalledTimes(1);
    expect(overlay()).toBeNull();

    // No listener left behind: keys and clicks reach the console, and nothing calls back.
    key('Escape');
    click(el('.send'));
    expect(first.onCancel).toHaveBeenCalledTimes(1);
    expect(second.onCancel).toHaveBeenCalledTimes(1);
    expect(pageKeys).toEqual(['Escape']);
    expect(pageClicks).toEqual(['mousedown', 'send', 'doc:send']);
  });

  it('a page script cannot point, pick, step back or cancel for the agent', () => {
    const { onDone, onCancel } = start();
    const box = shadow!.querySelector<HTMLElement>('.box')!;
    el('.composer p').dispatchEvent(
      new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: 5, clientY: 300 }),
    );
    expect(box.style.display).not.toBe('block');
    click(el('.composer'), true);
    expect(instruction()).toBe('点击回复输入框');
    click(el('.composer'));
    key('Backspace', true);
    key('Escape', true);
    expect(instruction()).toBe('点击一条客户消息');
    shadow!.querySelector<HTMLButtonElement>('.cancel')!.click();
    expect(overlay()).not.toBeNull();
    expect(onDone).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('removes the overlay and its listeners on stop() and on abort, calling neither callback', () => {
    const { onDone, onCancel } = start();
    picker!.stop();
    expect(overlay()).toBeNull();
    click(el('.send'));
    key('Escape');
    expect(pageClicks).toContain('send');
    expect(onDone).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();

    const abort = new AbortController();
    const callbacks = { onDone: vi.fn(), onCancel: vi.fn() };
    startPicker({ doc: document, steps: STEPS, signal: abort.signal, ...callbacks });
    expect(overlay()).not.toBeNull();
    abort.abort();
    expect(overlay()).toBeNull();
    key('Escape');
    expect(callbacks.onCancel).not.toHaveBeenCalled();

    const aborted = new AbortController();
    aborted.abort();
    startPicker({ doc: document, steps: STEPS, signal: aborted.signal, ...callbacks });
    expect(overlay()).toBeNull();
  });

  it('keeps its styles to itself', () => {
    start();
    const host = overlay() as HTMLElement;
    expect(host.getAttribute('style')).toContain('pointer-events: none');
    expect(host.shadowRoot).toBeNull(); // closed: the console's scripts cannot reach in
    expect(shadow!.querySelector('style')!.textContent).toContain('.box');
    expect(document.head.querySelector('style')).toBeNull();
  });
});
