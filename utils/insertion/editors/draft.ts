/**
 * Draft.js: the editable is `.public-DraftEditor-content`. Its paste handler (React `onPaste`)
 * turns text/plain into one block per line and pushes an `insert-fragment` change, which
 * Draft's own undo (EditorState.undo, Ctrl+Z) reverts.
 */
import { pasteText } from '../input-events';
import { richEditorInserter } from '../rich-editor';

export const draftInserter = richEditorInserter({
  name: 'draft',
  matches: (el) => el.classList.contains('public-DraftEditor-content'),
  deliver: pasteText,
});
