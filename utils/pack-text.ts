/**
 * Pack text in our in-page UIs (palette, inline list, chips, forbidden-phrase note), as the
 * React PackText component shows it on our own pages: isolated from the text around it
 * (`<bdi>`: a right-to-left run or an unbalanced override cannot reorder the rest of the line)
 * and with every bidi control or invisible character shown as a marker, so 「退款金额\u202E元001\u202C」
 * reads as what it is, not as 「退款金额100元」. Text nodes only, never HTML. DOM only.
 */
import { splitInvisible } from '../scripts-library/invisible';

/** For the shadow root's stylesheet. */
export const PACK_TEXT_CSS = `
bdi.pack-text { unicode-bidi: isolate; }
.invisible-char { font: 11px/1 ui-monospace, Menlo, Consolas, monospace; color: #92400e; background: #fef3c7; border-radius: 3px; padding: 0 2px; }
`;

/** Appends `text` to `parent`: plain runs as text nodes, invisible characters as marker spans. */
export function appendVisibleText(doc: Document, parent: Node, text: string): void {
  for (const part of splitInvisible(text)) {
    if (!part.invisible) {
      parent.appendChild(doc.createTextNode(part.text));
      continue;
    }
    const marker = doc.createElement('span');
    marker.className = 'invisible-char';
    marker.textContent = part.text;
    parent.appendChild(marker);
  }
}

/** `text` in an isolating `<bdi class="pack-text">`. */
export function packTextNode(doc: Document, text: string): HTMLElement {
  const node = doc.createElement('bdi');
  node.className = 'pack-text';
  appendVisibleText(doc, node, text);
  return node;
}
