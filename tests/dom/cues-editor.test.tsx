import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CuesEditor } from '../../components/CuesEditor';
import { translator } from '../../utils/i18n';

afterEach(cleanup);
const t = translator('zh-CN');

describe('客户常说 in the editor', () => {
  it('shows a situation’s wording as text, and saves what the agent typed as cues', () => {
    const onSave = vi.fn();
    render(
      <CuesEditor t={t} situationKey="personal/s1" cues={[{ words: ['包邮吗', '包游'] }]} editable onSave={onSave} />,
    );
    const box = screen.getByLabelText(/客户常说/) as HTMLTextAreaElement;
    expect(box.value).toBe('包邮吗、包游');
    expect(screen.getByText('2 个说法')).toBeTruthy();
    const save = screen.getByTestId('cues-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing changed yet
    fireEvent.change(box, { target: { value: '包邮吗、包游，运费多少\n没发货 #可否认' } });
    fireEvent.click(save);
    expect(onSave).toHaveBeenCalledWith([
      { words: ['包邮吗', '包游', '运费多少'] },
      { words: ['没发货'], negatable: true },
    ]);
  });

  it('shows a pack’s wording read-only, with no save button', () => {
    render(<CuesEditor t={t} situationKey="default/ship-time" cues={['几号发']} editable={false} onSave={() => {}} />);
    expect((screen.getByLabelText(/客户常说/) as HTMLTextAreaElement).readOnly).toBe(true);
    expect(screen.queryByTestId('cues-save')).toBeNull();
    expect(screen.getByText(/由发布者维护/)).toBeTruthy();
  });
});
