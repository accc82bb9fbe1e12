import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelView, PanelViewRequest } from '../../utils/library/types';

// The background's answers, held until the test lets each one through, in any order.
const answers: { request: PanelViewRequest; resolve(view: PanelView): void; reject(e: Error): void }[] = [];
vi.mock('../../entrypoints/sidepanel/library-port', () => ({
  libraryPort: () => ({
    ask: (request: PanelViewRequest) =>
      new Promise<PanelView>((resolve, reject) => answers.push({ request, resolve, reject })),
  }),
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

  it('asks again by itself when a request fails (the background stopped under it): the list does not wait for the next keystroke', async () => {
    render(<List query="退货" />);
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await act(async () => answers[0]!.reject(new Error('port closed')));
    await vi.waitFor(() => expect(answers).toHaveLength(2), { timeout: 3000 });
    expect(answers[1]!.request.query).toBe('退货');
    await act(async () => answers[1]!.resolve(viewFor('退货')));
    expect(screen.getByTestId('list').textContent).toBe('结果：退货');
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

  it('typed into fast, with the answers arriving in any order, ends with the last query’s results', async () => {
    const typed = ['长', '长列', '长列表', '长列表第', '长列表第4', '长列表第43'];
    const { rerender } = render(<List query={typed[0]!} />);
    for (const q of typed.slice(1)) rerender(<List query={q} />);
    await vi.waitFor(() => expect(answers.map((a) => a.request.query)).toEqual(typed));
    // The last answer first, then every earlier one, most of them late.
    for (const i of [5, 2, 0, 4, 1, 3]) await act(async () => answers[i]!.resolve(viewFor(typed[i]!)));
    expect(screen.getByTestId('list').textContent).toBe('结果：长列表第43');
    expect(screen.getByTestId('list').dataset.query).toBe('长列表第43');
  });
});

/** A list of `total` rows whose item at position i is script i; pages come from the fake background. */
function pagedView(query: string, total: number, offset: number, limit: number): PanelView {
  const end = Math.min(total, offset + limit);
  return {
    ready: true,
    version: 1,
    total,
    offset,
    items: Array.from({ length: Math.max(0, end - offset) }, (_, k) => ({
      key: `p/${offset + k}`,
      title: `第${offset + k}条`,
      body: '',
      purpose: '',
      situation: '',
    })),
    libraryTotal: total,
  };
}

let shown: ReturnType<typeof useLibraryView> | null = null;
function Window({ query }: { query: string }) {
  shown = useLibraryView(query, null, null);
  return null;
}

describe('the panel list scrolled far down', () => {
  it('asks only for the pages on screen, and shows at each place the script the background has there', async () => {
    render(<Window query="" />);
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    // The first answer: a page of the rows on screen, not the list.
    expect(answers[0]!.request.limit).toBeLessThanOrEqual(50);
    await act(async () => answers[0]!.resolve(pagedView('', 5000, 0, answers[0]!.request.limit)));
    expect(shown!.total).toBe(5000);
    act(() => shown!.showRange(4180, 4195));
    await vi.waitFor(() => expect(answers.length).toBeGreaterThan(1));
    for (const a of answers.slice(1)) {
      // Only pages that hold rows 4180–4195.
      expect(a.request.offset).toBeLessThanOrEqual(4195);
      expect(a.request.offset + a.request.limit).toBeGreaterThan(4180);
      await act(async () => a.resolve(pagedView('', 5000, a.request.offset, a.request.limit)));
    }
    for (let i = 4180; i <= 4195; i++) expect(shown!.itemAt(i)?.key).toBe(`p/${i}`);
    // The rows before them were never asked for, so none is shown as another script.
    expect(shown!.itemAt(100)).toBeUndefined();
    // The last rows of the list, too.
    const asked = answers.length;
    act(() => shown!.showRange(4990, 4999));
    await vi.waitFor(() => expect(answers.length).toBeGreaterThan(asked));
    for (const a of answers.slice(asked))
      await act(async () => a.resolve(pagedView('', 5000, a.request.offset, a.request.limit)));
    for (let i = 4990; i < 5000; i++) expect(shown!.itemAt(i)?.key).toBe(`p/${i}`);
    expect(shown!.itemAt(5000)).toBeUndefined();
  });
});
