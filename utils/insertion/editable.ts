/**
 * What counts as a field an agent types replies into, and where its caret was.
 * DOM only (runs in content scripts and happy-dom tests); no extension APIs.
 */
import type { EditorKind } from '../messaging/protocol';
import { selectionOf } from './caret';

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

export function editorKindOf(el: Element | null): EditorKind | null {
  if (!el) return null;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') {
    const t = el as HTMLTextAreaElement;
    return t.readOnly || t.disabled ? null : 'textarea';
  }
  if (tag === 'INPUT') {
    const i = el as HTMLInputElement;
    return TEXT_INPUT_TYPES.has(i.type) && !i.readOnly && !i.disabled ? 'input' : null;
  }
  if ((el as HTMLElement).isContentEditable) return 'contenteditable';
  return null;
}

/** The editable element behind an event target, looking through open shadow roots. */
export function editableFromEvent(event: Event): HTMLElement | null {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element)) continue;
    const kind = editorKindOf(node);
    if (kind === 'contenteditable') return editingHost(node as HTMLElement);
    if (kind) return node as HTMLElement;
  }
  return null;
}

/** The outermost contenteditable element: rich editors nest editable islands. */
export function editingHost(el: HTMLElement): HTMLElement {
  let host = el;
  let cur = el.parentElement;
  while (cur && cur.isContentEditable) {
    host = cur;
    cur = cur.parentElement;
  }
  return host;
}

export function fieldLabel(el: HTMLElement): string {
  return (
    el.getAttribute('aria-label') ||
    el.getAttribute('placeholder') ||
    el.getAttribute('data-placeholder') ||
    el.getAttribute('title') ||
    el.tagName.toLowerCase()
  ).slice(0, 40);
}

/** Where the caret was when the agent left the field (e.g. clicked into the side panel). */
export type SavedSelection = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range } | null;

export function saveSelection(el: HTMLElement): SavedSelection {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    return { kind: 'field', start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  }
  const sel = selectionOf(el);
  if (sel && sel.rangeCount > 0) {
    const range = sel.getRangeAt(0);
    if (el.contains(range.commonAncestorContainer)) return { kind: 'range', range: range.cloneRange() };
  }
  return null;
}

/** Puts a saved caret back after focus returns to `el` (the palette closed without inserting). */
export function restoreSelection(el: HTMLElement, saved: SavedSelection): void {
  if (!saved) return;
  if (saved.kind === 'field') {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)
      el.setSelectionRange(saved.start, saved.end);
    return;
  }
  if (!saved.range.startContainer.isConnected || !el.contains(saved.range.commonAncestorContainer)) return;
  const sel = selectionOf(el);
  sel?.removeAllRanges();
  sel?.addRange(saved.range.cloneRange());
}
