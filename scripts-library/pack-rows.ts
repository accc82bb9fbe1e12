/**
 * Pack ⇄ database rows, and what changed between two versions of a pack. Pure: no Dexie,
 * so the mapping and the diff test in Node and serve the pack tool as well. The rows' shapes
 * are declared here (utils/db/schema.ts stores them), so pack format depends on nothing else.
 */
import { hash53 } from './hash';
import type { Cues, Pack, ScriptEffect, ScriptImage } from './schema';

export { PERSONAL_PACK_ID } from './schema';

export type PackSource =
  { kind: 'builtin' } | { kind: 'file'; fileName: string } | { kind: 'url'; url: string } | { kind: 'personal' };

export interface SituationRow {
  /** `${packId}/${id}` — situation ids are unique within a pack only. */
  key: string;
  packId: string;
  id: string;
  name: string;
  parentKey: string | null;
  order: number;
  /** Raised on every rename or move (utils/db/revision.ts); a personal situation only. Not indexed. */
  rev?: number;
  /** 客户常说: customer wording the suggestions read (not indexed: no schema version needed). */
  cues?: Cues;
}

export interface ScriptRow {
  /** `${packId}/${id}` */
  key: string;
  packId: string;
  id: string;
  situationKey: string;
  title: string;
  body: string;
  purpose: string;
  keywords: string[];
  tags: string[];
  shortcut?: string;
  effect?: ScriptEffect;
  /** Customer wording for which this script is the answer (not indexed). */
  cues?: Cues;
  /** Pictures sent with the text, by content hash (bytes in `images`). Absent: none. */
  images?: ScriptImage[];
  order: number;
  /** `pack`: replaced on every pack update; `personal`: the agent's own, never touched by a sync. */
  origin: 'pack' | 'personal';
  /** A personal copy of a pack script: the key of the pack script it stands in for. */
  overrides?: string;
  /**
   * For a personal copy: a fingerprint of the pack script as it was when the agent copied or
   * edited it. When a sync brings a different upstream version, the copy is flagged for review.
   */
  baseHash?: string;
  /** Set by a sync when the pack script under this personal copy changed upstream. */
  conflict?: { upstreamHash: string; since: number; fromVersion?: string; toVersion?: string };
  /**
   * A personal copy that hides the pack script it overrides (the agent "deleted" a pack script;
   * deleting this copy restores it). Not indexed: no schema version needed.
   */
  hidden?: boolean;
  /**
   * A personal row's revision: raised on every write of what the editor form shows (not on a
   * sync's `conflict` flag). A save states the revision it started from (utils/db/revision.ts).
   * Not indexed: no schema version needed; missing = 0.
   */
  rev?: number;
  updatedAt: number;
}

/** A pack's own fields as its row holds them; the database adds when it was installed, its order and sync state. */
export type PackMetaRow = Omit<Pack, 'schemaVersion' | 'situations' | 'scripts' | 'siteRules' | 'images'> & {
  source: PackSource;
};

export const itemKey = (packId: string, id: string) => `${packId}/${id}`;

/** What a script says: the fields a pack file's script and a row share, under the same names. */
export type ScriptContent = Pick<
  ScriptRow,
  'title' | 'body' | 'purpose' | 'keywords' | 'tags' | 'shortcut' | 'effect' | 'cues' | 'images'
>;

/** A script's content, pack file ⇄ row (optional fields only when set). */
export function scriptContent(s: ScriptContent): ScriptContent {
  return {
    title: s.title,
    body: s.body,
    purpose: s.purpose,
    keywords: s.keywords,
    tags: s.tags,
    ...(s.shortcut ? { shortcut: s.shortcut } : {}),
    ...(s.effect ? { effect: s.effect } : {}),
    ...(s.cues?.length ? { cues: s.cues } : {}),
    ...(s.images?.length ? { images: s.images } : {}),
  };
}

export interface PackRows {
  pack: PackMetaRow;
  situations: SituationRow[];
  scripts: ScriptRow[];
}

export function packToRows(pack: Pack, source: PackSource, now: number): PackRows {
  const { situations, scripts, siteRules: _rules, schemaVersion: _v, images: _bytes, ...meta } = pack;
  return {
    pack: { ...meta, source },
    situations: situations.map((s) => ({
      key: itemKey(pack.id, s.id),
      packId: pack.id,
      id: s.id,
      name: s.name,
      parentKey: s.parent === null ? null : itemKey(pack.id, s.parent),
      order: s.order,
      ...(s.cues?.length ? { cues: s.cues } : {}),
    })),
    scripts: scripts.map((s, i) => ({
      key: itemKey(pack.id, s.id),
      packId: pack.id,
      id: s.id,
      situationKey: itemKey(pack.id, s.situation),
      ...scriptContent(s),
      order: i,
      origin: 'pack',
      updatedAt: now,
    })),
  };
}

export interface ScriptDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

type Comparable = ScriptContent & Pick<ScriptRow, 'key' | 'situationKey'>;

/** What of a script's images an agent sees: which pictures, in which order, with which alt text. */
const imagesPart = (s: Pick<ScriptRow, 'images'>) =>
  s.images?.length ? JSON.stringify(s.images.map((i) => [i.hash, i.alt])) : '';

function sameScript(a: Comparable, b: Comparable): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.purpose === b.purpose &&
    a.situationKey === b.situationKey &&
    a.shortcut === b.shortcut &&
    JSON.stringify(a.keywords) === JSON.stringify(b.keywords) &&
    JSON.stringify(a.tags) === JSON.stringify(b.tags) &&
    JSON.stringify(a.effect ?? null) === JSON.stringify(b.effect ?? null) &&
    JSON.stringify(a.cues ?? null) === JSON.stringify(b.cues ?? null) &&
    imagesPart(a) === imagesPart(b)
  );
}

/**
 * A short fingerprint of what an agent sees of a script (title, body, purpose, keywords, tags,
 * shortcut, situation, effect). A personal copy stores the fingerprint of the pack script it
 * was made from (`baseHash`); a sync that brings a different fingerprint flags the copy.
 * Not cryptographic: it only has to tell versions of one script apart.
 */
export function scriptFingerprint(s: Comparable): string {
  // Images count only when there are some: fingerprints stored before scripts had images stay valid.
  const text =
    JSON.stringify([
      s.title,
      s.body,
      s.purpose,
      s.situationKey,
      s.shortcut ?? '',
      s.keywords,
      s.tags,
      s.effect ?? null,
    ]) + imagesPart(s);
  return hash53(text).toString(36);
}

/** Keys added, changed and removed going from `before` to `after` (each list in `after`/`before` order). */
export function diffScripts(before: readonly Comparable[], after: readonly Comparable[]): ScriptDiff {
  const old = new Map(before.map((s) => [s.key, s]));
  const next = new Set(after.map((s) => s.key));
  const added: string[] = [];
  const changed: string[] = [];
  for (const s of after) {
    const o = old.get(s.key);
    if (!o) added.push(s.key);
    else if (!sameScript(o, s)) changed.push(s.key);
  }
  const removed = before.filter((s) => !next.has(s.key)).map((s) => s.key);
  return { added, changed, removed };
}
