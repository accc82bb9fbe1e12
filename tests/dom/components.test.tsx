import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Highlight } from '../../components/Highlight';
import { Notice } from '../../components/Notice';
import { PlaceholderForm } from '../../components/PlaceholderForm';
import { ScriptList } from '../../components/ScriptList';
import { buildSituationTree, SituationTree, subtreeKeys } from '../../components/SituationTree';

afterEach(cleanup);

const situations = [
  { key: 'p/after', name: '售后', parentKey: null, order: 2 },
  { key: 'p/q', name: '质量问题', parentKey: 'p/after', order: 1 },
  { key: 'p/wl', name: '物流损坏', parentKey: 'p/after', order: 2 },
  { key: 'p/hi', name: '开场', parentKey: null, order: 1 },
];

describe('situation tree', () => {
  it('orders groups, counts scripts including sub-situations, and selects', () => {
    const tree = buildSituationTree(
      situations,
      new Map([
        ['p/q', 3],
        ['p/wl', 2],
        ['p/hi', 1],
      ]),
    );
    expect(tree.map((n) => [n.name, n.count])).toEqual([
      ['开场', 1],
      ['售后', 5],
    ]);
    expect([...subtreeKeys(tree, 'p/after')].sort()).toEqual(['p/after', 'p/q', 'p/wl']);
    const onSelect = vi.fn();
    const onToggle = vi.fn();
    render(
      <SituationTree
        nodes={tree}
        selected={null}
        expanded={new Set()}
        allLabel="全部情景"
        total={6}
        onSelect={onSelect}
        onToggle={onToggle}
      />,
    );
    expect(screen.queryByText('质量问题')).toBeNull(); // collapsed
    fireEvent.click(screen.getByText('售后'));
    expect(onSelect).toHaveBeenCalledWith('p/after');
    expect(onToggle).toHaveBeenCalledWith('p/after');
  });
});

describe('script list', () => {
  // happy-dom lays nothing out: give every element the size of a side panel's list.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(320);
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows title, shortcut, situation and purpose; click inserts, the copy button copies', () => {
    const onInsert = vi.fn();
    const onCopy = vi.fn();
    const item = {
      key: 'p/1',
      title: '破损致歉',
      body: '非常抱歉，包裹破损了',
      purpose: '先致歉再处理',
      shortcut: 'ps1',
      situation: '售后 / 物流损坏',
    };
    render(
      <ScriptList
        count={1}
        itemAt={(i) => [item][i]}
        activeIndex={0}
        labels={{ insert: '插入', copy: '复制', shortcut: '快捷码' }}
        onInsert={onInsert}
        onCopy={onCopy}
        onHover={() => {}}
      />,
    );
    expect(screen.getByText('/ps1')).toBeTruthy();
    expect(screen.getByText('先致歉再处理')).toBeTruthy();
    fireEvent.click(screen.getByText('破损致歉'));
    expect(onInsert).toHaveBeenCalledWith(item);
    fireEvent.click(screen.getByRole('button', { name: '复制 破损致歉' }));
    expect(onCopy).toHaveBeenCalledWith(item);
    expect(onInsert).toHaveBeenCalledTimes(1);
  });

  it('puts only the rows on screen in the page, however long the list, and asks for the items they show', () => {
    const onRange = vi.fn();
    const itemAt = vi.fn((i: number) => ({
      key: `p/${i}`,
      title: `话术 ${i}`,
      body: '正文',
      purpose: '',
      situation: '售后',
    }));
    const { container } = render(
      <ScriptList
        count={200_000}
        itemAt={itemAt}
        activeIndex={0}
        labels={{ insert: '', copy: '', shortcut: '' }}
        onInsert={() => {}}
        onCopy={() => {}}
        onHover={() => {}}
        onRange={onRange}
      />,
    );
    const rows = container.querySelectorAll('li.script');
    expect(rows.length).toBeGreaterThan(0);
    // happy-dom measures every row as 0 px high, so more rows fit than in a browser: still a screenful, not the list.
    expect(rows.length).toBeLessThan(200);
    expect(itemAt.mock.calls.length).toBeLessThan(1000);
    expect(onRange).toHaveBeenCalledWith(0, rows.length - 1);
  });

  it('renders a hostile body as text, never as HTML', () => {
    const body = '<img src=x onerror="window.pwned=1"><b>粗体</b>';
    const { container } = render(
      <ScriptList
        count={1}
        itemAt={() => ({ key: 'k', title: 't', body, purpose: '', situation: '' })}
        activeIndex={0}
        labels={{ insert: '', copy: '', shortcut: '' }}
        onInsert={() => {}}
        onCopy={() => {}}
        onHover={() => {}}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain(body);
  });
});

describe('highlight', () => {
  it('marks matched ranges and clips long text', () => {
    const { container } = render(
      <Highlight
        text="包裹被压扁了怎么办"
        ranges={[
          [0, 2],
          [3, 5],
        ]}
        max={6}
      />,
    );
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['包裹', '压扁']);
    expect(container.textContent).toBe('包裹被压扁了…');
  });
});

describe('placeholder form', () => {
  const fields = [
    { name: '订单号', label: '订单号', example: '2026…', initial: '' },
    { name: '客户称呼', label: '客户称呼', example: '王女士', initial: '' },
  ];
  const labels = { confirm: '插入', cancel: '取消', required: '请填写' };

  it('does not submit until every field has a value, then submits trimmed values', () => {
    const onSubmit = vi.fn();
    render(<PlaceholderForm title="填写" fields={fields} labels={labels} onSubmit={onSubmit} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('订单号'), { target: { value: ' 123 ' } });
    fireEvent.click(screen.getByText('插入'));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请填写')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('客户称呼'), { target: { value: '王女士' } });
    fireEvent.submit(screen.getByLabelText('订单号').closest('form')!);
    expect(onSubmit).toHaveBeenCalledWith({ 订单号: '123', 客户称呼: '王女士' });
  });

  it('asks for placeholders named after Object.prototype keys like any other', () => {
    const onSubmit = vi.fn();
    const proto = ['constructor', 'toString', '__proto__'].map((name) => ({
      name,
      label: name,
      example: '',
      initial: '',
    }));
    render(<PlaceholderForm title="填写" fields={proto} labels={labels} onSubmit={onSubmit} onCancel={() => {}} />);
    // Empty at first: nothing shows a function's source.
    for (const f of proto) expect((screen.getByLabelText(f.name) as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByText('插入'));
    expect(onSubmit).not.toHaveBeenCalled();
    for (const f of proto) fireEvent.change(screen.getByLabelText(f.name), { target: { value: `值${f.name}` } });
    fireEvent.click(screen.getByText('插入'));
    const values = onSubmit.mock.calls[0]![0] as Record<string, string>;
    for (const f of proto) expect(Object.hasOwn(values, f.name) && values[f.name]).toBe(`值${f.name}`);
  });

  it('cancels on Escape', () => {
    const onCancel = vi.fn();
    render(<PlaceholderForm title="填写" fields={fields} labels={labels} onSubmit={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByLabelText('订单号'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('notice', () => {
  it('lists the errors under the message, each as plain text', () => {
    render(
      <Notice tone="error" testId="n" errors={['第 3 行：缺少标题', '<b>第 7 行</b>']}>
        导入失败
      </Notice>,
    );
    const notice = screen.getByTestId('n');
    expect(notice.getAttribute('role')).toBe('alert');
    expect([...notice.querySelectorAll('ul.errors li')].map((li) => li.textContent)).toEqual([
      '第 3 行：缺少标题',
      '<b>第 7 行</b>',
    ]);
    expect(notice.querySelector('b')).toBeNull();
  });

  it('shows no list without errors', () => {
    render(
      <Notice tone="ok" testId="n">
        已导入
      </Notice>,
    );
    expect(screen.getByTestId('n').querySelector('ul')).toBeNull();
  });
});
