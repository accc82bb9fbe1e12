/**
 * The text model a framework console keeps for a contenteditable composer: recomputed from
 * the DOM on every `input` event (never read at send time), the way the agent sees it —
 * `<br>` and block boundaries are line breaks, never doubled; `&nbsp;` is a space.
 */
const BLOCK = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

export function textOfEditable(root: Element): string {
  const lines: string[] = [];
  let line = '';
  let open = false;
  const endLine = () => {
    lines.push(line);
    line = '';
    open = false;
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        const parts = (child as Text).data
          .replace(/[\u200b\ufeff]/g, '')
          .replace(/\u00a0/g, ' ')
          .split('\n');
        parts.forEach((part, i) => {
          if (i > 0) endLine();
          if (part) {
            line += part;
            open = true;
          }
        });
      } else if (child instanceof Element) {
        if (child.tagName === 'BR') endLine();
        else {
          const block = BLOCK.has(child.tagName);
          if (block && open) endLine();
          walk(child);
          if (block && open) endLine();
        }
      }
    }
  };
  walk(root);
  if (open) lines.push(line);
  return lines.join('\n');
}

/** A contenteditable whose model follows `input` events only. */
export function modelledEditable(host: HTMLElement) {
  const el = document.createElement('div');
  el.contentEditable = 'true';
  el.className = 'field';
  el.setAttribute('aria-label', '回复内容');
  host.append(el);
  const state = { draft: '' };
  el.addEventListener('input', () => (state.draft = textOfEditable(el)));
  return { el, getText: () => state.draft };
}
