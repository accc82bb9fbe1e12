/**
 * The inserter chain's choices, in happy-dom. happy-dom has no `execCommand('insertText')`,
 * so these also exercise the fallbacks that announce the change with an input event; the
 * execCommand path itself is covered in real Chromium by the e2e tests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { editableFromEvent, editorKindOf, saveSelection } from '../../utils/insertion/editable';
import { insertIntoEditor } from '../../utils/insertion/inserters';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('which elements count as a reply field', () => {
  it('knows textareas, text inputs and contenteditable, not buttons or read-only fields', () => {
    document.body.innerHTML = `
      <textarea id="ta"></textarea><textarea id="ro" readonly></textarea>
      <input id="txt" type="text"><input id="pw" type="password"><input id="cb" type="checkbox">
      <div id="ce" contenteditable="true"><p id="inner">x</p></div><button id="b">b</button>`;
    const kind = (id: string) => editorKindOf(document.getElementById(id));
    expect([kind('ta'), kind('ro'), kind('txt'), kind('pw'), kind('cb'), kind('b')]).toEqual(['textarea', null, 'input', null, null, null]);
    expect(kind('ce')).toBe('contenteditable');
  });

  it('finds the field behind an event from inside an open shadow root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const ta = document.createElement('textarea');
    root.append(ta);
    let found: HTMLElement | null = null;
    document.addEventListener('focusin', (e) => (found = editableFromEvent(e)), { capture: true });
    ta.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(found).toBe(ta);
  });
});

describe('inserting into native fields', () => {
  it('inserts at the saved caret, replacing the selection, and tells the page', () => {
    document.body.innerHTML = '<textarea id="ta"></textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    ta.value = '您好，！';
    ta.setSelectionRange(3, 3);
    const sel = saveSelection(ta);
    ta.setSelectionRange(0, 0); // focus moved away and the page reset the caret
    const inputs: string[] = [];
    ta.addEventListener('input', () => inputs.push(ta.value));
    const r = insertIntoEditor({ el: ta, text: '请稍等', selection: sel, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'textarea' });
    expect(ta.value).toBe('您好，请稍等！');
    expect(inputs).toEqual(['您好，请稍等！']);
    expect(ta.selectionStart).toBe(6);
  });

  it('replaces the whole draft when asked to', () => {
    document.body.innerHTML = '<textarea id="ta">旧草稿</textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    insertIntoEditor({ el: ta, text: '新话术', selection: null, replaceAll: true });
    expect(ta.value).toBe('新话术');
  });

  it('respects maxlength and says the text was cut', () => {
    document.body.innerHTML = '<input id="i" type="text" maxlength="5">';
    const input = document.getElementById('i') as HTMLInputElement;
    const r = insertIntoEditor({ el: input, text: '一二三四五六七', selection: null, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'input', truncated: true });
    expect(input.value).toBe('一二三四五');
  });

  it('joins lines for a single-line input', () => {
    document.body.innerHTML = '<input id="i" type="text">';
    const input = document.getElementById('i') as HTMLInputElement;
    insertIntoEditor({ el: input, text: '第一行\n第二行', selection: null, replaceAll: false });
    expect(input.value).toBe('第一行 第二行');
  });

  it('reports a field that left the page instead of writing into nothing', () => {
    const ta = document.createElement('textarea');
    expect(insertIntoEditor({ el: ta, text: 'x', selection: null, replaceAll: false })).toEqual({ ok: false, reason: 'target-gone' });
  });
});

describe('inserting into contenteditable', () => {
  it('puts text at the end when there is no caret inside, line breaks as <br>, as inert text', () => {
    document.body.innerHTML = '<div id="ce" contenteditable="true">您好</div>';
    const ce = document.getElementById('ce')!;
    let announced = '';
    ce.addEventListener('input', (e) => (announced = (e as InputEvent).data ?? ''));
    const r = insertIntoEditor({ el: ce, text: '<b>第一行</b>\n第二行', selection: null, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'contenteditable' });
    expect(ce.querySelector('b')).toBeNull();
    expect(ce.innerHTML).toBe('您好&lt;b&gt;第一行&lt;/b&gt;<br>第二行');
    expect(announced).toBe('<b>第一行</b>\n第二行');
  });
});
