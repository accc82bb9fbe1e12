// Lexical plain text (one paragraph, line breaks as LineBreakNodes) with history.
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { registerPlainText } from '@lexical/plain-text';
import { $getRoot, createEditor } from 'lexical';
import { byId, expose } from './kit';

const editable = document.createElement('div');
editable.contentEditable = 'true';
editable.setAttribute('aria-label', '回复内容');
byId('editor').append(editable);

const editor = createEditor({
  namespace: 'e2e-plain',
  onError: (e) => {
    throw e;
  },
});
editor.setRootElement(editable);
registerPlainText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);

expose({
  kind: 'lexical-plain',
  getText: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
  focus: () => editor.focus(),
});
