/** Background side of the script editor: the options page's edits, applied in the database. */
import { base64ToBytes } from '../../scripts-library/images';
import { db } from '../../utils/db';
import { applyEdit, type LibraryEdit, type LibraryEditResult } from '../../utils/db/editing';
import { decodeImage } from '../../utils/images/decode';
import { acceptImage } from '../../utils/images/receive';

/** The bytes of images an edit adds, checked like any other arriving image before they are stored. */
async function editImages(
  edit: LibraryEdit,
): Promise<{ ok: true; blobs: Map<string, Blob> } | { ok: false; error: string }> {
  const blobs = new Map<string, Blob>();
  if (edit.op !== 'createScript' && edit.op !== 'updateScript' && edit.op !== 'saveScript') return { ok: true, blobs };
  const refs = (edit.op === 'updateScript' ? edit.patch.images : edit.draft.images) ?? [];
  for (const ref of refs) {
    const data = edit.imageData?.[ref.hash];
    if (data === undefined) continue;
    const bytes = base64ToBytes(data);
    const accepted = bytes
      ? await acceptImage(bytes, ref, decodeImage)
      : { ok: false as const, message: '图片数据无效' };
    if (!accepted.ok) return { ok: false, error: accepted.message };
    blobs.set(ref.hash, accepted.blob);
  }
  return { ok: true, blobs };
}

export function packEditorHandlers(ready: Promise<unknown>) {
  return {
    editLibrary: async (edit: LibraryEdit): Promise<LibraryEditResult> => {
      await ready;
      const images = await editImages(edit);
      if (!images.ok) return { ok: false, code: 'invalid', error: images.error };
      return applyEdit(db, edit, Date.now(), images.blobs);
    },
  };
}
