/**
 * The input paths editors listen to, fired from our side: `execCommand('insertText')` (native
 * fields and plain contenteditable; lands on the browser's undo stack), a `paste` event carrying
 * text/plain (what every rich editor handles itself: it parses the text into its own model,
 * one undo step, caret after the text), and a `beforeinput` of type `insertFromPaste`.
 *
 * Text always travels as text/plain: the script body is never parsed as HTML.
 *
 * These run in the content script's isolated world. The events and the DataTransfer are DOM
 * objects, so the page's editor reads them like any other; no page-world script is needed.
 */

/** `execCommand('insertText')`, or false where the document lacks it or refuses. */
export function execInsertText(doc: Document, text: string): boolean {
  try {
    return typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

function plainTextTransfer(text: string): DataTransfer | null {
  if (typeof DataTransfer !== 'function') return null;
  const data = new DataTransfer();
  data.setData('text/plain', text);
  return data;
}

/**
 * A paste of `text` at the editor's selection. True when the editor took it (it cancels the
 * event to stop the browser's own paste); false when nobody did or the browser cannot build
 * the event, and the caller should try another way.
 */
export function pasteText(target: HTMLElement, text: string): boolean {
  const clipboardData = plainTextTransfer(text);
  if (!clipboardData) return false;
  const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
  // A browser that drops `clipboardData` from the constructor would paste nothing.
  if (event.clipboardData?.getData('text/plain') !== text) return false;
  return !target.dispatchEvent(event);
}

/** A `beforeinput` with `inputType: 'insertFromPaste'` and the text in `dataTransfer`. */
export function beforeInputPaste(target: HTMLElement, text: string): boolean {
  const dataTransfer = plainTextTransfer(text);
  if (!dataTransfer) return false;
  const event = new InputEvent('beforeinput', { inputType: 'insertFromPaste', dataTransfer, bubbles: true, cancelable: true, composed: true });
  if (event.dataTransfer?.getData('text/plain') !== text) return false;
  return !target.dispatchEvent(event);
}
