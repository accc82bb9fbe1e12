/**
 * Options actions whose request fails say so: revoking a console, removing a pack, deleting a
 * console rule and dismissing a pack's changes each show why when the background refuses or
 * does not answer, instead of leaving the row as if nothing was clicked.
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../utils/db';
import { translator } from '../../utils/i18n';

const answers = vi.hoisted(() => ({ current: (_type: string): Promise<unknown> => Promise.resolve(undefined) }));
vi.mock('../../utils/messaging/protocol', async (original) => ({
  ...(await original<typeof import('../../utils/messaging/protocol')>()),
  sendMessage: vi.fn((type: string) => answers.current(type)),
}));

const { RequestError } = await import('../../utils/messaging/protocol');
const { Sites, SiteRules } = await import('../../entrypoints/options/sections/Sites');
const { Packs } = await import('../../entrypoints/options/sections/Packs');
const t = translator('zh-CN');
const timedOut = () => Promise.reject(new RequestError('timeout', 'no answer'));

beforeEach(async () => {
  await db.delete();
  await db.open();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('options actions that fail', () => {
  it('revoking a console that the background cannot revoke shows why', async () => {
    await db.sites.put({ origin: 'https://work.example.com', enabledAt: 1 });
    answers.current = timedOut;
    render(<Sites t={t} />);
    fireEvent.click(await screen.findByRole('button', { name: t('revoke') }));
    expect(await screen.findByText(t('requestTimeout'))).toBeTruthy();
  });

  it('deleting a console rule the background does not answer for shows why', async () => {
    await db.siteRules.put({
      id: 'taught',
      name: '工作台',
      matches: ['https://work.example.com/*'],
      input: 'textarea',
      messageList: '.list',
      message: '.msg',
      customerMessage: '.in',
      agentMessage: '.out',
      conversationId: {},
      createdAt: 1,
    });
    answers.current = timedOut;
    render(<SiteRules t={t} />);
    fireEvent.click(await screen.findByRole('button', { name: t('remove') }));
    expect(await screen.findByText(t('requestTimeout'))).toBeTruthy();
  });

  it('a pack the background refuses to remove says so; dismissing its changes too', async () => {
    await db.packs.put({
      id: 'team.a',
      name: '售后组',
      version: '1.1',
      updatedAt: '2026-11-20T00:00:00Z',
      author: '组长',
      description: '',
      locale: 'zh-CN',
      locked: false,
      placeholders: [],
      forbidden: [],
      source: { kind: 'file', fileName: 'a.json' },
      installedAt: 1,
      order: 2,
      sync: {
        status: 'ok',
        lastChange: {
          fromVersion: '1.0',
          toVersion: '1.1',
          added: [],
          changed: [],
          removed: [],
          counts: { added: 0, changed: 0, removed: 0 },
          conflicts: 0,
          at: 1,
        },
      },
    });
    vi.stubGlobal('confirm', () => true);
    answers.current = async (type) => (type === 'removePack' ? { ok: false, error: '数据库正忙' } : undefined);
    render(<Packs t={t} />);
    fireEvent.click(await screen.findByRole('button', { name: t('remove') }));
    expect(await screen.findByText(t('requestFailed', { detail: '数据库正忙' }))).toBeTruthy();

    answers.current = (type) => (type === 'dismissPackChanges' ? timedOut() : Promise.resolve(undefined));
    fireEvent.click(screen.getByRole('button', { name: t('syncChangesDismiss') }));
    expect(await screen.findByText(t('requestTimeout'))).toBeTruthy();
  });
});
