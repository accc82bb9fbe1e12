/**
 * CKEditor 5: the editable is `.ck-editor__editable` (`ckeditorInstance` is page-world only).
 * Its clipboard pipeline takes the paste and converts the text the way CKEditor always does
 * (`plainTextToHtml`): a blank line ("\n\n") starts a new paragraph, a single "\n" is a soft
 * break (`<br>`) — so the model read back with CKEditor's own plain-text convention (paragraphs
 * joined by a blank line, soft breaks as "\n") is exactly the script. One undo step.
 * Caveat from that conversion: a leading/trailing space or a double space becomes `&nbsp;`.
 */
import { caretSteps } from '../place-caret';
import { pasteText } from '../input-events';
import { richEditorInserter } from '../rich-editor';

export const ckeditor5Inserter = richEditorInserter({
  name: 'ckeditor5',
  matches: (el) => el.classList.contains('ck-editor__editable'),
  deliver: pasteText,
  // "\n\n" is one paragraph boundary, one caret step.
  caretSteps: (tail) => caretSteps(tail.replace(/\n\n/g, '\n')),
});
