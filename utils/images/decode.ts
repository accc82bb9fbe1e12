/**
 * The browser's decoder as the last check of an image before it is stored (receive.ts). Works in
 * pages, workers and the background service worker. Only files already within the byte and
 * header caps get here, so the decode itself is bounded.
 */
import type { DecodeImage } from './receive';

export const decodeImage: DecodeImage = async (blob) => {
  const bitmap = await createImageBitmap(blob);
  try {
    return { width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
};
