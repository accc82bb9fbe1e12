/**
 * The content script's answer to an insert request never rejects: a rejected message is what
 * the background takes for a closed tab, after which it forgets the agent's reply field.
 */
import { describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (msg: { data: unknown }) => unknown>();
vi.mock('../../utils/messaging/protocol', () => ({
  sendMessage: () => Promise.resolve(undefined),
  onMessage: (type: string, handler: (msg: { data: unknown }) => unknown) => {
    handlers.set(type, handler);
    return () => handlers.delete(type);
  },
}));

const { startInsertion } = await import('../../utils/features/insertion/content');
const { PageRule } = await import('../../utils/sites/page-rule');

const ctx = { onInvalidated: () => undefined } as never;

function start(ownInsertion: <T>(run: () => Promise<T>) => Promise<T>) {
  document.body.innerHTML = '<textarea id="ta">您好</textarea>';
  const field = document.getElementById('ta') as HTMLTextAreaElement;
  const target = {
    field,
    selection: null,
    adopt: vi.fn(),
    takeLiveCaret: vi.fn(),
    inserted: vi.fn(),
    restoreFocus: () => true,
  };
  const inserted = vi.fn();
  startInsertion(ctx, { target, site: new PageRule(document) }, { ownInsertion, inserted });
  const insert = (data: Record<string, unknown>) => handlers.get('insertText')!({ data });
  return { field, target, inserted, insert };
}

describe('insertText in the page', () => {
  it('inserts through the editor chain and tells the forbidden-phrase check', async () => {
    const { field, target, inserted, insert } = start((run) => run());
    await expect(insert({ text: '，请稍等', mode: 'caret' })).resolves.toEqual({ ok: true, kind: 'textarea' });
    expect(field.value).toBe('您好，请稍等');
    expect(target.inserted).toHaveBeenCalledWith(field);
    expect(inserted).toHaveBeenCalledWith(field);
  });

  it('a failure around the editors answers "rejected" with what went wrong, instead of rejecting', async () => {
    const { field, insert } = start(() => Promise.reject(new Error('boom')));
    await expect(insert({ text: 'x', mode: 'caret' })).resolves.toEqual({
      ok: false,
      reason: 'rejected',
      detail: 'boom',
    });
    expect(field.value).toBe('您好');
  });
});
