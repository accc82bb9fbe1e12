/** The warning beside the reply box and the blocked-send confirm, as the agent meets them. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComplianceUi } from '../../entrypoints/content/compliance-ui';

const shadow = () => document.querySelector('huashu-compliance')?.shadowRoot ?? null;

afterEach(() => document.body.replaceChildren());

describe('compliance warning UI', () => {
  it('shows markup-looking text as text, announces politely, and never takes focus from the reply box', () => {
    const box = document.createElement('textarea');
    document.body.append(box);
    box.focus();
    const onSuggest = vi.fn();
    const ui = new ComplianceUi(document, onSuggest);
    ui.warn(box, [{ text: '「<b>加微信</b>」属于 站外联系', tryLabel: '可改用：', suggested: [{ key: 'p/s1', title: '30分钟内回电' }] }], true, '');
    const status = shadow()!.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain('「<b>加微信</b>」属于 站外联系');
    expect(status.querySelector('b')).toBeNull();
    const suggestion = status.querySelector('button')!;
    expect(suggestion.tabIndex).toBe(-1);
    suggestion.click();
    expect(onSuggest).toHaveBeenCalledWith('p/s1');
    expect(document.activeElement).toBe(box);

    ui.warn(box, [], false, '');
    expect(document.querySelector('huashu-compliance')).toBeNull();
  });

  it('confirm: focus on 返回修改, and each choice calls back once and closes', () => {
    const box = document.createElement('div');
    document.body.append(box);
    const ui = new ComplianceUi(document, () => undefined);
    const back = vi.fn();
    const send = vi.fn();
    ui.confirm(box, { question: '包含禁用语「加微信」（站外联系），确定要发送吗？', back: '返回修改', send: '仍然发送' }, back, send);
    const dialog = shadow()!.querySelector('[role="alertdialog"]') as HTMLElement;
    expect(dialog.hidden).toBe(false);
    expect(shadow()!.activeElement?.textContent).toBe('返回修改');
    (dialog.querySelector('[data-testid="compliance-send"]') as HTMLElement).click();
    expect(send).toHaveBeenCalledTimes(1);
    expect(back).not.toHaveBeenCalled();
    expect(dialog.hidden).toBe(true);
  });
});
