/**
 * Content-script side of a script's pictures: pasted into the reply field as files the way a
 * person pastes a screenshot; where the console ignores that, given to the console's own
 * attachment input when its site rule names one (teach mode records it); else the first picture
 * goes on the clipboard, or — when this page may not write it (the click was in the side
 * panel) — the caller is told to copy it.
 */
import { base64ToBytes } from '../../scripts-library/images';
import { copyImage } from '../images/clipboard';
import type { ImageDelivery, PastedImage } from '../messaging/protocol';
import type { MessageKey } from '../i18n';
import type { NoticeTone } from '../ui-kit/notice';
import { attachFiles, pasteFiles } from './input-events';

export async function deliverImages(
  el: HTMLElement,
  images: readonly PastedImage[],
  attachmentInput?: HTMLInputElement | null,
): Promise<ImageDelivery> {
  const files = images.flatMap((img) => {
    const bytes = base64ToBytes(img.base64);
    return bytes ? [{ bytes, name: img.name, type: img.type }] : [];
  });
  if (files.length && pasteFiles(el, files)) return 'pasted';
  if (attachmentInput && attachFiles(attachmentInput, files)) return 'attached';
  const first = files[0];
  if (!first || !el.ownerDocument.hasFocus()) return 'copy-needed';
  try {
    await copyImage(new Blob([first.bytes as Uint8Array<ArrayBuffer>], { type: first.type }));
    return 'copied';
  } catch {
    return 'copy-needed';
  }
}

/**
 * What our in-page UI (palette, inline list, chips) says after an insertion with pictures: only
 * what the agent must act on. A picture the console took shows in the console itself.
 */
export function pageImageNotice(delivery: ImageDelivery | undefined): { tone: NoticeTone; key: MessageKey } | null {
  if (delivery === 'copied') return { tone: 'warn', key: 'imageCopied' };
  if (delivery === 'copy-needed') return { tone: 'error', key: 'imageNotCopiedHere' };
  return null;
}
