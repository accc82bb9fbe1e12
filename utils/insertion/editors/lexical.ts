/**
 * Lexical: the root carries `data-lexical-editor="true"` (its `__lexicalEditor` property is
 * page-world only). Lexical's paste command reads text/plain and inserts it as the editor's
 * own nodes — a paragraph per line in rich text, line-break nodes in plain text — tagged as a
 * paste, which @lexical/history keeps as its own undo entry.
 *
 * Not `beforeinput` with `insertText`: for ordinary text Lexical leaves that to the browser's
 * native insertion, which a synthetic event never performs.
 */
import { pasteText } from '../input-events';
import { richEditorInserter } from '../rich-editor';

export const lexicalInserter = richEditorInserter({
  name: 'lexical',
  matches: (el) => el.getAttribute('data-lexical-editor') === 'true',
  deliver: pasteText,
});
