/**
 * Types shared by the pack import/export modules. Pure: no DOM, no browser APIs, runs in Node.
 *
 * Messages in `RowIssue` are complete sentences in Chinese (`message`) and English (`messageEn`),
 * like `PackError` in ../schema.ts: the import wizard shows them as they are, and the CLI prints them.
 */
import type { TextEncodingName } from './text';
import type { Pack } from '../schema';
import type { TablePictures } from './pictures';

export type TableKind = 'xlsx' | 'csv';

/** One sheet as text. `rows[i]` is sheet row `headerRow + 1 + i` (1-based, like Excel shows it). */
export interface Table {
  headers: string[];
  rows: string[][];
  /** The sheet this table came from (xlsx), or the file name (csv). */
  sheetName?: string;
  /** Every sheet in the workbook (xlsx), so the wizard can offer a choice. */
  sheetNames?: string[];
  /** 1-based sheet row of `headers`; a title row above the headers moves it down. Default 1. */
  headerRow?: number;
  kind?: TableKind;
  /** How a CSV's bytes were read (see ./text.ts); the import preview announces GBK. */
  encoding?: TextEncodingName;
}

/**
 * What a column holds. `level1`…`level8` are the situation levels (一级分类, 二级分类 …);
 * `situation` (情景) is the deepest level, below any level columns; `situationId` (情景ID) is the
 * `/`-joined situation id path our own export writes so situation ids survive a round trip;
 * `followUp` (承诺回复分钟) is `effect.followUpMinutes`; `cues` (客户常说) is customer wording in the
 * text form of ../cue-text.ts — on a row with a script, the script's; on a row with only
 * situation cells, the situation's; `images` (图片) names picture files that came with the sheet
 * (see ./pictures.ts).
 */
export type ImportField =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'level4'
  | 'level5'
  | 'level6'
  | 'level7'
  | 'level8'
  | 'situation'
  | 'situationId'
  | 'title'
  | 'body'
  | 'shortcut'
  | 'keywords'
  | 'purpose'
  | 'tags'
  | 'id'
  | 'followUp'
  | 'cues'
  | 'images'
  | 'ignore';

/** One entry per column of the table. */
export type ColumnMapping = ImportField[];

export interface RowIssue {
  /** 1-based sheet row including the header (for outline text: the 1-based line). 0 = the whole file. */
  row: number;
  field?: ImportField;
  level: 'error' | 'warning';
  message: string;
  messageEn: string;
  /** Which file, when several are imported together (CLI folder build). */
  file?: string;
}

export interface ImportStats {
  /** Data rows (or outline lines) read, empty ones included. */
  rows: number;
  scripts: number;
  situations: number;
  /** Rows that did not become a script (empty body, error). */
  skipped: number;
  placeholdersConverted: number;
}

/** `pack` is null when any issue is an error, or nothing importable was found. */
export interface TableImport {
  pack: Pack | null;
  issues: RowIssue[];
  stats: ImportStats;
}

/** Pack metadata for an import. Everything is optional; missing fields get sensible defaults. */
export interface PackMeta {
  id?: string;
  name?: string;
  version?: string;
  author?: string;
  description?: string;
  /** ISO date-time; defaults to now. */
  updatedAt?: string;
  locale?: string;
  locked?: boolean;
  /** Everything else a pack may carry that a table cannot (forbidden phrases, policy, site rules, placeholder labels). */
  extra?: Partial<Pick<Pack, 'forbidden' | 'policy' | 'siteRules' | 'placeholders'>>;
}

export interface TableImportOptions {
  /** Build the pack from the good rows even when some rows have errors (those rows are skipped and listed). */
  skipErrorRows?: boolean;
  /**
   * Convert [公司名称] / XXXX / **** / 先生/女士 … into `{占位}` names. Default: on, except for a
   * sheet our own export wrote (it has a 情景ID column), whose bodies already use `{占位}`.
   */
  convertPlaceholders?: boolean;
  /** Tag issues with this file name. */
  file?: string;
  /** Situation for rows when the sheet has no situation columns (default 未分类). */
  defaultSituation?: string;
  /** The 图片 column's pictures, read beforehand (`resolveTablePictures`); without them a row naming pictures is refused. */
  pictures?: TablePictures;
}

export interface PlaceholderConversion {
  from: string;
  to: string;
}
