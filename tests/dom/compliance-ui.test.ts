/** The warning beside the reply box and the blocked-send confirm, as the agent meets them. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComplianceUi } from '../../utils/features/compliance-note/view';
import { agent, agentClick } from './agent-events';

/** The note's closed root, caught as it is created: what the agent sees (the page cannot). */
let root: ShadowRoot | null = null;
const attach = Element.prototype.attachShadow;
beforeEach(() => {
  root = null;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    root = attach.call(this, init);
    return root;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
  document.documentElement.querySelectorAll('[data-huashu-ui]').forEach((n) => n.remove());
});

const host = () => document.querySelector<HTMLElement>('[data-huashu-ui="compliance"]');

describe('compliance warning UI', () => {
  it('shows markup-looking text as text, announces politely, and never takes focus from the reply box', () => {
    const box = document.createElement('textarea');
    document.body.append(box);
    box.focus();
    const onSuggest = vi.fn();
    const ui = new ComplianceUi(document, onSuggest);
    ui.warn(
      box,
      [
        {
          text: '「<b>加微信</b>」属于 站外联系',
          tryLabel: '可改用：',
          suggested: [{ key: 'p/s1', title: '30分钟内回电' }],
        },
      ],
      true,
      '',
    );
    const status = root!.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain('「<b>加微信</b>」属于 站外联系');
    expect(status.querySelector('b')).toBeNull();
    const suggestion = status.querySelector('button')!;
    expect(suggestion.tabIndex).toBe(-1);
    agentClick(suggestion);
    expect(onSuggest).toHaveBeenCalledWith('p/s1');
    expect(document.activeElement).toBe(box);

    ui.warn(box, [], false, '');
    expect(host()).toBeNull();
  });

  it('is closed to the page: no shadow root to read, no script title on the host, and a page .click() on a suggestion does nothing', () => {
    const box = document.createElement('textarea');
    document.body.append(box);
    const onSuggest = vi.fn();
    const ui = new ComplianceUi(document, onSuggest);
    ui.warn(
      box,
      [{ text: '「加微信」属于 站外联系', tryLabel: '可改用：', suggested: [{ key: 'p/s1', title: '30分钟内回电' }] }],
      false,
      '点击替换',
    );
    const h = host()!;
    expect(h.shadowRoot).toBeNull();
    expect(h.textContent).toBe('');
    expect(h.outerHTML).not.toContain('30分钟内回电');
    expect(h.outerHTML).not.toContain('p/s1');
    root!.querySelector('button')!.click();
    expect(onSuggest).not.toHaveBeenCalled();
    expect(ui.rect()).not.toBeNull();
  });

  it('confirm: focus on 返回修改, and each choice calls back once and closes; the page cannot choose', () => {
    const box = document.createElement('div');
    document.body.append(box);
    const ui = new ComplianceUi(document, () => undefined);
    const back = vi.fn();
    const send = vi.fn();
    ui.confirm(
      box,
      { question: '包含禁用语「加微信」（站外联系），确定要发送吗？', back: '返回修改', send: '仍然发送' },
      back,
      send,
    );
    const dialog = root!.querySelector('[role="alertdialog"]') as HTMLElement;
    expect(dialog.hidden).toBe(false);
    expect(root!.activeElement?.textContent).toBe('返回修改');
    const sendButton = dialog.querySelector('[data-testid="compliance-send"]') as HTMLElement;
    sendButton.click();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(send).not.toHaveBeenCalled();
    expect(back).not.toHaveBeenCalled();
    agentClick(sendButton);
    expect(send).toHaveBeenCalledTimes(1);
    expect(back).not.toHaveBeenCalled();
    expect(dialog.hidden).toBe(true);
  });

  it('Esc is 返回修改, even after other keys', () => {
    const box = document.createElement('div');
    document.body.append(box);
    const ui = new ComplianceUi(document, () => undefined);
    const back = vi.fn();
    ui.confirm(box, { question: '?', back: '返回修改', send: '仍然发送' }, back, () => undefined);
    const dialog = root!.querySelector('[role="alertdialog"]') as HTMLElement;
    dialog.dispatchEvent(agent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true })));
    dialog.dispatchEvent(agent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(back).toHaveBeenCalledTimes(1);
    expect(dialog.hidden).toBe(true);
  });
});
