// A contenteditable composer inside an open shadow root (web-component consoles).
import { byId, expose } from './kit';
import { modelledEditable } from './plain-text-model';

const host = byId('editor');
const root = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = '.field { min-height: 70px; white-space: pre-wrap; outline: none; }';
root.append(style);
const { el, getText } = modelledEditable(root as unknown as HTMLElement);
expose({ kind: 'contenteditable', getText, focus: () => el.focus() });
