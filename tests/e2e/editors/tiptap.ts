// TipTap 3 with the StarterKit (its own undo/redo, paragraphs, hard breaks).
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { byId, expose } from './kit';

const editor = new Editor({
  element: byId('editor'),
  extensions: [StarterKit],
  editorProps: { attributes: { 'aria-label': '回复内容' } },
});

expose({
  kind: 'tiptap',
  getText: () => editor.getText({ blockSeparator: '\n' }),
  focus: () => editor.commands.focus(),
});
