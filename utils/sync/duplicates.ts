/**
 * Shortcut codes used by more than one pack (or by a personal script and a pack). Packs are
 * validated one by one, so clashes only appear across packs; they are reported to the agent,
 * never merged or renamed. Pure: rows in, report out.
 */
export interface ShortcutRowLike {
  key: string;
  packId: string;
  title: string;
  shortcut?: string;
  overrides?: string;
}

export interface ShortcutClash {
  shortcut: string;
  scripts: { key: string; packId: string; title: string }[];
}

export function findShortcutClashes(rows: readonly ShortcutRowLike[]): ShortcutClash[] {
  // A personal copy stands in for its pack script: the two are one script to the agent.
  const hidden = new Set(rows.filter((r) => r.overrides).map((r) => r.overrides!));
  const byCode = new Map<string, ShortcutRowLike[]>();
  for (const r of rows) {
    if (!r.shortcut || hidden.has(r.key)) continue;
    const list = byCode.get(r.shortcut);
    if (list) list.push(r);
    else byCode.set(r.shortcut, [r]);
  }
  const clashes: ShortcutClash[] = [];
  for (const [shortcut, list] of byCode) {
    if (new Set(list.map((r) => r.packId)).size < 2) continue;
    clashes.push({ shortcut, scripts: list.map(({ key, packId, title }) => ({ key, packId, title })) });
  }
  return clashes.sort((a, b) => a.shortcut.localeCompare(b.shortcut));
}
