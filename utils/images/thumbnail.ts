/**
 * Small copies of stored pictures for the in-page lists (palette, inline list, chips): the
 * content script has no database, so the background sends these few KB instead of a picture
 * of up to 2 MB. Browser glue (createImageBitmap, OffscreenCanvas): runs in the background.
 */

/** The longest side of a thumbnail: a 40 px row at twice the pixel density, with a little room. */
export const THUMBNAIL_SIDE = 96;

/** `width`×`height` scaled to fit `side`, never enlarged, at least 1 px. Pure. */
export function thumbnailSize(width: number, height: number, side = THUMBNAIL_SIDE): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function makeThumbnail(blob: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  try {
    const size = thumbnailSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    // WebP where the browser encodes it (it falls back to PNG by itself otherwise).
    return await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
  } finally {
    bitmap.close();
  }
}
