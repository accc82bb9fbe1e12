import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validatePack, type Pack } from '../../scripts-library/schema';
import { db } from '../../utils/db';
import { applyEdit, updateScript } from '../../utils/db/editing';
import { ensurePersonalPack, installPack } from '../../utils/db/packs';
import { translator } from '../../utils/i18n';

// The packs list only reads; nothing here may ask the background for anything.
vi.mock('../../utils/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string) => {
    throw new Error(`unexpected message ${type}`);
  }),
}));

const { Packs } = await import('../../entrypoints/options/sections/Packs');
const t = translator('zh-CN');

function pack(id: string, name: string, scripts: { id: string; title: string; shortcut: string }[]): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id,
    name,
    version: '1.0',
    updatedAt: '2026-11-20T00:00:00Z',
    author: '组长',
    situations: [{ id: 's', name: '物流', parent: null, order: 1 }],
    scripts: scripts.map((s) => ({ ...s, situation: 's', body: `${s.title}：包裹正在运输中，请您耐心等待。` })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await ensurePersonalPack(db, 1);
});
afterEach(cleanup);

describe('packs list: shortcut clashes', () => {
  it('names the scripts of two packs sharing a code, but not a pack script and the personal copy standing in for it', async () => {
    await installPack(db, pack('team.a', '售后组', [{ id: 'a1', title: '物流催件回复', shortcut: 'cj' }, { id: 'a2', title: '退货运费说明', shortcut: 'yf' }]), { kind: 'file', fileName: 'a.json' });
    await installPack(db, pack('team.b', '质检组', [{ id: 'b1', title: '催促快递', shortcut: 'cj' }]), { kind: 'file', fileName: 'b.json' });
    await updateScript(db, 'team.a/a2', { body: '我的运费说法：退货运费由我们承担。' });
    render(<Packs t={t} />);
    const clashes = await screen.findByTestId('shortcut-clashes');
    await waitFor(() => expect(clashes.textContent).toContain('/cj：售后组「物流催件回复」、质检组「催促快递」'));
    expect(clashes.textContent).not.toContain('/yf');
  });

  it('says nothing once the agent has deleted (hidden) the pack script that clashed', async () => {
    await installPack(db, pack('team.a', '售后组', [{ id: 'a1', title: '物流催件回复', shortcut: 'cj' }]), { kind: 'file', fileName: 'a.json' });
    await installPack(db, pack('team.b', '质检组', [{ id: 'b1', title: '催促快递', shortcut: 'cj' }]), { kind: 'file', fileName: 'b.json' });
    await applyEdit(db, { op: 'deleteScript', key: 'team.b/b1' });
    render(<Packs t={t} />);
    await screen.findByTestId('packs');
    await waitFor(() => expect(screen.getAllByRole('row').length).toBeGreaterThan(2));
    expect(screen.queryByTestId('shortcut-clashes')).toBeNull();
  });
});
