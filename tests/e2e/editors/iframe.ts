// The reply field sits in a same-origin iframe; the model is read through the frame's own page.
import { byId, expose } from './kit';

const frame = document.createElement('iframe');
frame.src = './iframe-inner.html';
frame.title = '回复框';
byId('editor').append(frame);
const inner = () => (frame.contentWindow as (Window & typeof globalThis) | null)?.editorUnderTest;

frame.addEventListener('load', () =>
  expose({
    kind: 'textarea',
    getText: () => inner()?.getText() ?? '',
    focus: () => inner()?.focus(),
  }),
);
