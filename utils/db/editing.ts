/**
 * The agent's edits to the library. Called by the background only (it owns the writes).
 *
 * Pack scripts are never edited in place: a sync or an extension update replaces them. An edit
 * of a pack script creates (or updates) a personal copy in the personal pack that `overrides`
 * it and remembers the fingerprint of the pack version it was made from (`baseHash`), so a sync
 * can flag the copy when upstream changes. Deleting a pack script stores a hidden personal copy
 * (the pack script disappears from search); deleting that copy — "restore" — brings it back.
 *
 * Every edit that writes more than one row runs in one transaction.
 */
import { MAX_IMAGES_PER_SCRIPT } from '../../scripts-library/images';
import {
  cueErrors,
  cuesSchema,
  SHORTCUT_PATTERN,
  SHORTCUT_RULE,
  type Cues,
  type Pack,
} from '../../scripts-library/schema';
import { dropOwner, scriptOwner, setOwnerImages, type ImageBlobs } from './images';
import { isQuotaError } from './quota';
import { itemKey, PERSONAL_PACK_ID, scriptContent, scriptFingerprint } from '../../scripts-library/pack-rows';
import { ensurePersonalPack } from './packs';
import { isStale, nextRev, type BaseRevision } from './revision';
import type { HuashuDB, ScriptRow, SettingRow, SiteRuleRow, SituationRow } from './schema';
import { getScript } from './script-store';

/** What the agent can edit in a script. */
export type ScriptDraft = Pick<
  ScriptRow,
  'title' | 'body' | 'purpose' | 'keywords' | 'tags' | 'shortcut' | 'situationKey' | 'images'
>;

/** A refusal the UI shows as is (Chinese first; `code` for tests and English text). */
export class EditError extends Error {
  constructor(
    readonly code: 'not-found' | 'locked' | 'not-personal' | 'has-scripts' | 'cycle' | 'invalid' | 'stale',
    message: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

/**
 * A save that started from an older revision than the stored one: refused, nothing written.
 * `theirs` is the stored version, for the page to show beside the agent's.
 */
export class StaleEditError<T> extends EditError {
  constructor(readonly theirs: T) {
    super('stale', '这条内容在你编辑期间已被另一处修改：请选择保留哪个版本');
  }
}

/** Ids that fit the pack format (so a personal library exports as a valid pack). */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function checkDraft(d: Partial<ScriptDraft>): void {
  if (d.title !== undefined && (d.title.trim() === '' || d.title.length > 60))
    throw new EditError('invalid', '标题不能为空，最多 60 个字');
  // A script may be a picture alone (a size chart): then the text may be empty.
  if (d.body !== undefined && ((d.body.trim() === '' && !d.images?.length) || d.body.length > 4000))
    throw new EditError('invalid', '话术内容不能为空，最多 4000 个字');
  if (d.images && d.images.length > MAX_IMAGES_PER_SCRIPT)
    throw new EditError('invalid', `每条话术最多 ${MAX_IMAGES_PER_SCRIPT} 张图片`);
  if (d.purpose !== undefined && d.purpose.length > 400) throw new EditError('invalid', '用途最多 400 个字');
  if (d.shortcut && !SHORTCUT_PATTERN.test(d.shortcut)) throw new EditError('invalid', SHORTCUT_RULE);
}

function clean(d: Partial<ScriptDraft>): Partial<ScriptDraft> {
  const out: Partial<ScriptDraft> = { ...d };
  if (d.title !== undefined) out.title = d.title.trim();
  if (d.keywords) out.keywords = [...new Set(d.keywords.map((k) => k.trim()).filter(Boolean))];
  if (d.tags) out.tags = [...new Set(d.tags.map((k) => k.trim()).filter(Boolean))];
  return out;
}

async function mustGet(db: HuashuDB, key: string): Promise<ScriptRow> {
  const row = await getScript(db, key);
  if (!row) throw new EditError('not-found', '找不到这条话术（可能已被删除或话术包已更新）');
  return row;
}

async function mustSituation(db: HuashuDB, key: string): Promise<SituationRow> {
  const s = await db.situations.get(key);
  if (!s) throw new EditError('not-found', '找不到这个情景');
  return s;
}

async function nextScriptOrder(db: HuashuDB): Promise<number> {
  let max = -1;
  await db.scripts
    .where('packId')
    .equals(PERSONAL_PACK_ID)
    .each((s) => (max = Math.max(max, s.order)));
  return max + 1;
}

/** Without `shortcut` or `images` when empty: an empty code must not match every search. */
function applyDraft(row: ScriptRow, d: Partial<ScriptDraft>, now: number): ScriptRow {
  const { shortcut, images, ...rest } = d;
  const next: ScriptRow = { ...row, ...rest, rev: nextRev(row), updatedAt: now };
  if (shortcut !== undefined) {
    if (shortcut) next.shortcut = shortcut;
    else delete next.shortcut;
  }
  if (images !== undefined) {
    if (images.length) next.images = images;
    else delete next.images;
  }
  return next;
}

/**
 * The agent's rows just written use their images (new ones stored from `blobs`), and nothing
 * else; call inside the edit's transaction, which includes `db.images`.
 */
async function ownImages(db: HuashuDB, rows: readonly ScriptRow[], blobs: ImageBlobs = new Map()): Promise<void> {
  for (const row of rows) await setOwnerImages(db, scriptOwner(row.key), row.images ?? [], blobs);
}

/** The agent's rows just deleted use no image any more. */
async function releaseImages(db: HuashuDB, keys: readonly string[]): Promise<void> {
  for (const key of keys) await dropOwner(db, scriptOwner(key));
}

export async function createPersonalScript(
  db: HuashuDB,
  draft: ScriptDraft,
  now = Date.now(),
  blobs: ImageBlobs = new Map(),
): Promise<string> {
  checkDraft(draft);
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.scripts, db.situations, db.images], async () => {
    await mustSituation(db, draft.situationKey);
    const row = applyDraft(await blankPersonalRow(db, draft.situationKey, now), clean(draft), now);
    await db.scripts.add(row);
    await ownImages(db, [row], blobs);
    return row.key;
  });
}

/** The personal copy standing in for a pack script, if any. */
export function personalCopyOf(db: HuashuDB, packScriptKey: string): Promise<ScriptRow | undefined> {
  return db.scripts.where('overrides').equals(packScriptKey).first();
}

async function assertEditable(db: HuashuDB, row: ScriptRow): Promise<void> {
  const pack = await db.packs.get(row.packId);
  if (pack?.locked)
    throw new EditError('locked', `话术包「${pack.name}」已被发布者锁定：可以复制为我的话术，不能直接修改`);
}

/**
 * Edit a script. Personal rows change in place. A pack script gets a personal copy (created on
 * the first edit, updated after) that stands in for it; the pack row itself is never written.
 * Returns the key of the row that now holds the agent's version.
 */
export async function updateScript(
  db: HuashuDB,
  key: string,
  patch: Partial<ScriptDraft>,
  now = Date.now(),
  blobs: ImageBlobs = new Map(),
): Promise<string> {
  checkDraft(patch);
  const changes = clean(patch);
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.scripts, db.scriptChunks, db.situations, db.packs, db.images], async () => {
    if (changes.situationKey) await mustSituation(db, changes.situationKey);
    const row = await mustGet(db, key);
    if (row.origin === 'personal') {
      const next = applyDraft(row, changes, now);
      delete next.hidden;
      await db.scripts.put(next);
      await ownImages(db, [next], blobs);
      return key;
    }
    await assertEditable(db, row);
    const existing = await personalCopyOf(db, key);
    if (existing) {
      const next = applyDraft(existing, changes, now);
      delete next.hidden;
      await db.scripts.put(next);
      await ownImages(db, [next], blobs);
      return existing.key;
    }
    const copy = applyDraft(personalCopyRow(row, newId('edit', now)), changes, now);
    await db.scripts.add(copy);
    await ownImages(db, [copy], blobs);
    return copy.key;
  });
}

/**
 * A personal row standing in for pack script `row`: its text, situation and order under a new
 * id, naming the script it overrides and that script's fingerprint when copied (so an upstream
 * change is noticed and flagged).
 */
function personalCopyRow(row: ScriptRow, id: string, baseHash = scriptFingerprint(row)): ScriptRow {
  return {
    ...row,
    key: itemKey(PERSONAL_PACK_ID, id),
    packId: PERSONAL_PACK_ID,
    id,
    origin: 'personal',
    overrides: row.key,
    baseHash,
    rev: 0,
  };
}

/** The revision an editor form starts from when it opens `row` (see utils/db/revision.ts). */
export function revisionOf(row: ScriptRow): BaseRevision {
  return row.origin === 'personal' ? { rev: row.rev ?? 0 } : { packHash: scriptFingerprint(row) };
}

/** Where the agent's text goes when what it was edited under is gone: one personal situation. */
export const KEPT_SITUATION_NAME = '已保留的修改';

async function keptSituation(db: HuashuDB, now: number): Promise<string> {
  const found = await db.situations
    .where('packId')
    .equals(PERSONAL_PACK_ID)
    .filter((s) => s.name === KEPT_SITUATION_NAME && s.parentKey === null)
    .first();
  if (found) return found.key;
  const id = newId('sit', now);
  const key = itemKey(PERSONAL_PACK_ID, id);
  const order = (await db.situations.where('packId').equals(PERSONAL_PACK_ID).count()) + 1;
  await db.situations.add({ key, packId: PERSONAL_PACK_ID, id, name: KEPT_SITUATION_NAME, parentKey: null, order });
  return key;
}

/**
 * What a form save did. `kept`: the script was no longer there as the form knew it, and the
 * agent's text was kept anyway — `as-personal`: the script is gone (a sync removed it, or
 * another page deleted it), so the text is now a personal script of its own; `flagged`: the
 * pack script changed upstream since the edit started, so the new personal copy is flagged
 * for review beside the team's new wording.
 */
export interface SaveOutcome {
  key: string;
  kept?: 'as-personal' | 'flagged';
}

/**
 * Save an editor form: the whole draft, and the revision the form started from. A personal row
 * whose revision moved on, or a pack script that got a personal copy meanwhile (another page
 * saved first), is refused with `StaleEditError` — nothing is written and the page shows both.
 * A first edit of a pack script records the version the edit started from as `baseHash`, so a
 * sync that landed during the edit is flagged, never hidden. The text is never dropped: a
 * script that disappeared comes back as the agent's own.
 */
export async function saveScript(
  db: HuashuDB,
  key: string,
  draft: ScriptDraft,
  base: BaseRevision,
  now = Date.now(),
  blobs: ImageBlobs = new Map(),
): Promise<SaveOutcome> {
  checkDraft(draft);
  const changes = clean(draft);
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.scripts, db.scriptChunks, db.situations, db.packs, db.images], async () => {
    const row = await getScript(db, key);
    const situationKey = (await db.situations.get(draft.situationKey))
      ? draft.situationKey
      : await keptSituation(db, now);
    if (!row) {
      const kept = applyDraft(await blankPersonalRow(db, situationKey, now), { ...changes, situationKey }, now);
      await db.scripts.add(kept);
      await ownImages(db, [kept], blobs);
      return { key: kept.key, kept: 'as-personal' };
    }
    if (row.origin === 'personal') {
      if (isStale('rev' in base ? base : { rev: -1 }, row)) throw new StaleEditError(row);
      const next = applyDraft(row, { ...changes, situationKey }, now);
      delete next.hidden;
      await db.scripts.put(next);
      await ownImages(db, [next], blobs);
      return { key };
    }
    await assertEditable(db, row);
    const existing = await personalCopyOf(db, key);
    if (existing) throw new StaleEditError(existing);
    const startedFrom = 'packHash' in base ? base.packHash : scriptFingerprint(row);
    const copy = applyDraft(personalCopyRow(row, newId('edit', now), startedFrom), { ...changes, situationKey }, now);
    const upstream = scriptFingerprint(row);
    if (upstream !== startedFrom) copy.conflict = { upstreamHash: upstream, since: now };
    await db.scripts.add(copy);
    await ownImages(db, [copy], blobs);
    return { key: copy.key, ...(copy.conflict ? { kept: 'flagged' as const } : {}) };
  });
}

async function blankPersonalRow(db: HuashuDB, situationKey: string, now: number): Promise<ScriptRow> {
  const id = newId('my', now);
  return {
    key: itemKey(PERSONAL_PACK_ID, id),
    packId: PERSONAL_PACK_ID,
    id,
    situationKey,
    title: '',
    body: '',
    purpose: '',
    keywords: [],
    tags: [],
    order: await nextScriptOrder(db),
    origin: 'personal',
    rev: 0,
    updatedAt: now,
  };
}

/** Move to another situation (any pack's). A pack script moves through its personal copy. */
export function moveScript(db: HuashuDB, key: string, situationKey: string, now = Date.now()): Promise<string> {
  return updateScript(db, key, { situationKey }, now);
}

/** A new, independent personal script with the same text. Allowed for locked packs too. */
export async function duplicateScript(db: HuashuDB, key: string, now = Date.now()): Promise<string> {
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.scripts, db.scriptChunks, db.images], async () => {
    const row = await mustGet(db, key);
    const id = newId('my', now);
    // The shortcut stays with the original: two scripts answering one code would be ambiguous.
    const { shortcut: _s, overrides: _o, baseHash: _b, conflict: _c, hidden: _h, ...content } = row;
    const copy: ScriptRow = {
      ...content,
      key: itemKey(PERSONAL_PACK_ID, id),
      packId: PERSONAL_PACK_ID,
      id,
      title: `${row.title}（副本）`.slice(0, 60),
      origin: 'personal',
      order: await nextScriptOrder(db),
      rev: 1,
      updatedAt: now,
    };
    await db.scripts.add(copy);
    await ownImages(db, [copy]);
    return copy.key;
  });
}

/**
 * Delete. A personal script is deleted (a personal copy of a pack script: the pack version shows
 * again). A pack script cannot be deleted — the next sync would bring it back — so it is hidden
 * by a hidden personal copy; `restoreScript` (or deleting that copy) shows it again. Locked packs
 * may be hidden too: hiding changes nothing in the publisher's text.
 */
export async function deleteScript(db: HuashuDB, key: string, now = Date.now()): Promise<'deleted' | 'hidden'> {
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.scripts, db.scriptChunks, db.images], async () => {
    const row = await mustGet(db, key);
    if (row.origin === 'personal') {
      await db.scripts.delete(key);
      await releaseImages(db, [key]);
      return 'deleted';
    }
    const existing = await personalCopyOf(db, key);
    if (existing) {
      await db.scripts.put({ ...existing, hidden: true, rev: nextRev(existing), updatedAt: now });
      return 'hidden';
    }
    const hidden = { ...personalCopyRow(row, newId('hide', now)), hidden: true, rev: 1, updatedAt: now };
    await db.scripts.add(hidden);
    await ownImages(db, [hidden]);
    return 'hidden';
  });
}

/** Show a pack script again: its personal copy (hidden or edited) is removed. */
export async function restoreScript(db: HuashuDB, packScriptKey: string): Promise<void> {
  await db.transaction('rw', [db.scripts, db.images], async () => {
    const copies = await db.scripts.where('overrides').equals(packScriptKey).toArray();
    await db.scripts.bulkDelete(copies.map((c) => c.key));
    await releaseImages(
      db,
      copies.map((c) => c.key),
    );
  });
}

/** Personal scripts take the order of `keys`; pack scripts keep their publisher's order. */
export async function reorderScripts(db: HuashuDB, keys: readonly string[], now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.scripts], async () => {
    const rows = await db.scripts.bulkGet([...keys]);
    const personal = rows.filter((r): r is ScriptRow => r?.origin === 'personal');
    if (personal.length !== keys.length) throw new EditError('not-personal', '只能调整我的话术的顺序');
    await db.scripts.bulkPut(personal.map((r, i) => ({ ...r, order: i, updatedAt: now })));
  });
}

/**
 * Settle a flagged personal copy. `keep-mine`: the copy stays, now based on the new upstream
 * version. `take-upstream`: the copy is removed and the pack's new version shows — unless the
 * pack no longer has that script, then the copy stays as an independent personal script (the
 * agent's text is never dropped by a decision about someone else's).
 */
export async function resolveConflict(
  db: HuashuDB,
  key: string,
  choice: 'keep-mine' | 'take-upstream',
  now = Date.now(),
): Promise<void> {
  await db.transaction('rw', [db.scripts, db.scriptChunks, db.images], async () => {
    const row = await mustGet(db, key);
    if (!row.overrides) throw new EditError('invalid', '这条话术不是话术包话术的个人副本');
    const upstream = await getScript(db, row.overrides);
    if (choice === 'take-upstream' && upstream) {
      await db.scripts.delete(key);
      await releaseImages(db, [key]);
      return;
    }
    const { conflict: _c, ...rest } = row;
    if (!upstream) {
      const { overrides: _o, baseHash: _b, hidden: _h, ...own } = rest;
      await db.scripts.put({ ...own, updatedAt: now });
      return;
    }
    await db.scripts.put({ ...rest, baseHash: scriptFingerprint(upstream), updatedAt: now });
  });
}

// ---------------------------------------------------------------- situations of the personal pack

async function mustPersonalSituation(db: HuashuDB, key: string): Promise<SituationRow> {
  const s = await mustSituation(db, key);
  if (s.packId !== PERSONAL_PACK_ID)
    throw new EditError('not-personal', '话术包的情景由发布者维护；可以在“我的话术”里建自己的情景');
  return s;
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n || n.length > 40) throw new EditError('invalid', '情景名称不能为空，最多 40 个字');
  return n;
}

export async function createSituation(
  db: HuashuDB,
  name: string,
  parentKey: string | null,
  now = Date.now(),
): Promise<string> {
  const n = checkName(name);
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.situations], async () => {
    if (parentKey) await mustPersonalSituation(db, parentKey);
    const siblings = await db.situations
      .where('packId')
      .equals(PERSONAL_PACK_ID)
      .filter((s) => s.parentKey === parentKey)
      .toArray();
    const id = newId('sit', now);
    const key = itemKey(PERSONAL_PACK_ID, id);
    await db.situations.add({
      key,
      packId: PERSONAL_PACK_ID,
      id,
      name: n,
      parentKey,
      order: Math.max(-1, ...siblings.map((s) => s.order)) + 1,
    });
    return key;
  });
}

/** `base`: the revision the agent's rename started from; a rename made elsewhere meanwhile is refused. */
export async function renameSituation(db: HuashuDB, key: string, name: string, base?: { rev: number }): Promise<void> {
  const n = checkName(name);
  await db.transaction('rw', [db.situations], async () => {
    const s = await mustPersonalSituation(db, key);
    if (isStale(base, s)) throw new StaleEditError(s);
    await db.situations.put({ ...s, name: n, rev: nextRev(s) });
  });
}

/** 客户常说 of one of the agent's own situations (the suggestions read them at once). */
export async function setSituationCues(db: HuashuDB, key: string, cues: Cues): Promise<void> {
  const parsed = cuesSchema.safeParse(cues);
  if (!parsed.success) throw new EditError('invalid', `客户常说：${parsed.error.issues[0]?.message ?? '格式不对'}`);
  const errors = cueErrors(parsed.data, 'cues', '客户常说');
  if (errors.length) throw new EditError('invalid', errors[0]!.message);
  await db.transaction('rw', [db.situations], async () => {
    const { cues: _old, ...s } = await mustPersonalSituation(db, key);
    await db.situations.put(parsed.data.length ? { ...s, cues: parsed.data } : s);
  });
}

export async function moveSituation(db: HuashuDB, key: string, parentKey: string | null): Promise<void> {
  await db.transaction('rw', [db.situations], async () => {
    const s = await mustPersonalSituation(db, key);
    for (let cur = parentKey; cur;) {
      if (cur === key) throw new EditError('cycle', '不能把情景移到它自己的下级里');
      cur = (await mustPersonalSituation(db, cur)).parentKey;
    }
    await db.situations.put({ ...s, parentKey, rev: nextRev(s) });
  });
}

export async function reorderSituations(db: HuashuDB, keys: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.situations], async () => {
    const rows = await db.situations.bulkGet([...keys]);
    if (rows.some((r) => r?.packId !== PERSONAL_PACK_ID)) throw new EditError('not-personal', '只能调整我的情景的顺序');
    await db.situations.bulkPut(rows.map((r, i) => ({ ...r!, order: i })));
  });
}

/**
 * Delete a personal situation. Its child situations move up to its parent. Scripts filed under
 * it move to `moveScriptsTo`; without a target, a situation that still holds scripts is refused —
 * scripts are never deleted along with a situation.
 */
export async function deleteSituation(
  db: HuashuDB,
  key: string,
  moveScriptsTo?: string,
  now = Date.now(),
): Promise<{ moved: number }> {
  return db.transaction('rw', [db.situations, db.scripts], async () => {
    const s = await mustPersonalSituation(db, key);
    const scripts = await db.scripts.where('situationKey').equals(key).toArray();
    if (scripts.length && !moveScriptsTo)
      throw new EditError('has-scripts', `情景「${s.name}」下还有 ${scripts.length} 条话术：请先选择要移到哪个情景`);
    if (moveScriptsTo) {
      if (moveScriptsTo === key) throw new EditError('invalid', '请选择另一个情景');
      await mustSituation(db, moveScriptsTo);
    }
    // A pack script filed here cannot happen (pack scripts live in their pack's situations);
    // personal rows, including copies of pack scripts, move.
    await db.scripts.bulkPut(
      scripts.map((r) => ({ ...r, situationKey: moveScriptsTo!, rev: nextRev(r), updatedAt: now })),
    );
    const children = await db.situations.where('parentKey').equals(key).toArray();
    await db.situations.bulkPut(children.map((c) => ({ ...c, parentKey: s.parentKey, rev: nextRev(c) })));
    await db.situations.delete(key);
    return { moved: scripts.length };
  });
}

/**
 * Add a whole imported pack to the personal pack (import "into 我的话术"), in one transaction.
 * Situations with the same name under the same parent are reused; everything else gets fresh
 * personal ids, so nothing already there is overwritten.
 */
export async function importIntoPersonal(
  db: HuashuDB,
  pack: Pack,
  now = Date.now(),
  blobs: ImageBlobs = new Map(),
): Promise<{ scripts: number; situations: number }> {
  await ensurePersonalPack(db, now);
  return db.transaction('rw', [db.situations, db.scripts, db.images], async () => {
    const mine = await db.situations.where('packId').equals(PERSONAL_PACK_ID).toArray();
    const keyOf = new Map<string, string>();
    const byId = new Map(pack.situations.map((s) => [s.id, s]));
    const added: SituationRow[] = [];
    const resolve = (id: string): string => {
      const known = keyOf.get(id);
      if (known) return known;
      const s = byId.get(id)!;
      const parentKey = s.parent ? resolve(s.parent) : null;
      const same = mine.find((m) => m.name === s.name && m.parentKey === parentKey);
      if (same) {
        keyOf.set(id, same.key);
        return same.key;
      }
      const newIdValue = newId('sit', now);
      const row: SituationRow = {
        key: itemKey(PERSONAL_PACK_ID, newIdValue),
        packId: PERSONAL_PACK_ID,
        id: newIdValue,
        name: s.name,
        parentKey,
        order: s.order,
        ...(s.cues?.length ? { cues: s.cues } : {}),
      };
      mine.push(row);
      added.push(row);
      keyOf.set(id, row.key);
      return row.key;
    };
    pack.situations.forEach((s) => resolve(s.id));
    let order = await nextScriptOrder(db);
    const scripts: ScriptRow[] = pack.scripts.map((s) => {
      const id = newId('my', now);
      return {
        key: itemKey(PERSONAL_PACK_ID, id),
        packId: PERSONAL_PACK_ID,
        id,
        situationKey: keyOf.get(s.situation)!,
        ...scriptContent(s),
        order: order++,
        origin: 'personal',
        updatedAt: now,
      };
    });
    await db.situations.bulkAdd(added);
    await db.scripts.bulkAdd(scripts);
    await ownImages(db, scripts, blobs);
    return { scripts: scripts.length, situations: added.length };
  });
}

// ---------------------------------------------------------------- one message for every edit

/** Every edit the options page can ask the background for (one message, one switch). */
export type LibraryEdit =
  /** `imageData`: base64 bytes of images the draft adds (by hash); the background checks them first. */
  | { op: 'createScript'; draft: ScriptDraft; imageData?: Record<string, string> }
  | { op: 'updateScript'; key: string; patch: Partial<ScriptDraft>; imageData?: Record<string, string> }
  /** The editor form's save: the whole draft and the revision the form started from. */
  | { op: 'saveScript'; key: string; draft: ScriptDraft; base: BaseRevision; imageData?: Record<string, string> }
  | { op: 'moveScript'; key: string; situationKey: string }
  | { op: 'duplicateScript'; key: string }
  | { op: 'deleteScript'; key: string }
  | { op: 'restoreScript'; key: string }
  | { op: 'reorderScripts'; keys: string[] }
  | { op: 'resolveConflict'; key: string; choice: 'keep-mine' | 'take-upstream' }
  | { op: 'createSituation'; name: string; parentKey: string | null }
  | { op: 'renameSituation'; key: string; name: string; base?: { rev: number } }
  | { op: 'moveSituation'; key: string; parentKey: string | null }
  | { op: 'setSituationCues'; key: string; cues: Cues }
  | { op: 'reorderSituations'; keys: string[] }
  | { op: 'deleteSituation'; key: string; moveScriptsTo?: string }
  | { op: 'importIntoPersonal'; pack: Pack };

export type LibraryEditResult =
  | { ok: true; key?: string; detail?: string; count?: number; kept?: SaveOutcome['kept'] }
  /** `stale`: `theirs` is the stored version (a script or situation row). `quota`: the browser is out of space. */
  | { ok: false; code: EditError['code'] | 'quota' | 'failed'; error: string; theirs?: ScriptRow | SituationRow };

/** A failed write as the page is told about it: our refusals as they are, quota by name, the rest as their message. */
export function editFailure(e: unknown): Extract<LibraryEditResult, { ok: false }> {
  // Dexie wraps errors thrown inside a transaction; the original is its `inner`.
  const own =
    e instanceof EditError
      ? e
      : (e as { inner?: unknown })?.inner instanceof EditError
        ? (e as { inner: EditError }).inner
        : undefined;
  if (own instanceof StaleEditError)
    return { ok: false, code: 'stale', error: own.message, theirs: own.theirs as ScriptRow | SituationRow };
  if (own) return { ok: false, code: own.code, error: own.message };
  if (isQuotaError(e)) return { ok: false, code: 'quota', error: (e as Error).message };
  return { ok: false, code: 'failed', error: (e as Error)?.message ?? String(e) };
}

/** `blobs`: the checked bytes of `imageData`, by hash. */
export async function applyEdit(
  db: HuashuDB,
  edit: LibraryEdit,
  now = Date.now(),
  blobs: ImageBlobs = new Map(),
): Promise<LibraryEditResult> {
  try {
    switch (edit.op) {
      case 'createScript':
        return { ok: true, key: await createPersonalScript(db, edit.draft, now, blobs) };
      case 'updateScript':
        return { ok: true, key: await updateScript(db, edit.key, edit.patch, now, blobs) };
      case 'saveScript': {
        const saved = await saveScript(db, edit.key, edit.draft, edit.base, now, blobs);
        return { ok: true, key: saved.key, ...(saved.kept ? { kept: saved.kept } : {}) };
      }
      case 'moveScript':
        return { ok: true, key: await moveScript(db, edit.key, edit.situationKey, now) };
      case 'duplicateScript':
        return { ok: true, key: await duplicateScript(db, edit.key, now) };
      case 'deleteScript':
        return { ok: true, detail: await deleteScript(db, edit.key, now) };
      case 'restoreScript':
        await restoreScript(db, edit.key);
        return { ok: true, key: edit.key };
      case 'reorderScripts':
        await reorderScripts(db, edit.keys, now);
        return { ok: true };
      case 'resolveConflict':
        await resolveConflict(db, edit.key, edit.choice, now);
        return { ok: true };
      case 'createSituation':
        return { ok: true, key: await createSituation(db, edit.name, edit.parentKey, now) };
      case 'renameSituation':
        await renameSituation(db, edit.key, edit.name, edit.base);
        return { ok: true };
      case 'moveSituation':
        await moveSituation(db, edit.key, edit.parentKey);
        return { ok: true };
      case 'setSituationCues':
        await setSituationCues(db, edit.key, edit.cues);
        return { ok: true };
      case 'reorderSituations':
        await reorderSituations(db, edit.keys);
        return { ok: true };
      case 'deleteSituation':
        return { ok: true, count: (await deleteSituation(db, edit.key, edit.moveScriptsTo, now)).moved };
      case 'importIntoPersonal':
        return { ok: true, count: (await importIntoPersonal(db, edit.pack, now)).scripts };
    }
  } catch (e) {
    return editFailure(e);
  }
}

// ---------------------------------------------------------------- settings

export type SettingSaveResult =
  | { ok: true; rev: number }
  | { ok: false; code: 'stale'; error: string; theirs: unknown; rev: number }
  | { ok: false; code: 'quota' | 'failed'; error: string };

/**
 * Save one setting. `base`: the revision the page's form started from (profile, reply rules);
 * when another page saved meanwhile the save is refused with the stored value. Toggles and
 * pickers that write one value at once state no base.
 */
export async function saveSetting(
  db: HuashuDB,
  key: string,
  value: unknown,
  base?: number,
): Promise<SettingSaveResult> {
  try {
    return await db.transaction('rw', db.settings, async () => {
      const row: SettingRow | undefined = await db.settings.get(key);
      if (isStale(base === undefined ? undefined : { rev: base }, row))
        return {
          ok: false as const,
          code: 'stale' as const,
          error: '设置在你编辑期间已被另一处修改',
          theirs: row?.value,
          rev: row?.rev ?? 0,
        };
      const rev = nextRev(row);
      await db.settings.put({ key, value, rev });
      return { ok: true as const, rev };
    });
  } catch (e) {
    return { ok: false, code: isQuotaError(e) ? 'quota' : 'failed', error: (e as Error)?.message ?? String(e) };
  }
}

/**
 * Save a console rule. `base`: the revision an edit of an existing rule started from; a rule
 * changed elsewhere meanwhile (another page, a pack update) is refused as stale.
 */
export async function saveSiteRuleRow(
  db: HuashuDB,
  rule: SiteRuleRow,
  base?: number,
): Promise<{ ok: true; rev: number } | { ok: false; error: string; code: 'stale' | 'quota' }> {
  try {
    return await db.transaction('rw', db.siteRules, async () => {
      const current = await db.siteRules.get(rule.id);
      if (isStale(base === undefined ? undefined : { rev: base }, current))
        return { ok: false as const, code: 'stale' as const, error: '这条工作台规则在你编辑期间已被另一处修改' };
      const rev = nextRev(current);
      await db.siteRules.put({ ...rule, rev });
      return { ok: true as const, rev };
    });
  } catch (e) {
    if (isQuotaError(e)) return { ok: false, code: 'quota', error: (e as Error).message };
    throw e;
  }
}
