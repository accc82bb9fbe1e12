// Lexical rich text (one paragraph per line) with history, no framework.
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { $getRoot, createEditor } from 'lexical';
import { byId, expose } from './kit';

const root = byId('editor');
const editable = document.createElement('div');
editable.contentEditable = 'true';
editable.setAttribute('aria-label', '回复内容');
root.append(editable);

const editor = createEditor({
  namespace: 'e2e-rich',
  nodes: [HeadingNode, QuoteNode],
  onError: (e) => {
    throw e;
  },
});
editor.setRootElement(editable);
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);

expose({
  kind: 'lexical',
  // $getRoot().getTextContent() puts "\n\n" between paragraphs; a chat console sends one
  // line per paragraph, so join the paragraphs' own text with "\n".
  getText: () =>
    editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((p) => p.getTextContent())
        .join('\n'),
    ),
  focus: () => editor.focus(),
});
