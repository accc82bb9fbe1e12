import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { importWizardHandlers } from '../../entrypoints/background/import-wizard';
import { validatePack, type Pack } from '../../scripts-library/schema';
import { HuashuDB } from '../../utils/db/schema';
import { packScripts } from '../../utils/db/script-store';

function wizardPack(bodies: string[]): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id: 'import.team-sheet',
    name: '组长的话术表',
    version: '1.0.0',
    updatedAt: '2026-11-24T00:00:00Z',
    author: '导入',
    situations: [{ id: 'wl', name: '物流', parent: null, order: 1 }],
    scripts: bodies.map((body, i) => ({ id: `r${i}`, situation: 'wl', title: `第${i}条`, body })),
  });
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.pack;
}

describe('importPack (the wizard’s write)', () => {
  const open = () => new HuashuDB(`w${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });

  it('installs the pack the page sent, whole', async () => {
    const db = open();
    const res = await importWizardHandlers(db, Promise.resolve()).importPack({ pack: wizardPack(['您好，快递已发出', '请稍等，我帮您查一下']), fileName: 'team.xlsx' });
    expect(res).toMatchObject({ ok: true, packId: 'import.team-sheet', version: '1.0.0' });
    expect((await packScripts(db, 'import.team-sheet')).map((s) => s.body)).toEqual(['您好，快递已发出', '请稍等，我帮您查一下']);
    expect((await db.packs.get('import.team-sheet'))?.source).toEqual({ kind: 'file', fileName: 'team.xlsx' });
  });

  it('refuses a pack that fails the schema and writes nothing', async () => {
    const db = open();
    const bad = { ...wizardPack(['好的']), scripts: [{ id: 'r0', situation: 'nowhere', title: '', body: '' }] } as unknown as Pack;
    const res = await importWizardHandlers(db, Promise.resolve()).importPack({ pack: bad, fileName: 'bad.xlsx' });
    expect(res.ok).toBe(false);
    expect(await db.packs.get('import.team-sheet')).toBeUndefined();
    expect(await packScripts(db, 'import.team-sheet')).toEqual([]);
  });
});
