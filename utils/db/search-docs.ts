/** Database rows (or a whole pack) → search documents. Pure. */
import type { Pack } from '../../scripts-library/schema';
import type { SearchDoc } from '../search';
import { packToRows } from './pack-rows';
import type { ScriptRow, SituationRow } from './schema';

/** Names from the root down to `key`, e.g. ['方案说明', '质量问题']. */
export function situationPaths(situations: readonly SituationRow[]): Map<string, string[]> {
  const byKey = new Map(situations.map((s) => [s.key, s]));
  const paths = new Map<string, string[]>();
  const pathOf = (key: string, depth = 0): string[] => {
    const cached = paths.get(key);
    if (cached) return cached;
    const s = byKey.get(key);
    if (!s || depth > 32) return [];
    const path = [...(s.parentKey ? pathOf(s.parentKey, depth + 1) : []), s.name];
    paths.set(key, path);
    return path;
  };
  for (const s of situations) pathOf(s.key);
  return paths;
}

export function docFromRow(row: ScriptRow, paths: ReadonlyMap<string, string[]>): SearchDoc {
  return {
    key: row.key,
    packId: row.packId,
    title: row.title,
    body: row.body,
    purpose: row.purpose,
    keywords: row.keywords,
    tags: row.tags,
    ...(row.shortcut ? { shortcut: row.shortcut } : {}),
    situationId: row.situationKey,
    situationPath: paths.get(row.situationKey) ?? [],
  };
}

/** Scripts an agent sees: a personal copy hides the pack script it stands in for. */
export function visibleScripts(rows: readonly ScriptRow[]): ScriptRow[] {
  const overridden = new Set(rows.filter((r) => r.overrides).map((r) => r.overrides!));
  return rows.filter((r) => !overridden.has(r.key));
}

/**
 * A pack as the documents the panel would index once it is installed: the same mapping
 * (pack → rows → documents), so tests and benchmarks measure exactly what agents search.
 */
export function docsFromPack(pack: Pack): SearchDoc[] {
  const rows = packToRows(pack, { kind: 'builtin' }, 0);
  const paths = situationPaths(rows.situations);
  return rows.scripts.map((row) => docFromRow(row, paths));
}
