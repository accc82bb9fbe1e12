/** Database rows (or a whole pack) → search documents. Pure. */
import type { Pack } from '../../scripts-library/schema';
import type { SearchDoc } from '../search';
import type { CueSource } from '../suggest';
import { packToRows } from '../../scripts-library/pack-rows';
import type { ScriptRow, SituationRow } from '../db/schema';

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
    ...(row.images?.length ? { images: row.images } : {}),
  };
}

/**
 * Scripts an agent sees: a personal copy hides the pack script it stands in for, and a copy
 * marked `hidden` (the agent deleted a pack script) is not shown either.
 */
export function visibleScripts(rows: readonly ScriptRow[]): ScriptRow[] {
  const steps = visibleScriptsSteps(rows);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** `visibleScripts` in steps (a few thousand rows each): over 200,000 rows at once it held the background for 60 ms of CPU. */
export function* visibleScriptsSteps(rows: readonly ScriptRow[]): Generator<void, ScriptRow[]> {
  const overridden = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const over = rows[i]!.overrides;
    if (over) overridden.add(over);
    if (i % STEP === STEP - 1) yield;
  }
  const visible: ScriptRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!overridden.has(r.key) && !r.hidden) visible.push(r);
    if (i % STEP === STEP - 1) yield;
  }
  return visible;
}

/** Rows per step of visibleScriptsSteps. */
const STEP = 5000;

export interface DuplicateReport {
  kind: 'shortcut' | 'id';
  /** The shortcut code, or the script id. */
  value: string;
  /** Keys of the visible scripts sharing it, in input order. */
  keys: string[];
}

/**
 * Shortcut codes that several visible scripts share (in any packs, the personal one included),
 * and script ids repeated across packs. A personal copy and the pack script it stands in for
 * are one script to the agent, and hidden copies are not counted. Nothing is merged: the list
 * is shown to the agent (script editor, packs list), who decides which one to change. Pure.
 */
export function crossPackDuplicates(rows: readonly ScriptRow[]): DuplicateReport[] {
  const visible = visibleScripts(rows);
  const group = (kind: DuplicateReport['kind'], valueOf: (r: ScriptRow) => string | undefined): DuplicateReport[] => {
    const by = new Map<string, ScriptRow[]>();
    for (const r of visible) {
      const v = valueOf(r);
      if (!v) continue;
      const list = by.get(v);
      if (list) list.push(r);
      else by.set(v, [r]);
    }
    return [...by.entries()]
      .filter(([, list]) => list.length > 1 && (kind === 'shortcut' || new Set(list.map((r) => r.packId)).size > 1))
      .map(([value, list]) => ({ kind, value, keys: list.map((r) => r.key) }));
  };
  return [...group('shortcut', (r) => r.shortcut), ...group('id', (r) => r.id)];
}

/** The library's customer wording (客户常说) for the suggestions: every situation's, and visible scripts'. */
export function cueSourcesFrom(situations: readonly SituationRow[], visible: readonly ScriptRow[]): CueSource[] {
  const out: CueSource[] = [];
  for (const s of situations) if (s.cues?.length) out.push({ situationKey: s.key, cues: s.cues });
  for (const r of visible)
    if (r.cues?.length) out.push({ situationKey: r.situationKey, scriptKey: r.key, cues: r.cues });
  return out;
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

/** A pack's customer wording as installed (see docsFromPack). */
export function cueSourcesFromPack(pack: Pack): CueSource[] {
  const rows = packToRows(pack, { kind: 'builtin' }, 0);
  return cueSourcesFrom(rows.situations, rows.scripts);
}
