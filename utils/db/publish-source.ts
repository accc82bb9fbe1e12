/**
 * The pack a team lead publishes: an installed pack as the lead sees it — the pack's scripts with
 * the lead's own edits (personal copies) in place and the scripts the lead deleted left out.
 * Read-only; the background publishes it and then adopts the published version.
 */
import type { Pack } from '../../scripts-library/schema';
import { PERSONAL_PACK_ID } from '../../scripts-library/pack-rows';
import { rowsToPack } from '../../scripts-library/rows-to-pack';
import type { HuashuDB, ScriptRow } from './schema';
import { packChunkScripts } from './script-store';

export class NotPublishableError extends Error {
  constructor(
    readonly code: 'not-found' | 'builtin' | 'personal',
    message: string,
  ) {
    super(message);
    this.name = 'NotPublishableError';
  }
}

export interface PublishSource {
  pack: Pack;
  /** Keys of the lead's personal copies whose text is now the pack's own (dropped after publishing). */
  folded: string[];
}

/**
 * 我的话术 as a team pack: the lead's own scripts and situations (what its export holds) under the
 * id and name chosen for it. Nothing here is adopted afterwards: the scripts stay the lead's own,
 * edited in 我的话术 and published again from there.
 */
async function personalForPublishing(
  db: HuashuDB,
  as: { id: string; name: string } | undefined,
  lastVersion: string | undefined,
): Promise<PublishSource> {
  if (!as) throw new NotPublishableError('personal', '发布我的话术前，请先填写团队话术包的 ID 和名称');
  return db.transaction('r', [db.packs, db.situations, db.scripts], async () => {
    const row = await db.packs.get(PERSONAL_PACK_ID);
    if (!row) throw new NotPublishableError('not-found', '找不到我的话术');
    const [situations, scripts] = await Promise.all([
      db.situations.toArray(),
      db.scripts.where('packId').equals(PERSONAL_PACK_ID).toArray(),
    ]);
    const pack = rowsToPack(row, situations, scripts);
    return { pack: { ...pack, id: as.id, name: as.name, version: lastVersion ?? '1.0.0' }, folded: [] };
  });
}

export async function packForPublishing(
  db: HuashuDB,
  packId: string,
  target?: { publishAs?: { id: string; name: string }; lastVersion?: string },
): Promise<PublishSource> {
  if (packId === PERSONAL_PACK_ID) return personalForPublishing(db, target?.publishAs, target?.lastVersion);
  return db.transaction('r', [db.packs, db.situations, db.scripts, db.scriptChunks, db.siteRules], async () => {
    const row = await db.packs.get(packId);
    if (!row) throw new NotPublishableError('not-found', `找不到话术包 ${packId}`);
    if (row.source.kind === 'builtin')
      throw new NotPublishableError('builtin', '内置话术包不能发布：请导出后换一个 ID 再导入');
    const [situations, packRows, copies, rules] = await Promise.all([
      db.situations.where('packId').equals(packId).toArray(),
      packChunkScripts(db, packId),
      db.scripts.where('overrides').startsWith(`${packId}/`).toArray(),
      db.siteRules.filter((r) => r.packId === packId).toArray(),
    ]);
    const situationKeys = new Set(situations.map((s) => s.key));
    const copyOf = new Map(copies.filter((c) => c.origin === 'personal').map((c) => [c.overrides!, c]));
    const folded: string[] = [];
    const scripts: ScriptRow[] = [];
    for (const r of packRows) {
      const copy = copyOf.get(r.key);
      if (!copy) {
        scripts.push(r);
        continue;
      }
      folded.push(copy.key);
      if (copy.hidden) continue;
      scripts.push({
        ...r,
        title: copy.title,
        body: copy.body,
        purpose: copy.purpose,
        keywords: copy.keywords,
        tags: copy.tags,
        ...(copy.shortcut ? { shortcut: copy.shortcut } : { shortcut: undefined }),
        ...(copy.effect ? { effect: copy.effect } : { effect: undefined }),
        // A copy filed under another pack's situation keeps the script where the pack has it.
        situationKey: situationKeys.has(copy.situationKey) ? copy.situationKey : r.situationKey,
      });
    }
    return { pack: rowsToPack(row, situations, scripts, rules), folded };
  });
}
