// Quill 2 (core build: history, keyboard and clipboard modules by default).
import 'quill/dist/quill.core.css';
import Quill from 'quill';
import { byId, expose } from './kit';

const quill = new Quill(byId('editor'), { placeholder: '回复内容' });

expose({
  kind: 'quill',
  // Quill's document always ends with one "\n" of its own.
  getText: () => quill.getText(0, quill.getLength() - 1),
  focus: () => quill.focus(),
});
(window as unknown as { quill: Quill }).quill = quill;
