/** A pack file (JSON) → the same result shape as the sheet and outline imports, for one import wizard. Pure. */
import { parsePackJson } from '../schema';
import type { Pack } from '../schema';
import type { TableImport } from './types';

export function packFromJson(text: string): TableImport {
  const result = parsePackJson(String(text ?? '').replace(/^\uFEFF/, ''));
  if (!result.ok)
    return {
      pack: null,
      issues: result.errors.map((e) => ({ row: 0, level: 'error', message: e.message, messageEn: e.messageEn })),
      stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 },
    };
  return importOfPack(result.pack);
}

/** A pack that is already whole, as an import result: every script one row, nothing skipped. */
export function importOfPack(pack: Pack): TableImport {
  return {
    pack,
    issues: [],
    stats: {
      rows: pack.scripts.length,
      scripts: pack.scripts.length,
      situations: pack.situations.length,
      skipped: 0,
      placeholdersConverted: 0,
    },
  };
}
