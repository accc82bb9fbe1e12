/**
 * Reading a .zip a team lead made of their sheet and its pictures. Pure (fflate's inflater, no
 * DOM, no file system): the import wizard's worker and the pack tool share it.
 *
 * A zip is untrusted input: its central directory says how large each file is, and nothing
 * forces that to be true. So nothing is inflated up front; a file is inflated only when asked
 * for, in small pushes, and stopped the moment its output passes the size it declared — a file
 * that claims 1 KB and inflates to gigabytes (a decompression bomb) costs at most one push's
 * output before it is refused. Declared sizes are checked against the caps before any work, and
 * a file that inflates to less than it declared is refused as damaged.
 *
 * Names are UTF-8 when the zip says so (flag bit 11); Windows' own "send to compressed folder"
 * on a Chinese system writes GBK without saying anything, so a name that is not valid UTF-8 is
 * read as GBK.
 */
import { Inflate } from 'fflate';

/** Files in one archive; more is not a sheet with pictures (500 pictures is a big pack). */
export const MAX_ZIP_ENTRIES = 5000;
/** What all files together may declare uncompressed. */
export const MAX_ZIP_TOTAL_BYTES = 512 * 1024 * 1024;
/** What one file may be: the largest sheet we import (pictures have their own, smaller cap). */
export const MAX_ZIP_ENTRY_BYTES = 64 * 1024 * 1024;

/** Output per push at most 1032 × this (deflate's largest ratio): bounded work before a lie is seen. */
const PUSH_BYTES = 4096;

/** The zip cannot be used, or one file in it cannot; `message` is Chinese, `messageEn` English. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  /** '/'-separated path inside the archive. */
  path: string;
  /** Uncompressed size, as declared. */
  size: number;
  compressedSize: number;
  method: number;
  flags: number;
  localHeader: number;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (!utf8Flag) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('gb18030').decode(bytes);
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** A name as the sheet would write it: '/'-separated, no leading './' or '/'. */
export function normalizeZipPath(path: string): string {
  return path
    .normalize('NFC')
    .replace(/\\/g, '/')
    .replace(/^(\.\/|\/)+/, '');
}

/** Files macOS and Windows add to archives, never the team lead's. */
const isJunk = (path: string) =>
  path.startsWith('__MACOSX/') || /(^|\/)\._/.test(path) || /(^|\/)Thumbs\.db$/i.test(path);

export class ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;

  private constructor(
    private readonly bytes: Uint8Array,
    entries: Map<string, ZipEntry>,
    readonly name: string,
  ) {
    this.entries = entries;
  }

  /** The archive's directory, checked against the caps. Throws ZipError; inflates nothing. */
  static open(bytes: Uint8Array, name: string): ZipArchive {
    const bad = (why: string, whyEn: string) =>
      new ZipError(`「${name}」不是有效的 zip 文件：${why}`, `"${name}" is not a valid zip file: ${whyEn}`);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
      if (u32(bytes, i) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw bad('找不到目录', 'no central directory');
    const count = u16(bytes, eocd + 10);
    const cdOffset = u32(bytes, eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw bad('不支持 ZIP64', 'ZIP64 is not supported');
    if (count > MAX_ZIP_ENTRIES)
      throw new ZipError(
        `「${name}」里有 ${count} 个文件，最多 ${MAX_ZIP_ENTRIES} 个`,
        `"${name}" holds ${count} files; at most ${MAX_ZIP_ENTRIES}`,
      );
    const entries = new Map<string, ZipEntry>();
    let total = 0;
    let at = cdOffset;
    for (let n = 0; n < count; n++) {
      if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw bad('目录已损坏', 'the directory is damaged');
      const flags = u16(bytes, at + 8);
      const method = u16(bytes, at + 10);
      const compressedSize = u32(bytes, at + 20);
      const size = u32(bytes, at + 24);
      const nameLen = u16(bytes, at + 28);
      const extraLen = u16(bytes, at + 30);
      const commentLen = u16(bytes, at + 32);
      const localHeader = u32(bytes, at + 42);
      if (at + 46 + nameLen > bytes.length) throw bad('目录已损坏', 'the directory is damaged');
      const path = normalizeZipPath(decodeName(bytes.subarray(at + 46, at + 46 + nameLen), (flags & 0x800) !== 0));
      at += 46 + nameLen + extraLen + commentLen;
      if (path.endsWith('/') || isJunk(path)) continue;
      if (size === 0xffffffff || compressedSize === 0xffffffff)
        throw bad(`「${path}」需要 ZIP64`, `"${path}" needs ZIP64`);
      total += size;
      if (total > MAX_ZIP_TOTAL_BYTES)
        throw new ZipError(
          `「${name}」解压后超过 ${mb(MAX_ZIP_TOTAL_BYTES)}，未导入`,
          `"${name}" unpacks to more than ${mb(MAX_ZIP_TOTAL_BYTES)}; not imported`,
        );
      entries.set(path, { path, size, compressedSize, method, flags, localHeader });
    }
    return new ZipArchive(bytes, entries, name);
  }

  /**
   * One file's bytes, at most `maxBytes` (its declared size is checked first; the inflated output
   * must match the declaration exactly). Throws ZipError naming the file.
   */
  read(path: string, maxBytes = MAX_ZIP_ENTRY_BYTES): Uint8Array {
    const e = this.entries.get(path);
    const fail = (why: string, whyEn: string) =>
      new ZipError(`「${this.name}」中的「${path}」${why}`, `"${path}" in "${this.name}" ${whyEn}`);
    if (!e) throw fail('不存在', 'does not exist');
    if (e.size > maxBytes)
      throw fail(
        `有 ${(e.size / 1024 / 1024).toFixed(1)} MB，超过 ${mb(maxBytes)}`,
        `is ${(e.size / 1024 / 1024).toFixed(1)} MB, over ${mb(maxBytes)}`,
      );
    if (e.flags & 1) throw fail('已加密，无法读取', 'is encrypted');
    const h = e.localHeader;
    if (h + 30 > this.bytes.length || u32(this.bytes, h) !== LOCAL) throw fail('已损坏', 'is damaged');
    const start = h + 30 + u16(this.bytes, h + 26) + u16(this.bytes, h + 28);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw fail('已损坏（数据不完整）', 'is damaged (truncated)');
    const data = this.bytes.subarray(start, end);
    if (e.method === 0) {
      if (data.length !== e.size) throw fail('已损坏（大小不符）', 'is damaged (size mismatch)');
      return data.slice();
    }
    if (e.method !== 8)
      throw fail(`用了不支持的压缩方式（${e.method}）`, `uses an unsupported compression method (${e.method})`);
    const out = new Uint8Array(e.size);
    let written = 0;
    let lied = false;
    const inflater = new Inflate((chunk) => {
      if (lied) return;
      if (written + chunk.length > e.size) {
        lied = true;
        return;
      }
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      for (let i = 0; i < data.length && !lied; i += PUSH_BYTES)
        inflater.push(data.subarray(i, Math.min(i + PUSH_BYTES, data.length)), i + PUSH_BYTES >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch {
      throw fail('已损坏（无法解压）', 'is damaged (does not inflate)');
    }
    if (lied)
      throw fail(
        '解压后比它声明的大小更大，可能是“解压炸弹”，未导入',
        'inflates to more than the size it declares (a possible decompression bomb); not imported',
      );
    if (written !== e.size) throw fail('已损坏（解压后大小不符）', 'is damaged (inflated size differs)');
    return out;
  }
}
