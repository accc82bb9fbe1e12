/**
 * What counts as a field an agent types replies into, found from an element or an event, and
 * what its draft says. DOM only (runs in content scripts and happy-dom tests); no extension APIs.
 */
import type { EditorKind } from '../messaging/protocol';

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

/** The field `el` is, as insertions see it (a rich editor's inner paragraph is its editor); null when not editable. */
export function editableOf(el: Element | null): HTMLElement | null {
  const kind = editorKindOf(el);
  if (kind === 'contenteditable') return editingHost(el as HTMLElement);
  return kind ? (el as HTMLElement) : null;
}

/** The first field among `nodes`, innermost first. */
function firstEditable(nodes: Iterable<EventTarget | null>): HTMLElement | null {
  for (const node of nodes) {
    const found = node instanceof Element ? editableOf(node) : null;
    if (found) return found;
  }
  return null;
}

/** The editable element behind an event target, looking through open shadow roots. */
export function editableFromEvent(event: Event): HTMLElement | null {
  return firstEditable(event.composedPath());
}

/** The field `el` stands in (a click on a rich editor's inner paragraph points at its editor). */
export function editableAround(el: Element): HTMLElement | null {
  function* ancestors() {
    for (let n: Element | null = el; n; n = n.parentElement) yield n;
  }
  return firstEditable(ancestors());
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

/** What the draft says, as the agent sees it. */
export function draftText(el: HTMLElement): string {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  return el.innerText ?? el.textContent ?? '';
}
