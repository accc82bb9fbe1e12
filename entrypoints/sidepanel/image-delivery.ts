/**
 * After an insertion with pictures: where the console ignored them and its page could not
 * write the clipboard (the click was here, in the panel), the panel puts the first picture on
 * the clipboard itself — it has the focus and the click — and the agent is told to paste it.
 */
import type { ScriptImageRef } from '../../scripts-library/images';
import { db } from '../../utils/db';
import { copyImage } from '../../utils/images/clipboard';
import type { Translate } from '../../utils/i18n';
import type { ImageDelivery } from '../../utils/messaging/protocol';

/** The notice to show for the pictures, or null when there were none. */
export async function settleImages(
  delivery: ImageDelivery | undefined,
  images: readonly ScriptImageRef[] | undefined,
  t: Translate,
): Promise<{ tone: 'ok' | 'warn' | 'error'; text: string } | null> {
  if (!delivery) return null;
  if (delivery === 'pasted') return { tone: 'ok', text: t('imagesPasted') };
  if (delivery === 'attached') return { tone: 'ok', text: t('imagesAttached') };
  if (delivery === 'copy-needed') {
    const row = images?.[0] && (await db.images.get(images[0].hash));
    try {
      if (!row) throw new Error('missing');
      await copyImage(row.blob);
    } catch (e) {
      return { tone: 'error', text: t('imageCopyFailed', { detail: (e as Error).message }) };
    }
  }
  return { tone: 'warn', text: t('imageCopied') };
}
