/**
 * Where an inserter puts the caret before and after it types, for the contenteditable-based
 * inserters: where the text goes (saved caret, selection, whole draft, an inline trigger to
 * swallow), waiting until the page's editor has seen a selection we set, and placing the caret
 * for `{光标}`. DOM only; no extension APIs.
 */
import { focusWithin, selectionOf } from '../dom/selection';
import type { InsertRequest } from './request';

/** One macrotask, without the 1 s clamp browsers put on timers in background tabs. */
export function tick(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `change`; when it changed the selection, resolves after the page has had its
 * `selectionchange` (editors copy the DOM selection into their model there) and one more task
 * for editors that handle it after a zero-delay timer (Slate, Quill).
 */
async function changeSelection(doc: Document, settle: boolean, change: () => boolean): Promise<void> {
  if (!settle) {
    change();
    return;
  }
  let seen!: () => void;
  const selectionSeen = new Promise<void>((resolve) => (seen = resolve));
  doc.addEventListener('selectionchange', seen, { once: true });
  const timer = setTimeout(seen, 40);
  const changed = change();
  if (changed) {
    await selectionSeen;
    await tick();
  }
  doc.removeEventListener('selectionchange', seen);
  clearTimeout(timer);
}

/** Deepest first / last place a caret can stand in `el` (before a filler `<br>`, inside text). */
function edgePoint(el: Node, atEnd: boolean): [Node, number] {
  let node: Node = el;
  for (;;) {
    const child: ChildNode | null = atEnd ? node.lastChild : node.firstChild;
    if (!child) return [node, atEnd && node.nodeType === Node.TEXT_NODE ? (node as Text).length : 0];
    if (child.nodeType === Node.TEXT_NODE) return [child, atEnd ? (child as Text).length : 0];
    if (child.nodeType !== Node.ELEMENT_NODE || !child.firstChild) {
      // A leaf element (`<br>`, `<img>`) or a comment: stand beside it.
      const index = Array.prototype.indexOf.call(node.childNodes, child) as number;
      return [node, atEnd ? index : 0];
    }
    node = child;
  }
}

export function rangeOverContents(el: HTMLElement): Range {
  const range = el.ownerDocument.createRange();
  const [startNode, startOffset] = edgePoint(el, false);
  const [endNode, endOffset] = edgePoint(el, true);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

function caretAtEnd(el: HTMLElement): Range {
  const range = rangeOverContents(el);
  range.collapse(false);
  return range;
}

function usable(range: Range, el: HTMLElement): boolean {
  return range.startContainer.isConnected && el.contains(range.commonAncestorContainer);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.startContainer === b.startContainer &&
    a.startOffset === b.startOffset &&
    a.endContainer === b.endContainer &&
    a.endOffset === b.endOffset
  );
}

/** Where the text goes: the whole draft, the saved caret or selection, the live one, or the end. */
export function targetRange(req: InsertRequest, sel: Selection | null): Range {
  const { el } = req;
  if (req.replaceAll) return rangeOverContents(el);
  if (req.selection?.kind === 'range' && usable(req.selection.range, el)) return req.selection.range;
  const live = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
  if (live && usable(live, el)) return live;
  return caretAtEnd(el);
}

/** Grapheme clusters, the unit the caret moves by. */
function graphemes(text: string): number {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    let n = 0;
    for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) n++;
    return n;
  }
  return Array.from(text).length;
}

/** Caret steps over `text` where each line break is one step (a paragraph or `<br>` boundary). */
export function caretSteps(text: string): number {
  return text.split('\n').reduce((n, line) => n + graphemes(line), 0) + (text.split('\n').length - 1);
}

/** Widens a collapsed selection backwards over `trigger` when that is what stands before the caret. */
function swallowTrigger(sel: Selection, trigger: string): boolean {
  if (!trigger || !sel.isCollapsed || typeof sel.modify !== 'function') return false;
  const node = sel.focusNode;
  const offset = sel.focusOffset;
  for (let i = graphemes(trigger); i > 0; i--) sel.modify('extend', 'backward', 'character');
  if (sel.toString() === trigger) return true;
  sel.collapse(node, offset);
  return false;
}

/**
 * Focuses `el` and puts the DOM selection where the text must go. With `settle`, waits until
 * the page has seen the new selection: editors that keep their own selection model (Lexical,
 * Draft, Quill, CKEditor, ProseMirror) only learn it from `selectionchange`.
 */
export async function placeSelection(req: InsertRequest, { settle }: { settle: boolean }): Promise<Selection | null> {
  const { el } = req;
  const doc = el.ownerDocument;
  if (!focusWithin(el)) {
    el.focus({ preventScroll: true });
    // React editors (Draft) restore their own selection on focus, in their next render.
    if (settle) await tick();
  }
  const sel = selectionOf(el);
  if (!sel) return null;
  await changeSelection(doc, settle, () => {
    const target = targetRange(req, sel);
    let changed = false;
    if (!sel.rangeCount || !sameRange(sel.getRangeAt(0), target)) {
      sel.removeAllRanges();
      sel.addRange(target.cloneRange());
      changed = true;
    }
    if (req.replaceBefore && !req.replaceAll) changed = swallowTrigger(sel, req.replaceBefore) || changed;
    return changed;
  });
  return sel;
}

/**
 * Moves the caret back over the last `steps` caret positions (for `{光标}`), the way the arrow
 * key would, so every editor maps it into its model through `selectionchange`.
 */
export async function moveCaretBack(el: HTMLElement, steps: number, { settle }: { settle: boolean }): Promise<void> {
  const sel = selectionOf(el);
  if (!sel || steps <= 0 || typeof sel.modify !== 'function') return;
  await changeSelection(el.ownerDocument, settle, () => {
    sel.collapseToEnd();
    for (let i = 0; i < steps; i++) sel.modify('move', 'backward', 'character');
    return true;
  });
}

/**
 * Resolves once `el`'s DOM changed after an insertion (React editors render in a microtask or
 * the next task), or after `timeoutMs`: the caret can only be placed in the rendered text.
 */
export function rendered(el: HTMLElement, timeoutMs = 50): { done: Promise<void> } {
  let observer: MutationObserver | undefined;
  const done = new Promise<void>((resolve) => {
    const finish = () => {
      observer?.disconnect();
      clearTimeout(timer);
      // Let the editor finish the task it is in (it sets the DOM selection after rendering).
      void tick().then(resolve);
    };
    const timer = setTimeout(finish, timeoutMs);
    observer = new MutationObserver(finish);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
  });
  return { done };
}
