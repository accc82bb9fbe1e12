/**
 * Script pictures in our in-page UI: thumbnails drawn only while on screen and emptied when
 * not (palette, inline list, chips), the note that tells the agent to paste a picture, and the
 * console's attachment input as a place for pictures.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScriptImageRef } from '../../scripts-library/images';
import { attachmentInput, buildRule } from '../../utils/features/teach/content';
import { pageImageNotice } from '../../utils/insertion/images';
import { acceptsFile, attachFiles } from '../../utils/insertion/input-events';
import type { ChipScript, PaletteHit } from '../../utils/messaging/protocol';
import { ChipsView } from '../../utils/features/chips/view';
import { PaletteView } from '../../utils/features/palette/view';
import { PageNotice } from '../../utils/ui-kit/notice';
import { PageThumbnails, type WatchVisibility } from '../../utils/ui-kit/thumbnails';
import { agent } from './agent-events';
import { TEST_LABELS } from './palette-labels';

const ref = (hash: string, alt: string): ScriptImageRef => ({
  hash: hash.padEnd(64, '0'),
  type: 'image/png',
  alt,
  width: 240,
  height: 160,
  bytes: 1000,
});
const CHART = ref('a1', '尺码表');
const CARD = ref('b2', '退货地址卡');

/** Visibility the test decides: `set(el, true)` is "scrolled on screen". */
function visibility() {
  const watched = new Map<Element, (visible: boolean) => void>();
  const unwatched: Element[] = [];
  const watch: WatchVisibility = (el, onChange) => {
    watched.set(el, onChange);
    return () => {
      watched.delete(el);
      unwatched.push(el);
    };
  };
  return {
    watch,
    watched,
    unwatched,
    set: (el: Element, visible: boolean) => watched.get(el)?.(visible),
    showAll: () => [...watched].forEach(([, fn]) => fn(true)),
  };
}

function thumbnails() {
  const fetch = vi.fn(async (hashes: string[]) =>
    Object.fromEntries(hashes.map((h) => [h, new Blob([h], { type: 'image/webp' })])),
  );
  const paint = vi.fn(async (canvas: HTMLCanvasElement) => {
    canvas.width = 96;
    canvas.height = 64;
  });
  const vis = visibility();
  return { thumbs: new PageThumbnails(fetch, paint, vis.watch), fetch, paint, vis };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const canvases = (root: ParentNode) => [...root.querySelectorAll<HTMLCanvasElement>('canvas.thumb')];
const rootOf = (v: object) => (v as { root: ShadowRoot }).root;

afterEach(() => document.documentElement.querySelectorAll('[data-huashu-ui]').forEach((n) => n.remove()));

describe('thumbnails', () => {
  it('are drawn only once on screen, in one request for the row, and emptied when they scroll away', async () => {
    const { thumbs, fetch, paint, vis } = thumbnails();
    const row = thumbs.render(document, [CHART, CARD], 36);
    const [a, b] = canvases(row);
    expect(a!.getAttribute('aria-label')).toBe('尺码表');
    expect(a!.style.width).toBe('36px');
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    expect(a!.dataset.state).toBe('empty');

    vis.showAll();
    await settle();
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toEqual([CHART.hash, CARD.hash]);
    expect([a!.dataset.state, b!.dataset.state]).toEqual(['shown', 'shown']);
    expect(a!.width).toBe(96);

    vis.set(a!, false);
    expect(a!.dataset.state).toBe('empty');
    expect([a!.width, a!.height]).toEqual([0, 0]);
    // Back on screen: drawn again from the page's cache, no new request.
    vis.set(a!, true);
    await settle();
    await settle();
    expect(a!.dataset.state).toBe('shown');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(paint).toHaveBeenCalledTimes(3);
  });

  it('one that scrolls away while its picture is on the way is never drawn', async () => {
    const { thumbs, paint, vis } = thumbnails();
    const [a] = canvases(thumbs.render(document, [CHART], 36));
    vis.set(a!, true);
    vis.set(a!, false);
    await settle();
    await settle();
    expect(paint).not.toHaveBeenCalled();
    expect([a!.dataset.state, a!.width]).toEqual(['empty', 0]);
  });

  it('a picture the background does not have shows as failed and is asked for again next time', async () => {
    const fetch = vi.fn(async () => ({}));
    const vis = visibility();
    const thumbs = new PageThumbnails(fetch, vi.fn(), vis.watch);
    const [a] = canvases(thumbs.render(document, [CHART], 36));
    vis.set(a!, true);
    await settle();
    await settle();
    expect(a!.dataset.state).toBe('failed');
    const [b] = canvases(thumbs.render(document, [CHART], 36));
    vis.set(b!, true);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('release empties every canvas under the container and stops watching them', async () => {
    const { thumbs, vis } = thumbnails();
    const row = thumbs.render(document, [CHART, CARD], 36);
    vis.showAll();
    await settle();
    await settle();
    thumbs.release(row);
    expect(canvases(row).map((c) => [c.dataset.state, c.width])).toEqual([
      ['empty', 0],
      ['empty', 0],
    ]);
    expect(vis.watched.size).toBe(0);
    expect(vis.unwatched).toEqual(canvases(row));
  });
});

const hit = (over: Partial<PaletteHit>): PaletteHit => ({
  key: 'p/a',
  title: '尺码表图片',
  body: '亲，这是我们的尺码表',
  purpose: '',
  situation: '尺码',
  highlights: {},
  ...over,
});

describe('palette and inline list', () => {
  it('show a script’s pictures beside its text, a picture-only script with what it shows; a new list lets the old pictures go', async () => {
    const { thumbs, vis } = thumbnails();
    const v = new PaletteView(document, TEST_LABELS, { pick: vi.fn(), hover: vi.fn(), dismiss: vi.fn() }, thumbs);
    v.openPalette();
    v.setHits([
      hit({ images: [CHART] }),
      hit({ key: 'p/card', title: '退货地址卡片', body: '', images: [CARD] }),
      hit({ key: 'p/t' }),
    ]);
    const root = rootOf(v);
    const items = [...root.querySelectorAll('.item')];
    expect(items.map((li) => li.querySelectorAll('canvas.thumb').length)).toEqual([1, 1, 0]);
    expect(items[1]!.querySelector('.snippet')!.textContent).toBe('退货地址卡');
    // The preview of the selected script shows its picture larger, with what it shows.
    expect(root.querySelector('.preview canvas.thumb')!.getAttribute('style')).toContain('72px');
    expect(root.querySelector('.preview')!.textContent).toContain('尺码表');
    vis.showAll();
    await settle();
    await settle();
    const old = canvases(root);
    expect(old.every((c) => c.dataset.state === 'shown')).toBe(true);

    v.setHits([hit({ key: 'p/t' })]);
    expect(old.every((c) => c.dataset.state === 'empty' && c.width === 0)).toBe(true);
    expect(vis.watched.size).toBe(0);
  });

  it('the inline list shows row pictures but no preview; closing lets them go', async () => {
    const { thumbs, vis } = thumbnails();
    const v = new PaletteView(document, TEST_LABELS, { pick: vi.fn(), hover: vi.fn(), dismiss: vi.fn() }, thumbs);
    v.openInline({ left: 10, top: 10, bottom: 30 });
    v.setHits([hit({ images: [CHART] })]);
    const shown = canvases(rootOf(v));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.style.width).toBe('28px');
    v.close();
    expect(vis.watched.size).toBe(0);
  });
});

describe('chips', () => {
  it('a chip shows its first picture; hiding the row lets it go', () => {
    const { thumbs, vis } = thumbnails();
    const v = new ChipsView(
      document,
      { title: '推荐', chipHint: '{situation}', close: '×' },
      { pick: vi.fn(), dismiss: vi.fn() },
      thumbs,
    );
    const chip: ChipScript = {
      key: 'p/a',
      title: '尺码表图片',
      situation: '尺码',
      detected: 'p/s',
      images: [CHART, CARD],
    };
    v.show([chip, { ...chip, key: 'p/b', images: undefined }], { left: 100, top: 500, right: 600, bottom: 560 });
    const chips = [...rootOf(v).querySelectorAll('.chip')];
    expect(chips.map((c) => c.querySelectorAll('canvas.thumb').length)).toEqual([1, 0]);
    expect(chips[0]!.textContent).toBe('尺码表图片');
    v.hide();
    expect(vis.watched.size).toBe(0);
  });
});

describe('the note after an insertion', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says to paste a picture the console ignored, beside the reply box, in a closed root, until the agent’s next key', () => {
    const say = pageImageNotice('copied')!;
    expect(say).toEqual({ tone: 'warn', key: 'imageCopied' });
    const note = new PageNotice(document);
    note.show('图片已复制，请在输入框粘贴', say.tone, { left: 100, top: 500, right: 600, bottom: 560 });
    const host = document.querySelector('[data-huashu-ui="notice"]') as HTMLElement;
    expect(host.shadowRoot).toBeNull();
    expect(host.textContent).toBe('');
    expect(note.text).toBe('图片已复制，请在输入框粘贴');
    // The rest of the key press that picked the script does not end it; a page's synthetic key does not either.
    window.dispatchEvent(agent(new KeyboardEvent('keydown', { key: 'Enter' })));
    vi.advanceTimersByTime(1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }));
    expect(note.text).toBe('图片已复制，请在输入框粘贴');
    window.dispatchEvent(agent(new KeyboardEvent('keydown', { key: 'v', ctrlKey: true })));
    expect(note.text).toBe('');
    expect(document.querySelector('[data-huashu-ui="notice"]')).toBeNull();
  });

  it('goes by itself after a while', () => {
    const note = new PageNotice(document);
    note.show('x', 'warn', { left: 0, top: 500, right: 10, bottom: 520 });
    vi.advanceTimersByTime(7999);
    expect(note.text).toBe('x');
    vi.advanceTimersByTime(1);
    expect(note.text).toBe('');
  });

  it('is shown only where the agent must act', () => {
    expect(pageImageNotice('pasted')).toBeNull();
    expect(pageImageNotice('attached')).toBeNull();
    expect(pageImageNotice(undefined)).toBeNull();
    expect(pageImageNotice('copy-needed')?.key).toBe('imageNotCopiedHere');
  });
});

describe('the console’s attachment input', () => {
  const png = { bytes: new Uint8Array([137, 80, 78, 71]), name: '尺码表.png', type: 'image/png' };

  it('accept is read as the browser’s picker reads it', () => {
    expect(acceptsFile('', png)).toBe(true);
    expect(acceptsFile('image/*', png)).toBe(true);
    expect(acceptsFile('.jpg, .PNG', png)).toBe(true);
    expect(acceptsFile('image/jpeg,.pdf', png)).toBe(false);
    expect(acceptsFile('application/pdf', png)).toBe(false);
  });

  it('gets the files and the events upload handlers listen to; one at a time where it takes one', () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    document.body.append(input);
    const got: string[][] = [];
    input.addEventListener('change', () => got.push([...input.files!].map((f) => f.name)));
    expect(attachFiles(input, [png, { ...png, name: '卡.png' }])).toBe(true);
    expect(got).toEqual([['尺码表.png'], ['卡.png']]);
    input.multiple = true;
    got.length = 0;
    expect(attachFiles(input, [png, { ...png, name: '卡.png' }])).toBe(true);
    expect(got).toEqual([['尺码表.png', '卡.png']]);
    // Not for documents only, nor when disabled.
    input.accept = 'application/pdf';
    expect(attachFiles(input, [png])).toBe(false);
    input.accept = '';
    input.disabled = true;
    expect(attachFiles(input, [png])).toBe(false);
    input.remove();
  });

  it('teach mode records it from a click on the paperclip’s icon', () => {
    document.body.innerHTML = `<h2 class="name">陈女士</h2>
      <ul class="msgs"><li class="msg in"><span class="t">你好</span></li><li class="msg out"><span class="t">您好</span></li></ul>
      <div class="chat"><div class="composer"><div class="tools"><button class="attach"><svg><path d="M0 0"/></svg></button></div>
      <div contenteditable="true" class="editor"></div></div><div class="tray"><input type="file" accept="image/*" hidden></div></div>`;
    const q = (s: string) => document.querySelector(s)!;
    const loc = {
      href: 'https://kf.example.com/chat',
      host: 'kf.example.com',
      hostname: 'kf.example.com',
      protocol: 'https:',
    };
    // The agent clicks the icon in the paperclip button; the hidden input beside the reply box is the answer.
    expect(attachmentInput(q('.attach path'))).toBe(q('input[type="file"]'));
    expect(attachmentInput(q('.attach'))).toBe(q('input[type="file"]'));
    const picked = {
      input: q('.editor'),
      customer: q('.in .t'),
      agent: q('.out .t'),
      title: q('.name'),
      attachment: q('input[type="file"]'),
    };
    const built = buildRule(picked, loc as Location);
    expect('rule' in built && built.rule.attachmentInput).toBe('[type="file"]');
    // Skipped: no attachment input in the rule.
    const { attachment: _skipped, ...rest } = picked;
    const without = buildRule(rest, loc as Location);
    expect('rule' in without && 'attachmentInput' in without.rule).toBe(false);
    // Two file inputs near the click: which one is unclear, so neither.
    q('.tray').append(Object.assign(document.createElement('input'), { type: 'file' }));
    expect(attachmentInput(q('.attach path'))).toBeNull();
    document.body.replaceChildren();
  });
});
