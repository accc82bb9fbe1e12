/**
 * A short note beside the console's reply box after one of our in-page insertions, for what the
 * agent must do next: 图片已复制，请在输入框粘贴 where the console ignored a pasted picture. Same
 * closed host as the rest of our in-page UI. It goes by itself after a while, or at the agent's
 * next key press or click (the Ctrl+V it asks for, say). DOM only.
 */
import { placeBeside, type Rect } from './place';
import { fromAgent } from './agent';
import { closedHost, element as el } from './host';

export type NoticeTone = 'ok' | 'warn' | 'error';

const CSS = `
:host { all: initial; }
.note { position: fixed; max-width: min(420px, calc(100vw - 8px)); padding: 4px 10px; border-radius: 6px; pointer-events: none;
  font: 13px/1.4 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; box-shadow: 0 2px 8px rgba(15, 23, 42, .12); }
.note.ok { color: #065f46; background: #ecfdf5; border: 1px solid #6ee7b7; }
.note.warn { color: #92400e; background: #fffbeb; border: 1px solid #f0b429; }
.note.error { color: #991b1b; background: #fef2f2; border: 1px solid #fca5a5; }
`;

/** Long enough to read and act on; the agent's next key press or click ends it sooner. */
const SHOW_MS = 8000;
const FALLBACK_SIZE = { width: 260, height: 26 };

export class PageNotice {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private shown: AbortController | null = null;

  constructor(private readonly doc: Document) {
    // Below the palette and the chips: it never covers what the agent is choosing from.
    ({ host: this.host, root: this.root } = closedHost(doc, 'notice', CSS, 2147483645));
  }

  get text(): string {
    return this.shown ? (this.root.querySelector('.note')?.textContent ?? '') : '';
  }

  /** Shows `text` just above `anchor` (the reply box), or below it when there is no room above. */
  show(text: string, tone: NoticeTone, anchor: Rect) {
    this.hide();
    const { doc } = this;
    const view = doc.defaultView;
    const note = el(doc, 'div', `note ${tone}`, text);
    note.setAttribute('role', tone === 'ok' ? 'status' : 'alert');
    this.root.append(note);
    doc.documentElement.append(this.host);
    const size = { width: note.offsetWidth || FALLBACK_SIZE.width, height: note.offsetHeight || FALLBACK_SIZE.height };
    const at = placeBeside(anchor, size, { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 });
    note.style.left = `${at.left}px`;
    note.style.top = `${at.top}px`;
    const shown = new AbortController();
    this.shown = shown;
    if (!view) return;
    const timer = view.setTimeout(() => this.hide(), SHOW_MS);
    shown.signal.addEventListener('abort', () => view.clearTimeout(timer));
    // The press that picked the script is still going up: listen from the next task on.
    view.setTimeout(() => {
      if (shown.signal.aborted) return;
      const end = (e: Event) => fromAgent(e) && this.hide();
      for (const type of ['keydown', 'mousedown'] as const)
        view.addEventListener(type, end, { capture: true, signal: shown.signal });
    }, 0);
  }

  hide() {
    this.shown?.abort();
    this.shown = null;
    this.root.querySelector('.note')?.remove();
    this.host.remove();
  }
}
