/**
 * Revisions of editable records, and what an open form does with a newer version. Pure.
 *
 * Every record the agent edits in a form (personal scripts and copies, situations, settings,
 * site rules) carries `rev`, a counter the background raises on each write of the fields a form
 * shows (missing = 0: rows written before revisions existed). A save states the revision its
 * form started from; the background refuses it when the record has moved on, and the page shows
 * both versions. A pack script has no counter of its own — a sync replaces it — so its revision
 * is its fingerprint.
 */

/** The revision a save starts from, as the page sends it. */
export type BaseRevision = { rev: number } | { packHash: string };

/** Raise the counter of a record being written. */
export function nextRev(row: { rev?: number } | undefined): number {
  return (row?.rev ?? 0) + 1;
}

/**
 * Whether a save that started from `base` may overwrite `current` without asking. A save that
 * states no revision (older callers, internal moves) is never refused.
 */
export function isStale(base: { rev: number } | undefined, current: { rev?: number } | undefined): boolean {
  return base !== undefined && (current?.rev ?? 0) !== base.rev;
}

/**
 * An open form meets a newer version of its record. `base` is what the form started from,
 * `mine` what it shows now, `theirs` the record as stored. Fields the agent has not touched
 * follow `theirs`; touched ones stay `mine`. `conflicts` lists the fields both sides changed
 * to different values: only those need the agent's decision. With none, the form may take
 * `theirs` as its new base (its save is no longer stale).
 */
export function followLive<F extends object>(base: F, mine: F, theirs: F): { form: F; conflicts: (keyof F)[] } {
  const form = { ...mine };
  const conflicts: (keyof F)[] = [];
  for (const k of Object.keys(theirs) as (keyof F)[]) {
    const touched = !same(mine[k], base[k]);
    if (!touched) form[k] = theirs[k];
    else if (!same(theirs[k], base[k]) && !same(theirs[k], mine[k])) conflicts.push(k);
  }
  return { form, conflicts };
}

/** Fields whose values differ between two versions (what a conflict view lists side by side). */
export function changedFields<F extends object>(a: F, b: F): (keyof F)[] {
  return (Object.keys(a) as (keyof F)[]).filter((k) => !same(a[k], b[k]));
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
