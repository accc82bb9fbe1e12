import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChipScript } from '../../utils/messaging/protocol';
import { ChipsView, type ChipLabels } from '../../utils/features/chips/view';
import { agentClick } from './agent-events';

const LABELS: ChipLabels = { title: '推荐', chipHint: '{situation} · 点击插入', close: '收起推荐（Esc）' };
const chip = (over: Partial<ChipScript> = {}): ChipScript => ({
  key: 'p/a',
  title: '请拍包装和破损',
  situation: '方案说明 / 物流损坏',
  detected: 'p/sol-transit-damage',
  ...over,
});
const BOX = { left: 100, top: 500, right: 600, bottom: 560 };

afterEach(() => document.documentElement.querySelectorAll('[data-huashu-ui]').forEach((n) => n.remove()));

/** The closed root, reached the only way a test can: through the view's private field. */
const rootOf = (v: ChipsView) => (v as unknown as { root: ShadowRoot }).root;

function make() {
  const events = { pick: vi.fn(), dismiss: vi.fn() };
  return { v: new ChipsView(document, LABELS, events), events };
}

describe('chips view', () => {
  it('lives in a closed shadow root: the page sees only an empty host, and nothing until shown', () => {
    const { v } = make();
    expect(document.querySelector('[data-huashu-ui]')).toBeNull();
    v.show([chip()], BOX);
    const host = document.querySelector('[data-huashu-ui="chips"]') as HTMLElement;
    expect(host).toBe(v.host);
    expect(host.shadowRoot).toBeNull();
    expect(host.textContent).toBe('');
  });

  it('shows titles as text: HTML in a title never becomes elements', () => {
    const { v } = make();
    const evil = '<img src=x onerror="alert(1)"><b>退款</b>';
    v.show([chip({ title: evil, situation: '<i>x</i>' }), chip({ key: 'p/b', title: '免费补发' })], BOX);
    const root = rootOf(v);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('i')).toBeNull();
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.chip')];
    expect(buttons.map((b) => b.textContent)).toEqual([evil, '免费补发']);
    expect(buttons[0]!.title).toBe('<i>x</i> · 点击插入');
    expect(buttons.map((b) => b.dataset.key)).toEqual(['p/a', 'p/b']);
  });

  it('never takes focus: chips are out of the tab order and a press does not move focus', () => {
    const { v, events } = make();
    const box = document.createElement('textarea');
    document.body.append(box);
    box.focus();
    v.show([chip()], BOX);
    const button = rootOf(v).querySelector<HTMLButtonElement>('.chip')!;
    expect(button.tabIndex).toBe(-1);
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    button.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    button.click(); // a page script's click: nothing
    expect(events.pick).not.toHaveBeenCalled();
    agentClick(button);
    expect(events.pick).toHaveBeenCalledWith(0);
    expect(document.activeElement).toBe(box);
    box.remove();
  });

  it('sits above the reply box, below it when there is no room above, and away from the send button', () => {
    const { v } = make();
    v.show([chip()], BOX);
    const row = rootOf(v).querySelector<HTMLElement>('.row')!;
    expect(row.dataset.side).toBe('above');
    expect(parseFloat(row.style.top)).toBeLessThan(BOX.top);
    v.show([chip()], { left: 100, top: 10, right: 600, bottom: 70 });
    const low = rootOf(v).querySelector<HTMLElement>('.row')!;
    expect(low.dataset.side).toBe('below');
    expect(parseFloat(low.style.top)).toBeGreaterThanOrEqual(70);
  });

  it('the close button dismisses; hide removes everything; an empty list shows nothing', () => {
    const { v, events } = make();
    v.show([chip()], BOX);
    rootOf(v).querySelector<HTMLButtonElement>('.close')!.click();
    expect(events.dismiss).not.toHaveBeenCalled();
    agentClick(rootOf(v).querySelector<HTMLButtonElement>('.close')!);
    expect(events.dismiss).toHaveBeenCalled();
    v.hide();
    expect(v.visible).toBe(false);
    expect(v.host.isConnected).toBe(false);
    v.show([], BOX);
    expect(v.host.isConnected).toBe(false);
  });

  it('a failure message is text and leaves the chips in place', () => {
    const { v } = make();
    v.show([chip()], BOX);
    v.showMessage('<b>插入失败</b>');
    const root = rootOf(v);
    expect(root.querySelector('.message')!.textContent).toBe('<b>插入失败</b>');
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelectorAll('.chip')).toHaveLength(1);
  });
});
