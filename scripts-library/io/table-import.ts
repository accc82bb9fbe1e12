import type { ColumnMapping, PackMeta, Table, TableImport, TableImportOptions } from './types';

export function tableToPack(_table: Table, _mapping: ColumnMapping, _meta: PackMeta, _opts?: TableImportOptions): TableImport {
  return { pack: null, issues: [], stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 } };
}

/** Several tables (files) into one pack, e.g. one file per top-level situation. */
export function tablesToPack(_tables: { table: Table; mapping: ColumnMapping; file?: string }[], _meta: PackMeta, _opts?: TableImportOptions): TableImport {
  return { pack: null, issues: [], stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 } };
}
