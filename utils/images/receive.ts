/**
 * Image bytes arriving from outside (a pack file's embedded images, a sync's downloads, a file
 * the agent picked) become Blobs to store only after every check: signature, caps, content
 * hash, the reference's dimensions, and a real decode (`decode`, see decode.ts) whose size must
 * agree — a header can lie, the decoded picture cannot.
 */
import { base64ToBytes, verifyImageBytes, type ScriptImageRef } from '../../scripts-library/images';
import type { Pack } from '../../scripts-library/schema';

/** Decodes an image and says its real size; null when it does not decode. */
export type DecodeImage = (blob: Blob) => Promise<{ width: number; height: number } | null>;

export type Accepted = { ok: true; blob: Blob } | { ok: false; message: string };

export async function acceptImage(bytes: Uint8Array, ref: ScriptImageRef, decode: DecodeImage): Promise<Accepted> {
  const check = await verifyImageBytes(bytes, ref);
  if (!check.ok) return check;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: check.type });
  const real = await decode(blob).catch(() => null);
  if (!real) return { ok: false, message: `图片 ${ref.hash.slice(0, 12)}… 无法解码` };
  if (real.width !== ref.width || real.height !== ref.height)
    return { ok: false, message: `图片 ${ref.hash.slice(0, 12)}… 解码后的尺寸与文件头不符` };
  return { ok: true, blob };
}

/**
 * The images a pack embeds (base64 in `images`) for the references in `wanted`, checked. An
 * embedded image no script uses is ignored; a wanted one that is not embedded is left out (the
 * caller knows whether it is already stored or must be fetched).
 */
export async function embeddedImages(
  pack: Pack,
  wanted: Iterable<ScriptImageRef>,
  decode: DecodeImage,
): Promise<{ ok: true; blobs: Map<string, Blob> } | { ok: false; errors: string[] }> {
  const blobs = new Map<string, Blob>();
  const errors: string[] = [];
  for (const ref of wanted) {
    const data = pack.images?.[ref.hash];
    if (data === undefined) continue;
    const bytes = base64ToBytes(data);
    const accepted = bytes
      ? await acceptImage(bytes, ref, decode)
      : { ok: false as const, message: `图片 ${ref.hash.slice(0, 12)}… 不是有效的 base64` };
    if (accepted.ok) blobs.set(ref.hash, accepted.blob);
    else errors.push(accepted.message);
  }
  return errors.length ? { ok: false, errors } : { ok: true, blobs };
}
