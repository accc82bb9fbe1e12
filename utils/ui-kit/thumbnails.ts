/**
 * Script pictures beside the text in our in-page UI (palette, inline list, chips). The content
 * script cannot open the database, so the background sends small thumbnails on request
 * (`getThumbnails`); they are drawn into a <canvas> inside our closed shadow root.
 *
 * A canvas and not an <img> with an object URL: there is no URL at all, so nothing of ours for a
 * page script to find or fetch, nothing to revoke, and a console's Content-Security-Policy
 * (`img-src` without `blob:`, which also applies to elements a content script adds) cannot
 * block it. Lazy like the panel's thumbnails: a canvas is painted only while on screen and
 * emptied (its pixels freed) when it scrolls away or its list goes. DOM only.
 */
import type { ScriptImageRef } from '../../scripts-library/images';
import { element as el } from './host';

/** Fetches thumbnails by hash; missing hashes are left out. */
export type FetchThumbnails = (hashes: string[]) => Promise<Record<string, Blob>>;
/** Draws a thumbnail into the canvas (sizing it); throws when it does not decode. */
export type PaintThumbnail = (canvas: HTMLCanvasElement, blob: Blob) => Promise<void>;
/** Calls `onChange` as the element comes on or goes off screen; returns the unwatch. */
export type WatchVisibility = (target: Element, onChange: (visible: boolean) => void) => () => void;

export const THUMBNAIL_CSS = `
.thumbs { display: inline-flex; gap: 4px; flex: none; vertical-align: middle; }
.thumb { display: block; border-radius: 4px; background: #f3f4f6; object-fit: contain; }
`;

const paintBitmap: PaintThumbnail = async (canvas, blob) => {
  const bitmap = await createImageBitmap(blob);
  try {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  } finally {
    bitmap.close();
  }
};

function intersectionWatcher(): WatchVisibility {
  const watched = new Map<Element, (visible: boolean) => void>();
  let observer: IntersectionObserver | null = null;
  return (target, onChange) => {
    observer ??= new IntersectionObserver((entries) =>
      entries.forEach((e) => watched.get(e.target)?.(e.isIntersecting)),
    );
    watched.set(target, onChange);
    observer.observe(target);
    return () => {
      watched.delete(target);
      observer?.unobserve(target);
    };
  };
}

/** How many thumbnails stay cached in the page (a few KB each). */
const CACHE_SIZE = 120;

interface Slot {
  unwatch(): void;
  /** Bumped when the canvas is emptied: a paint still on its way is dropped. */
  generation: number;
}

export class PageThumbnails {
  private readonly cache = new Map<string, Promise<Blob | null>>();
  private readonly slots = new Map<HTMLCanvasElement, Slot>();
  private batch: { hashes: Set<string>; done: Promise<Record<string, Blob>> } | null = null;

  constructor(
    private readonly fetch: FetchThumbnails,
    private readonly paint: PaintThumbnail = paintBitmap,
    private readonly watch: WatchVisibility = intersectionWatcher(),
  ) {}

  /**
   * A row of canvases for `images`, each painted while on screen. The alt text is the canvas's
   * accessible name and tooltip. Give the container to `release` when it leaves the page.
   */
  render(doc: Document, images: readonly ScriptImageRef[], size: number): HTMLElement {
    const row = el(doc, 'span', 'thumbs');
    for (const image of images) {
      const canvas = el(doc, 'canvas', 'thumb');
      canvas.width = canvas.height = 0;
      canvas.style.width = canvas.style.height = `${size}px`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', image.alt);
      canvas.title = image.alt;
      canvas.dataset.hash = image.hash;
      canvas.dataset.state = 'empty';
      const slot: Slot = { generation: 0, unwatch: () => undefined };
      slot.unwatch = this.watch(canvas, (visible) =>
        visible ? void this.show(canvas, image.hash, slot) : this.empty(canvas, slot),
      );
      this.slots.set(canvas, slot);
      row.append(canvas);
    }
    return row;
  }

  /** Empties and forgets every thumbnail under `container` (its list was replaced or closed). */
  release(container: ParentNode | null) {
    if (!container) return;
    for (const canvas of container.querySelectorAll<HTMLCanvasElement>('canvas.thumb')) {
      const slot = this.slots.get(canvas);
      if (!slot) continue;
      slot.unwatch();
      this.empty(canvas, slot);
      this.slots.delete(canvas);
    }
  }

  private async show(canvas: HTMLCanvasElement, hash: string, slot: Slot) {
    if (canvas.dataset.state !== 'empty') return;
    const generation = ++slot.generation;
    canvas.dataset.state = 'loading';
    const blob = await this.load(hash);
    if (generation !== slot.generation) return;
    try {
      if (!blob) throw new Error('no thumbnail');
      await this.paint(canvas, blob);
      // Emptied while it decoded: the pixels go at once.
      if (generation === slot.generation) canvas.dataset.state = 'shown';
      else this.clear(canvas);
    } catch {
      if (generation === slot.generation) canvas.dataset.state = 'failed';
    }
  }

  private empty(canvas: HTMLCanvasElement, slot: Slot) {
    slot.generation++;
    this.clear(canvas);
    canvas.dataset.state = 'empty';
  }

  /** Setting the size frees the canvas's pixels. */
  private clear(canvas: HTMLCanvasElement) {
    canvas.width = canvas.height = 0;
  }

  /** One request for the thumbnails asked for in the same task. */
  private load(hash: string): Promise<Blob | null> {
    const cached = this.cache.get(hash);
    if (cached) {
      // Most recently used last: the oldest go first when the cache is full.
      this.cache.delete(hash);
      this.cache.set(hash, cached);
      return cached;
    }
    if (!this.batch) {
      const hashes = new Set<string>();
      const done = Promise.resolve().then(() => {
        this.batch = null;
        return this.fetch([...hashes]).catch(() => ({}) as Record<string, Blob>);
      });
      this.batch = { hashes, done };
    }
    this.batch.hashes.add(hash);
    const promise = this.batch.done.then((found) => found[hash] ?? null);
    this.cache.set(hash, promise);
    // A failed fetch is not cached: the next showing asks again.
    void promise.then((blob) => blob ?? this.cache.delete(hash));
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return promise;
  }
}
