/**
 * What the options page's script editor and packs list show of the library, computed where the
 * rows are held (the options page's editor worker) and handed to the page a window at a time:
 * with 200,000 scripts the page never holds, filters or sorts them, so opening the editor costs
 * what a screen of rows costs. Pure: no Dexie, no browser APIs (tested in Node).
 */
import type { ScriptRow } from '../db/schema';
import { crossPackDuplicates, visibleScripts, type DuplicateReport } from '../library/search-docs';

/** Rows per window at most: a few screens (the list asks for the next window as it scrolls). */
export const EDITOR_MAX_WINDOW = 200;
/** Flagged copies and hidden scripts listed at most (the counts are always whole). */
export const EDITOR_LIST_MAX = 100;

export interface EditorListRequest {
  /** The chosen situation and everything below it (or a pack's situations); null for all. */
  situationKeys: string[] | null;
  /** Text the agent typed in the editor's filter box. */
  filter: string;
  offset: number;
  limit: number;
  /** Whole rows the page needs (the script in the form, the pack script a copy stands in for). */
  rows?: string[];
}

/** One row of the editor's list: what the row shows and what its buttons need. */
export interface EditorListItem {
  key: string;
  title: string;
  shortcut?: string;
  situationKey: string;
  packId: string;
  origin: ScriptRow['origin'];
  overrides?: string;
  conflict: boolean;
  /** Another visible script has the same shortcut code. */
  dupShortcut: boolean;
  /** The rows above and below in the list are the agent's own (they can swap places). */
  prevPersonal: boolean;
  nextPersonal: boolean;
}

export interface EditorView {
  /** Changes whenever the rows changed: the page asks again for what it shows. */
  version: number;
  /** Length of the whole filtered list, and the window of it asked for. */
  total: number;
  offset: number;
  items: EditorListItem[];
  /** Visible scripts in the library, and per situation key (the tree adds up its subtrees). */
  visibleTotal: number;
  counts: Record<string, number>;
  conflicts: { key: string; title: string }[];
  conflictCount: number;
  hidden: { key: string; title: string; overrides: string }[];
  hiddenCount: number;
  duplicateCount: number;
  /** The rows asked for by key that exist. */
  rows: ScriptRow[];
  /**
   * False while the library is still being read: the list is its first rows (in their final
   * order), and counts and duplicates cover only what was read. A later version completes it.
   */
  complete: boolean;
}

export interface DuplicatesRequest {
  /** Only clashing shortcut codes, ordered by code (the packs list); otherwise every report. */
  shortcutsOnly?: boolean;
  offset: number;
  limit: number;
}

export interface DuplicateEntry {
  kind: DuplicateReport['kind'];
  value: string;
  scripts: { key: string; title: string; packId: string }[];
}

export interface DuplicatesView {
  version: number;
  total: number;
  offset: number;
  items: DuplicateEntry[];
}

const clampWindow = (offset: number, limit: number) => ({
  offset: Math.max(0, Math.floor(offset) || 0),
  limit: Math.min(Math.max(0, Math.floor(limit) || 0), EDITOR_MAX_WINDOW),
});

export class EditorLibrary {
  private readonly visible: ScriptRow[];
  private readonly byKey: Map<string, ScriptRow>;
  private readonly counts: Record<string, number> = {};
  private readonly duplicates: DuplicateReport[];
  private readonly dupShortcuts: Set<string>;
  private readonly conflicts: ScriptRow[];
  private readonly hidden: ScriptRow[];
  private shortcutClashes: DuplicateReport[] | null = null;
  /** Rows per pack, the agent's own rows included (the packs list's script counts). */
  readonly packCounts: Map<string, number> = new Map();
  /** The last filtered list, for a list scrolling window by window. */
  private lastList: { id: string; rows: ScriptRow[] } | null = null;

  /** `complete` false: `rows` are the library's first rows (the agent's own rows among them), more to come. */
  constructor(
    rows: readonly ScriptRow[],
    readonly version: number,
    readonly complete = true,
  ) {
    this.visible = visibleScripts(rows);
    this.byKey = new Map(rows.map((r) => [r.key, r]));
    for (const r of rows) this.packCounts.set(r.packId, (this.packCounts.get(r.packId) ?? 0) + 1);
    for (const s of this.visible) this.counts[s.situationKey] = (this.counts[s.situationKey] ?? 0) + 1;
    this.duplicates = crossPackDuplicates(rows);
    this.dupShortcuts = new Set(this.duplicates.filter((d) => d.kind === 'shortcut').map((d) => d.value));
    this.conflicts = rows.filter((s) => s.conflict);
    this.hidden = rows.filter((s) => s.hidden && s.overrides);
  }

  /** The visible scripts of the chosen situations matching the filter, in editor order. */
  private list(situationKeys: readonly string[] | null, filter: string): ScriptRow[] {
    const q = filter.trim().toLowerCase();
    const id = JSON.stringify([situationKeys, q]);
    if (this.lastList?.id === id) return this.lastList.rows;
    let rows = this.visible;
    if (situationKeys) {
      const keys = new Set(situationKeys);
      rows = rows.filter((s) => keys.has(s.situationKey));
    }
    if (q)
      rows = rows.filter(
        (s) => s.title.toLowerCase().includes(q) || s.body.toLowerCase().includes(q) || s.shortcut === q,
      );
    // Within a situation by the order the agent gave; situations keep the library's order.
    const sorted = [...rows].sort((a, b) => (a.situationKey === b.situationKey ? a.order - b.order : 0));
    this.lastList = { id, rows: sorted };
    return sorted;
  }

  view(request: EditorListRequest): EditorView {
    const { offset, limit } = clampWindow(request.offset, request.limit);
    const list = this.list(request.situationKeys, request.filter);
    const items = list.slice(offset, offset + limit).map((s, i): EditorListItem => {
      const at = offset + i;
      return {
        key: s.key,
        title: s.title,
        ...(s.shortcut ? { shortcut: s.shortcut } : {}),
        situationKey: s.situationKey,
        packId: s.packId,
        origin: s.origin,
        ...(s.overrides ? { overrides: s.overrides } : {}),
        conflict: !!s.conflict,
        dupShortcut: !!s.shortcut && this.dupShortcuts.has(s.shortcut),
        prevPersonal: list[at - 1]?.origin === 'personal',
        nextPersonal: list[at + 1]?.origin === 'personal',
      };
    });
    return {
      version: this.version,
      total: list.length,
      offset,
      items,
      visibleTotal: this.visible.length,
      counts: this.counts,
      conflicts: this.conflicts.slice(0, EDITOR_LIST_MAX).map((s) => ({ key: s.key, title: s.title })),
      conflictCount: this.conflicts.length,
      hidden: this.hidden
        .slice(0, EDITOR_LIST_MAX)
        .map((s) => ({ key: s.key, title: s.title, overrides: s.overrides! })),
      hiddenCount: this.hidden.length,
      duplicateCount: this.duplicates.length,
      rows: (request.rows ?? []).flatMap((k) => this.byKey.get(k) ?? []),
      complete: this.complete,
    };
  }

  /**
   * Whether this library, complete or not, answers `request` as the complete one would: while
   * it is being read, a window of the unfiltered list within the rows read so far, whose rows
   * asked for by key are among them.
   */
  answers(request: EditorListRequest): boolean {
    if (this.complete) return true;
    const { offset, limit } = clampWindow(request.offset, request.limit);
    return (
      request.situationKeys === null &&
      request.filter.trim() === '' &&
      offset + limit <= this.visible.length &&
      (request.rows ?? []).every((k) => this.byKey.has(k))
    );
  }

  duplicatesView(request: DuplicatesRequest): DuplicatesView {
    const { offset, limit } = clampWindow(request.offset, request.limit);
    const reports = request.shortcutsOnly
      ? (this.shortcutClashes ??= this.duplicates
          .filter((d) => d.kind === 'shortcut')
          .sort((a, b) => a.value.localeCompare(b.value)))
      : this.duplicates;
    return {
      version: this.version,
      total: reports.length,
      offset,
      items: reports.slice(offset, offset + limit).map((d) => ({
        kind: d.kind,
        value: d.value,
        scripts: d.keys.flatMap((k) => {
          const s = this.byKey.get(k);
          return s ? [{ key: s.key, title: s.title, packId: s.packId }] : [];
        }),
      })),
    };
  }

  /**
   * The agent's own scripts of one situation as the list shows them, with `key` moved one place
   * up or down (null when it cannot move): the order a reorder saves.
   */
  reordered(list: Pick<EditorListRequest, 'situationKeys' | 'filter'>, key: string, delta: -1 | 1): string[] | null {
    const rows = this.list(list.situationKeys, list.filter);
    const row = this.byKey.get(key);
    if (!row) return null;
    const keys = rows.filter((s) => s.origin === 'personal' && s.situationKey === row.situationKey).map((s) => s.key);
    const at = keys.indexOf(key);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= keys.length) return null;
    [keys[at], keys[to]] = [keys[to]!, keys[at]!];
    return keys;
  }
}
