/**
 * The input paths editors listen to, fired from our side: `execCommand('insertText')` (native
 * fields and plain contenteditable; lands on the browser's undo stack), a `paste` event carrying
 * text/plain (what every rich editor handles itself: it parses the text into its own model,
 * one undo step, caret after the text), and a `beforeinput` of type `insertFromPaste`.
 *
 * Text always travels as text/plain: the script body is never parsed as HTML.
 *
 * These run in the content script. In Chrome's isolated world the events and the DataTransfer
 * are DOM objects shared with the page, so its editor reads them like any other; Firefox needs
 * them made in the page world (see `firefoxPageGlobals`). No page script is injected.
 */

/** `execCommand('insertText')`, or false where the document lacks it or refuses. */
export function execInsertText(doc: Document, text: string): boolean {
  try {
    return typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

type PageGlobals = Window & typeof globalThis;

/**
 * Firefox only: the page's own globals, seen through the content script's Xray waiver.
 *
 * Gecko lets a page read clipboard data only when the page's principal wrote it (a
 * DataTransfer a content script fills reads as empty to the page), and its ClipboardEvent
 * constructor ignores `clipboardData` (it takes the non-standard `dataType`/`data`). So in
 * Firefox the DataTransfer, the init dictionary and the event are made with the page's own
 * constructors, i.e. in the page world, without injecting a page script. Chrome's isolated
 * world shares DOM objects with the page and has no `wrappedJSObject`.
 */
function firefoxPageGlobals(doc: Document): PageGlobals | null {
  const win = doc.defaultView as (Window & { wrappedJSObject?: PageGlobals }) | null;
  return win?.wrappedJSObject ?? null;
}

function plainTextTransfer(globals: PageGlobals, text: string): DataTransfer | null {
  if (typeof globals.DataTransfer !== 'function') return null;
  const data = new globals.DataTransfer();
  data.setData('text/plain', text);
  return data;
}

/** An init dictionary (an event's, a File's), as an object of the page's world when that matters (Firefox). */
function eventInit<T extends object>(globals: PageGlobals, fields: T): T {
  const init = new globals.Object() as T;
  Object.assign(init, fields);
  return init;
}

/**
 * A paste of `text` at the editor's selection. True when the editor took it (it cancels the
 * event to stop the browser's own paste); false when nobody did or the browser cannot build
 * the event, and the caller should try another way.
 */
export function pasteText(target: HTMLElement, text: string): boolean {
  const globals = firefoxPageGlobals(target.ownerDocument) ?? (globalThis as PageGlobals);
  const clipboardData = plainTextTransfer(globals, text);
  if (!clipboardData) return false;
  // `dataType`/`data`: what Gecko's constructor reads instead of `clipboardData`.
  const init = eventInit(globals, {
    clipboardData,
    dataType: 'text/plain',
    data: text,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  const event = new globals.ClipboardEvent('paste', init);
  // A browser that drops the data from the constructor would paste nothing.
  if (event.clipboardData?.getData('text/plain') !== text) return false;
  return !target.dispatchEvent(event);
}

/** A `beforeinput` with `inputType: 'insertFromPaste'` and the text in `dataTransfer`. */
export function beforeInputPaste(target: HTMLElement, text: string): boolean {
  const globals = firefoxPageGlobals(target.ownerDocument) ?? (globalThis as PageGlobals);
  const dataTransfer = plainTextTransfer(globals, text);
  if (!dataTransfer) return false;
  const init = eventInit(globals, {
    inputType: 'insertFromPaste',
    dataTransfer,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  const event = new globals.InputEvent('beforeinput', init);
  if (event.dataTransfer?.getData('text/plain') !== text) return false;
  return !target.dispatchEvent(event);
}

/**
 * A paste of image files, as when the agent pastes a screenshot: the DataTransfer carries the
 * Files (and no text: an editor that takes text cancels the event whatever it did with the
 * files, so files alone are what tells us the console took them). Consoles that upload pasted
 * pictures as attachments cancel it; a plain textarea or contenteditable does not, and a
 * synthetic paste has no default action, so then nothing happened and the caller falls back
 * to the clipboard. True when the console took them.
 */
export function pasteFiles(
  target: HTMLElement,
  files: readonly { bytes: Uint8Array; name: string; type: string }[],
): boolean {
  const globals = firefoxPageGlobals(target.ownerDocument) ?? (globalThis as PageGlobals);
  if (typeof globals.DataTransfer !== 'function' || typeof globals.File !== 'function') return false;
  try {
    const data = filesTransfer(globals, files);
    if (data.files.length !== files.length) return false;
    const init = eventInit(globals, { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    const event = new globals.ClipboardEvent('paste', init);
    // Gecko's constructor ignores `clipboardData` and takes only one string (`dataType`/`data`):
    // the page's event gets the transfer holding the files as its own `clipboardData`.
    if (event.clipboardData?.files.length !== files.length && globals !== globalThis)
      Object.defineProperty(event, 'clipboardData', { value: data, configurable: true, enumerable: true });
    if (event.clipboardData?.files.length !== files.length) return false;
    return !target.dispatchEvent(event);
  } catch {
    return false;
  }
}

/** A DataTransfer holding the files, made in the page's world (Firefox: so the page can read them). */
function filesTransfer(globals: PageGlobals, files: readonly { bytes: Uint8Array; name: string; type: string }[]) {
  const data = new globals.DataTransfer();
  for (const f of files) {
    const parts = new globals.Array() as BlobPart[];
    parts.push(cloneForPage(globals, f.bytes));
    data.items.add(new globals.File(parts, f.name, eventInit(globals, { type: f.type })));
  }
  return data;
}

/**
 * Does a file input's `accept` (".png,image/*", "") take a file of this type and name? Pure.
 * An empty accept takes anything, as the browser's own picker does.
 */
export function acceptsFile(accept: string, file: { name: string; type: string }): boolean {
  const wanted = accept
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  if (!wanted.length) return true;
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return wanted.some((a) =>
    a.startsWith('.') ? name.endsWith(a) : a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : a === type,
  );
}

/**
 * The console's own attachment input (a site rule's `attachmentInput`) given the files as if
 * the agent had picked them: `files` set from a DataTransfer, then `input` and `change`, which is
 * what upload handlers listen to. An input that takes one file at a time gets them one after
 * another. True when the input took them (it exists, is enabled and accepts their types).
 */
export function attachFiles(
  input: HTMLInputElement,
  files: readonly { bytes: Uint8Array; name: string; type: string }[],
): boolean {
  if (!files.length || !input.isConnected || input.type !== 'file' || input.disabled) return false;
  if (!files.every((f) => acceptsFile(input.accept, f))) return false;
  const globals = firefoxPageGlobals(input.ownerDocument) ?? (globalThis as PageGlobals);
  if (typeof globals.DataTransfer !== 'function' || typeof globals.File !== 'function') return false;
  try {
    const groups = input.multiple ? [files] : files.map((f) => [f]);
    for (const group of groups) {
      const data = new globals.DataTransfer();
      for (const f of group)
        data.items.add(new globals.File([cloneForPage(globals, f.bytes)], f.name, { type: f.type }));
      input.files = data.files;
      if (input.files?.length !== group.length) return false;
      for (const type of ['input', 'change'])
        input.dispatchEvent(new globals.Event(type, eventInit(globals, { bubbles: true, composed: true })));
    }
    return true;
  } catch {
    return false;
  }
}

function cloneForPage(globals: PageGlobals, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const clone = (globalThis as { cloneInto?: <T>(value: T, scope: object) => T }).cloneInto;
  return (clone && globals !== globalThis ? clone(bytes, globals) : bytes) as Uint8Array<ArrayBuffer>;
}
