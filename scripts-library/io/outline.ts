import type { PackMeta, TableImport, TableImportOptions } from './types';

export function outlineToPack(_text: string, _meta: PackMeta, _opts?: TableImportOptions): TableImport {
  return { pack: null, issues: [], stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 } };
}
