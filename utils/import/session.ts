/**
 * One run of the import wizard, from the file to the database: read → map → preview → install.
 *
 * The session holds the heavy things (the file's bytes, the table of every row, the converted
 * pack) and hands the page only what it shows: headers and sample cells, row issues, counts and
 * the first rows of the preview. The options page runs it in a Web Worker (see
 * entrypoints/options/import-client.ts), so a 50,000-row sheet is read, converted and written
 * without the page parsing, holding or serialising it; tests run the same class in-thread.
 *
 * Writes go through the same functions as everywhere else — `installPack` (one transaction: the
 * new version whole, or the old one untouched) and the editor's `importIntoPersonal` — on the
 * database the caller passes. Other contexts (the background's search index and compliance rules,
 * the open side panels) follow through Dexie's change events, as they do for the background's
 * own writes.
 */
import { guessMapping } from '../../scripts-library/io/mapping';
import { outlineToPack } from '../../scripts-library/io/outline';
import { readSpreadsheet, readText, SpreadsheetError, tableKindOf } from '../../scripts-library/io/read';
import { textProblem, type TextEncodingName } from '../../scripts-library/io/text';
import { tableToPack } from '../../scripts-library/io/table-import';
import type {
  ColumnMapping,
  ImportStats,
  PackMeta,
  RowIssue,
  Table,
  TableImport,
} from '../../scripts-library/io/types';
import { packFromJson } from '../../scripts-library/io/json';
import {
  picturesFromFolder,
  picturesFromZip,
  resolveTablePictures,
  type PictureFiles,
  type TablePictures,
} from '../../scripts-library/io/pictures';
import { MAX_ZIP_ENTRY_BYTES, normalizeZipPath, ZipArchive, ZipError } from '../../scripts-library/io/zip';
import { validatePack, type Pack } from '../../scripts-library/schema';
import { defaultMeta } from '../../scripts-library/io/assemble';
import { ID_PATTERN } from '../../scripts-library/io/ids';
import { situationPath } from '../../scripts-library/situation-path';
import { importIntoPersonal } from '../db/editing';
import { embeddedImagesToStore } from '../db/images';
import { installPackFile } from '../db/packs';
import { isQuotaError } from '../db/quota';
import { decodeImage } from '../images/decode';
import type { DecodeImage } from '../images/receive';
import type { HuashuDB } from '../db/schema';

/** Rows of the preview table, and longest list of errors or warnings the page gets. */
export const PREVIEW_SCRIPTS = 20;
export const ISSUES_SHOWN = 100;
const SAMPLE_ROWS = 3;

export type ImportTarget = 'new' | 'personal';

export type OpenInput =
  | { fileName: string; data: ArrayBuffer }
  | { fileName: string; text: string; pasted: true }
  /** A folder the agent chose (paths inside it): its sheet and the pictures its 图片 column names; read only when named. */
  | { fileName: string; files: { path: string; file: Blob }[] };

/** What the page shows of a source: for a table, enough to map its columns. */
export type SourceInfo =
  | {
      kind: 'table';
      fileName: string;
      headers: string[];
      /** The first rows, for the mapping step's sample column. */
      samples: string[][];
      rows: number;
      sheetName?: string;
      sheetNames?: string[];
      /** Guessed from the headers. */
      mapping: ColumnMapping;
      /** How the bytes were read; the wizard announces GBK (「已按 GBK 编码读取」). */
      encoding?: TextEncodingName;
    }
  | { kind: 'outline' | 'json'; fileName: string; pasted?: boolean; encoding?: TextEncodingName };

export type OpenResult =
  | { ok: true; source: SourceInfo; ms: number }
  | { ok: false; code: 'unknown-type' | 'unreadable'; message: string; messageEn: string };

export interface PreviewRequest {
  /** Column mapping (tables only). */
  mapping?: ColumnMapping;
  /** Name, id and author for a table or outline; a pack file keeps its own. */
  meta: PackMeta;
  skipErrors: boolean;
}

export interface PreviewScript {
  id: string;
  /** Situation path, "一级 › 二级". */
  path: string;
  title: string;
  body: string;
  shortcut?: string;
  /** How many pictures the script carries. */
  images?: number;
}

export interface PreviewSummary {
  /** A pack was built: confirming will install it. */
  ready: boolean;
  stats: ImportStats;
  errors: RowIssue[];
  errorCount: number;
  warnings: RowIssue[];
  warningCount: number;
  /** The first PREVIEW_SCRIPTS scripts. */
  scripts: PreviewScript[];
  scriptCount: number;
  /** An installed pack with the same id: importing as a new pack replaces its scripts. */
  replaces?: { name: string; version: string };
  ms: number;
}

export interface InstallRequest {
  target: ImportTarget;
  /** Name and id typed after the preview (tables and outlines); a pack file keeps its own. */
  meta?: { id: string; name: string };
}

export type InstallResult =
  | {
      ok: true;
      target: 'new';
      packId: string;
      name: string;
      version: string;
      added: number;
      changed: number;
      removed: number;
      ms: number;
    }
  | { ok: true; target: 'personal'; count: number; ms: number }
  /** `quota`: the browser's storage is full (pictures fill it fastest); nothing was written. */
  | { ok: false; errors: string[]; code?: 'quota' };

/** The session's calls, the same in-thread and through the worker. */
export interface ImportSessionApi {
  open(input: OpenInput): Promise<OpenResult>;
  chooseSheet(sheet: string): Promise<OpenResult>;
  preview(req: PreviewRequest): Promise<PreviewSummary>;
  install(req: InstallRequest): Promise<InstallResult>;
  /** Drop everything held (the worker ends). */
  close(): void;
}

type Held =
  | {
      kind: 'table';
      fileName: string;
      data: ArrayBuffer;
      table: Table;
      /** The folder or zip the sheet came in: where its 图片 column's files are looked up. */
      pictures?: { files: PictureFiles; sheetPath: string };
    }
  | { kind: 'outline'; fileName: string; text: string; pasted?: boolean; encoding?: TextEncodingName }
  | { kind: 'json'; fileName: string; text: string; encoding?: TextEncodingName };

const OUTLINE = /\.(md|markdown|txt)$/i;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function infoOf(held: Held): SourceInfo {
  if (held.kind !== 'table')
    return {
      kind: held.kind,
      fileName: held.fileName,
      ...(held.kind === 'outline' && held.pasted ? { pasted: true } : {}),
      ...(held.encoding ? { encoding: held.encoding } : {}),
    };
  const { table } = held;
  return {
    kind: 'table',
    fileName: held.fileName,
    headers: table.headers,
    samples: table.rows.slice(0, SAMPLE_ROWS).map((r) => r.map((c) => (c.length > 200 ? c.slice(0, 200) : c))),
    rows: table.rows.length,
    ...(table.sheetName !== undefined ? { sheetName: table.sheetName } : {}),
    ...(table.sheetNames ? { sheetNames: table.sheetNames } : {}),
    mapping: guessMapping(table.headers),
    ...(table.encoding ? { encoding: table.encoding } : {}),
  };
}

/** The pack header a prepared conversion is built under; the preview's own replaces it. */
const PREPARED_META: PackMeta = { id: 'prepared', name: 'prepared' };

/**
 * A conversion made under PREPARED_META, with the header of `meta` instead (checked as install
 * checks a renamed pack); null when that header is refused, so the caller converts again and
 * reports it as a conversion would.
 */
function withMeta(result: TableImport, meta: PackMeta): TableImport | null {
  const header = defaultMeta(meta);
  if (!result.pack) return ID_PATTERN.test(header.id) ? result : null;
  const { situations, scripts } = result.pack;
  const checked = validatePack({ ...result.pack, ...header, situations: [], scripts: [] });
  return checked.ok ? { ...result, pack: { ...checked.pack, situations, scripts } } : null;
}

function unreadable(e: unknown): OpenResult {
  const message = (e as Error).message || String(e);
  const messageEn = e instanceof SpreadsheetError || e instanceof ZipError ? e.messageEn : message;
  return { ok: false, code: 'unreadable', message, messageEn };
}

export class ImportSession implements ImportSessionApi {
  private held: Held | null = null;
  private built: Pack | null = null;
  private pictures: { table: Table; col: number; result: TablePictures } | null = null;
  /**
   * The sheet converted with its guessed mapping while the agent looks at the mapping step: the
   * preview of that mapping (nearly always the one confirmed) then only puts its header on it.
   */
  private prepared: { table: Table; mapping: string; result: TableImport } | null = null;
  private preparing: ReturnType<typeof setTimeout> | undefined;

  /** `decode`: the browser's decoder, the last check of every picture (tests in Node pass their own). */
  constructor(
    private readonly db: HuashuDB,
    private readonly decode: DecodeImage = decodeImage,
  ) {}

  async open(input: OpenInput): Promise<OpenResult> {
    const t0 = now();
    this.held = null;
    this.built = null;
    this.pictures = null;
    try {
      if ('text' in input) {
        const problem = textProblem(input.text);
        if (problem) return { ok: false, code: 'unreadable', message: problem.message, messageEn: problem.messageEn };
        this.held = { kind: 'outline', fileName: input.fileName, text: input.text, pasted: true };
      } else if ('files' in input || /\.zip$/i.test(input.fileName)) this.held = await this.openBundle(input);
      else if (/\.json$/i.test(input.fileName))
        this.held = { kind: 'json', fileName: input.fileName, ...readText(new Uint8Array(input.data), input.fileName) };
      // Text saved from Word or a Markdown outline: headings are situations, lines are scripts.
      else if (OUTLINE.test(input.fileName))
        this.held = {
          kind: 'outline',
          fileName: input.fileName,
          ...readText(new Uint8Array(input.data), input.fileName),
        };
      else if (tableKindOf(input.fileName))
        this.held = {
          kind: 'table',
          fileName: input.fileName,
          data: input.data,
          table: await readSpreadsheet(input.data, input.fileName),
        };
      else return { ok: false, code: 'unknown-type', message: input.fileName, messageEn: input.fileName };
    } catch (e) {
      return unreadable(e);
    }
    this.prepareSoon();
    return { ok: true, source: infoOf(this.held), ms: now() - t0 };
  }

  /**
   * Convert the open sheet with its guessed mapping once the answer to `open` has gone (a timer:
   * after this call's reply). Sheets with a picture column are converted when asked: their
   * pictures are read and decoded for the mapping chosen.
   */
  private prepareSoon(): void {
    clearTimeout(this.preparing);
    this.prepared = null;
    const held = this.held;
    if (held?.kind !== 'table') return;
    const mapping = guessMapping(held.table.headers);
    if (mapping.includes('images')) return;
    this.preparing = setTimeout(() => {
      if (this.held?.kind !== 'table' || this.held.table !== held.table) return;
      this.prepared = {
        table: held.table,
        mapping: JSON.stringify(mapping),
        result: tableToPack(held.table, mapping, PREPARED_META),
      };
    }, 0);
  }

  /** A folder or .zip: exactly one sheet in it, every other file a picture it may name. */
  private async openBundle(
    input: { fileName: string; data: ArrayBuffer } | { fileName: string; files: { path: string; file: Blob }[] },
  ): Promise<Held> {
    let files: PictureFiles;
    let paths: string[];
    if ('files' in input) {
      const byPath = new Map(
        input.files.map(({ path, file }) => [
          normalizeZipPath(path),
          { size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) },
        ]),
      );
      files = picturesFromFolder(byPath);
      paths = [...byPath.keys()];
    } else {
      const zip = ZipArchive.open(new Uint8Array(input.data), input.fileName);
      files = picturesFromZip(zip);
      paths = [...zip.entries.keys()];
    }
    const sheets = paths.filter((p) => tableKindOf(p) && !/\.txt$/i.test(p));
    if (sheets.length !== 1)
      throw new SpreadsheetError(
        sheets.length
          ? `「${input.fileName}」里有 ${sheets.length} 个表格（${sheets.slice(0, 3).join('、')}），请只放一个`
          : `「${input.fileName}」里没有表格（.xlsx 或 .csv）`,
        sheets.length
          ? `"${input.fileName}" holds ${sheets.length} sheets (${sheets.slice(0, 3).join(', ')}); keep only one`
          : `"${input.fileName}" holds no sheet (.xlsx or .csv)`,
      );
    const sheetPath = sheets[0]!;
    const bytes = await files.read(sheetPath, MAX_ZIP_ENTRY_BYTES);
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return {
      kind: 'table',
      fileName: input.fileName,
      data,
      table: await readSpreadsheet(data, sheetPath),
      pictures: { files, sheetPath },
    };
  }

  /** The 图片 column's pictures for `mapping`, read and decoded once per column choice. */
  private async picturesFor(
    held: Extract<Held, { kind: 'table' }>,
    mapping: ColumnMapping,
  ): Promise<TablePictures | undefined> {
    const col = mapping.indexOf('images');
    if (col < 0) return undefined;
    if (this.pictures?.table === held.table && this.pictures.col === col) return this.pictures.result;
    const result = await resolveTablePictures(held.table, mapping, held.pictures?.files ?? null, {
      sheetPath: held.pictures?.sheetPath ?? '',
      confirm: (bytes, ref) => this.decode(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: ref.type })),
    });
    this.pictures = { table: held.table, col, result };
    return result;
  }

  async chooseSheet(sheet: string): Promise<OpenResult> {
    const held = this.held;
    if (held?.kind !== 'table')
      return { ok: false, code: 'unreadable', message: '没有打开的表格', messageEn: 'No spreadsheet is open' };
    const t0 = now();
    try {
      this.held = { ...held, table: await readSpreadsheet(held.data, held.fileName, { sheet }) };
      this.built = null;
    } catch (e) {
      return unreadable(e);
    }
    this.prepareSoon();
    return { ok: true, source: infoOf(this.held), ms: now() - t0 };
  }

  async preview({ mapping, meta, skipErrors }: PreviewRequest): Promise<PreviewSummary> {
    const t0 = now();
    const held = this.held;
    let result: TableImport;
    if (!held)
      result = {
        pack: null,
        issues: [],
        stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 },
      };
    else if (held.kind === 'table') {
      const columns = mapping ?? guessMapping(held.table.headers);
      const prepared = this.prepared;
      this.prepared = null;
      clearTimeout(this.preparing);
      const reused =
        prepared?.table === held.table && prepared.mapping === JSON.stringify(columns) && !skipErrors && !meta.extra
          ? withMeta(prepared.result, meta)
          : null;
      if (reused) result = reused;
      else {
        const pictures = await this.picturesFor(held, columns);
        result = tableToPack(held.table, columns, meta, {
          skipErrorRows: skipErrors,
          ...(pictures ? { pictures } : {}),
        });
      }
    } else if (held.kind === 'outline') result = outlineToPack(held.text, meta, { skipErrorRows: skipErrors });
    else result = packFromJson(held.text);
    const pack = (this.built = result.pack);
    const errors = result.issues.filter((i) => i.level === 'error');
    const warnings = result.issues.filter((i) => i.level === 'warning');
    const installed = pack ? await this.db.packs.get(pack.id) : undefined;
    return {
      ready: pack !== null,
      stats: result.stats,
      errors: errors.slice(0, ISSUES_SHOWN),
      errorCount: errors.length,
      warnings: warnings.slice(0, ISSUES_SHOWN),
      warningCount: warnings.length,
      scripts: pack
        ? pack.scripts.slice(0, PREVIEW_SCRIPTS).map((s) => ({
            id: s.id,
            path: situationPath(pack, s.situation),
            title: s.title,
            body: s.body,
            ...(s.shortcut ? { shortcut: s.shortcut } : {}),
            ...(s.images?.length ? { images: s.images.length } : {}),
          }))
        : [],
      scriptCount: pack?.scripts.length ?? 0,
      ...(installed ? { replaces: { name: installed.name, version: installed.version } } : {}),
      ms: now() - t0,
    };
  }

  /**
   * Write the pack the last preview built. It was validated against the pack schema when it was
   * built (tableToPack, outlineToPack and parsePackJson all end in validatePack); a name or id
   * typed since is checked here the same way before anything is written.
   */
  async install({ target, meta }: InstallRequest): Promise<InstallResult> {
    const t0 = now();
    let pack = this.built;
    const held = this.held;
    if (!pack || !held) return { ok: false, errors: ['没有可导入的话术包，请重新预览'] };
    if (meta && held.kind !== 'json' && (meta.id !== pack.id || meta.name !== pack.name)) {
      // Only the header changes: check it without walking every script again.
      const header = validatePack({ ...pack, id: meta.id, name: meta.name, situations: [], scripts: [] });
      if (!header.ok) return { ok: false, errors: header.errors.map((e) => e.message) };
      pack = { ...pack, id: meta.id, name: meta.name };
    }
    if (target === 'personal') {
      // The pictures the sheet brought are checked and stored with the scripts, as for a new pack.
      const images = await embeddedImagesToStore(this.db, pack, this.decode);
      if (!images.ok) return { ok: false, errors: images.errors };
      try {
        const done = await importIntoPersonal(this.db, pack, Date.now(), images.blobs);
        return { ok: true, target: 'personal', count: done.scripts, ms: now() - t0 };
      } catch (e) {
        return { ok: false, errors: [(e as Error).message], ...(isQuotaError(e) ? { code: 'quota' as const } : {}) };
      }
    }
    try {
      const diff = await installPackFile(this.db, pack, held.fileName, this.decode);
      return {
        ok: true,
        target: 'new',
        packId: pack.id,
        name: pack.name,
        version: pack.version,
        added: diff.added.length,
        changed: diff.changed.length,
        removed: diff.removed.length,
        ms: now() - t0,
      };
    } catch (e) {
      return { ok: false, errors: [(e as Error).message], ...(isQuotaError(e) ? { code: 'quota' as const } : {}) };
    }
  }

  close(): void {
    clearTimeout(this.preparing);
    this.held = null;
    this.built = null;
    this.pictures = null;
    this.prepared = null;
  }
}
