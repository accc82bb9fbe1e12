/**
 * The inserter chain's choices, in happy-dom. happy-dom has no `execCommand('insertText')`,
 * so these also exercise the fallbacks that announce the change with an input event; the
 * execCommand path itself, and every real editor, are covered in Chromium by the e2e tests
 * (tests/e2e/insertion.e2e.test.ts). Here the rich editors are stand-ins with the real DOM
 * markers and a handler that records what it was handed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editableFromEvent, editorKindOf } from '../../utils/dom/editable';
import { saveSelection } from '../../utils/dom/selection';
import { chainPreferring, DEFAULT_CHAIN, insertIntoEditor } from '../../utils/insertion/inserters';

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
    expect([kind('ta'), kind('ro'), kind('txt'), kind('pw'), kind('cb'), kind('b')]).toEqual([
      'textarea',
      null,
      'input',
      null,
      null,
      null,
    ]);
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
  it('inserts at the saved caret, replacing the selection, and tells the page', async () => {
    document.body.innerHTML = '<textarea id="ta"></textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    ta.value = '您好，！';
    ta.setSelectionRange(3, 3);
    const sel = saveSelection(ta);
    ta.setSelectionRange(0, 0); // focus moved away and the page reset the caret
    const inputs: string[] = [];
    ta.addEventListener('input', () => inputs.push(ta.value));
    const r = await insertIntoEditor({ el: ta, text: '请稍等', selection: sel, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'textarea' });
    expect(ta.value).toBe('您好，请稍等！');
    expect(inputs).toEqual(['您好，请稍等！']);
    expect(ta.selectionStart).toBe(6);
  });

  it('replaces the whole draft when asked to', async () => {
    document.body.innerHTML = '<textarea id="ta">旧草稿</textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    await insertIntoEditor({ el: ta, text: '新话术', selection: null, replaceAll: true });
    expect(ta.value).toBe('新话术');
  });

  it('respects maxlength and says the text was cut', async () => {
    document.body.innerHTML = '<input id="i" type="text" maxlength="5">';
    const input = document.getElementById('i') as HTMLInputElement;
    const r = await insertIntoEditor({ el: input, text: '一二三四五六七', selection: null, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'input', truncated: true });
    expect(input.value).toBe('一二三四五');
  });

  it('joins lines for a single-line input', async () => {
    document.body.innerHTML = '<input id="i" type="text">';
    const input = document.getElementById('i') as HTMLInputElement;
    await insertIntoEditor({ el: input, text: '第一行\n第二行', selection: null, replaceAll: false });
    expect(input.value).toBe('第一行 第二行');
  });

  it('reports a field that left the page instead of writing into nothing', async () => {
    const ta = document.createElement('textarea');
    expect(await insertIntoEditor({ el: ta, text: 'x', selection: null, replaceAll: false })).toEqual({
      ok: false,
      reason: 'target-gone',
    });
  });
});

describe('inserting into contenteditable', () => {
  it('puts text at the end when there is no caret inside, line breaks as <br>, as inert text', async () => {
    document.body.innerHTML = '<div id="ce" contenteditable="true">您好</div>';
    const ce = document.getElementById('ce')!;
    let announced = '';
    ce.addEventListener('input', (e) => (announced = (e as InputEvent).data ?? ''));
    const r = await insertIntoEditor({ el: ce, text: '<b>第一行</b>\n第二行', selection: null, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'contenteditable' });
    expect(ce.querySelector('b')).toBeNull();
    expect(ce.innerHTML).toBe('您好&lt;b&gt;第一行&lt;/b&gt;<br>第二行');
    expect(announced).toBe('<b>第一行</b>\n第二行');
  });
});

/** The rich editors by their DOM markers, and the input event each one is handed. */
const RICH_EDITORS = [
  {
    editor: 'prosemirror',
    html: '<div id="ed" class="ProseMirror" contenteditable="true"><p>您好</p></div>',
    event: 'paste',
  },
  {
    editor: 'tiptap',
    html: '<div id="ed" class="tiptap ProseMirror" contenteditable="true"><p>您好</p></div>',
    event: 'paste',
  },
  {
    editor: 'lexical',
    html: '<div id="ed" data-lexical-editor="true" contenteditable="true"><p>您好</p></div>',
    event: 'paste',
  },
  {
    editor: 'draft',
    html: '<div class="DraftEditor-root"><div id="ed" class="public-DraftEditor-content" contenteditable="true"><div>您好</div></div></div>',
    event: 'paste',
  },
  {
    editor: 'slate',
    html: '<div id="ed" data-slate-editor="true" contenteditable="true"><div>您好</div></div>',
    event: 'beforeinput',
  },
  {
    editor: 'quill',
    html: '<div class="ql-container"><div id="ed" class="ql-editor" contenteditable="true"><p>您好</p></div></div>',
    event: 'paste',
  },
  {
    editor: 'ckeditor5',
    html: '<div id="ed" class="ck ck-content ck-editor__editable" contenteditable="true"><p>您好</p></div>',
    event: 'paste',
  },
] as const;

interface Received {
  type: string;
  inputType?: string;
  types: string[];
  text: string;
  /** The page's selection when the editor got the event. */
  selected: string;
  collapsedAtEnd: boolean;
}

/**
 * Stands in for the editor's own handler: records what it was handed, and takes it (cancels
 * the event) like the real editor does, unless `take` is false.
 */
function listenAsEditor(el: HTMLElement, type: 'paste' | 'beforeinput', take = true): Received[] {
  const got: Received[] = [];
  el.addEventListener(type, (e) => {
    const data = e instanceof ClipboardEvent ? e.clipboardData : (e as InputEvent).dataTransfer;
    const sel = document.getSelection()!;
    const range = sel.getRangeAt(0);
    const last = el.lastChild?.lastChild;
    got.push({
      type: e.type,
      ...(e instanceof InputEvent ? { inputType: e.inputType } : {}),
      types: [...(data?.types ?? [])],
      text: data?.getData('text/plain') ?? '',
      selected: sel.toString(),
      collapsedAtEnd:
        range.collapsed && range.endContainer === last && range.endOffset === (last as Text | undefined)?.length,
    });
    if (take) e.preventDefault();
  });
  return got;
}

describe('which inserter claims which element', () => {
  it.each(RICH_EDITORS)(
    '$editor: hands the text to the editor as text/plain, through the event it handles',
    async ({ editor, html, event }) => {
      document.body.innerHTML = html;
      const el = document.getElementById('ed')!;
      const got = listenAsEditor(el, event);
      const text = '<img src=x onerror=alert(1)> 您好，请稍等';
      const r = await insertIntoEditor({ el, text, selection: null, replaceAll: false });
      expect(r).toEqual({ ok: true, kind: 'contenteditable', editor });
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ type: event, types: ['text/plain'], text });
      if (event === 'beforeinput') expect(got[0]!.inputType).toBe('insertFromPaste');
      // The editor's own handler does the inserting; the chain adds nothing to the DOM itself.
      expect(el.textContent).toBe('您好');
      expect(el.querySelector('img')).toBeNull();
    },
  );

  it('passes a blank line to ProseMirror in pieces, since it folds runs of line breaks into one', async () => {
    document.body.innerHTML = RICH_EDITORS[0].html;
    const el = document.getElementById('ed')!;
    const got = listenAsEditor(el, 'paste');
    const text = '您好，\n\n感谢等待。\n\n\n再见\n';
    await insertIntoEditor({ el, text, selection: null, replaceAll: false });
    const pieces = got.map((g) => g.text);
    expect(pieces).toEqual(['您好，\n', '\n感谢等待。\n', '\n', '\n再见\n']);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).not.toContain('\n\n');
  });

  it('leaves an editor that does not take the paste to the contenteditable fallback', async () => {
    document.body.innerHTML = RICH_EDITORS[2].html;
    const el = document.getElementById('ed')!;
    const got = listenAsEditor(el, 'paste', false);
    const r = await insertIntoEditor({ el, text: '请稍等', selection: null, replaceAll: false });
    expect(got).toHaveLength(1);
    expect(r).toEqual({ ok: true, kind: 'contenteditable' });
    expect(el.textContent).toBe('您好请稍等');
  });

  it('declines what nobody can edit', async () => {
    document.body.innerHTML = '<textarea id="ro" readonly></textarea><div id="plain">静态文字</div>';
    for (const id of ['ro', 'plain']) {
      const el = document.getElementById(id)!;
      expect(await insertIntoEditor({ el, text: 'x', selection: null, replaceAll: false })).toEqual({
        ok: false,
        reason: 'rejected',
        detail: 'no inserter accepts this element',
      });
    }
  });

  it('an editor inserter that throws hands the field to the next one instead of failing the insertion', async () => {
    document.body.innerHTML = '<textarea id="ta">您好</textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    const broken = { name: 'broken', insert: () => Promise.reject(new Error('editor internals changed')) };
    const r = await insertIntoEditor({ el: ta, text: '，请稍等', selection: null, replaceAll: false }, [
      broken,
      ...DEFAULT_CHAIN,
    ]);
    expect(r).toEqual({ ok: true, kind: 'textarea' });
    expect(ta.value).toBe('您好，请稍等');
  });

  it('when every inserter throws, says which failed first rather than throwing', async () => {
    document.body.innerHTML = '<textarea id="ta"></textarea>';
    const el = document.getElementById('ta')!;
    const broken = (name: string) => ({ name, insert: () => Promise.reject(new Error(`${name} broke`)) });
    await expect(
      insertIntoEditor({ el, text: 'x', selection: null, replaceAll: false }, [broken('a'), broken('b')]),
    ).resolves.toEqual({ ok: false, reason: 'rejected', detail: 'a: a broke' });
  });

  it('lets a site rule put its inserter first, and ignores names it does not know', () => {
    expect(chainPreferring('quill')[0]!.name).toBe('quill');
    expect(chainPreferring('quill')).toHaveLength(DEFAULT_CHAIN.length);
    expect(chainPreferring('no-such-editor')).toBe(DEFAULT_CHAIN);
    expect(DEFAULT_CHAIN[0]!.name).toBe('native-field');
    expect(DEFAULT_CHAIN.at(-1)!.name).toBe('contenteditable');
  });
});

describe('where the text goes in a rich editor', () => {
  const lexical = () => {
    document.body.innerHTML =
      '<div id="ed" data-lexical-editor="true" contenteditable="true"><p>第一行</p><p>您好，稍等！</p><p><br></p></div>';
    const el = document.getElementById('ed')!;
    return { el, got: listenAsEditor(el, 'paste') };
  };

  it('restores the saved selection the agent left, and the editor replaces it', async () => {
    const { el, got } = lexical();
    const words = el.children[1]!.firstChild as Text;
    const range = document.createRange();
    range.setStart(words, 3);
    range.setEnd(words, 5);
    const saved = { kind: 'range' as const, range };
    // The page moved the selection meanwhile (the agent clicked the panel, the console re-rendered…).
    document.getSelection()!.collapse(el.firstChild!.firstChild, 0);
    await insertIntoEditor({ el, text: '请稍候', selection: saved, replaceAll: false });
    expect(got[0]!.selected).toBe('稍等');
  });

  it('selects the whole draft, every line, for replace-the-draft', async () => {
    const { el, got } = lexical();
    let at: Range | null = null;
    el.addEventListener('paste', () => (at = document.getSelection()!.getRangeAt(0).cloneRange()));
    await insertIntoEditor({ el, text: '新草稿', selection: null, replaceAll: true });
    expect(got).toHaveLength(1);
    const r = at! as Range;
    expect([r.startContainer, r.startOffset]).toEqual([el.firstChild!.firstChild, 0]);
    // Up to the last, empty line (before its filler <br>), so no empty paragraph is left over.
    expect([r.endContainer, r.endOffset]).toEqual([el.lastChild, 0]);
  });

  it('puts the text at the end of the draft when the editor never had a caret', async () => {
    document.body.innerHTML =
      '<div id="ed" data-lexical-editor="true" contenteditable="true"><p>第一行</p><p>您好</p></div>';
    const el = document.getElementById('ed')!;
    const got = listenAsEditor(el, 'paste');
    document.getSelection()!.removeAllRanges();
    await insertIntoEditor({ el, text: '请稍等', selection: null, replaceAll: false });
    expect(got[0]!.collapsedAtEnd).toBe(true);
  });
});

describe('the caret for {光标}', () => {
  it('lands at the offset in a textarea, after line ends were normalised', async () => {
    document.body.innerHTML = '<textarea id="ta">前文</textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    ta.setSelectionRange(2, 2);
    const text = '您好，\r\n请问还有什么可以帮您？';
    await insertIntoEditor({
      el: ta,
      text,
      selection: saveSelection(ta),
      replaceAll: false,
      caret: text.indexOf('请问'),
    });
    expect(ta.value).toBe('前文您好，\n请问还有什么可以帮您？');
    expect(ta.selectionStart).toBe('前文您好，\n'.length);
    expect(ta.selectionEnd).toBe(ta.selectionStart);
  });

  it('follows the joined line in an input, and stays inside what maxlength kept', async () => {
    document.body.innerHTML = '<input id="i" type="text"><input id="short" type="text" maxlength="4">';
    const input = document.getElementById('i') as HTMLInputElement;
    await insertIntoEditor({ el: input, text: '第一行\n第二行', selection: null, replaceAll: false, caret: 4 });
    expect(input.value).toBe('第一行 第二行');
    expect(input.selectionStart).toBe(4);
    const short = document.getElementById('short') as HTMLInputElement;
    const r = await insertIntoEditor({ el: short, text: '一二三四五六', selection: null, replaceAll: false, caret: 5 });
    expect(r).toMatchObject({ truncated: true });
    expect(short.selectionStart).toBe(4);
  });

  describe('in rich editors, moved back over the rest of the text as the arrow key would', () => {
    let moves: string[][];
    const proto = Object.getPrototypeOf(document.getSelection()) as { modify?: unknown };
    beforeEach(() => {
      moves = [];
      // happy-dom has no Selection.modify; record what the inserter asks of it.
      proto.modify = (...args: string[]) => moves.push(args);
    });
    afterEach(() => {
      delete proto.modify;
    });

    it('one step per character and per line break', async () => {
      document.body.innerHTML = RICH_EDITORS[2].html;
      const el = document.getElementById('ed')!;
      listenAsEditor(el, 'paste');
      const text = '您好，\n请问😀';
      await insertIntoEditor({ el, text, selection: null, replaceAll: false, caret: 3 });
      // "\n", 请, 问, and the emoji as one grapheme.
      expect(moves).toEqual(Array(4).fill(['move', 'backward', 'character']));
    });

    it('in CKEditor 5 a blank line is one paragraph boundary, one step', async () => {
      document.body.innerHTML = RICH_EDITORS[6].html;
      const el = document.getElementById('ed')!;
      listenAsEditor(el, 'paste');
      await insertIntoEditor({ el, text: '您好\n\n请问\n再见', selection: null, replaceAll: false, caret: 2 });
      // paragraph boundary, 请, 问, soft break, 再, 见
      expect(moves).toHaveLength(6);
    });

    it('not at all when {光标} is at the end', async () => {
      document.body.innerHTML = RICH_EDITORS[2].html;
      const el = document.getElementById('ed')!;
      listenAsEditor(el, 'paste');
      await insertIntoEditor({ el, text: '您好', selection: null, replaceAll: false, caret: 2 });
      expect(moves).toEqual([]);
    });
  });
});

describe('an inline trigger before the caret', () => {
  it('is removed with the insertion when it is really there', async () => {
    document.body.innerHTML = '<textarea id="ta">亲，/退货</textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    ta.setSelectionRange(5, 5);
    await insertIntoEditor({
      el: ta,
      text: '七天无理由退货',
      selection: saveSelection(ta),
      replaceAll: false,
      replaceBefore: '/退货',
    });
    expect(ta.value).toBe('亲，七天无理由退货');
  });

  it('is left alone when the text before the caret is something else', async () => {
    document.body.innerHTML = '<textarea id="ta">亲，/退款</textarea>';
    const ta = document.getElementById('ta') as HTMLTextAreaElement;
    ta.setSelectionRange(5, 5);
    await insertIntoEditor({
      el: ta,
      text: '七天无理由退货',
      selection: saveSelection(ta),
      replaceAll: false,
      replaceBefore: '/退货',
    });
    expect(ta.value).toBe('亲，/退款七天无理由退货');
  });
});

describe('in Firefox, the paste is built in the page world', () => {
  // Gecko only lets the page read clipboard data its own principal wrote, and its
  // ClipboardEvent constructor reads `dataType`/`data` rather than `clipboardData`: the
  // content script must use the page's constructors (reached through `wrappedJSObject`).
  afterEach(() => {
    delete (window as { wrappedJSObject?: unknown }).wrappedJSObject;
  });

  it('uses the page’s DataTransfer, init object and ClipboardEvent', async () => {
    const made: string[] = [];
    let init: Record<string, unknown> = {};
    const page = {
      DataTransfer: class extends DataTransfer {
        constructor() {
          super();
          made.push('DataTransfer');
        }
      },
      Object: class {
        constructor() {
          made.push('Object');
        }
      },
      ClipboardEvent: class extends ClipboardEvent {
        constructor(type: string, dict: ClipboardEventInit) {
          super(type, dict);
          made.push('ClipboardEvent');
          init = { ...dict };
        }
      },
    };
    Object.defineProperty(window, 'wrappedJSObject', { value: page, configurable: true });
    document.body.innerHTML = RICH_EDITORS[2].html;
    const el = document.getElementById('ed')!;
    const got = listenAsEditor(el, 'paste');
    const r = await insertIntoEditor({ el, text: '请稍等', selection: null, replaceAll: false });
    expect(r).toEqual({ ok: true, kind: 'contenteditable', editor: 'lexical' });
    expect(made).toEqual(['DataTransfer', 'Object', 'ClipboardEvent']);
    expect(init).toMatchObject({ dataType: 'text/plain', data: '请稍等', bubbles: true, cancelable: true });
    expect(got[0]!.text).toBe('请稍等');
  });
});
