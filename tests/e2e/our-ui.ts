/**
 * Reading our in-page UI (palette, inline list, suggestion chips) in e2e tests. It sits in a CLOSED shadow root:
 * tests read it the way DevTools does (CDP DOM with `pierce: true`), never through a hook in the
 * extension.
 */
import type { CDPSession } from 'playwright-core';

export interface UiState {
  mode: 'palette' | 'inline' | null;
  items: { key: string; title: string; selected: boolean; x: number; y: number }[];
  preview: string;
  message: string;
  form: boolean;
  /** Focus is inside our UI (the palette's search box or the form). */
  focused: boolean;
  /** The inline list's box, viewport coordinates of its frame. */
  box: { left: number; top: number } | null;
}

const READ_UI = `function () {
  const panel = this.querySelector('.panel');
  const items = [...this.querySelectorAll('.item')].map((li) => {
    const r = li.getBoundingClientRect();
    return { key: li.dataset.key, title: li.querySelector('.title').firstChild ? li.querySelector('.title').textContent : '', selected: li.getAttribute('aria-selected') === 'true', x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const form = this.querySelector('.form');
  const message = this.querySelector('.message');
  const r = panel && panel.getBoundingClientRect();
  return JSON.stringify({
    mode: panel ? (panel.classList.contains('palette') ? 'palette' : 'inline') : null,
    items,
    preview: this.querySelector('.preview') ? this.querySelector('.preview').textContent : '',
    message: message && !message.hidden ? message.textContent : '',
    form: !!form && !form.hidden,
    focused: !!this.activeElement,
    box: r ? { left: r.left, top: r.top } : null,
  });
}`;

interface DomNode {
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function findHosts(node: DomNode, out: DomNode[] = []): DomNode[] {
  if (node.attributes?.includes('data-huashu-ui')) out.push(node);
  for (const child of [
    ...(node.children ?? []),
    ...(node.shadowRoots ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ])
    findHosts(child, out);
  return out;
}

/**
 * Runs `read` (a function declaration; `this` is the shadow root, it returns JSON) in the closed
 * shadow root of each of our UI hosts in this page, any frame, in document order. `which`: only
 * hosts whose `data-huashu-ui` is that value.
 */
export async function readShadowRoots<T>(cdp: CDPSession, read: string, which?: string): Promise<T[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const out: T[] = [];
  for (const host of findHosts(root)) {
    const shadow = host.shadowRoots?.[0];
    if (!shadow || (which !== undefined && host.attributes![host.attributes!.indexOf('data-huashu-ui') + 1] !== which))
      continue;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: read,
      returnByValue: true,
    });
    out.push(JSON.parse(result.value as string) as T);
  }
  return out;
}

const CLOSED: UiState = { mode: null, items: [], preview: '', message: '', form: false, focused: false, box: null };

/** What our UI shows in this page (any of its frames), read through CDP like DevTools does. */
export async function readUi(cdp: CDPSession): Promise<UiState> {
  return (await readShadowRoots<UiState>(cdp, READ_UI)).find((state) => state.mode) ?? CLOSED;
}

/** The forbidden-phrase note as the agent sees it: the warning, the confirm, its buttons (viewport coordinates). */
export interface NoteState {
  /** '' when no warning shows (the host leaves the page when it has nothing to say). */
  warning: string;
  /** '' when no confirm is open. */
  confirm: string;
  buttons: { text: string; x: number; y: number }[];
}

const READ_NOTE = `function () {
  const text = (sel) => { const el = this.querySelector(sel); return el && !el.hidden ? el.textContent : ''; };
  return JSON.stringify({
    warning: text('[data-testid="compliance-warning"]'),
    confirm: text('[data-testid="compliance-confirm"]'),
    buttons: [...this.querySelectorAll('button')].map((b) => {
      const r = b.getBoundingClientRect();
      return { text: b.textContent, x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }),
  });
}`;

export async function readNote(cdp: CDPSession): Promise<NoteState> {
  return (
    (await readShadowRoots<NoteState>(cdp, READ_NOTE, 'compliance'))[0] ?? { warning: '', confirm: '', buttons: [] }
  );
}
