import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelView, PanelViewRequest } from '../../utils/library/types';

// The background's answers, held until the test lets each one through, in any order.
const answers: { request: PanelViewRequest; resolve(view: PanelView): void }[] = [];
vi.mock('../../utils/messaging/protocol', () => ({
  LIBRARY_VERSION_KEY: 'libraryVersion',
  sendMessage: vi.fn(
    (type: string, request: PanelViewRequest) =>
      new Promise<PanelView>((resolve) => {
        if (type !== 'libraryView') throw new Error(`unexpected message ${type}`);
        answers.push({ request, resolve });
      }),
  ),
}));

const { useLibraryView } = await import('../../entrypoints/sidepanel/use-library-view');

const viewFor = (query: string): PanelView => ({
  ready: true,
  version: 1,
  total: 1,
  offset: 0,
  items: [{ key: `p/${query}`, title: `结果：${query}`, body: '', purpose: '', situation: '' }],
  libraryTotal: 10,
});

function List({ query }: { query: string }) {
  const view = useLibraryView(query, null, null);
  return (
    <main data-testid="list" data-query={view.shownQuery ?? ''}>
      {view.itemAt(0)?.title}
    </main>
  );
}

afterEach(() => {
  cleanup();
  answers.length = 0;
});

describe('the panel list follows the search box', () => {
  it('never shows an older query’s answer over a newer one that arrived first', async () => {
    const { rerender } = render(<List query="退" />);
    rerender(<List query="退货" />);
    await vi.waitFor(() => expect(answers.map((a) => a.request.query)).toEqual(['退', '退货']));
    await act(async () => answers[1]!.resolve(viewFor('退货')));
    expect(screen.getByTestId('list').textContent).toBe('结果：退货');
    // The answer for the first keystroke comes late: it must not replace the list.
    await act(async () => answers[0]!.resolve(viewFor('退')));
    expect(screen.getByTestId('list').textContent).toBe('结果：退货');
    expect(screen.getByTestId('list').dataset.query).toBe('退货');
  });

  it('keeps the last list on screen while the answer for the next keystroke is on its way', async () => {
    const { rerender } = render(<List query="退" />);
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await act(async () => answers[0]!.resolve(viewFor('退')));
    rerender(<List query="退货" />);
    expect(screen.getByTestId('list').textContent).toBe('结果：退');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    await act(async () => answers[1]!.resolve(viewFor('退货')));
    expect(screen.getByTestId('list').textContent).toBe('结果：退货');
  });
});
