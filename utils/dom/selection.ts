/**
 * Focus and selection on a console page, the one place every in-page feature and inserter asks:
 * which element has the keyboard (through open shadow roots), which Selection holds a field's
 * caret, and a caret saved while the agent is elsewhere (the side panel, our palette) and put
 * back when they return. DOM only; no extension APIs.
 */

/**
 * The selection that holds `el`'s caret. Inside a shadow root Chromium's `document.getSelection()`
 * reports a range retargeted to the host; the root's own (non-standard) `getSelection` does not.
 */
export function selectionOf(el: Node): Selection | null {
  const root = el.getRootNode() as (Document | ShadowRoot) & { getSelection?: () => Selection | null };
  if (typeof root.getSelection === 'function') return root.getSelection();
  return (el.ownerDocument ?? (el as Document)).getSelection();
}

/** The focused element, looking into open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Focus is on `el` or inside it, whether or not this window is the one the agent is in. */
export function focusWithin(el: HTMLElement): boolean {
  const active = deepActiveElement(el.ownerDocument);
  return !!active && (active === el || el.contains(active));
}

/**
 * `el` (or something inside it) has the keyboard now: this document has focus and it is the
 * active element of its own root (a closed shadow root's too, which `focusWithin` cannot see into).
 */
export function hasKeyboard(el: HTMLElement): boolean {
  if (!el.ownerDocument.hasFocus()) return false;
  const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
  return active !== null && (active === el || el.contains(active));
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
