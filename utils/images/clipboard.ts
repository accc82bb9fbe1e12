/**
 * The fallback where a console ignores pasted files: the picture goes on the clipboard and the
 * agent pastes it with Ctrl+V (the console's own paste, which it does handle). Browsers put
 * only PNG on the clipboard, so other types are redrawn as PNG first. Browser glue: needs
 * a focused document (and, in a page, a recent click or key press).
 */
export async function asPng(blob: Blob): Promise<Blob> {
  if (blob.type === 'image/png') return blob;
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}

/** Puts one image on the clipboard (the clipboard holds one picture at a time). Throws when the browser refuses. */
export async function copyImage(blob: Blob): Promise<void> {
  // A promise for the blob keeps the write inside the click's activation while it converts.
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': asPng(blob) })]);
}
