/**
 * Content-script side of a script's pictures: pasted into the reply field as files the way a
 * person pastes a screenshot; where the console ignores that, the first picture goes on the
 * clipboard, or — when this page may not write it (the click was in the side panel) — the
 * caller is told to copy it.
 */
import { base64ToBytes } from '../../scripts-library/images';
import { copyImage } from '../images/clipboard';
import type { ImageDelivery, PastedImage } from '../messaging/protocol';
import { pasteFiles } from './input-events';

export async function deliverImages(el: HTMLElement, images: readonly PastedImage[]): Promise<ImageDelivery> {
  const files = images.flatMap((img) => {
    const bytes = base64ToBytes(img.base64);
    return bytes ? [{ bytes, name: img.name, type: img.type }] : [];
  });
  if (files.length && pasteFiles(el, files)) return 'pasted';
  const first = files[0];
  if (!first || !el.ownerDocument.hasFocus()) return 'copy-needed';
  try {
    await copyImage(new Blob([first.bytes as Uint8Array<ArrayBuffer>], { type: first.type }));
    return 'copied';
  } catch {
    return 'copy-needed';
  }
}
