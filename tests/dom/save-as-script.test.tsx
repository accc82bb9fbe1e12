import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SaveAsScript } from '../../components/SaveAsScript';
import { translator } from '../../utils/i18n';

afterEach(cleanup);
const t = translator('zh-CN');
const situations = [
  { key: 'default.zh-CN/logistics-track', label: '物流 › 查询物流' },
  { key: 'default.zh-CN/ship-time', label: '物流 › 催发货/发货时间' },
];

describe('存为话术', () => {
  it('offers the customer’s parts as placeholders, pre-selects the detected situation and saves', () => {
    const onSave = vi.fn();
    render(
      <SaveAsScript
        t={t}
        text="王先生您好，订单 3301234567890123 明天上午发出，运费 12元 已为您免去。"
        source="draft"
        situations={situations}
        detected="default.zh-CN/ship-time"
        onSave={onSave}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByText('来自回复框')).toBeTruthy();
    expect(screen.getByTestId('save-as-preview').textContent).toBe(
      '{客户称呼}您好，订单 {订单号} 明天上午发出，运费 {金额} 已为您免去。',
    );
    expect((screen.getByLabelText('情景') as HTMLSelectElement).value).toBe('default.zh-CN/ship-time');
    // the amount stays as written
    fireEvent.click(screen.getByLabelText('12元 → {金额}'));
    expect(screen.getByTestId('save-as-preview').textContent).toContain('运费 12元');
    fireEvent.click(screen.getByText('保存到我的话术'));
    expect(onSave).toHaveBeenCalledWith({
      title: '订单 明天上午发出',
      body: '{客户称呼}您好，订单 {订单号} 明天上午发出，运费 12元 已为您免去。',
      situationKey: 'default.zh-CN/ship-time',
    });
  });

  it('says when it comes from the agent’s sent message', () => {
    render(
      <SaveAsScript
        t={t}
        text="亲，已为您备注加急"
        source="sent"
        situations={situations}
        onSave={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(screen.getByText('来自你刚发出的消息')).toBeTruthy();
    expect((screen.getByLabelText('情景') as HTMLSelectElement).value).toBe('default.zh-CN/logistics-track');
  });
});
