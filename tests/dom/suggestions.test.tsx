/**
 * Suggestions in the page and the panel: the content script reads the last messages' text
 * within bounds; the panel's block shows the situations and scripts as plain text and
 * inserts on click.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SuggestionList, type SuggestionItem } from '../../components/SuggestionList';
import { DEMO_CONSOLE_RULE } from '../../utils/sites/builtin';
import { messageList, readMessageTexts } from '../../utils/sites/reader';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

function consoleWith(messages: [id: string, from: 'customer' | 'agent' | 'system', text: string][]) {
  document.body.innerHTML = `
    <div data-role="message-list">
      ${messages
        .map(
          ([id, from]) =>
            `<div data-role="message" data-from="${from}" data-message-id="${id}"><span class="meta">12:00</span><span data-role="message-text"></span></div>`,
        )
        .join('')}
    </div>`;
  // Text set as text, like a console would render it.
  messages.forEach(
    ([id, , text]) =>
      (document.querySelector(`[data-message-id="${id}"] [data-role="message-text"]`)!.textContent = text),
  );
  return messageList(DEMO_CONSOLE_RULE, document)!;
}

describe('reading message text for suggestions', () => {
  it('reads the last messages of both sides through the rule’s text selector, skipping system notes', () => {
    const list = consoleWith([
      ['m1', 'customer', '在吗'],
      ['m2', 'system', '客户从订单页进入'],
      ['m3', 'agent', '您好，请问有什么可以帮您？'],
      ['m4', 'customer', '杯子碎了'],
    ]);
    expect(readMessageTexts(DEMO_CONSOLE_RULE, list)).toEqual([
      { id: 'm1', from: 'customer', at: null, text: '在吗' },
      { id: 'm3', from: 'agent', at: null, text: '您好，请问有什么可以帮您？' },
      { id: 'm4', from: 'customer', at: null, text: '杯子碎了' },
    ]);
  });

  it('keeps at most the last few messages, each cut to the limit', () => {
    const list = consoleWith(
      Array.from(
        { length: 10 },
        (_, i) => [`m${i}`, 'customer', `消息${i}`.padEnd(800, '啊')] as [string, 'customer', string],
      ),
    );
    const got = readMessageTexts(DEMO_CONSOLE_RULE, list, 6, 500);
    expect(got.map((m) => m.id)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(Math.max(...got.map((m) => m.text.length))).toBe(500);
  });
});

describe('the suggestion block', () => {
  const item = (key: string, title: string, body: string): SuggestionItem => ({
    key,
    title,
    body,
    purpose: '',
    situation: '方案说明 / 物流损坏',
    detectedSituation: 'p/sol-transit-damage',
    reason: '客户说了“碎了”',
  });
  const labels = { title: '推荐回复', detected: '识别为：', hint: '点击插入', insert: '插入', copy: '复制' };

  it('names the detected situations, shows scripts with their reason, and inserts on click', () => {
    const onInsert = vi.fn();
    const onCopy = vi.fn();
    const items = [
      item('p/a', '请拍包装和破损', '麻烦您拍一下外包装'),
      item('p/b', '免费补发', '<img src=x onerror=alert(1)>'),
    ];
    render(
      <SuggestionList
        forMessage="m4"
        situations={[{ id: 'p/sol-transit-damage', name: '物流损坏' }]}
        items={items}
        activeIndex={0}
        labels={labels}
        onInsert={onInsert}
        onCopy={onCopy}
        onHover={() => undefined}
      />,
    );
    expect(screen.getByTestId('suggested-situations').textContent).toBe('识别为：物流损坏');
    expect(screen.getAllByText('客户说了“碎了”')).toHaveLength(2);
    // Script text is text, never markup.
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByText('请拍包装和破损'));
    expect(onInsert).toHaveBeenCalledWith(items[0]);
    fireEvent.click(screen.getByLabelText('复制 免费补发'));
    expect(onCopy).toHaveBeenCalledWith(items[1]);
    expect(screen.getByTestId('suggestions').getAttribute('data-for-message')).toBe('m4');
    expect(document.querySelector('[aria-selected="true"]')?.getAttribute('data-script-key')).toBe('p/a');
  });
});
