import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validatePack, type Pack } from '../../scripts-library/schema';
import { db } from '../../utils/db';
import { applyEdit, updateScript } from '../../utils/db/editing';
import { scriptFingerprint } from '../../scripts-library/pack-rows';
import { ensurePersonalPack, installPack } from '../../utils/db/packs';
import { getScript } from '../../utils/db/script-store';
import { translator } from '../../utils/i18n';

// The page's writes go to the background; here the "background" is the same editing code on the
// same (fake) database, so the test sees what the agent would see after each click.
vi.mock('../../utils/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string, data: unknown) => {
    if (type !== 'editLibrary') throw new Error(`unexpected message ${type}`);
    const { applyEdit: apply } = await import('../../utils/db/editing');
    const { db: database } = await import('../../utils/db');
    return apply(database, data as Parameters<typeof applyEdit>[1]);
  }),
}));

const { Scripts } = await import('../../entrypoints/options/sections/Scripts');
const { Packs } = await import('../../entrypoints/options/sections/Packs');
const t = translator('zh-CN');

function pack(id: string, opts: { locked?: boolean; version?: string; body?: string; shortcut?: string } = {}): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id,
    name: id === 'team.a' ? '售后组' : '质检组',
    version: opts.version ?? '1.0',
    updatedAt: '2026-11-20T00:00:00Z',
    author: '组长',
    locked: opts.locked ?? false,
    situations: [{ id: 'wl', name: '物流', parent: null, order: 1 }],
    scripts: [
      {
        id: 'wl1',
        situation: 'wl',
        title: id === 'team.a' ? '查询物流' : '标准开场',
        body: opts.body ?? '您好，包裹正在运输中。',
        shortcut: opts.shortcut ?? (id === 'team.a' ? 'wl' : 'kc'),
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await ensurePersonalPack(db, 1);
  // happy-dom lays nothing out: the virtualised script list gets the height of a screen.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('script editor', () => {
  it('shows a flagged copy side by side with the new version, and keeping mine clears the flag', async () => {
    await installPack(db, pack('team.a'), { kind: 'file', fileName: 'a.json' });
    const copyKey = await updateScript(db, 'team.a/wl1', { body: '我的版本：包裹已发出，请耐心等待。' });
    await installPack(db, pack('team.a', { version: '1.1', body: '新版本：包裹已到达您所在城市。' }), {
      kind: 'file',
      fileName: 'a.json',
    });
    const upstream = (await getScript(db, 'team.a/wl1'))!;
    await db.scripts.update(copyKey, {
      conflict: { upstreamHash: scriptFingerprint(upstream), since: 2, fromVersion: '1.0', toVersion: '1.1' },
    });

    render(<Scripts t={t} />);
    const banner = await screen.findByTestId('editor-conflicts');
    fireEvent.click(within(banner).getByText('查询物流'));
    const conflict = await screen.findByTestId('editor-conflict');
    expect(conflict.textContent).toContain('我的版本：包裹已发出');
    expect(conflict.textContent).toContain('新版本：包裹已到达');
    expect(conflict.textContent).toContain('1.0');
    fireEvent.click(within(conflict).getByText(t('editorKeepMine')));
    await waitFor(async () => expect((await getScript(db, copyKey))!.conflict).toBeUndefined());
    expect((await getScript(db, copyKey))!.body).toBe('我的版本：包裹已发出，请耐心等待。');
    await waitFor(() => expect(screen.queryByTestId('editor-conflicts')).toBeNull());
  });

  it('a locked pack script is read-only with only copy offered; the copy is the agent’s own', async () => {
    await installPack(db, pack('team.q', { locked: true }), { kind: 'file', fileName: 'q.json' });
    render(<Scripts t={t} />);
    const item = await screen.findByText('标准开场');
    fireEvent.click(item);
    await screen.findByTestId('editor-locked');
    expect(screen.queryByTestId('editor-save')).toBeNull();
    expect((document.getElementById('script-body') as HTMLTextAreaElement).readOnly).toBe(true);
    fireEvent.click(screen.getByTestId('editor-duplicate'));
    await waitFor(async () => expect(await db.scripts.where('packId').equals('personal').count()).toBe(1));
    expect((await getScript(db, 'team.q/wl1'))!.body).toBe('您好，包裹正在运输中。');
  });

  it('warns about a shortcut code used in two packs and about unknown placeholders while typing', async () => {
    await installPack(db, pack('team.a'), { kind: 'file', fileName: 'a.json' });
    await installPack(db, pack('team.q'), { kind: 'file', fileName: 'q.json' });
    await applyEdit(db, {
      op: 'createScript',
      draft: {
        title: '我的物流',
        body: '亲，物流已更新。',
        purpose: '',
        keywords: [],
        tags: [],
        shortcut: 'wl',
        situationKey: 'team.a/wl',
      },
    });
    render(<Scripts t={t} />);
    const dup = await screen.findByTestId('editor-duplicates');
    expect(dup.textContent).toContain('/wl');
    expect(dup.textContent).toContain('我的物流');
    fireEvent.click(screen.getByText('我的物流'));
    const body = (await screen.findByLabelText(t('editorFieldBody'))) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: '您好{客户称呼}，您的订单{订单编码}已发货，[公司名称]感谢您。' } });
    const placeholders = screen.getByTestId('editor-placeholders');
    expect(placeholders.textContent).toContain('{客户称呼}');
    expect(screen.getByText(/未定义的占位符：\{订单编码\}/)).toBeTruthy();
    expect(screen.getByText(/发现其他写法的占位符/)).toBeTruthy();
  });
});

// The packs list shows the same report as the editor (one check), for shortcut codes only.
describe('packs list: shortcut clashes', () => {
  it('names the scripts of two packs sharing a code, but not a pack script and the personal copy standing in for it', async () => {
    await installPack(db, pack('team.a'), { kind: 'file', fileName: 'a.json' });
    await installPack(db, pack('team.q', { shortcut: 'wl' }), { kind: 'file', fileName: 'q.json' });
    await updateScript(db, 'team.a/wl1', { body: '我的版本：包裹已发出，请耐心等待。' });
    render(<Packs t={t} />);
    const clashes = await screen.findByTestId('shortcut-clashes');
    await waitFor(() => expect(clashes.textContent).toContain('/wl：我的话术「查询物流」、质检组「标准开场」'));
    expect(clashes.textContent).not.toContain('售后组');
  });

  it('says nothing once the agent has deleted (hidden) one of the two scripts', async () => {
    await installPack(db, pack('team.a'), { kind: 'file', fileName: 'a.json' });
    await installPack(db, pack('team.q', { shortcut: 'wl' }), { kind: 'file', fileName: 'q.json' });
    await applyEdit(db, { op: 'deleteScript', key: 'team.q/wl1' });
    render(<Packs t={t} />);
    await waitFor(() => expect(screen.getByTestId('packs').querySelectorAll('tbody tr').length).toBe(3));
    expect(screen.queryByTestId('shortcut-clashes')).toBeNull();
  });
});

// A big pack: the page gets a window of rows at a time and only the rows on screen are in it.
describe('script editor with a big library', () => {
  it('lists 3,000 scripts a screen at a time and reaches the last one by scrolling', async () => {
    const size = 3_000;
    const r = validatePack({
      schemaVersion: 1,
      id: 'team.big',
      name: '大话术库',
      version: '1.0',
      updatedAt: '2026-11-20T00:00:00Z',
      author: '组长',
      situations: [{ id: 'wl', name: '物流', parent: null, order: 1 }],
      scripts: Array.from({ length: size }, (_, i) => ({
        id: `s${i}`,
        situation: 'wl',
        title: `第${i}条话术`,
        body: `您好，这是第${i}条。`,
      })),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    await installPack(db, r.pack, { kind: 'file', fileName: 'big.json' });
    render(<Scripts t={t} />);
    await screen.findByText('第0条话术');
    const list = screen.getByTestId('editor-list');
    // happy-dom measures every row 0 px high, so a screen holds more rows than a browser's would.
    expect(list.querySelectorAll('li').length).toBeLessThan(size / 10);
    const scroller = list.parentElement!;
    scroller.scrollTop = Number.parseFloat(list.style.height);
    fireEvent.scroll(scroller);
    await screen.findByText(`第${size - 1}条话术`, undefined, { timeout: 10_000 });
    expect(list.querySelectorAll('li').length).toBeLessThan(size / 10);
    expect(screen.queryByText('第0条话术')).toBeNull();
    // Opening a script down there keeps the list where it is, rows and all.
    fireEvent.click(screen.getByText(`第${size - 1}条话术`));
    await waitFor(() =>
      expect((document.getElementById('script-title') as HTMLInputElement | null)?.value).toBe(`第${size - 1}条话术`),
    );
    expect(list.querySelectorAll('[data-script-key]').length).toBeGreaterThan(1);
    expect(screen.getAllByText(`第${size - 2}条话术`).length).toBeGreaterThan(0);
    // The filter goes to the same window: one script, wherever it is in the library.
    fireEvent.change(screen.getByLabelText(t('editorFilter')), { target: { value: '第2345条' } });
    await screen.findByText('第2345条话术');
    await waitFor(() => expect(list.querySelectorAll('[data-script-key]')).toHaveLength(1));
  });
});
