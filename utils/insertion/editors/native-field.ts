/**
 * `<textarea>` and text `<input>`, native or owned by React/Vue. `execCommand('insertText')` is
 * the path typing takes: the framework sees a trusted `input` event and the browser's undo
 * stack holds the insertion. Where the page blocks it, the value is written through the
 * prototype's setter (React's value tracker then notices) and announced with `input`.
 */
import { editorKindOf } from '../../dom/editable';
import { execInsertText } from '../input-events';
import type { Inserter, InsertRequest } from '../request';

/** Single-line inputs cannot hold line breaks; join lines the way an agent would. */
const joinLines = (text: string) => text.replace(/\s*\n\s*/g, ' ');

function restoreFieldSelection(el: HTMLTextAreaElement | HTMLInputElement, req: InsertRequest) {
  if (req.replaceAll) el.setSelectionRange(0, el.value.length);
  else if (req.selection?.kind === 'field') el.setSelectionRange(req.selection.start, req.selection.end);
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
  async insert(req) {
    const kind = editorKindOf(req.el);
    if (kind !== 'textarea' && kind !== 'input') return null;
    const el = req.el as HTMLTextAreaElement | HTMLInputElement;
    let text = kind === 'input' ? joinLines(req.text) : req.text;
    let caret =
      req.caret === undefined
        ? text.length
        : kind === 'input'
          ? joinLines(req.text.slice(0, req.caret)).length
          : req.caret;
    el.focus({ preventScroll: true });
    restoreFieldSelection(el, req);
    let start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    const trigger = req.replaceBefore;
    if (
      trigger &&
      !req.replaceAll &&
      start === end &&
      start >= trigger.length &&
      el.value.slice(start - trigger.length, start) === trigger
    ) {
      start -= trigger.length;
      el.setSelectionRange(start, end);
    }
    let truncated = false;
    const max = el.maxLength;
    if (max >= 0) {
      const room = max - (el.value.length - (end - start));
      if (text.length > room) {
        text = text.slice(0, Math.max(0, room));
        truncated = true;
      }
    }
    caret = Math.min(Math.max(caret, 0), text.length);
    const before = el.value;
    const expected = before.slice(0, start) + text + before.slice(end);
    const ok = execInsertText(el.ownerDocument, text);
    if (!ok || el.value !== expected) {
      // Fallback for pages where execCommand is blocked: write the value and announce it.
      setNativeValue(el, expected);
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
    el.setSelectionRange(start + caret, start + caret);
    return { ok: true, kind, ...(truncated ? { truncated } : {}) };
  },
};
