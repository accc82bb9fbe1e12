/**
 * Any other contenteditable: the final fallback of the chain. `execCommand('insertText')` is
 * what typing does (a trusted `input` event for the page's model, one undo step); Chromium
 * turns each "\n" into a paragraph break of the host's own kind. Where execCommand is missing
 * or refused, text nodes and `<br>` go in at the caret, announced with one `input` event.
 */
import { caretSteps, moveCaretBack, placeSelection } from '../place-caret';
import { editorKindOf } from '../../dom/editable';
import { execInsertText } from '../input-events';
import type { Inserter } from '../request';

function insertTextNodes(doc: Document, sel: Selection, text: string): boolean {
  const range = sel.rangeCount ? sel.getRangeAt(0) : null;
  if (!range) return false;
  range.deleteContents();
  const frag = doc.createDocumentFragment();
  text.split('\n').forEach((line, i) => {
    if (i > 0) frag.appendChild(doc.createElement('br'));
    frag.appendChild(doc.createTextNode(line));
  });
  const last = frag.lastChild;
  range.insertNode(frag);
  if (last) {
    range.setStartAfter(last);
    range.collapse(true);
    sel.removeAllRanges();
    sel.addRange(range);
  }
  return true;
}

export const contentEditableInserter: Inserter = {
  name: 'contenteditable',
  async insert(req) {
    if (editorKindOf(req.el) !== 'contenteditable') return null;
    const { el, text } = req;
    const doc = el.ownerDocument;
    const sel = await placeSelection(req, { settle: false });
    if (!sel) return { ok: false, reason: 'rejected', detail: 'no caret in editor' };
    const before = el.textContent ?? '';
    const collapsed = sel.isCollapsed;
    // An unchanged text after replacing a selection can be the same text put back; after
    // inserting at a caret it means execCommand did nothing.
    const inserted = execInsertText(doc, text) && (!collapsed || !text || (el.textContent ?? '') !== before);
    if (!inserted) {
      if (!insertTextNodes(doc, sel, text)) return { ok: false, reason: 'rejected', detail: 'no caret in editor' };
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
    if (req.caret !== undefined && req.caret >= 0 && req.caret < text.length) {
      await moveCaretBack(el, caretSteps(text.slice(req.caret)), { settle: false });
    }
    return { ok: true, kind: 'contenteditable' };
  },
};
