import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaletteHit } from '../../utils/messaging/protocol';
import { detectTrigger } from '../../utils/features/inline-trigger/trigger';
import { textBeforeCaret } from '../../utils/features/inline-trigger/caret-position';
import { highlighted, PaletteView } from '../../utils/features/palette/view';
import { TEST_LABELS } from './palette-labels';

const hit = (over: Partial<PaletteHit> = {}): PaletteHit => ({
  key: 'p/a',
  title: '退货说明',
  body: '您好，支持七天无理由退货。',
  purpose: '告诉客户退货规则',
  situation: '方案说明 / 七天无理由',
  highlights: {},
  ...over,
});

afterEach(() => document.documentElement.querySelectorAll('[data-huashu-ui]').forEach((n) => n.remove()));

function view(events = { pick: vi.fn(), hover: vi.fn(), dismiss: vi.fn() }) {
  return { v: new PaletteView(document, TEST_LABELS, events), events };
}

describe('palette view', () => {
  it('lives in a closed shadow root: the page sees only an empty host', () => {
    const { v } = view();
    v.openPalette();
    const host = document.querySelector('[data-huashu-ui]') as HTMLElement;
    expect(host).toBe(v.host);
    expect(host.shadowRoot).toBeNull();
    expect(host.textContent).toBe('');
    expect(host.style.zIndex).toBe('2147483647');
  });

  it('shows script text as text: HTML in a script never becomes elements', () => {
    const parent = document.createElement('div');
    highlighted(document, parent, '<img src=x onerror=alert(1)>退货', [[28, 30]]);
    expect(parent.querySelector('img')).toBeNull();
    expect(parent.textContent).toBe('<img src=x onerror=alert(1)>退货');
    expect(parent.querySelector('mark')?.textContent).toBe('退货');
  });

  it('marks highlights, ignores ranges outside the text, and keeps the text whole', () => {
    const parent = document.createElement('div');
    highlighted(document, parent, '七天无理由退货', [
      [5, 7],
      [0, 2],
      [40, 50],
      [3, 3],
    ]);
    expect([...parent.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['七天', '退货']);
    expect(parent.textContent).toBe('七天无理由退货');
  });

  it('closing removes the host from the page', () => {
    const { v } = view();
    v.openPalette();
    v.setHits([hit(), hit({ key: 'p/b', title: '换货说明' })]);
    expect(v.count).toBe(2);
    v.setActive(-1);
    expect(v.active).toBe(1); // wraps around
    v.close();
    expect(document.querySelector('[data-huashu-ui]')).toBeNull();
    expect(v.isOpen).toBe(false);
  });

  it('the inline list says Space inserts only on a first script whose code is exactly what was typed', () => {
    const { v } = view();
    const box = { left: 10, top: 10, bottom: 30 } as never;
    v.openInline(box);
    const titles = () => [...v.scratch.querySelectorAll('.item .title')].map((t) => t.textContent);
    v.setHits([hit({ shortcut: 'th1', exactShortcut: true }), hit({ key: 'p/b', shortcut: 'th12' })]);
    expect(titles()).toEqual(['退货说明/th1space', '退货说明/th12']);
    v.setHits([hit({ shortcut: 'th12' }), hit({ key: 'p/b', shortcut: 'th1', exactShortcut: true })]);
    expect(titles()).toEqual(['退货说明/th12', '退货说明/th1']);
    // The palette takes Space as text of its search box: no such promise there.
    v.openPalette();
    v.setHits([hit({ shortcut: 'th1', exactShortcut: true })]);
    expect(titles()).toEqual(['退货说明/th1']);
  });

  it('the placeholder form asks for every value before submitting', () => {
    const { v } = view();
    v.openPalette();
    v.setHits([hit()]);
    const submit = vi.fn();
    v.showForm('不适用说明', [{ name: '商品', label: '商品名称', example: '保温杯', initial: '' }], submit);
    expect(v.formOpen).toBe(true);
    v.submitForm();
    expect(submit).not.toHaveBeenCalled();
  });
});

describe('text before the caret', () => {
  it('reads the current line of a textarea up to the caret', () => {
    const ta = document.createElement('textarea');
    document.body.append(ta);
    ta.value = '第一行 http://a/b\n您好，/退货 后面';
    ta.setSelectionRange(ta.value.indexOf(' 后面'), ta.value.indexOf(' 后面'));
    expect(textBeforeCaret(ta)).toBe('您好，/退货');
    expect(detectTrigger(textBeforeCaret(ta)!, ['/'])?.query).toBe('退货');
    ta.setSelectionRange(0, 3);
    expect(textBeforeCaret(ta)).toBeNull(); // a selection, not a caret
    ta.remove();
  });

  it('reads the caret paragraph of a contenteditable', () => {
    const ed = document.createElement('div');
    ed.contentEditable = 'true';
    ed.innerHTML = '<p>上一段/th</p><p>亲，/th1</p>';
    document.body.append(ed);
    const text = ed.querySelectorAll('p')[1]!.firstChild!;
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    const r = document.createRange();
    r.setStart(text, 6);
    sel.addRange(r);
    expect(textBeforeCaret(ed)).toBe('亲，/th1');
    ed.remove();
  });
});
