/**
 * The one way our in-page UI (palette and inline list, suggestion chips, forbidden-phrase note)
 * enters a console page: a bare host element with a CLOSED shadow root holding our styles and
 * nodes. Closed, because what we show is the team's scripts: page scripts (the console's own and
 * every third-party widget on it) get no handle on the root, so `host.shadowRoot` is null and
 * nothing inside can be queried, read or `.click()`ed from the page. The host carries no text and
 * no attribute beyond which UI it is. Styles on the host are inline `!important` so console CSS
 * such as `div { … }` cannot move or hide it. DOM only.
 */

export interface ClosedHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/** `which`: the value of the host's `data-huashu-ui` (tests and DevTools find our hosts by it). */
export function closedHost(doc: Document, which: string, css: string, zIndex = 2147483647): ClosedHost {
  const host = doc.createElement('div');
  host.setAttribute('data-huashu-ui', which);
  // Above everything the console has; the host itself takes no space and no clicks.
  host.setAttribute(
    'style',
    `all: initial !important; position: fixed !important; inset: 0 !important; width: 0 !important; height: 0 !important; z-index: ${zIndex} !important; pointer-events: none !important;`,
  );
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}

/** An element with a class and text; text always as `textContent` (never parsed as HTML, and Trusted Types consoles reject innerHTML). */
export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
  parent?: Node,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  parent?.appendChild(node);
  return node;
}
