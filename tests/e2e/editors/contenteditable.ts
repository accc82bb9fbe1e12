// A plain contenteditable composer whose draft model follows `input` events (like the demo console).
import { byId, expose } from './kit';
import { modelledEditable } from './plain-text-model';

const { el, getText } = modelledEditable(byId('editor'));
expose({ kind: 'contenteditable', getText, focus: () => el.focus() });
