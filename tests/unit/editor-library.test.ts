import { describe, expect, it } from 'vitest';
import type { ScriptRow } from '../../utils/db/schema';
import { EDITOR_MAX_WINDOW, EditorLibrary } from '../../utils/pages/editor-library';

function row(packId: string, id: string, extra: Partial<ScriptRow> = {}): ScriptRow {
  return {
    key: `${packId}/${id}`,
    packId,
    id,
    situationKey: `${packId}/s1`,
    title: `标题 ${id}`,
    body: `正文 ${id}`,
    purpose: '',
    keywords: [],
    tags: [],
    order: 0,
    origin: packId === 'personal' ? 'personal' : 'pack',
    updatedAt: 0,
    ...extra,
  };
}

/** A big pack, one situation of it ordered backwards, and the agent's rows over it. */
function library(size: number): ScriptRow[] {
  const rows: ScriptRow[] = [];
  for (let i = 0; i < size; i++)
    rows.push(row('team', `t${i}`, { order: size - i, situationKey: `team/s${i % 3}`, shortcut: `c${i}` }));
  rows.push(row('personal', 'copy', { overrides: 'team/t0', situationKey: 'team/s0', title: '我的版本' }));
  rows.push(row('personal', 'gone', { overrides: 'team/t1', hidden: true }));
  rows.push(row('other', 't2', { shortcut: 'c2', situationKey: 'other/s' }));
  return rows;
}

describe('the editor pages the library', () => {
  it('answers one window of the chosen situation, never the whole list', () => {
    const lib = new EditorLibrary(library(20_000), 1);
    const view = lib.view({ situationKeys: ['team/s0'], filter: '', offset: 100, limit: 50 });
    // 6,667 scripts in s0: the pack's t0 is shown as the agent's copy, in the order the pack gives.
    expect(view.total).toBe(6_667);
    expect(view.items).toHaveLength(50);
    expect(view.offset).toBe(100);
    // Position 0 is the copy (order 0), then the pack's scripts by their order: t19998, t19995 …
    expect(view.items[0]!.key).toBe('team/t19701');
    expect(lib.view({ situationKeys: ['team/s0'], filter: '', offset: 0, limit: 1 }).items[0]!.key).toBe(
      'personal/copy',
    );
    expect(lib.view({ situationKeys: null, filter: '', offset: 0, limit: 10_000 }).items).toHaveLength(
      EDITOR_MAX_WINDOW,
    );
  });

  it('filters by title, text and exact shortcut; counts, flags and duplicates cover the whole library', () => {
    const lib = new EditorLibrary(library(1_000), 7);
    const byCode = lib.view({ situationKeys: null, filter: 'c2', offset: 0, limit: 10 });
    expect(byCode.items.map((i) => i.key).sort()).toEqual(['other/t2', 'team/t2']);
    expect(byCode.items.every((i) => i.dupShortcut)).toBe(true);
    const all = lib.view({ situationKeys: null, filter: '', offset: 0, limit: 1, rows: ['personal/copy', 'nope'] });
    // 1,000 pack scripts, one shown as the copy, one hidden, plus the other pack's.
    expect(all.visibleTotal).toBe(1_000 - 2 + 1 + 1);
    expect(all.counts['team/s0']).toBe(334);
    expect(all.hidden).toEqual([{ key: 'personal/gone', title: '标题 gone', overrides: 'team/t1' }]);
    expect(all.rows.map((r) => r.key)).toEqual(['personal/copy']);
    expect(all.version).toBe(7);
    expect(lib.duplicatesView({ shortcutsOnly: true, offset: 0, limit: 5 }).items).toEqual([
      {
        kind: 'shortcut',
        value: 'c2',
        scripts: [
          { key: 'team/t2', title: '标题 t2', packId: 'team' },
          { key: 'other/t2', title: '标题 t2', packId: 'other' },
        ],
      },
    ]);
    expect(lib.packCounts.get('team')).toBe(1_000);
  });

  it('moves one of the agent’s own scripts among their others in its situation', () => {
    const rows = [
      row('personal', 'a', { order: 1 }),
      row('personal', 'b', { order: 2 }),
      row('personal', 'c', { order: 3 }),
    ];
    const lib = new EditorLibrary(rows, 1);
    const list = { situationKeys: ['personal/s1'], filter: '' };
    const view = lib.view({ ...list, offset: 0, limit: 10 });
    expect(view.items.map((i) => [i.prevPersonal, i.nextPersonal])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    expect(lib.reordered(list, 'personal/b', -1)).toEqual(['personal/b', 'personal/a', 'personal/c']);
    expect(lib.reordered(list, 'personal/c', 1)).toBeNull();
  });
});
