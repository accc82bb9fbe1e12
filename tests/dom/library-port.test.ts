import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelView } from '../../utils/library/types';

/** Fake ports: what was posted on each, and a way to answer or close it as the background would. */
interface FakePort {
  name: string;
  posted: { id: number; view: { query: string } }[];
  answer(id: number, view: Partial<PanelView>): void;
  close(): void;
}
const ports: FakePort[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      connect: ({ name }: { name: string }) => {
        const onMessage: ((m: unknown) => void)[] = [];
        const onDisconnect: (() => void)[] = [];
        let open = true;
        const fake: FakePort = {
          name,
          posted: [],
          answer: (id, view) => onMessage.forEach((f) => f({ id, view })),
          close: () => {
            open = false;
            onDisconnect.forEach((f) => f());
          },
        };
        ports.push(fake);
        return {
          postMessage: (m: FakePort['posted'][number]) => {
            if (!open) throw new Error('Attempting to use a disconnected port object');
            fake.posted.push(m);
          },
          onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
          onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
        };
      },
    },
  },
}));

const { libraryPort } = await import('../../entrypoints/sidepanel/library-port');

afterEach(() => {
  ports.length = 0;
});

describe('the panel’s port to the library', () => {
  it('asks every request over one port and matches each answer to its request', async () => {
    const views = libraryPort();
    const a = views.ask({ query: '退', offset: 0, limit: 32 });
    const b = views.ask({ query: '退货', offset: 0, limit: 32 });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toBe('libraryView');
    const [first, second] = ports[0]!.posted;
    ports[0]!.answer(second!.id, { total: 2 });
    ports[0]!.answer(first!.id, { total: 1 });
    expect((await a).total).toBe(1);
    expect((await b).total).toBe(2);
  });

  it('asks again on a new port when the background stopped before answering, and says so if it stops again', async () => {
    const views = libraryPort();
    const answered = views.ask({ query: '运费', offset: 0, limit: 32 });
    ports[0]!.close();
    // A new port (it wakes the background) carries the same request.
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((m) => m.view.query)).toEqual(['运费']);
    ports[1]!.answer(ports[1]!.posted[0]!.id, { total: 7 });
    expect((await answered).total).toBe(7);

    const lost = views.ask({ query: '发票', offset: 0, limit: 32 });
    ports[1]!.close();
    ports[2]!.close();
    await expect(lost).rejects.toMatchObject({ kind: 'disconnected' });
    // The next request opens a port again.
    void views.ask({ query: '发票', offset: 0, limit: 32 });
    expect(ports).toHaveLength(4);
  });
});
