/**
 * The 图片 column of a sheet: file names of pictures that came with it (a folder or a .zip), each
 * turned into a script's picture reference after the same checks a pack's pictures get. Pure: the
 * browser's decode, the last check, is passed in by the caller (the import worker).
 *
 * A cell lists files separated by ; ； or new lines; a file's alt text may follow a | or ｜
 * (`尺码表.png|S–XL 尺码对照`); without a | the file name is the alt text. A name is looked up as
 * a path from the top of the folder or zip, then beside the sheet, then by file name alone
 * (`images/尺码表.png` and `尺码表.png` both find it when only one file has that name).
 *
 * Every problem names the sheet row and the file, and refuses the row: a picture that is missing,
 * not an image we take, too large (by its declared size, before it is read), too many per script,
 * or a zip entry that lies about its size.
 */
import {
  bytesToBase64,
  describeImage,
  IMAGE_EXTENSIONS,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_SCRIPT,
  type ScriptImageRef,
} from '../images';
import { issue } from './assemble';
import type { ColumnMapping, RowIssue, Table } from './types';
import { normalizeZipPath, type ZipArchive, type ZipError } from './zip';

/** Files that came with a sheet: a folder's or a zip's, by '/'-separated path. */
export interface PictureFiles {
  paths(): Iterable<string>;
  /** Declared size, known before reading. */
  sizeOf(path: string): number;
  /** The bytes, at most `maxBytes`; rejects (ZipError) when the file cannot be read whole. */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
}

export function picturesFromZip(zip: ZipArchive): PictureFiles {
  return {
    paths: () => zip.entries.keys(),
    sizeOf: (p) => zip.entries.get(p)?.size ?? 0,
    read: async (p, max) => zip.read(p, max),
  };
}

/** A folder's file: its size, and its bytes when asked (a browser `File` is read only if named). */
export interface FolderFile {
  size: number;
  bytes(): Promise<Uint8Array>;
}

export function picturesFromFolder(files: ReadonlyMap<string, FolderFile | Uint8Array>): PictureFiles {
  const size = (f: FolderFile | Uint8Array) => (f instanceof Uint8Array ? f.length : f.size);
  return {
    paths: () => files.keys(),
    sizeOf: (p) => {
      const f = files.get(p);
      return f ? size(f) : 0;
    },
    read: async (p) => {
      const f = files.get(p)!;
      return f instanceof Uint8Array ? f : f.bytes();
    },
  };
}

export interface PictureName {
  name: string;
  alt: string;
}

/** `a.png|说明; b.jpg` → names with alt text (the file's stem when none is given). */
export function parsePictureCell(cell: string): PictureName[] {
  return cell
    .split(/[;；\r\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const bar = part.search(/[|｜]/);
      const name = normalizeZipPath((bar < 0 ? part : part.slice(0, bar)).trim());
      // `name|` says "no alt text" (our export writes it so); a bare name is described by its stem.
      const alt = bar < 0 ? name.replace(/^.*\//, '').replace(/\.[^.]+$/, '') : part.slice(bar + 1).trim();
      return { name, alt };
    });
}

/** What the picture column gave one row: its references, or why the row is refused. */
export type RowPictures = { images: ScriptImageRef[] } | { errors: RowIssue[] };

export interface TablePictures {
  byRow: Map<number, RowPictures>;
  /** Bytes of every accepted picture, base64 by hash (a pack's `images`). */
  embedded: Record<string, string>;
}

/** The browser's decode of a picture's bytes: its real size, or null when it does not decode. */
export type ConfirmPicture = (
  bytes: Uint8Array,
  ref: ScriptImageRef,
) => Promise<{ width: number; height: number } | null>;

const lower = (s: string) => s.toLowerCase();

/** Finds a named file among `files`: by path, beside the sheet, then by a unique file name. */
function finder(files: PictureFiles, sheetPath: string) {
  const all = [...files.paths()];
  const exact = new Map(all.map((p) => [lower(p), p]));
  const byBase = new Map<string, string[]>();
  for (const p of all) {
    const base = lower(p.replace(/^.*\//, ''));
    byBase.set(base, [...(byBase.get(base) ?? []), p]);
  }
  const dir = sheetPath.includes('/') ? sheetPath.replace(/\/[^/]*$/, '/') : '';
  return (name: string): string | string[] | null => {
    const hit = exact.get(lower(name)) ?? exact.get(lower(dir + name));
    if (hit) return hit;
    const same = byBase.get(lower(name.replace(/^.*\//, ''))) ?? [];
    return same.length === 1 ? same[0]! : same.length > 1 ? same : null;
  };
}

/**
 * Reads the pictures every row of `table` names in its `images` column. Only what is named is
 * read; the same file named on many rows is read and checked once.
 */
export async function resolveTablePictures(
  table: Table,
  mapping: ColumnMapping,
  files: PictureFiles | null,
  opts: { sheetPath?: string; file?: string; confirm?: ConfirmPicture } = {},
): Promise<TablePictures> {
  const byRow = new Map<number, RowPictures>();
  const embedded: Record<string, string> = {};
  const col = mapping.indexOf('images');
  if (col < 0) return { byRow, embedded };
  const find = files ? finder(files, opts.sheetPath ?? '') : () => null;
  const checked = new Map<string, { ref: ScriptImageRef } | { zh: string; en: string }>();
  const headerRow = table.headerRow ?? 1;

  for (const [i, cells] of table.rows.entries()) {
    const names = parsePictureCell(String(cells[col] ?? ''));
    if (!names.length) continue;
    const row = headerRow + 1 + i;
    const errors: RowIssue[] = [];
    const err = (zh: string, en: string) =>
      errors.push(issue(row, 'error', `第 ${row} 行：${zh}`, `Row ${row}: ${en}`, 'images', opts.file));
    if (names.length > MAX_IMAGES_PER_SCRIPT)
      err(
        `一条话术最多 ${MAX_IMAGES_PER_SCRIPT} 张图片，这里有 ${names.length} 张`,
        `a script takes at most ${MAX_IMAGES_PER_SCRIPT} pictures; this row names ${names.length}`,
      );
    const images: ScriptImageRef[] = [];
    for (const { name, alt } of names.slice(0, MAX_IMAGES_PER_SCRIPT)) {
      if (!files) {
        err(
          `图片「${name}」：请把表格和图片放在一个文件夹或 .zip 里一起导入`,
          `picture "${name}": import the sheet together with its pictures, as a folder or a .zip`,
        );
        continue;
      }
      const found = find(name);
      if (found === null) {
        err(`找不到图片「${name}」`, `picture "${name}" not found`);
        continue;
      }
      if (Array.isArray(found)) {
        err(
          `图片「${name}」有同名文件：${found.slice(0, 3).join('、')}，请写出所在文件夹`,
          `picture "${name}" matches several files: ${found.slice(0, 3).join(', ')}; give its folder`,
        );
        continue;
      }
      let result = checked.get(found);
      if (!result) {
        const outcome = await checkPicture(files, found, opts.confirm);
        if ('ref' in outcome) {
          embedded[outcome.ref.hash] ??= bytesToBase64(outcome.bytes);
          result = { ref: outcome.ref };
        } else result = outcome;
        checked.set(found, result);
      }
      if ('ref' in result) {
        if (images.some((r) => r.hash === result.ref.hash))
          err(`图片「${name}」在同一行出现了两次`, `picture "${name}" is named twice on this row`);
        else images.push({ ...result.ref, alt });
      } else err(`图片「${found}」${result.zh}`, `picture "${found}" ${result.en}`);
    }
    byRow.set(row, errors.length ? { errors } : { images });
  }
  return { byRow, embedded };
}

async function checkPicture(
  files: PictureFiles,
  path: string,
  confirm?: ConfirmPicture,
): Promise<{ ref: ScriptImageRef; bytes: Uint8Array } | { zh: string; en: string }> {
  const size = files.sizeOf(path);
  if (size > MAX_IMAGE_BYTES)
    return {
      zh: `有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`,
      en: `is ${(size / 1024 / 1024).toFixed(1)} MB, over ${MAX_IMAGE_BYTES / 1024 / 1024} MB`,
    };
  let bytes: Uint8Array;
  try {
    bytes = await files.read(path, MAX_IMAGE_BYTES);
  } catch (e) {
    const z = e as ZipError;
    return { zh: `读不出来：${z.message}`, en: `cannot be read: ${z.messageEn ?? z.message}` };
  }
  const described = await describeImage(bytes);
  if (!described.ok)
    return { zh: `不能用：${described.message}`, en: `cannot be used: ${englishProblem(described.problem)}` };
  const ref = described.ref;
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  const expected = IMAGE_EXTENSIONS[ref.type];
  if (ext !== expected && !(expected === 'jpg' && ext === 'jpeg'))
    return {
      zh: `的内容是 ${ref.type}，与扩展名 .${ext} 不符`,
      en: `holds ${ref.type}, not what its extension .${ext} says`,
    };
  if (confirm) {
    const real = await confirm(bytes, ref).catch(() => null);
    if (!real) return { zh: '无法解码', en: 'does not decode' };
    if (real.width !== ref.width || real.height !== ref.height)
      return { zh: '解码后的尺寸与文件头不符', en: 'decodes to another size than its header says' };
  }
  return { ref, bytes };
}

function englishProblem(problem: string): string {
  switch (problem) {
    case 'empty':
      return 'the file is empty';
    case 'too-large':
      return `over ${MAX_IMAGE_BYTES / 1024 / 1024} MB`;
    case 'unknown-type':
      return 'only PNG, JPEG, WebP and GIF are taken (not SVG)';
    case 'too-big-dimensions':
      return 'larger than 4096×4096 px';
    default:
      return 'the header is damaged';
  }
}
