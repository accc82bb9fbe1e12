/**
 * Shared by every editor test page: exposes `window.editorUnderTest` and wires the send button.
 * `getText()` must read the editor's MODEL through the editor's own API, never the DOM, so a
 * test that passes proves the console would send exactly that text.
 */
import './kit.css';

export interface EditorUnderTest {
  /** What the page holds: 'textarea', 'prosemirror', 'lexical', … */
  kind: string;
  /** The model's text, lines joined the way this editor's console would send them. */
  getText(): string;
  /** Focus the field (the test clicks it too; this is for checks). */
  focus(): void;
}

declare global {
  interface Window {
    editorUnderTest?: EditorUnderTest;
  }
}

export function expose(editor: EditorUnderTest): void {
  window.editorUnderTest = editor;
  const send = document.getElementById('send');
  const sent = document.getElementById('sent');
  // The console's send: post the model's text, exactly.
  send?.addEventListener('click', () => {
    if (sent) sent.textContent = editor.getText();
  });
  document.body.dataset.ready = 'true';
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}
