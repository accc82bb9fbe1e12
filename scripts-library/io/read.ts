/**
 * Reading a team lead's spreadsheet into text rows. Pure: read-excel-file's universal build
 * (xlsx) and papaparse (csv) work in Node and in extension pages alike.
 *
 * CSV encodings: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), and
 * GB18030/GBK, which Excel in China writes for "CSV (逗号分隔)", when the whole file is in it
 * (see ./text.ts); the table says which was used so the preview can announce it.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { guessMapping } from './mapping';
import { decodeFileText, type TextEncodingName } from './text';
import type { Table, TableKind } from './types';

/** A file we cannot read at all. `message` is Chinese, `messageEn` English. */
export class SpreadsheetError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

export function tableKindOf(fileName: string): TableKind | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : ext === 'csv' || ext === 'txt' || ext === 'tsv' ? 'csv' : null;
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Text of a file (CSV, Markdown, JSON) by ./text.ts's rules; a file that is not what it claims
 * (mixed or undecodable encodings, replacement characters) is a `SpreadsheetError` naming the line.
 */
export function readText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  const decoded = decodeFileText(bytes);
  if (!decoded.ok)
    throw new SpreadsheetError(`「${fileName}」：${decoded.message}`, `"${fileName}": ${decoded.messageEn}`);
  return decoded;
}

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/**
 * The header row: the first of the top ten rows in which at least two columns are recognised
 * (a title row such as "XX 店客服话术表" above the headers is skipped), else the first non-empty row.
 */
function toTable(grid: string[][], sheetName: string, kind: TableKind, sheetNames?: string[]): Table {
  let last = grid.length;
  while (last > 0 && grid[last - 1]!.every((c) => c.trim() === '')) last--;
  const rows = grid.slice(0, last);
  let headerIdx = rows.findIndex((r, i) => i < 10 && guessMapping(r).filter((f) => f !== 'ignore').length >= 2);
  if (headerIdx === -1) headerIdx = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIdx === -1)
    return { headers: [], rows: [], sheetName, headerRow: 1, kind, ...(sheetNames ? { sheetNames } : {}) };
  const headers = rows[headerIdx]!.map((h) => h.trim());
  return {
    headers,
    rows: rows.slice(headerIdx + 1),
    sheetName,
    headerRow: headerIdx + 1,
    kind,
    ...(sheetNames ? { sheetNames } : {}),
  };
}

function toArrayBuffer(data: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

async function readXlsx(bytes: Uint8Array, fileName: string, sheet?: string): Promise<Table> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(toArrayBuffer(bytes), { trim: false });
  } catch (e) {
    throw new SpreadsheetError(
      `无法读取 Excel 文件「${fileName}」：${(e as Error).message}`,
      `Cannot read the Excel file "${fileName}": ${(e as Error).message}`,
    );
  }
  const names = sheets.map((s) => s.sheet);
  let chosen = sheet !== undefined ? sheets.find((s) => s.sheet === sheet) : undefined;
  if (sheet !== undefined && !chosen)
    throw new SpreadsheetError(
      `工作表「${sheet}」不存在（有：${names.join('、')}）`,
      `Sheet "${sheet}" not found (there are: ${names.join(', ')})`,
    );
  // Without a choice: the first sheet whose headers we recognise, else the first sheet with anything in it.
  chosen ??=
    sheets.find((s) => s.data.slice(0, 10).some((r) => guessMapping(r.map(cellText)).includes('body'))) ??
    sheets.find((s) => s.data.some((r) => r.some((c) => cellText(c).trim() !== ''))) ??
    sheets[0];
  if (!chosen)
    throw new SpreadsheetError(`Excel 文件「${fileName}」里没有工作表`, `The Excel file "${fileName}" has no sheets`);
  const grid = chosen.data.map((r) => r.map(cellText));
  // The workbook's XML is decoded leniently by the reader: a damaged string shows up as U+FFFD.
  const bad = grid.findIndex((r) => r.some((c) => c.includes('\uFFFD')));
  if (bad >= 0)
    throw new SpreadsheetError(
      `Excel 文件「${fileName}」工作表「${chosen.sheet}」第 ${bad + 1} 行含有替换字符 �：文件已损坏，请从原始文件重新保存`,
      `Sheet "${chosen.sheet}" of "${fileName}", row ${bad + 1}, contains the replacement character �: the file is damaged; save it again from the original`,
    );
  return toTable(grid, chosen.sheet, 'xlsx', names);
}

/** The separator the first line uses most (Excel: "," for CSV, tab for "Unicode text"; ";" in some locales). */
function delimiterOf(text: string): string {
  const first =
    text
      .slice(0, 4096)
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let most = 0;
  for (const d of [',', '\t', ';', '|']) {
    const n = first.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function readCsv(bytes: Uint8Array, fileName: string): Table {
  const { text, encoding } = readText(bytes, fileName);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: delimiterOf(text) });
  const grid = parsed.data.filter((r): r is string[] => Array.isArray(r)).map((r) => r.map(cellText));
  return { ...toTable(grid, fileName, 'csv'), encoding };
}

/** Read an xlsx or csv file into text. Rejects with a `SpreadsheetError` for a file it cannot read. */
export async function readSpreadsheet(
  data: ArrayBuffer | Uint8Array,
  fileName: string,
  opts: { sheet?: string } = {},
): Promise<Table> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (isOle(bytes))
    throw new SpreadsheetError(
      `「${fileName}」是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入`,
      `"${fileName}" is an old Excel (.xls) file; save it as .xlsx or CSV in Excel, then import`,
    );
  const kind = isZip(bytes) ? 'xlsx' : tableKindOf(fileName) === 'xlsx' ? 'xlsx' : 'csv';
  if (kind === 'xlsx') return readXlsx(bytes, fileName, opts.sheet);
  if (bytes.length === 0) throw new SpreadsheetError(`文件「${fileName}」是空的`, `The file "${fileName}" is empty`);
  return readCsv(bytes, fileName);
}
