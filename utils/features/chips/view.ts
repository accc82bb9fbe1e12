/**
 * The suggestion chips' in-page UI: a short row of buttons beside the console's reply box, in a
 * host element with a CLOSED shadow root and its own styles (the palette's reasons: the page's
 * CSS cannot reach in, page scripts cannot read the team's script titles, and focus tracking
 * never takes it for a reply field). Titles go in with `textContent` only. The row never takes
 * focus: a click inserts and the caret stays in the reply box. Only the agent's own clicks
 * (trusted events) pick or dismiss. DOM only.
 */
import { PACK_TEXT_CSS, packTextNode } from '../../pack-text';
import { showInvisible } from '../../../scripts-library/invisible';
import type { ChipScript } from '../../messaging/protocol';
import { fromAgent } from '../../ui-kit/agent';
import { closedHost, element as el } from '../../ui-kit/host';
import { placeBeside, type Rect } from '../../ui-kit/place';
import { THUMBNAIL_CSS, type PageThumbnails } from '../../ui-kit/thumbnails';

export interface ChipLabels {
  /** The row's name for screen readers, and the small label in front of the chips. */
  title: string;
  /** Tooltip of a chip: `{situation}` is replaced. */
  chipHint: string;
  close: string;
}

export interface ChipEvents {
  pick(index: number): void;
  dismiss(): void;
}

const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.row { position: fixed; display: flex; flex-wrap: nowrap; align-items: center; gap: 6px; pointer-events: auto; max-width: calc(100vw - 8px);
  /* Opaque, so the console's own toolbar under the row does not show through the gaps. */
  background: #ffffff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 3px 4px 3px 8px; box-shadow: 0 2px 8px rgba(15, 23, 42, .10);
  font: 13px/1.4 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2329; }
.label { color: #6b7280; font-size: 12px; white-space: nowrap; }
.chip { all: unset; cursor: pointer; max-width: 220px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding: 3px 10px;
  border-radius: 999px; border: 1px solid #bfd3fe; background: #eef4ff; color: #1a56db; box-shadow: 0 1px 3px rgba(15, 23, 42, .12); }
.chip:hover { background: #dbe7fe; }
.chip .thumbs { margin: -1px 5px -1px -6px; }
.chip .thumb { border-radius: 999px; }
.close { all: unset; cursor: pointer; color: #6b7280; padding: 0 6px; border-radius: 999px; font-size: 14px; line-height: 1; }
.close:hover { background: #f3f4f6; }
.message { color: #92400e; background: #fffbeb; border: 1px solid #f0b429; border-radius: 6px; padding: 2px 8px; font-size: 12px; white-space: nowrap; }
${THUMBNAIL_CSS}
${PACK_TEXT_CSS}`;

/** Until the row is laid out (and in tests without layout): a row's usual size. */
const FALLBACK_SIZE = { width: 360, height: 28 };

export class ChipsView {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private row: HTMLElement | null = null;
  private chips: ChipScript[] = [];

  constructor(
    private readonly doc: Document,
    private labels: ChipLabels,
    private readonly events: ChipEvents,
    /** Draws a chip's first picture before its title; without it chips show text only. */
    private readonly thumbs?: PageThumbnails,
  ) {
    // One below the palette, which opens over the chips.
    ({ host: this.host, root: this.root } = closedHost(doc, 'chips', CSS, 2147483646));
  }

  setLabels(labels: ChipLabels) {
    this.labels = labels;
  }

  get visible(): boolean {
    return this.row !== null;
  }

  chip(i: number): ChipScript | undefined {
    return this.chips[i];
  }

  /** Is this event's target our UI (from outside, a closed root's events come from the host)? */
  owns(target: EventTarget | null): boolean {
    return target === this.host;
  }

  /** Shows the chips beside `anchor`, away from the `avoid` rectangles. */
  show(chips: readonly ChipScript[], anchor: Rect, avoid: readonly Rect[] = []) {
    this.hide();
    if (!chips.length) return;
    const { doc } = this;
    this.chips = [...chips];
    const row = el(doc, 'div', 'row');
    row.setAttribute('role', 'group');
    row.setAttribute('aria-label', this.labels.title);
    // Nothing here takes focus: the agent's caret stays in the reply box.
    row.addEventListener('mousedown', (e) => e.preventDefault());
    row.append(el(doc, 'span', 'label', this.labels.title));
    chips.forEach((c, i) => {
      const b = el(doc, 'button', 'chip');
      // One picture is enough to recognise it in a one-line row.
      if (this.thumbs && c.images?.length) b.append(this.thumbs.render(doc, c.images.slice(0, 1), 18));
      b.append(packTextNode(doc, c.title));
      b.type = 'button';
      b.tabIndex = -1;
      b.dataset.key = c.key;
      b.title = this.labels.chipHint.replace('{situation}', showInvisible(c.situation));
      b.addEventListener('click', (e) => {
        e.preventDefault();
        if (fromAgent(e)) this.events.pick(i);
      });
      row.append(b);
    });
    const close = el(doc, 'button', 'close', '×');
    close.type = 'button';
    close.tabIndex = -1;
    close.setAttribute('aria-label', this.labels.close);
    close.title = this.labels.close;
    close.addEventListener('click', (e) => {
      e.preventDefault();
      if (fromAgent(e)) this.events.dismiss();
    });
    row.append(close);
    this.root.append(row);
    this.row = row;
    if (!this.host.isConnected) doc.documentElement.append(this.host);
    this.place(anchor, avoid);
  }

  /** Above the reply box (below it when there is no room), at its left edge, at most as wide as the page. */
  place(anchor: Rect, avoid: readonly Rect[] = []) {
    const row = this.row;
    if (!row) return;
    const view = this.doc.defaultView;
    const size = { width: row.offsetWidth || FALLBACK_SIZE.width, height: row.offsetHeight || FALLBACK_SIZE.height };
    const at = placeBeside(anchor, size, { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 }, avoid);
    row.style.left = `${at.left}px`;
    row.style.top = `${at.top}px`;
    row.dataset.side = at.side;
  }

  /** A short message in place of the chips (an insertion failed). */
  showMessage(text: string) {
    if (!this.row) return;
    this.row.querySelector('.message')?.remove();
    this.row.querySelector('.close')?.before(el(this.doc, 'span', 'message', text));
  }

  hide() {
    this.thumbs?.release(this.row);
    this.row?.remove();
    this.row = null;
    this.chips = [];
    this.host.remove();
  }
}
