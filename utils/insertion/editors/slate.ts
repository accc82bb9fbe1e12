/**
 * Slate (slate-react): the editable carries `data-slate-editor="true"`. A `beforeinput` of type
 * `insertFromPaste` goes through `ReactEditor.insertData`: one block per line (`splitNodes`),
 * batched into one slate-history undo step. Unlike its `paste` handler, Slate's beforeinput
 * handler first reads the DOM selection (its own `selectionchange` handling is debounced and
 * throttled), so a selection we just set is the one it replaces.
 */
import { beforeInputPaste, pasteText } from '../input-events';
import { richEditorInserter } from '../rich-editor';

export const slateInserter = richEditorInserter({
  name: 'slate',
  matches: (el) => el.getAttribute('data-slate-editor') === 'true',
  // Browsers without `beforeinput` (none we support) get Slate's React `onPaste` path.
  deliver: (el, text) => beforeInputPaste(el, text) || pasteText(el, text),
});
