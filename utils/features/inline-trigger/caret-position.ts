/**
 * Where the caret is, for the inline list: the text just before it (to spot a trigger) and its
 * position on screen (to show the list there). DOM only; no extension APIs.
 *
 * `<textarea>`/`<input>` expose no caret geometry: a hidden copy of the field with the same text
 * metrics ("mirror") is laid out and the caret's spot measured in it. Contenteditable editors
 * report it through the selection's Range.
 */
import { selectionOf } from '../../dom/selection';

const MIRRORED = [
  'boxSizing',
  'width',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderStyle',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'fontStretch',
  'fontSize',
  'lineHeight',
  'fontFamily',
  'textAlign',
  'textTransform',
  'textIndent',
  'letterSpacing',
  'wordSpacing',
  'tabSize',
] as const;

const isField = (el: Element): el is HTMLTextAreaElement | HTMLInputElement =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

/** At most this much text before the caret is looked at. */
const WINDOW = 80;

/** The text on the caret's line up to the caret, or null when the selection is not a caret in `el`. */
export function textBeforeCaret(el: HTMLElement): string | null {
  if (isField(el)) {
    const { selectionStart: start, selectionEnd: end } = el;
    if (start === null || start !== end) return null;
    const before = el.value.slice(Math.max(0, start - WINDOW), start);
    return before.slice(before.lastIndexOf('\n') + 1);
  }
  const sel = selectionOf(el);
  if (!sel || !sel.rangeCount || !sel.isCollapsed) return null;
  const caret = sel.getRangeAt(0);
  if (!el.contains(caret.startContainer)) return null;
  const range = el.ownerDocument.createRange();
  range.setStart(blockOf(caret.startContainer, el), 0);
  range.setEnd(caret.startContainer, caret.startOffset);
  return range.toString().slice(-WINDOW);
}

/** The nearest block-level ancestor of `node` inside `el` (a paragraph of a rich editor), or `el`. */
function blockOf(node: Node, el: HTMLElement): Node {
  let cur: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  const view = el.ownerDocument.defaultView;
  while (cur && cur !== el && cur instanceof Element) {
    const display = view?.getComputedStyle(cur).display ?? 'block';
    if (!display.startsWith('inline')) return cur;
    cur = cur.parentNode;
  }
  return el;
}

export interface CaretBox {
  left: number;
  top: number;
  bottom: number;
}

/** The caret's box in viewport coordinates; `scratch` hosts the mirror (our own shadow root). */
export function caretBox(el: HTMLElement, scratch: Node & ParentNode): CaretBox | null {
  if (isField(el)) return fieldCaret(el, scratch);
  const sel = selectionOf(el);
  if (!sel || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0).cloneRange();
  range.collapse(true);
  let rect: DOMRect | undefined = [...range.getClientRects()][0];
  if (!rect || (rect.width === 0 && rect.height === 0 && rect.left === 0 && rect.top === 0)) {
    // An empty line has no text to measure: take the element the caret stands in.
    const holder = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
    rect = (holder ?? el).getBoundingClientRect();
    return { left: rect.left, top: rect.top, bottom: Math.min(rect.bottom, rect.top + 24) };
  }
  return { left: rect.left, top: rect.top, bottom: rect.bottom };
}

function fieldCaret(el: HTMLTextAreaElement | HTMLInputElement, scratch: Node & ParentNode): CaretBox {
  const doc = el.ownerDocument;
  const style = doc.defaultView!.getComputedStyle(el);
  const mirror = doc.createElement('div');
  const s = mirror.style;
  for (const prop of MIRRORED) s[prop] = style[prop];
  s.position = 'fixed';
  s.visibility = 'hidden';
  s.top = '0';
  s.left = '-9999px';
  s.overflow = 'hidden';
  s.height = 'auto';
  const single = el instanceof HTMLInputElement;
  s.whiteSpace = single ? 'pre' : 'pre-wrap';
  s.overflowWrap = single ? 'normal' : 'break-word';
  const at = el.selectionEnd ?? el.value.length;
  mirror.textContent = el.value.slice(0, at);
  const marker = doc.createElement('span');
  marker.textContent = el.value.slice(at) || '.';
  mirror.append(marker);
  scratch.append(mirror);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3 || 18;
  const x = marker.offsetLeft;
  const y = marker.offsetTop;
  mirror.remove();
  const box = el.getBoundingClientRect();
  // offsetLeft/Top count from inside the mirror's border; the field's box includes its border.
  const left = Math.min(box.right - 4, box.left + parseFloat(style.borderLeftWidth) + x - el.scrollLeft);
  const top = Math.min(box.bottom - lineHeight, box.top + parseFloat(style.borderTopWidth) + y - el.scrollTop);
  return { left, top, bottom: top + lineHeight };
}
