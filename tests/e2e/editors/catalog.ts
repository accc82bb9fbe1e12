/**
 * The editor test pages in this folder (console-* are whole consoles, for any-console.e2e), for
 * the insertion e2e tests and the insertion benchmark
 * (not bundled: no page imports it).
 */
export interface EditorPage {
  /** tests/e2e/editors/<page>.html */
  page: string;
  /** The editable element (Playwright's CSS goes through open shadow roots). */
  field: string;
  /** The field is inside the page's same-origin iframe. */
  inFrame?: boolean;
  /** A single-line <input>: line breaks are joined with a space. */
  singleLine?: boolean;
}

export const EDITOR_PAGES: readonly EditorPage[] = [
  { page: 'textarea', field: 'textarea' },
  { page: 'input', field: 'input', singleLine: true },
  { page: 'vue-input', field: 'input', singleLine: true },
  { page: 'contenteditable', field: '[contenteditable]' },
  { page: 'prosemirror', field: '.ProseMirror' },
  { page: 'tiptap', field: '.ProseMirror' },
  { page: 'lexical', field: '[data-lexical-editor]' },
  { page: 'lexical-plain', field: '[data-lexical-editor]' },
  { page: 'draft', field: '.public-DraftEditor-content' },
  { page: 'slate', field: '[data-slate-editor]' },
  { page: 'quill', field: '.ql-editor' },
  { page: 'ckeditor5', field: '.ck-editor__editable' },
  { page: 'iframe', field: 'textarea', inFrame: true },
  { page: 'shadow', field: '.field' },
];

/** What a script looks like in the field: an <input> joins the lines with a space. */
export const asTyped = (ed: EditorPage, text: string) => (ed.singleLine ? text.replace(/\s*\n\s*/g, ' ') : text);
