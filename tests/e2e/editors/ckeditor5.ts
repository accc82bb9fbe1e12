// CKEditor 5 (classic editor, GPL licence key) with the essentials: clipboard, enter, shift+enter, typing, undo.
import 'ckeditor5/ckeditor5.css';
import { ClassicEditor, Essentials, Paragraph, type ModelElement, type ModelNode } from 'ckeditor5';
import { byId, expose } from './kit';

/**
 * CKEditor's own plain-text convention (its clipboard's `viewToPlainText`): paragraphs are
 * separated by a blank line, a soft break (`<br>`, Shift+Enter) is one line break. Read from
 * the model, not the view.
 */
function modelText(root: ModelElement): string {
  const blockText = (block: ModelElement) =>
    Array.from(block.getChildren() as Iterable<ModelNode>)
      .map((n) => (n.is('$text') ? n.data : n.is('element', 'softBreak') ? '\n' : ''))
      .join('');
  return Array.from(root.getChildren() as Iterable<ModelNode>)
    .filter((n): n is ModelElement => n.is('element'))
    .map(blockText)
    .join('\n\n');
}

const editor = await ClassicEditor.create(byId('editor'), {
  licenseKey: 'GPL',
  plugins: [Essentials, Paragraph],
  toolbar: [],
});

expose({
  kind: 'ckeditor5',
  getText: () => modelText(editor.model.document.getRoot()!),
  focus: () => editor.editing.view.focus(),
});
