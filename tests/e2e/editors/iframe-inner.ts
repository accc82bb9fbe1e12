// Inside the iframe: a textarea whose model follows `input` events.
import { byId, expose } from './kit';

const state = { draft: '' };
const ta = document.createElement('textarea');
ta.className = 'field';
ta.rows = 4;
ta.setAttribute('aria-label', 'iframe 中的回复框');
byId('editor').append(ta);
ta.addEventListener('input', () => (state.draft = ta.value));
expose({ kind: 'textarea', getText: () => state.draft, focus: () => ta.focus() });
