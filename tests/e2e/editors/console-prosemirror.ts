// A Chatwoot-style console: the reply box is ProseMirror on Chatwoot's published message schema
// (@chatwoot/prosemirror-schema), sending on `keydown` Enter through a keymap, as Chatwoot's
// reply box does; the list and thread are plain DOM re-rendered on every change, messages as
// left/right bubbles without times or ids.
import { messageSchema } from '@chatwoot/prosemirror-schema';
import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import './console-prosemirror.css';
import { ConsoleModel } from './console-model';

const model = new ConsoleModel(['王先生', '李女士', '孙小姐']);
const $ = (id: string) => document.getElementById(id)!;

const draftOf = (state: EditorState) => state.doc.textBetween(0, state.doc.content.size, '\n', '\n');
const emptyState = () =>
  EditorState.create({
    schema: messageSchema,
    plugins: [
      history(),
      keymap({
        Enter: (state) => {
          if (model.send(draftOf(state))) queueMicrotask(() => view.updateState(emptyState()));
          return true;
        },
        'Mod-z': undo,
        'Shift-Mod-z': redo,
      }),
      keymap(baseKeymap),
    ],
  });
const view = new EditorView($('editor'), { state: emptyState(), attributes: { 'aria-label': '回复' } });

function el(tag: string, className: string, text = ''): HTMLElement {
  const n = document.createElement(tag);
  n.className = className;
  n.textContent = text;
  return n;
}

function render() {
  const list = $('list');
  list.replaceChildren(
    ...model.conversations.map((c) => {
      const card = el('li', `conversation${c.name === model.openName ? ' active' : ''}`);
      const body = el('div', 'conversation--details');
      body.append(
        el('h4', 'conversation--user', c.name),
        el('p', 'conversation--message', c.messages.at(-1)?.text ?? ''),
      );
      card.append(el('span', 'user-thumbnail', c.name.slice(0, 1)), body);
      if (c.unread) card.append(el('span', 'unread', String(c.unread)));
      card.addEventListener('click', () => model.open(c.name));
      return card;
    }),
  );
  $('name').textContent = model.openName;
  $('messages').replaceChildren(
    ...model.current.messages.map((m) => {
      const li = el('li', m.from === 'customer' ? 'left' : 'right');
      li.append(el('div', 'bubble', m.text));
      return li;
    }),
  );
}
model.subscribe(render);
render();
model.expose(() => draftOf(view.state));
