/**
 * Database rows → a pack, for export. Pure. The personal pack's scripts may be filed under other
 * packs' situations (a personal copy keeps the situation of the script it copies); those
 * situations, with their ancestors, are carried along so the exported pack stands on its own.
 */
import { PACK_SCHEMA_VERSION, type Pack } from './schema';
import { scriptContent, type PackMetaRow, type ScriptRow, type SituationRow } from './pack-rows';
import type { SiteRule } from './rule-schema';

/** A situation's id inside the exported pack: its own id at home, `pack.id` for a borrowed one. */
function exportId(packId: string, s: Pick<SituationRow, 'packId' | 'id'>): string {
  return s.packId === packId ? s.id : `${s.packId}.${s.id}`.slice(0, 64);
}

export function rowsToPack(
  pack: PackMetaRow,
  allSituations: readonly SituationRow[],
  scripts: readonly ScriptRow[],
  /** Console rules, those shipped in this pack marked with its id (the stored rows). */
  siteRules: readonly (SiteRule & { packId?: string; createdAt?: number })[] = [],
): Pack {
  const byKey = new Map(allSituations.map((s) => [s.key, s]));
  const used = new Map<string, SituationRow>();
  const take = (key: string | null) => {
    for (let k = key; k && !used.has(k);) {
      const s = byKey.get(k);
      if (!s) break;
      used.set(k, s);
      k = s.parentKey;
    }
  };
  for (const s of allSituations) if (s.packId === pack.id) take(s.key);
  const own = scripts.filter((s) => s.packId === pack.id && !s.hidden).sort((a, b) => a.order - b.order);
  for (const s of own) take(s.situationKey);
  const idOf = (key: string) => exportId(pack.id, used.get(key)!);
  return {
    schemaVersion: PACK_SCHEMA_VERSION,
    id: pack.id,
    name: pack.name,
    version: pack.version,
    updatedAt: pack.updatedAt,
    author: pack.author || pack.name,
    description: pack.description,
    locale: pack.locale,
    locked: pack.locked,
    placeholders: pack.placeholders,
    forbidden: pack.forbidden,
    ...(pack.policy ? { policy: pack.policy } : {}),
    ...(pack.changes?.length ? { changes: pack.changes } : {}),
    siteRules: siteRules.filter((r) => r.packId === pack.id).map(({ createdAt: _c, packId: _p, ...rule }) => rule),
    situations: [...used.values()]
      .sort((a, b) => a.order - b.order)
      .map((s) => ({
        id: idOf(s.key),
        name: s.name,
        parent: s.parentKey && used.has(s.parentKey) ? idOf(s.parentKey) : null,
        order: s.order,
        ...(s.cues?.length ? { cues: s.cues } : {}),
      })),
    scripts: own
      .filter((s) => used.has(s.situationKey))
      .map((s) => ({
        id: s.id,
        situation: idOf(s.situationKey),
        ...scriptContent(s),
      })),
  };
}
