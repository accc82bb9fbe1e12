// Plain ProseMirror with the basic schema, history and the base keymap.
import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { schema } from 'prosemirror-schema-basic';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { byId, expose } from './kit';

const view = new EditorView(byId('editor'), {
  state: EditorState.create({
    schema,
    plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }), keymap(baseKeymap)],
  }),
  attributes: { 'aria-label': '回复内容' },
});

expose({
  kind: 'prosemirror',
  // One paragraph per line; a hard break (Shift+Enter) is a line break too.
  getText: () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n', '\n'),
  focus: () => view.focus(),
});
