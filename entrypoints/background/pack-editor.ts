/**
 * Background side of the options page's edits: scripts and situations (the editor), pack files
 * imported or removed, and settings, applied in the database.
 */
import { base64ToBytes } from '../../scripts-library/images';
import { parsePackJson } from '../../scripts-library/schema';
import { applyEdit, saveSetting, type LibraryEdit } from '../../utils/db/editing';
import { installPackFile, removePack } from '../../utils/db/packs';
import { isQuotaError } from '../../utils/db/quota';
import { decodeImage } from '../../utils/images/decode';
import { acceptImage } from '../../utils/images/receive';
import type { BackgroundDeps, HandlerGroup } from './handlers';

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

export const packEditorHandlers = ({ db, ready }: BackgroundDeps) =>
  ({
    editLibrary: async (edit) => {
      await ready;
      const images = await editImages(edit);
      if (!images.ok) return { ok: false, code: 'invalid', error: images.error };
      return applyEdit(db, edit, Date.now(), images.blobs);
    },
    importPackText: async ({ text, fileName }) => {
      await ready;
      const parsed = parsePackJson(text);
      if (!parsed.ok) return parsed;
      try {
        const diff = await installPackFile(db, parsed.pack, fileName, decodeImage);
        return { ok: true, packId: parsed.pack.id, name: parsed.pack.name, version: parsed.pack.version, diff };
      } catch (e) {
        return {
          ok: false,
          errors: [{ path: 'id', message: (e as Error).message, messageEn: (e as Error).message }],
          ...(isQuotaError(e) ? { code: 'quota' as const } : {}),
        };
      }
    },
    removePack: async ({ packId }) => {
      const pack = await db.packs.get(packId);
      if (pack?.source.kind === 'builtin') return { ok: false, error: 'builtin' };
      try {
        await removePack(db, packId);
        return { ok: true };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
    saveSetting: ({ key, value, base }) => saveSetting(db, key, value, base),
  }) satisfies HandlerGroup;
