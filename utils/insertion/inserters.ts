/**
 * One inserter per editor kind, tried in order by `insertIntoEditor`. Each answers "not mine"
 * (returns null) or inserts and reports how it went.
 *
 * The rule for all of them: the text must enter through the editor's own input path, so that
 * whatever framework owns the field (React, Vue, the console's own model) sees it as typed —
 * and the browser's undo stack has it. `execCommand('insertText')` is that path in Chromium and
 * Firefox; the fallbacks below are for editors that refuse it.
 */
import type { EditorKind, InsertResult } from '../messaging/protocol';
import { editorKindOf, type SavedSelection } from './editable';

export interface InsertRequest {
  el: HTMLElement;
  text: string;
  selection: SavedSelection;
  /** Replace the whole draft instead of inserting at the caret. */
  replaceAll: boolean;
  /** Offset into `text` where the caret should end up (`{光标}`); default: after the text. */
  caret?: number;
}

export interface Inserter {
  name: string;
  insert(req: InsertRequest): InsertResult | null;
}

function restoreFieldSelection(el: HTMLTextAreaElement | HTMLInputElement, req: InsertRequest) {
  if (req.replaceAll) el.setSelectionRange(0, el.value.length);
  else if (req.selection?.kind === 'field') el.setSelectionRange(req.selection.start, req.selection.end);
}

/** `execCommand('insertText')`, or false where the document lacks it or refuses. */
function execInsertText(doc: Document, text: string): boolean {
  try {
    return typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

/** Sets `value` through the prototype's setter so React's value tracker notices the change. */
function setNativeValue(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
}

export const nativeFieldInserter: Inserter = {
  name: 'native-field',
  insert(req) {
    const kind = editorKindOf(req.el);
    if (kind !== 'textarea' && kind !== 'input') return null;
    const el = req.el as HTMLTextAreaElement | HTMLInputElement;
    // Single-line inputs cannot hold line breaks; join lines the way an agent would.
    let text = kind === 'input' ? req.text.replace(/\s*\n\s*/g, ' ') : req.text;
    el.focus({ preventScroll: true });
    restoreFieldSelection(el, req);
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    let truncated = false;
    const max = el.maxLength;
    if (max >= 0) {
      const room = max - (el.value.length - (end - start));
      if (text.length > room) {
        text = text.slice(0, Math.max(0, room));
        truncated = true;
      }
    }
    const before = el.value;
    const expected = before.slice(0, start) + text + before.slice(end);
    const ok = execInsertText(el.ownerDocument, text);
    if (!ok || el.value !== expected) {
      // Fallback for pages where execCommand is blocked: write the value and announce it.
      setNativeValue(el, expected);
      el.setSelectionRange(start + text.length, start + text.length);
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
    return { ok: true, kind, ...(truncated ? { truncated } : {}) };
  },
};

export const contentEditableInserter: Inserter = {
  name: 'contenteditable',
  insert(req) {
    if (editorKindOf(req.el) !== 'contenteditable') return null;
    const { el } = req;
    const doc = el.ownerDocument;
    el.focus({ preventScroll: true });
    const sel = doc.getSelection();
    if (sel) {
      if (req.replaceAll) {
        const range = doc.createRange();
        range.selectNodeContents(el);
        sel.removeAllRanges();
        sel.addRange(range);
      } else if (req.selection?.kind === 'range' && req.selection.range.commonAncestorContainer.isConnected) {
        sel.removeAllRanges();
        sel.addRange(req.selection.range);
      } else if (!sel.rangeCount || !el.contains(sel.getRangeAt(0).commonAncestorContainer)) {
        // No caret inside the editor yet: put it at the end of the draft.
        const range = doc.createRange();
        range.selectNodeContents(el);
        range.collapse(false);
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }
    const before = el.textContent ?? '';
    if (execInsertText(doc, req.text) && (el.textContent ?? '') !== before) {
      return { ok: true, kind: 'contenteditable' };
    }
    // Fallback: insert text nodes at the caret and tell the page as a typed input would.
    const range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    if (!range) return { ok: false, reason: 'rejected', detail: 'no caret in editor' };
    range.deleteContents();
    const frag = doc.createDocumentFragment();
    req.text.split('\n').forEach((line, i) => {
      if (i > 0) frag.appendChild(doc.createElement('br'));
      frag.appendChild(doc.createTextNode(line));
    });
    const last = frag.lastChild;
    range.insertNode(frag);
    if (last) {
      range.setStartAfter(last);
      range.collapse(true);
      sel!.removeAllRanges();
      sel!.addRange(range);
    }
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: req.text }));
    return { ok: true, kind: 'contenteditable' };
  },
};

/** Ordered: the first inserter that claims the element does the work. */
export const DEFAULT_CHAIN: readonly Inserter[] = [nativeFieldInserter, contentEditableInserter];

export function insertIntoEditor(req: InsertRequest, chain: readonly Inserter[] = DEFAULT_CHAIN): InsertResult {
  if (!req.el.isConnected) return { ok: false, reason: 'target-gone' };
  for (const inserter of chain) {
    const result = inserter.insert(req);
    if (result) return result;
  }
  return { ok: false, reason: 'rejected', detail: 'no inserter accepts this element' };
}

export type { EditorKind };
