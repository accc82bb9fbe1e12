/**
 * ProseMirror, and TipTap (ProseMirror underneath): the editable root has class `ProseMirror`
 * (TipTap adds `tiptap`). Its `pmViewDesc` property lives in the page's JS world, which a
 * content script cannot see, so the class is the marker.
 *
 * ProseMirror handles a paste event itself: plain text becomes one paragraph per line, a
 * single history step, caret after the text; Enter-to-send keymaps are not involved.
 * But it splits pasted text on RUNS of line breaks (`/(?:\r\n?|\n)+/` in prosemirror-view's
 * clipboard parser), which would drop a blank line. So the text goes in as pieces that never
 * hold two line breaks in a row ("a\n\nb" → "a\n" + "\nb"): each piece's line break is exactly
 * one paragraph split, and the pieces land in one undo group (history joins adjacent steps).
 */
import { pasteText } from '../input-events';
import { richEditorInserter } from '../rich-editor';

export function pastePieces(text: string): string[] {
  return text.split(/(?<=\n)(?=\n)/);
}

export const proseMirrorInserter = richEditorInserter({
  name: 'prosemirror',
  matches: (el) => el.classList.contains('ProseMirror'),
  editorOf: (el) => (el.classList.contains('tiptap') ? 'tiptap' : 'prosemirror'),
  deliver: (el, text) => pastePieces(text).every((piece) => pasteText(el, piece)),
});
