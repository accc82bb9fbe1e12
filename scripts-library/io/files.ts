/**
 * Several files → one pack: what `npm run pack -- build <folder>` and a multi-file import do.
 * Pure (takes bytes, not paths).
 *
 * Each file is read by its extension: .xlsx / .csv / .tsv as sheets (headers guessed), .md /
 * .markdown / .txt as outline text (a .txt whose first line is tab-separated headers — Excel's
 * "Unicode text" — as a sheet), in the order given. A file that says nothing about
 * situations — a sheet without level/情景 columns, an outline without headings — goes under a
 * top-level situation named after the file ("02-售后.xlsx" → 售后), so a folder can hold one
 * file per top-level situation.
 */
import { assemble, issue, type RowRecord } from './assemble';
import { guessMapping } from './mapping';
import { parseOutlineRecords } from './outline';
import { resolveTablePictures, type ConfirmPicture, type PictureFiles } from './pictures';
import { readSpreadsheet, readText } from './read';
import { decodeFileText } from './text';
import { appendAll, parseTable } from './table-import';
import type { PackMeta, RowIssue, TableImport, TableImportOptions } from './types';

export type SourceKind = 'xlsx' | 'csv' | 'outline';

export function sourceKindOf(fileName: string): SourceKind | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'md' || ext === 'markdown' || ext === 'txt') return 'outline';
  return null;
}

/** "02-售后.xlsx" → "售后": the file name without extension and ordering prefix. */
export function situationNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return base.replace(/^\d+\s*[-_.、\s]\s*/, '').trim() || base;
}

/** Excel's "Unicode text" is a tab-separated .txt: read it as a sheet when its first line is recognisable headers. */
function looksLikeTabTable(f: { name: string; data: Uint8Array }): boolean {
  if (!/\.txt$/i.test(f.name)) return false;
  const decoded = decodeFileText(f.data);
  if (!decoded.ok) return false; // read as an outline, which reports why the text is refused
  const first =
    decoded.text
      .slice(0, 4096)
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  return first.includes('\t') && guessMapping(first.split('\t')).filter((x) => x !== 'ignore').length >= 2;
}

/** Said whenever a file was read as GBK, so nobody is surprised by what the encoding was. */
const gbkNotice = (file: string) =>
  issue(0, 'warning', '已按 GBK 编码读取', 'Read as GBK (Chinese Windows encoding)', undefined, file);

/**
 * `pictures`: the folder's or zip's other files, where a sheet's 图片 column finds its pictures
 * (paths from the top, or beside the sheet; `decode` confirms each where a decoder exists).
 */
export async function filesToPack(
  files: { name: string; data: Uint8Array }[],
  meta: PackMeta,
  opts: TableImportOptions & { sheet?: string; pictureFiles?: PictureFiles; decode?: ConfirmPicture } = {},
): Promise<TableImport> {
  const records: RowRecord[] = [];
  const issues: RowIssue[] = [];
  const images: Record<string, string> = {};
  let rows = 0;
  let skipped = 0;
  let ownExport = files.length > 0;
  for (const f of files) {
    const kind = sourceKindOf(f.name);
    const base = { ...opts, file: f.name, defaultSituation: situationNameFromFile(f.name) };
    if (!kind) {
      issues.push(
        issue(
          0,
          'warning',
          `不认识的文件类型，已跳过（支持 .xlsx .csv .md .txt）`,
          `Unknown file type, skipped (.xlsx .csv .md .txt are supported)`,
          undefined,
          f.name,
        ),
      );
      continue;
    }
    try {
      if (kind === 'outline' && !looksLikeTabTable(f)) {
        const { text, encoding } = readText(f.data, f.name);
        if (encoding === 'gb18030') issues.push(gbkNotice(f.name));
        const parsed = parseOutlineRecords(text, base);
        appendAll(records, parsed.records);
        appendAll(issues, parsed.issues);
        rows += parsed.rows;
        skipped += parsed.skipped;
        ownExport = false;
        continue;
      }
      const table = await readSpreadsheet(f.data, f.name, opts.sheet ? { sheet: opts.sheet } : {});
      if (table.encoding === 'gb18030') issues.push(gbkNotice(f.name));
      const mapping = guessMapping(table.headers);
      const pictures = await resolveTablePictures(table, mapping, opts.pictureFiles ?? null, {
        sheetPath: f.name,
        file: f.name,
        ...(opts.decode ? { confirm: opts.decode } : {}),
      });
      Object.assign(images, pictures.embedded);
      const parsed = parseTable(table, mapping, { ...base, pictures });
      appendAll(records, parsed.records);
      appendAll(issues, parsed.issues);
      rows += parsed.rows;
      skipped += parsed.skipped;
      ownExport &&= parsed.ownExport;
    } catch (e) {
      const err = e as Error & { messageEn?: string };
      issues.push(issue(0, 'error', err.message, err.messageEn ?? err.message, undefined, f.name));
    }
  }
  if (records.length === 0 && !issues.some((x) => x.level === 'error'))
    issues.push(issue(0, 'error', '这些文件里没有找到话术', 'No scripts found in these files'));
  return assemble(
    records,
    meta,
    issues,
    rows,
    {
      skipErrorRows: opts.skipErrorRows ?? false,
      convertPlaceholders: opts.convertPlaceholders ?? !ownExport,
      images,
    },
    skipped,
  );
}
