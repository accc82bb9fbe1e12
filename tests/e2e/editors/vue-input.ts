// A Vue-style controlled input (what `v-model` compiles to): state follows `input` events and
// the field is re-rendered from state, so a value written without an event is lost on render.
import { byId, expose } from './kit';

const state = { draft: '' };
const input = document.createElement('input');
input.className = 'field';
input.setAttribute('aria-label', '回复内容');
byId('editor').append(input);

function render() {
  if (input.value !== state.draft) input.value = state.draft;
}
input.addEventListener('input', () => {
  state.draft = input.value;
  queueMicrotask(render);
});
// Like a framework re-render on any state change elsewhere.
setInterval(render, 200);

expose({ kind: 'input', getText: () => state.draft, focus: () => input.focus() });
