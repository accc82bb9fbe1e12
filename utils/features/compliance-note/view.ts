/**
 * The forbidden-phrase warning beside the console's reply box, and the confirm before a
 * blocked send. In a closed shadow root (utils/ui-kit): the console's CSS cannot reach it, and
 * page scripts can neither read the better scripts it names nor press its buttons; only the
 * agent's own clicks and keys (trusted events) act. Text only (textContent), built node by node.
 * The warning never takes focus: the agent keeps typing.
 */
import type { Rect } from '../../ui-kit/place';
import { fromAgent } from '../../ui-kit/agent';
import { closedHost, element } from '../../ui-kit/host';
import { PACK_TEXT_CSS, packTextNode } from '../../pack-text';

export interface WarningLine {
  text: string;
  tryLabel: string;
  suggested: { key: string; title: string }[];
}

export interface ConfirmTexts {
  question: string;
  back: string;
  send: string;
}

const STYLE = `
:host { all: initial; }
.wrap { position: fixed; z-index: 2147483647; display: flex; flex-direction: column; gap: 6px; pointer-events: none;
  font: 13px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; }
.status:empty, .confirm[hidden], .note:empty { display: none; }
.status, .confirm { pointer-events: auto; box-sizing: border-box; max-width: 100%; padding: 8px 12px; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.15); }
.status { background: #fff8e6; border: 1px solid #f0b429; }
.status.block { background: #fff1f0; border-color: #e5484d; }
.line + .line { margin-top: 4px; }
.try { color: #656d76; }
.status button { all: unset; cursor: pointer; color: #1664ff; text-decoration: underline; margin-right: 8px; }
.note { color: #b42318; font-size: 12px; }
.confirm { background: #fff; border: 1px solid #e5484d; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.confirm .q { flex: 1 1 100%; font-weight: 600; }
.confirm button { all: unset; cursor: pointer; padding: 4px 12px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; }
.confirm button.danger { border-color: #e5484d; color: #b42318; background: #fff; }
.confirm button:focus-visible, .status button:focus-visible { outline: 2px solid #1664ff; outline-offset: 1px; }
${PACK_TEXT_CSS}`;

export class ComplianceUi {
  private host: HTMLElement;
  private wrap: HTMLElement;
  private status: HTMLElement;
  private note: HTMLElement;
  private confirmBox: HTMLElement;
  private anchor: HTMLElement | null = null;
  /** Ends the open confirm's key listener. */
  private confirmLife: AbortController | null = null;

  constructor(
    private doc: Document,
    private onSuggest: (key: string) => void,
  ) {
    const { host, root } = closedHost(doc, 'compliance', STYLE);
    this.host = host;
    this.wrap = this.make('div', 'wrap', root);
    // Always in the tree, empty when there is nothing to say: a live region that appears with
    // its content is not announced by every screen reader.
    this.status = this.make('div', 'status', this.wrap);
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.dataset.testid = 'compliance-warning';
    this.note = this.make('div', 'note', this.wrap);
    this.confirmBox = this.make('div', 'confirm', this.wrap);
    this.confirmBox.setAttribute('role', 'alertdialog');
    this.confirmBox.dataset.testid = 'compliance-confirm';
    this.confirmBox.hidden = true;
  }

  private make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: Node, text?: string) {
    return element(this.doc, tag, className, text, parent);
  }

  /** Where the note is on screen while it shows (other UI of ours keeps clear of it). */
  rect(): Rect | null {
    return this.host.isConnected ? this.wrap.getBoundingClientRect() : null;
  }

  private attach(anchor: HTMLElement) {
    this.anchor = anchor;
    if (!this.host.isConnected) this.doc.documentElement.appendChild(this.host);
    this.place();
  }

  /** Above the reply box (below it when there is no room), as wide as the box. */
  place() {
    if (!this.anchor || !this.host.isConnected) return;
    const r = this.anchor.getBoundingClientRect();
    const view = this.doc.defaultView;
    const height = view?.innerHeight ?? 800;
    const s = this.wrap.style;
    s.left = `${Math.max(4, r.left)}px`;
    s.width = `${Math.max(240, r.width)}px`;
    if (r.top > 120) {
      s.top = '';
      s.bottom = `${height - r.top + 6}px`;
    } else {
      s.bottom = '';
      s.top = `${r.bottom + 6}px`;
    }
  }

  /** Shows (or, with no lines, clears) the warning. */
  warn(anchor: HTMLElement, lines: WarningLine[], blocking: boolean, hint: string) {
    if (!lines.length) {
      this.status.replaceChildren();
      this.note.textContent = '';
      if (this.confirmBox.hidden) this.detachLater();
      return;
    }
    this.attach(anchor);
    this.status.classList.toggle('block', blocking);
    const nodes = lines.map((l) => {
      const line = this.doc.createElement('div');
      line.className = 'line';
      line.append(packTextNode(this.doc, l.text));
      if (l.suggested.length) {
        this.make('span', 'try', line, ` ${l.tryLabel}`);
        for (const s of l.suggested) {
          const b = this.make('button', '', line);
          b.append(packTextNode(this.doc, s.title));
          b.type = 'button';
          b.tabIndex = -1; // never takes focus from the reply box
          b.title = hint;
          b.dataset.scriptKey = s.key;
          b.addEventListener('mousedown', (e) => e.preventDefault());
          b.addEventListener('click', (e) => {
            if (fromAgent(e)) this.onSuggest(s.key);
          });
        }
      }
      return line;
    });
    this.status.replaceChildren(...nodes);
  }

  showNote(text: string) {
    this.note.textContent = text;
  }

  get confirming() {
    return !this.confirmBox.hidden;
  }

  /** The confirm before a blocked send. Focus goes to "返回修改", the safe choice. */
  confirm(anchor: HTMLElement, texts: ConfirmTexts, onBack: () => void, onSend: () => void) {
    this.attach(anchor);
    const q = this.make('div', 'q', this.doc.createDocumentFragment(), texts.question);
    const back = this.make('button', '', this.doc.createDocumentFragment(), texts.back);
    const send = this.make('button', 'danger', this.doc.createDocumentFragment(), texts.send);
    back.type = send.type = 'button';
    back.dataset.testid = 'compliance-back';
    send.dataset.testid = 'compliance-send';
    const close = () => this.closeConfirm();
    back.addEventListener('click', (e) => {
      if (!fromAgent(e)) return;
      close();
      onBack();
    });
    send.addEventListener('click', (e) => {
      if (!fromAgent(e)) return;
      close();
      onSend();
    });
    this.confirmLife?.abort();
    this.confirmLife = new AbortController();
    this.confirmBox.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape' && fromAgent(e)) {
          e.stopPropagation();
          close();
          onBack();
        }
      },
      { signal: this.confirmLife.signal },
    );
    this.confirmBox.replaceChildren(q, back, send);
    this.confirmBox.setAttribute('aria-label', texts.question);
    this.confirmBox.hidden = false;
    back.focus();
  }

  closeConfirm() {
    this.confirmLife?.abort();
    this.confirmLife = null;
    this.confirmBox.hidden = true;
    this.confirmBox.replaceChildren();
  }

  private detachLater() {
    if (!this.status.firstChild && this.confirmBox.hidden) this.host.remove();
  }

  destroy() {
    this.host.remove();
  }
}
