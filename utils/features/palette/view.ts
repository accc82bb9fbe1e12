/**
 * The in-page UI of the palette and the inline list: one host element with a CLOSED shadow root
 * and its own styles, so the console's CSS cannot reach in and ours cannot leak out. Closed
 * because the list shows the team's scripts (page scripts have no business reading them), and
 * because our own focus tracking (and the console's) must never take the palette's search box
 * for a reply field: from outside, the host is all there is.
 *
 * Every piece of script text goes in with `textContent`; nothing is parsed as HTML. Only the
 * agent's own clicks and keys (trusted events) pick, hover, submit or dismiss. DOM only.
 */
import type { PaletteField, PaletteHit } from '../../messaging/protocol';
import { fromAgent } from '../../ui-kit/agent';
import { closedHost, element as el } from '../../ui-kit/host';
import { appendVisibleText, PACK_TEXT_CSS, packTextNode } from '../../pack-text';
import type { CaretBox } from '../inline-trigger/caret-position';
import { markedRuns } from '../../search/marked';
import { THUMBNAIL_CSS, type PageThumbnails } from '../../ui-kit/thumbnails';

export interface ViewLabels {
  searchPlaceholder: string;
  paletteHint: string;
  inlineHint: string;
  /** On the inline list's first script when its code is exactly what was typed: Space inserts it. */
  exactSpace: string;
  noResults: string;
  purpose: string;
  fill: string;
  confirm: string;
  cancel: string;
  required: string;
  /** Badge on scripts suggested for the customer's latest message. */
  suggested: string;
}

export type ViewMode = 'palette' | 'inline';

export interface ViewEvents {
  pick(index: number): void;
  hover(index: number): void;
  dismiss(): void;
}

const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.wrap { position: fixed; inset: 0; pointer-events: none; font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2329; }
.backdrop { position: fixed; inset: 0; background: rgba(15, 23, 42, .28); pointer-events: auto; }
.panel { position: fixed; pointer-events: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 10px; box-shadow: 0 12px 40px rgba(15,23,42,.25); display: flex; flex-direction: column; overflow: hidden; }
.panel.palette { left: 50%; top: 12vh; transform: translateX(-50%); width: min(720px, calc(100vw - 16px)); max-height: min(540px, calc(100vh - 16px - 12vh)); }
.panel.inline { width: min(420px, calc(100vw - 8px)); max-height: 320px; }
.search { border: 0; border-bottom: 1px solid #e5e7eb; padding: 12px 14px; font: inherit; font-size: 16px; outline: none; width: 100%; color: inherit; background: #fff; }
.body { display: flex; min-height: 0; flex: 1; }
.list { list-style: none; margin: 0; padding: 4px; overflow-y: auto; flex: 1 1 50%; min-width: 0; }
.inline .list { flex-basis: 100%; }
.item { padding: 6px 10px; border-radius: 6px; cursor: pointer; }
.item[aria-selected="true"] { background: #e8f0fe; }
.title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.meta { color: #6b7280; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tag { display: inline-block; margin-right: 6px; padding: 0 5px; border-radius: 4px; background: #e8f0fe; color: #1a56db; font-size: 11px; font-weight: 500; }
.exact { margin-left: 6px; color: #6b7280; font-size: 11px; font-weight: 400; }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f3f4f6; border-radius: 4px; padding: 0 4px; margin-left: 6px; font-weight: 400; font-size: 12px; }
.snippet { color: #374151; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
mark { background: #fde68a; color: inherit; border-radius: 2px; }
.preview { flex: 1 1 50%; border-left: 1px solid #e5e7eb; padding: 10px 14px; overflow-y: auto; min-width: 0; }
.preview .ptitle { font-weight: 600; margin-bottom: 4px; }
.preview .purpose { color: #6b7280; font-size: 12px; margin-bottom: 8px; }
.preview .full { white-space: pre-wrap; overflow-wrap: anywhere; }
.inline .preview { display: none; }
.hint { color: #6b7280; font-size: 12px; padding: 6px 12px; border-top: 1px solid #e5e7eb; background: #f9fafb; }
.message { padding: 10px 14px; color: #92400e; background: #fffbeb; font-size: 13px; }
.message[hidden], .form[hidden] { display: none; }
.form { padding: 10px 14px; border-top: 1px solid #e5e7eb; display: grid; gap: 8px; }
.form label { display: grid; gap: 2px; font-size: 13px; }
.form input { font: inherit; padding: 4px 8px; border: 1px solid #d0d7de; border-radius: 6px; }
.form .actions { display: flex; gap: 8px; }
.form button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #d0d7de; background: #fff; cursor: pointer; }
.form button[type="submit"] { background: #2563eb; border-color: #2563eb; color: #fff; }
.error { color: #b91c1c; font-size: 12px; }
.item.pictured { display: flex; gap: 8px; align-items: center; }
.item .text { flex: 1; min-width: 0; }
.preview .thumbs { margin: 4px 0 8px; }
.alt { color: #6b7280; font-size: 12px; }
${THUMBNAIL_CSS}
${PACK_TEXT_CSS}`;

/** A div of class `className` holding pack text. */
function packTextIn(doc: Document, className: string, text: string): HTMLDivElement {
  const div = el(doc, 'div', className);
  div.append(packTextNode(doc, text));
  return div;
}

/**
 * `text` with the given [start, end) ranges wrapped in <mark>, built from text nodes only, in an
 * isolating <bdi> with invisible characters shown (utils/pack-text.ts).
 */
export function highlighted(
  doc: Document,
  parent: HTMLElement,
  text: string,
  ranges: readonly (readonly [number, number])[] = [],
): void {
  const box = packTextNode(doc, '');
  for (const run of markedRuns(text, ranges)) {
    if (!run.marked) appendVisibleText(doc, box, run.text);
    else appendVisibleText(doc, box.appendChild(el(doc, 'mark')), run.text);
  }
  parent.append(box);
}

/** What the pictures show, for a script that is only pictures (and under a preview's thumbnails). */
const altTexts = (hit: PaletteHit) =>
  (hit.images ?? [])
    .map((i) => i.alt)
    .filter(Boolean)
    .join('、');

/** Thumbnail sizes in px: the list's rows, and the preview. */
const ROW_THUMB = { palette: 36, inline: 28 } as const;
const PREVIEW_THUMB = 72;

/** A one-line snippet of the body, starting near its first match. */
function snippetOf(hit: PaletteHit): { text: string; ranges: [number, number][] } {
  const body = hit.body.replace(/\s+/g, ' ');
  const first = hit.highlights.body?.[0]?.[0] ?? 0;
  const from = first > 20 ? first - 10 : 0;
  // Whitespace folding keeps lengths only when the body has no runs of spaces; good enough for a hint.
  const ranges =
    body.length === hit.body.length
      ? (hit.highlights.body ?? []).map(([s, e]) => [s - from, e - from] as [number, number]).filter(([s]) => s >= 0)
      : [];
  return {
    text: (from ? '…' : '') + body.slice(from, from + 120),
    ranges: from ? ranges.map(([s, e]) => [s + 1, e + 1] as [number, number]) : ranges,
  };
}

export class PaletteView {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly doc: Document;
  private panel: HTMLElement | null = null;
  private list: HTMLUListElement | null = null;
  private preview: HTMLElement | null = null;
  private message: HTMLElement | null = null;
  private form: HTMLFormElement | null = null;
  private input: HTMLInputElement | null = null;
  private hits: PaletteHit[] = [];
  /** Our own `requestSubmit` after the agent's Enter (its submit event is not a trusted one). */
  private submitting = false;
  mode: ViewMode | null = null;
  active = 0;

  constructor(
    doc: Document,
    private labels: ViewLabels,
    private readonly events: ViewEvents,
    /** Draws script pictures beside their text; without it the lists show text only. */
    private readonly thumbs?: PageThumbnails,
  ) {
    this.doc = doc;
    ({ host: this.host, root: this.root } = closedHost(doc, '', CSS));
  }

  setLabels(labels: ViewLabels) {
    this.labels = labels;
  }

  /** Where a textarea's caret mirror may be laid out without touching the page's DOM tree. */
  get scratch(): ShadowRoot {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    return this.root;
  }

  get isOpen(): boolean {
    return this.mode !== null;
  }

  get query(): string {
    return this.input?.value ?? '';
  }

  get formOpen(): boolean {
    return !!this.form && !this.form.hidden;
  }

  get count(): number {
    return this.hits.length;
  }

  hit(i: number): PaletteHit | undefined {
    return this.hits[i];
  }

  /** Is this event's target our UI (from outside, a closed root's events come from the host)? */
  owns(target: EventTarget | null): boolean {
    return target === this.host;
  }

  /** The pictures' pixels go with the list they were in. */
  private releaseThumbs() {
    this.thumbs?.release(this.list);
    this.thumbs?.release(this.preview);
  }

  private build(mode: ViewMode) {
    this.releaseThumbs();
    this.root.querySelector('.wrap')?.remove();
    const { doc } = this;
    const wrap = el(doc, 'div', 'wrap');
    if (mode === 'palette') {
      const backdrop = el(doc, 'div', 'backdrop');
      backdrop.addEventListener('mousedown', (e) => {
        e.preventDefault();
        if (fromAgent(e)) this.events.dismiss();
      });
      wrap.append(backdrop);
    }
    const panel = el(doc, 'div', `panel ${mode}`);
    panel.setAttribute('role', mode === 'palette' ? 'dialog' : 'listbox');
    if (mode === 'palette') {
      const input = el(doc, 'input', 'search');
      input.type = 'text';
      input.placeholder = this.labels.searchPlaceholder;
      input.setAttribute('aria-label', this.labels.searchPlaceholder);
      input.autocomplete = 'off';
      input.spellcheck = false;
      panel.append(input);
      this.input = input;
    } else {
      this.input = null;
      // The inline list never takes focus from the reply box.
      panel.addEventListener('mousedown', (e) => e.preventDefault());
    }
    const body = el(doc, 'div', 'body');
    const list = el(doc, 'ul', 'list');
    list.setAttribute('role', 'listbox');
    const preview = el(doc, 'div', 'preview');
    body.append(list, preview);
    const message = el(doc, 'div', 'message');
    message.hidden = true;
    const form = el(doc, 'form', 'form');
    form.hidden = true;
    const hint = el(doc, 'div', 'hint', mode === 'palette' ? this.labels.paletteHint : this.labels.inlineHint);
    panel.append(body, message, form, hint);
    wrap.append(panel);
    this.root.append(wrap);
    Object.assign(this, { panel, list, preview, message, form });
    this.mode = mode;
    this.hits = [];
    this.active = 0;
  }

  openPalette() {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.build('palette');
    this.input!.focus({ preventScroll: true });
  }

  openInline(box: CaretBox) {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    if (this.mode !== 'inline') this.build('inline');
    this.place(box);
  }

  /** Below the caret, or above it when there is no room below; always inside the viewport. */
  place(box: CaretBox) {
    const panel = this.panel;
    if (!panel || this.mode !== 'inline') return;
    const view = this.doc.defaultView!;
    const height = Math.min(panel.offsetHeight || 240, 320);
    const width = panel.offsetWidth || 420;
    const below = box.bottom + 4;
    const top = below + height <= view.innerHeight || box.top - height - 4 < 0 ? below : box.top - height - 4;
    panel.style.top = `${Math.max(4, Math.min(top, view.innerHeight - 40))}px`;
    panel.style.left = `${Math.max(4, Math.min(box.left, view.innerWidth - width - 4))}px`;
  }

  setHits(hits: PaletteHit[], emptyText?: string) {
    this.hits = hits;
    this.active = 0;
    const { list, doc, mode } = this;
    if (!list || !mode) return;
    this.thumbs?.release(list);
    list.replaceChildren();
    hits.forEach((hit, i) => {
      const item = el(doc, 'li', 'item');
      item.setAttribute('role', 'option');
      item.dataset.key = hit.key;
      const title = el(doc, 'div', 'title');
      highlighted(doc, title, hit.title, hit.highlights.title);
      if (hit.shortcut) title.append(el(doc, 'span', 'code', `/${hit.shortcut}`));
      if (mode === 'inline' && i === 0 && hit.exactShortcut)
        title.append(el(doc, 'span', 'exact', this.labels.exactSpace));
      if (hit.suggested) title.prepend(el(doc, 'span', 'tag', this.labels.suggested));
      const line = el(doc, 'div', 'snippet');
      if (hit.body.trim() || !hit.images?.length) {
        const snippet = snippetOf(hit);
        highlighted(doc, line, snippet.text, snippet.ranges);
      } else line.append(packTextIn(doc, 'alt', altTexts(hit)));
      const text = el(doc, 'div', 'text');
      text.append(title, line);
      if (mode === 'palette' && hit.situation) text.append(packTextIn(doc, 'meta', hit.situation));
      if (this.thumbs && hit.images?.length) {
        item.classList.add('pictured');
        item.append(this.thumbs.render(doc, hit.images, ROW_THUMB[mode]));
      }
      item.append(text);
      item.addEventListener('mousemove', (e) => {
        if (this.active !== i && fromAgent(e)) this.events.hover(i);
      });
      item.addEventListener('click', (e) => {
        e.preventDefault();
        if (fromAgent(e)) this.events.pick(i);
      });
      list.append(item);
    });
    this.showMessage(hits.length ? '' : (emptyText ?? ''));
    this.setActive(0);
  }

  setActive(i: number) {
    if (!this.list) return;
    this.active = this.hits.length ? (i + this.hits.length) % this.hits.length : 0;
    [...this.list.children].forEach((li, n) => li.setAttribute('aria-selected', String(n === this.active)));
    (this.list.children[this.active] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
    this.renderPreview();
  }

  private renderPreview() {
    const { preview, doc } = this;
    if (!preview) return;
    this.thumbs?.release(preview);
    preview.replaceChildren();
    const hit = this.hits[this.active];
    if (!hit) return;
    const title = el(doc, 'div', 'ptitle');
    highlighted(doc, title, hit.title, hit.highlights.title);
    preview.append(title);
    if (hit.purpose) {
      const purpose = el(doc, 'div', 'purpose', `${this.labels.purpose}：`);
      highlighted(doc, purpose, hit.purpose, hit.highlights.purpose);
      preview.append(purpose);
    }
    if (hit.situation) preview.append(packTextIn(doc, 'purpose', hit.situation));
    // The inline list shows no preview.
    if (this.thumbs && hit.images?.length && this.mode === 'palette') {
      preview.append(this.thumbs.render(doc, hit.images, PREVIEW_THUMB), packTextIn(doc, 'alt', altTexts(hit)));
    }
    const full = el(doc, 'div', 'full');
    highlighted(doc, full, hit.body, hit.highlights.body);
    preview.append(full);
  }

  showMessage(text: string) {
    if (!this.message) return;
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  /** The placeholder form (the panel's PlaceholderForm, in the page): Enter confirms, Esc cancels. */
  showForm(title: string, fields: readonly PaletteField[], submit: (values: Record<string, string>) => void) {
    const { form, doc } = this;
    if (!form) return;
    form.replaceChildren(el(doc, 'div', 'ptitle', this.labels.fill.replace('{title}', title)));
    const inputs = fields.map((f) => {
      const label = el(doc, 'label', undefined, f.label || f.name);
      const input = el(doc, 'input');
      input.type = 'text';
      input.value = f.initial;
      input.placeholder = f.example;
      input.dataset.placeholderName = f.name;
      label.append(input);
      form.append(label);
      return input;
    });
    const error = el(doc, 'div', 'error');
    const actions = el(doc, 'div', 'actions');
    const ok = el(doc, 'button', undefined, this.labels.confirm);
    ok.type = 'submit';
    const cancel = el(doc, 'button', undefined, this.labels.cancel);
    cancel.type = 'button';
    cancel.addEventListener('click', (e) => {
      if (fromAgent(e)) this.events.dismiss();
    });
    actions.append(ok, cancel);
    form.append(error, actions);
    form.onsubmit = (e) => {
      e.preventDefault();
      if (!fromAgent(e) && !this.submitting) return;
      const empty = inputs.filter((i) => !i.value.trim());
      if (empty.length) {
        error.textContent = this.labels.required;
        empty[0]!.focus();
        return;
      }
      submit(Object.fromEntries(fields.map((f, i) => [f.name, inputs[i]!.value.trim()])));
    };
    form.hidden = false;
    // The form needs the keyboard, even in the inline list.
    inputs[0]?.focus({ preventScroll: true });
  }

  /** The agent pressed Enter in the form (the caller checked it was the agent's key). */
  submitForm() {
    this.submitting = true;
    try {
      this.form?.requestSubmit();
    } finally {
      this.submitting = false;
    }
  }

  close() {
    this.releaseThumbs();
    this.root.querySelector('.wrap')?.remove();
    this.host.remove();
    this.mode = null;
    this.hits = [];
    this.panel = this.list = this.preview = this.message = this.form = this.input = null;
  }
}
