/**
 * Script images: what a pack may carry and how bytes are checked before anything stores them.
 * Pure module (no DOM, no browser APIs): the pack tool, import, sync and tests share it.
 *
 * An image is named by the SHA-256 of its bytes, so the same picture in two packs is one stored
 * copy, and a hosted pack's image file never changes under its name (`images/<hash>.<ext>`).
 * The type is read from the bytes' magic numbers, never from a file name or a server's
 * Content-Type: SVG (which can carry script) and anything that is not what it says are refused.
 * Dimensions come from the file header here; the browser decodes before storing to confirm them
 * (see utils/images/decode.ts), so a header that lies cannot smuggle in a decompression bomb.
 */
import { imageSize } from 'image-size';
import { sha256Hex } from './hash';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const IMAGE_EXTENSIONS: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export const MAX_IMAGES_PER_SCRIPT = 4;
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 4096;

/** A script's reference to one image (the bytes are stored or shipped separately, by hash). */
export interface ScriptImageRef {
  hash: string;
  type: ImageType;
  /** What the picture shows, for the agent (and a screen reader). */
  alt: string;
  width: number;
  height: number;
  bytes: number;
}

export type ImageProblem =
  | 'empty'
  | 'too-large'
  | 'unknown-type'
  | 'type-mismatch'
  | 'bad-header'
  | 'too-big-dimensions'
  | 'hash-mismatch'
  | 'ref-mismatch';

export type ImageCheck =
  | { ok: true; type: ImageType; width: number; height: number; bytes: number }
  | { ok: false; problem: ImageProblem; message: string };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes' signature says, among the four we take; null for anything else (SVG included). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** image-size's name for each type: its header reader must agree with our sniffing. */
const HEADER_TYPE: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

const fail = (problem: ImageProblem, message: string): ImageCheck => ({ ok: false, problem, message });

/**
 * Type, dimensions and size of an image file, checked against the caps; `declared` (a pack's
 * or a file's claimed type) must match what the bytes are. Never throws.
 */
export function inspectImage(bytes: Uint8Array, declared?: string): ImageCheck {
  if (bytes.length === 0) return fail('empty', '图片文件为空');
  if (bytes.length > MAX_IMAGE_BYTES) return fail('too-large', `图片超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  const type = sniffImageType(bytes);
  if (!type) return fail('unknown-type', '只支持 PNG、JPEG、WebP、GIF 图片（不支持 SVG）');
  if (declared !== undefined && declared !== type)
    return fail('type-mismatch', `图片内容是 ${type}，与声明的 ${declared} 不符`);
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return fail('bad-header', '图片文件头损坏，读不出尺寸');
  }
  const { width, height } = size;
  if (
    size.type !== HEADER_TYPE[type] ||
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width! < 1 ||
    height! < 1
  )
    return fail('bad-header', '图片文件头损坏，读不出尺寸');
  if (width! > MAX_IMAGE_SIDE || height! > MAX_IMAGE_SIDE)
    return fail('too-big-dimensions', `图片尺寸 ${width}×${height} 超过 ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE}`);
  return { ok: true, type, width: width!, height: height!, bytes: bytes.length };
}

/** The file name of an image next to a pack: `<hash>.<ext>` under `images/`. */
export function imageFileName(ref: Pick<ScriptImageRef, 'hash' | 'type'>): string {
  return `${ref.hash}.${IMAGE_EXTENSIONS[ref.type]}`;
}

/** A new image from a file the agent picked: its reference, or why it is refused. */
export async function describeImage(
  bytes: Uint8Array,
  alt = '',
): Promise<{ ok: true; ref: ScriptImageRef } | { ok: false; problem: ImageProblem; message: string }> {
  const check = inspectImage(bytes);
  if (!check.ok) return check;
  return {
    ok: true,
    ref: {
      hash: await sha256Hex(bytes),
      type: check.type,
      alt,
      width: check.width,
      height: check.height,
      bytes: check.bytes,
    },
  };
}

/** Bytes that arrived for `ref` (embedded in a pack, or fetched by hash) are exactly that image. */
export async function verifyImageBytes(bytes: Uint8Array, ref: ScriptImageRef): Promise<ImageCheck> {
  const check = inspectImage(bytes, ref.type);
  if (!check.ok) return check;
  if ((await sha256Hex(bytes)) !== ref.hash)
    return fail('hash-mismatch', `图片 ${ref.hash.slice(0, 12)}… 的内容与它的哈希不符`);
  if (check.width !== ref.width || check.height !== ref.height || check.bytes !== ref.bytes)
    return fail('ref-mismatch', `图片 ${ref.hash.slice(0, 12)}… 的尺寸或大小与话术包中的说明不符`);
  return check;
}

/** Base64 ⇄ bytes for images embedded in a pack file (`atob`/`btoa` exist in Node and every browser context). */
export function base64ToBytes(text: string): Uint8Array | null {
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  // In slices: String.fromCharCode with 2 MB of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Every image a list of scripts references, once per hash. */
export function imageRefsOf(scripts: readonly { images?: readonly ScriptImageRef[] }[]): Map<string, ScriptImageRef> {
  const refs = new Map<string, ScriptImageRef>();
  for (const s of scripts) for (const img of s.images ?? []) if (!refs.has(img.hash)) refs.set(img.hash, img);
  return refs;
}
