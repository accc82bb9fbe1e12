/**
 * A sheet (headers + text rows) and a column mapping → a pack. Pure.
 *
 * Rules a team lead's sheet is read by:
 * - the situation path is the level columns (一级分类, 二级分类 … then 情景), top down; empty ones
 *   at the right are simply not there ("售后" alone is a top-level situation);
 * - empty level cells at the LEFT are taken from the row above (merged cells in Excel exports
 *   come out that way); a row with every level empty is in the same situation as the row above;
 * - a row with an empty body is skipped with a warning; a row with an error is reported with
 *   its sheet row number and, unless `skipErrorRows`, no pack is made;
 * - ids are derived from situation path + title, so the same sheet imported again gives the
 *   same ids; an ID column (our own export writes one) wins;
 * - HTML in a body is kept as literal text.
 */
import type { ScriptImageRef } from '../images';
import { hasInvisible } from '../invisible';
import { parseCues } from '../cue-text';
import { assemble, issue, splitList, UNCATEGORIZED, type RowRecord } from './assemble';
import { ID_PATTERN } from './ids';
import { LEVEL_FIELDS } from './mapping';
import type { TablePictures } from './pictures';
import type { ColumnMapping, ImportField, PackMeta, RowIssue, Table, TableImport, TableImportOptions } from './types';

const PATH_FIELDS: readonly ImportField[] = [...LEVEL_FIELDS, 'situation'];

const NON_SPACE = /\S/;
function isBlank(cells: readonly unknown[], cols: readonly number[]): boolean {
  for (const c of cols) {
    const v = cells[c];
    if (v != null && NON_SPACE.test(String(v))) return false;
  }
  return true;
}

/** Minutes from "15", "15分钟", "2小时", "1天", "24h". */
export function parseMinutes(cell: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(分钟|分|min|mins|m|小时|时|h|hr|hours?|天|日|d|days?)?$/i.exec(
    cell.normalize('NFKC').trim(),
  );
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const minutes = /^(小时|时|h|hr|hour|hours)$/.test(unit) ? n * 60 : /^(天|日|d|day|days)$/.test(unit) ? n * 1440 : n;
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 7 * 24 * 60 ? minutes : null;
}

/** Cell text for import: CRLF → LF, no trailing spaces on lines, trimmed. */
function cleanBody(cell: string): string {
  return (cell.includes('\r') ? cell.replace(/\r\n?/g, '\n') : cell).trim();
}

/** Names and titles: one line, trimmed (inner spacing kept as typed). */
const oneLine = (cell: string) => (cell.includes('\n') ? cell.replace(/\r?\n/g, ' ') : cell).trim();

export interface ParsedRows {
  records: RowRecord[];
  issues: RowIssue[];
  rows: number;
  skipped: number;
  ownExport: boolean;
}

/** Rows of one sheet → records and row issues (no pack yet); see `tablesToPack`. */
export function parseTable(table: Table, mapping: ColumnMapping, opts: TableImportOptions): ParsedRows {
  const issues: RowIssue[] = [];
  const records: RowRecord[] = [];
  const file = opts.file;
  const headerRow = table.headerRow ?? 1;
  const col = new Map<ImportField, number>();
  mapping.forEach((f, i) => {
    if (f !== 'ignore' && !col.has(f)) col.set(f, i);
  });
  const pathCols = PATH_FIELDS.filter((f) => col.has(f)).map((f) => col.get(f)!);
  const ownExport = col.has('situationId');
  // Our CSV export puts ' before a cell starting with = + - @ (see guardCsvCell); take it off again.
  const unguard = ownExport && table.kind !== 'xlsx';
  const text = (v: unknown): string => {
    const t = v == null ? '' : String(v);
    return unguard && /^'[=+\-@\t\r']/.test(t) ? t.slice(1) : t;
  };
  let skipped = 0;
  const mappedCols = mapping.flatMap((f, c) => (f === 'ignore' ? [] : [c]));
  // 客户常说 alone on a row is the situation's, not a script's: it does not make the row a script.
  const contentCols = mapping.flatMap((f, c) =>
    f === 'ignore' || f === 'situationId' || f === 'cues' || PATH_FIELDS.includes(f) ? [] : [c],
  );

  if (!col.has('body')) {
    issues.push(
      issue(0, 'error', '请指定哪一列是“话术内容”', 'Choose which column holds the script text', 'body', file),
    );
    return { records, issues, rows: table.rows.length, skipped, ownExport: false };
  }

  let prevPath: string[] = [];
  let prevSlots: string[] = [];
  let prevIds: string[] | undefined;
  table.rows.forEach((cells, i) => {
    const row = headerRow + 1 + i;
    const cell = (f: ImportField): string => {
      const c = col.get(f);
      return c === undefined ? '' : text(cells[c]);
    };
    if (isBlank(cells, mappedCols)) return; // blank row

    // Situation path, filling merged cells from the row above.
    let path: string[];
    let pathIds: string[] | undefined;
    const slots = pathCols.map((c) => oneLine(text(cells[c])));
    const idCell = cell('situationId').trim();
    if (pathCols.length === 0) {
      path = [opts.defaultSituation?.trim() || UNCATEGORIZED];
    } else {
      const first = slots.findIndex((s) => s !== '');
      if (first === -1) {
        if (prevPath.length) {
          path = prevPath;
          pathIds = prevIds;
        } else {
          path = [opts.defaultSituation?.trim() || UNCATEGORIZED];
          issues.push(
            issue(
              row,
              'warning',
              `第 ${row} 行：没有填写分类，放入“${path[0]}”`,
              `Row ${row}: no situation given, put under "${path[0]}"`,
              'situation',
              file,
            ),
          );
        }
      } else {
        const filled = slots.map((s, k) => (k < first ? (prevSlots[k] ?? '') : s));
        prevSlots = filled;
        path = filled.filter((s) => s !== '');
      }
    }
    if (idCell) {
      const ids = idCell.split('/').map((s) => s.trim());
      if (ids.length === path.length && ids.every((s) => ID_PATTERN.test(s))) pathIds = ids;
    }
    prevPath = path;
    prevIds = pathIds;

    const body = cleanBody(cell('body'));
    const pictureCell = cell('images').trim();
    let images: ScriptImageRef[] | undefined;
    if (pictureCell) {
      const pictures = opts.pictures?.byRow.get(row) ?? {
        errors: [
          issue(
            row,
            'error',
            `第 ${row} 行：图片要和表格一起导入：请选择整个文件夹或 .zip`,
            `Row ${row}: pictures must be imported with the sheet: choose the whole folder or a .zip`,
            'images',
            file,
          ),
        ],
      };
      if ('errors' in pictures) {
        appendAll(issues, pictures.errors);
        skipped++;
        return;
      }
      images = pictures.images;
    }
    const onlyPath = !body && isBlank(cells, contentCols);
    const cues = parseCues(cell('cues'));
    if (!body && onlyPath && pathCols.length) {
      // A row with only situation cells: a group heading, or an empty situation from our export.
      records.push({
        row,
        path,
        title: '',
        body: '',
        keywords: [],
        purpose: '',
        tags: [],
        situationOnly: true,
        ...(cues.length ? { cues } : {}),
        ...(file ? { file } : {}),
        ...(pathIds ? { pathIds } : {}),
      });
      return;
    }
    if (!body && !images?.length) {
      skipped++;
      issues.push(
        issue(
          row,
          'warning',
          `第 ${row} 行：话术内容为空，已跳过`,
          `Row ${row}: the script is empty, skipped`,
          'body',
          file,
        ),
      );
      return;
    }
    const record: RowRecord = {
      row,
      path,
      // A picture alone (a size chart) is named after its alt text when the row gives no title.
      title: oneLine(cell('title')) || (body ? '' : (images?.[0]?.alt ?? '')),
      body,
      keywords: splitList(cell('keywords')),
      purpose: cleanBody(cell('purpose')),
      tags: splitList(cell('tags')),
      ...(cues.length ? { cues } : {}),
      ...(file ? { file } : {}),
      ...(pathIds ? { pathIds } : {}),
      ...(images?.length ? { images } : {}),
    };
    const rawShortcut = cell('shortcut');
    const shortcut = rawShortcut ? rawShortcut.normalize('NFKC').trim().replace(/^\//, '').toLowerCase() : '';
    if (shortcut) record.shortcut = shortcut;
    const id = cell('id').trim();
    if (id) {
      // An id with invisible characters would pass for another (`x\u200B1` for `x1`): the pack
      // check refuses it, naming it visibly, instead of quietly generating a new one.
      if (ID_PATTERN.test(id) || hasInvisible(id)) record.id = id;
      else
        issues.push(
          issue(
            row,
            'warning',
            `第 ${row} 行：ID「${id.slice(0, 30)}」格式不对，已改为自动生成`,
            `Row ${row}: ID "${id.slice(0, 30)}" is not valid; a generated one is used`,
            'id',
            file,
          ),
        );
    }
    const follow = cell('followUp').trim();
    if (follow) {
      const minutes = parseMinutes(follow);
      if (minutes) record.followUp = minutes;
      else
        issues.push(
          issue(
            row,
            'warning',
            `第 ${row} 行：承诺回复时间「${follow.slice(0, 20)}」看不懂，已忽略（填分钟数，如 15）`,
            `Row ${row}: follow-up time "${follow.slice(0, 20)}" not understood, ignored (give minutes, e.g. 15)`,
            'followUp',
            file,
          ),
        );
    }
    records.push(record);
  });
  return { records, issues, rows: table.rows.length, skipped, ownExport };
}

export function tableToPack(
  table: Table,
  mapping: ColumnMapping,
  meta: PackMeta,
  opts: TableImportOptions = {},
): TableImport {
  return tablesToPack([{ table, mapping, ...(opts.file ? { file: opts.file } : {}) }], meta, opts);
}

/**
 * Several tables (files) into one pack. A file whose sheet has no situation columns goes
 * under a top-level situation named after the file (`defaultSituation`), so a folder with one
 * file per top-level situation needs no extra column.
 */
export function tablesToPack(
  tables: {
    table: Table;
    mapping: ColumnMapping;
    file?: string;
    defaultSituation?: string;
    pictures?: TablePictures;
  }[],
  meta: PackMeta,
  opts: TableImportOptions = {},
): TableImport {
  try {
    const records: RowRecord[] = [];
    const issues: RowIssue[] = [];
    let rows = 0;
    let skipped = 0;
    let ownExport = tables.length > 0;
    for (const t of tables) {
      const file = t.file ?? opts.file;
      const defaultSituation = t.defaultSituation ?? opts.defaultSituation;
      const parsed = parseTable(t.table, t.mapping, {
        ...opts,
        ...(file ? { file } : {}),
        ...(defaultSituation ? { defaultSituation } : {}),
        ...(t.pictures ? { pictures: t.pictures } : {}),
      });
      appendAll(records, parsed.records);
      appendAll(issues, parsed.issues);
      rows += parsed.rows;
      skipped += parsed.skipped;
      ownExport &&= parsed.ownExport;
    }
    // Our own export already uses {占位}; converting again could touch literal text such as [订单号].
    const convertPlaceholders = opts.convertPlaceholders ?? !ownExport;
    const images = Object.assign({}, ...tables.map((t) => t.pictures?.embedded ?? opts.pictures?.embedded ?? {}));
    return assemble(records, meta, issues, rows, { ...opts, convertPlaceholders, images }, skipped);
  } catch (e) {
    // A bug must not take the import page down: report it like any other problem.
    return {
      pack: null,
      issues: [
        issue(
          0,
          'error',
          `导入时出现意外错误：${(e as Error).message}`,
          `Unexpected error during import: ${(e as Error).message}`,
        ),
      ],
      stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 },
    };
  }
}

/**
 * `target.push(...items)` without the spread: a 200,000-row sheet passes 200,000 arguments,
 * past the stack of a worker (Maximum call stack size exceeded).
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
