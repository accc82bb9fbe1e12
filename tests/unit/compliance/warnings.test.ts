/** Warning counts as a team lead reads them: per day and category, with sends past a confirm, and a CSV without any chat text. */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { complianceCategories, rulesVersion, warningsByDay, warningsToCsv } from '../../../utils/compliance';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { HuashuDB } from '../../../utils/db/schema';
import { countWarning, localDay } from '../../../utils/db/warnings';

const freshDb = () => new HuashuDB(`w${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });

describe('warning counts', () => {
  it('adds up per day, site and category, and counts sends past a confirm separately', async () => {
    const db = freshDb();
    await countWarning(db, 'work.example.com', 'p/privacy', '站外联系', false, '2026-11-24');
    await countWarning(db, 'work.example.com', 'p/privacy', '站外联系', false, '2026-11-24');
    await countWarning(db, 'work.example.com', 'p/privacy', '站外联系', true, '2026-11-24');
    await countWarning(db, 'other.example.com', 'p/privacy', '站外联系', false, '2026-11-24');
    await countWarning(db, 'work.example.com', 'p/vague', '模糊语', false, '2026-11-25');
    const rows = await db.warnings.toArray();
    expect(rows.find((r) => r.key === '2026-11-24|work.example.com|p/privacy')).toMatchObject({
      count: 2,
      overrides: 1,
    });
    expect(warningsByDay(rows)).toEqual([
      { day: '2026-11-25', categoryId: 'p/vague', categoryName: '模糊语', count: 1, overrides: 0 },
      { day: '2026-11-24', categoryId: 'p/privacy', categoryName: '站外联系', count: 3, overrides: 1 },
    ]);
    db.close();
  });

  it('uses the local date', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('exports a CSV Excel reads, with counts and category names only', () => {
    const csv = warningsToCsv([
      {
        day: '2026-11-24',
        site: 'a.example.com',
        categoryId: 'p/x',
        categoryName: '站外联系, "私下"',
        count: 3,
        overrides: 1,
      },
      { day: '2026-11-23', site: 'a.example.com', categoryId: 'p/y', categoryName: '模糊语', count: 1 },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const parsed = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(parsed[0]).toEqual([
      '日期 date',
      '站点 site',
      '类别编号 category id',
      '类别 category',
      '提醒次数 warnings',
      '仍然发送 sent anyway',
    ]);
    expect(parsed.slice(1)).toEqual([
      ['2026-11-23', 'a.example.com', 'p/y', '模糊语', '1', '0'],
      ['2026-11-24', 'a.example.com', 'p/x', '站外联系, "私下"', '3', '1'],
    ]);
  });
});

describe('rules for the console', () => {
  it('prefix category ids with the pack and resolve better scripts to titles', () => {
    const pack = loadDefaultPack();
    const titles = new Map(pack.scripts.map((s) => [`${pack.id}/${s.id}`, s.title]));
    const cats = complianceCategories([{ id: pack.id, forbidden: pack.forbidden }], (k) => titles.get(k));
    const privacy = cats.find((c) => c.id === `${pack.id}/privacy`)!;
    expect(privacy.severity).toBe('block');
    expect(privacy.suggested[0]).toEqual({ key: `${pack.id}/handover-callback-1`, title: '30分钟内回电' });
    expect(rulesVersion(cats)).not.toBe(rulesVersion(cats.slice(1)));
  });
});
