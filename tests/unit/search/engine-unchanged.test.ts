/**
 * Speed work on the engine must not move a single result: every search below is recorded
 * (keys, scores and highlights, hashed per search) in a file snapshot taken from the engine as
 * it ranked before. A difference shows the query and the phase of the library's life it
 * appeared in. Re-record (`npx vitest run -u <this file>`) only for a deliberate change of ranking.
 */
import { describe, expect, it } from 'vitest';
import { defaultPackLines, libraryLife } from './engine-cases';
import { LABELED_QUERIES } from './relevance-set';

/** Seed, scripts, situations, queries: from a shop's few scripts to past the common-unit threshold. */
const LIBRARIES: [number, number, number, number][] = [
  [1, 40, 4, 120],
  [2, 300, 12, 200],
  [3, 1500, 30, 200],
  [4, 2600, 8, 250],
  [5, 6000, 60, 250],
];

describe('the engine answers as it did before its speed work', () => {
  it('on every prefix of the labeled queries over the default pack', async () => {
    const prefixes = LABELED_QUERIES.flatMap(({ q }) => [...q].map((_, i) => [...q].slice(0, i + 1).join('')));
    await expect(defaultPackLines(prefixes).join('\n') + '\n').toMatchFileSnapshot(
      './__snapshots__/engine-default-pack.txt',
    );
  });

  it.each(LIBRARIES)('on random library %i (%i scripts): built, edited, restored, compacted', async (...args) => {
    const [seed] = args;
    await expect(libraryLife(...args).join('\n') + '\n').toMatchFileSnapshot(
      `./__snapshots__/engine-library-${seed}.txt`,
    );
  });
});
