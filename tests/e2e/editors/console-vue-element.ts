// A console that is one Vue custom element (defineCustomElement): its whole UI — conversation
// list, thread, textarea — lives in the element's open shadow root, so `document.querySelector`
// finds none of it. Enter's keydown is cancelled (no new line) and the message is sent on
// `keyup`, as some consoles do. The draft is the component's v-model state.
import { defineCustomElement, h, ref, shallowRef } from 'vue';
import { ConsoleModel } from './console-model';

const model = new ConsoleModel(['周女士', '吴先生', '郑小姐']);
const draft = ref('');

const STYLE = `
:host { display: block; height: 100vh; font: 14px/1.5 system-ui, 'Noto Sans CJK SC', sans-serif; color: #222; }
.desk { display: flex; height: 100%; }
nav { width: 240px; border-right: 1px solid #e5e5e5; }
.session { display: flex; justify-content: space-between; padding: 10px 12px; cursor: pointer; border-bottom: 1px solid #f2f2f2; }
.session.on { background: #f0f7ff; }
.count { background: #f5222d; color: #fff; border-radius: 9px; padding: 0 6px; font-size: 12px; }
main { flex: 1; display: flex; flex-direction: column; }
.who { padding: 10px 16px; font-weight: 600; border-bottom: 1px solid #e5e5e5; }
.thread { flex: 1; overflow: auto; padding: 12px 16px; }
.line { display: flex; margin: 6px 0; }
.line[sender="me"] { justify-content: flex-end; }
.text { padding: 6px 10px; border-radius: 8px; background: #f5f5f5; max-width: 60%; }
.line[sender="me"] .text { background: #95ec69; }
textarea { margin: 8px 16px 16px; height: 70px; resize: none; font: inherit; padding: 6px 8px; }
`;

const SupportDesk = defineCustomElement({
  styles: [STYLE],
  setup() {
    const state = shallowRef({ version: model.version });
    model.subscribe(() => (state.value = { version: model.version }));
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) e.preventDefault();
    };
    const onKeyup = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
      if (model.send(draft.value)) draft.value = '';
    };
    return () => {
      void state.value;
      return h('div', { class: 'desk' }, [
        h(
          'nav',
          { class: 'sessions' },
          model.conversations.map((c) =>
            h('div', { class: ['session', c.name === model.openName ? 'on' : ''], onClick: () => model.open(c.name) }, [
              h('span', { class: 'nick' }, c.name),
              c.unread ? h('span', { class: 'count' }, String(c.unread)) : null,
            ]),
          ),
        ),
        h('main', [
          h('div', { class: 'who' }, model.openName),
          h(
            'div',
            { class: 'thread' },
            model.current.messages.map((m) =>
              h('div', { class: 'line', sender: m.from === 'customer' ? 'them' : 'me' }, [
                h('span', { class: 'text' }, m.text),
              ]),
            ),
          ),
          h('textarea', {
            placeholder: '输入回复',
            value: draft.value,
            onInput: (e: Event) => (draft.value = (e.target as HTMLTextAreaElement).value),
            onKeydown,
            onKeyup,
          }),
        ]),
      ]);
    };
  },
});
customElements.define('support-desk', SupportDesk);
model.expose(() => draft.value);
