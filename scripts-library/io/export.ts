/**
 * Pack → JSON, CSV, xlsx. Pure (write-excel-file's universal build works in Node and pages).
 *
 * The sheet has the columns the importer recognises: one level column per situation level
 * (一级分类, 二级分类, … at least two, at most eight), then 标题, 话术内容, 快捷码, 关键词, 话术目的,
 * 标签, 承诺回复(分钟), 客户常说, ID and 情景ID (the situation ids, `/`-joined, so a sheet edited in Excel and
 * imported again keeps its ids and only what was really changed shows up as changed).
 * Rows follow the situation tree; a situation with no script of its own and no sub-situation
 * gets a row with only its level cells, so it survives the round trip; so does a situation with
 * customer wording (客户常说), the row carrying it.
 */
import { zipSync, type Zippable } from 'fflate';
import writeXlsxFile from 'write-excel-file/universal';
import { imageFileName, imageRefsOf, type ScriptImageRef } from '../images';
import { computeContentHash } from '../hash';
import { formatCues } from '../cue-text';
import type { Pack, Situation } from '../schema';
import { FIELD_LABELS, LEVEL_FIELDS } from './mapping';
import type { ImportField, Table } from './types';

export const MAX_SHEET_LEVELS = LEVEL_FIELDS.length;
const AFTER_LEVELS: ImportField[] = [
  'title',
  'body',
  'shortcut',
  'keywords',
  'purpose',
  'tags',
  'followUp',
  'cues',
  'id',
  'situationId',
];

/** What export can not put in a sheet; thrown so the UI can say it instead of writing a wrong file. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Situations in tree order (siblings by `order`, then file order), each with its path from the top. */
function situationTree(pack: Pack): { situation: Situation; path: Situation[]; isLeaf: boolean }[] {
  const children = new Map<string | null, Situation[]>();
  const ids = new Set(pack.situations.map((s) => s.id));
  pack.situations.forEach((s) => {
    const parent = s.parent !== null && ids.has(s.parent) ? s.parent : null;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  });
  for (const list of children.values()) list.sort((a, b) => a.order - b.order); // stable: ties keep file order
  const out: { situation: Situation; path: Situation[]; isLeaf: boolean }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, path: Situation[]) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue; // a cycle (an invalid pack): do not loop
      seen.add(s.id);
      const p = [...path, s];
      out.push({ situation: s, path: p, isLeaf: !children.get(s.id)?.length });
      walk(s.id, p);
    }
  };
  walk(null, []);
  return out;
}

/** A script's pictures as the 图片 column names them in a zip export: `images/<hash>.<ext>|alt`, a line each. */
function pictureCell(images: readonly ScriptImageRef[] | undefined): string {
  return (images ?? [])
    .map((img) => `images/${imageFileName(img)}|${img.alt.replace(/[;；|｜\r\n]+/g, ' ').trim()}`)
    .join('\n');
}

/**
 * The pack as a sheet: headers and text rows, as `readSpreadsheet` would return it. With
 * `pictures`, a 图片 column names each script's pictures as files under `images/` (the zip export).
 */
export function packToTable(pack: Pack, opts: { pictures?: boolean } = {}): Table {
  const tree = situationTree(pack);
  const depth = Math.max(2, ...tree.map((t) => t.path.length));
  if (depth > MAX_SHEET_LEVELS)
    throw new ExportError(
      `情景层级有 ${depth} 层，表格最多支持 ${MAX_SHEET_LEVELS} 层，请导出为 JSON`,
      `Situations are ${depth} levels deep; sheets support ${MAX_SHEET_LEVELS}. Export as JSON instead`,
    );
  const after = opts.pictures
    ? AFTER_LEVELS.flatMap((f): ImportField[] => (f === 'cues' ? [f, 'images'] : [f]))
    : AFTER_LEVELS;
  const fields: ImportField[] = [...LEVEL_FIELDS.slice(0, depth), ...after];
  const headers = fields.map((f) => FIELD_LABELS[f].zh);
  const bySituation = new Map<string, Pack['scripts']>();
  for (const s of pack.scripts) {
    const list = bySituation.get(s.situation) ?? [];
    list.push(s);
    bySituation.set(s.situation, list);
  }
  const rows: string[][] = [];
  const levelCells = (path: Situation[]) => Array.from({ length: depth }, (_, i) => path[i]?.name ?? '');
  const idCell = (path: Situation[]) => path.map((s) => s.id).join('/');
  for (const { situation, path, isLeaf } of tree) {
    const scripts = bySituation.get(situation.id) ?? [];
    if ((scripts.length === 0 && isLeaf) || situation.cues?.length)
      rows.push([
        ...levelCells(path),
        ...after.map((f) => (f === 'situationId' ? idCell(path) : f === 'cues' ? formatCues(situation.cues) : '')),
      ]);
    for (const s of scripts) {
      const value: Record<string, string> = {
        title: s.title,
        body: s.body,
        shortcut: s.shortcut ?? '',
        keywords: s.keywords.join('、'),
        purpose: s.purpose,
        tags: s.tags.join('、'),
        followUp: s.effect ? String(s.effect.followUpMinutes) : '',
        cues: formatCues(s.cues),
        images: pictureCell(s.images),
        id: s.id,
        situationId: idCell(path),
      };
      rows.push([...levelCells(path), ...after.map((f) => value[f] ?? '')]);
    }
  }
  return { headers, rows, sheetName: '话术', headerRow: 1 };
}

/**
 * Excel would run a cell starting with = + - @ as a formula; a leading ' keeps it text. A cell
 * that already starts with ' gets one more, so the importer can always drop exactly one.
 */
export function guardCsvCell(cell: string): string {
  return /^[=+\-@\t\r']/.test(cell) ? `'${cell}` : cell;
}

function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** UTF-8 with BOM (so Excel opens it as UTF-8), RFC 4180, CRLF between records. */
export function packToCsv(pack: Pack): string {
  const { headers, rows } = packToTable(pack);
  const lines = [headers, ...rows].map((r) => r.map((c) => csvField(guardCsvCell(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Characters XML 1.0 cannot hold; left in, Excel refuses the whole file. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export async function packToXlsx(pack: Pack, opts: { pictures?: boolean } = {}): Promise<Uint8Array> {
  const table = packToTable(pack, opts);
  const headers = table.headers;
  const rows = table.rows.map((r) => r.map((c) => c.replace(XML_INVALID, '')));
  const bodyCol = headers.indexOf(FIELD_LABELS.body.zh);
  const data = [
    headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })),
    ...rows.map((r) =>
      r.map((c, i) => (c === '' ? null : { value: c, type: String, ...(i === bodyCol ? { wrap: true } : {}) })),
    ),
  ];
  const columns = headers.map((_, i) => ({ width: i === bodyCol ? 60 : i < bodyCol ? 16 : 14 }));
  const blob = await writeXlsxFile(data, { sheet: '话术', columns, stickyRowsCount: 1 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Pretty JSON with `contentHash` filled in, ready to publish. */
export async function packToJson(pack: Pack): Promise<string> {
  const contentHash = await computeContentHash(pack);
  return `${JSON.stringify({ ...pack, contentHash }, null, 2)}\n`;
}

/**
 * The pack as a .zip the import wizard and `pack build` read back: the sheet (with a 图片 column)
 * and every picture its scripts show as `images/<hash>.<ext>`. `images`: the bytes by hash; a
 * picture without bytes is left out of the zip (and the importer will name its row).
 */
export async function packToZip(
  pack: Pack,
  images: ReadonlyMap<string, Uint8Array>,
  sheetName = '话术',
): Promise<Uint8Array> {
  const files: Zippable = { [`${sheetName}.xlsx`]: await packToXlsx(pack, { pictures: true }) };
  for (const ref of imageRefsOf(pack.scripts).values()) {
    const bytes = images.get(ref.hash);
    // Pictures are compressed already: stored as they are.
    if (bytes) files[`images/${imageFileName(ref)}`] = [bytes, { level: 0 }];
  }
  return zipSync(files);
}
