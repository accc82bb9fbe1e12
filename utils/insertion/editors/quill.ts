/**
 * Quill 2: `.ql-editor` inside `.ql-container` (`__quill` is page-world only). Its clipboard
 * module takes the paste, reads the selection from the DOM, inserts the text as a Delta with
 * source `user` (one line per "\n", recorded by its history module) and puts the caret after it.
 */
import { pasteText } from '../input-events';
import { richEditorInserter } from '../rich-editor';

export const quillInserter = richEditorInserter({
  name: 'quill',
  matches: (el) => el.classList.contains('ql-editor') && !!el.parentElement?.classList.contains('ql-container'),
  deliver: pasteText,
});
