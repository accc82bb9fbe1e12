/**
 * A search for the best `limit` skips the scripts that cannot reach them (bounds per posting,
 * ranges of numbers, ties lost on key). What it returns must be exactly the head of the full
 * ranking, which a limit above the library's size gives (nothing can be skipped then): same
 * scripts, same order, same scores. And the scratch state one search leaves must not leak into
 * the next: typing a query one character at a time answers each prefix as a fresh search does.
 */
import { describe, expect, it } from 'vitest';
import { createSearchIndex, type SearchContext, type SearchIndex } from '../../../utils/search';
import { random, randomContexts, randomLibrary, randomQueries } from './engine-cases';
import { LABELED_QUERIES } from './relevance-set';

const answer = (index: SearchIndex, q: string, ctx: SearchContext, limit: number) =>
  index.search(q, { ...ctx, limit, highlights: false }).map((h) => `${h.key} ${h.score}`);

/** Few situations and a small vocabulary: many scripts score the same, so ties decide the last places. */
function library(seed: number, size: number) {
  const docs = randomLibrary(seed, size, 6);
  const queries = [
    ...randomQueries(seed + 1, docs, 160),
    ...LABELED_QUERIES.filter((_, i) => i % 5 === seed % 5).map((l) => l.q),
  ];
  return { docs, queries, contexts: randomContexts(seed + 2, docs) };
}

describe('the best `limit` of a search', () => {
  it.each([
    [11, 9000],
    [12, 4000],
  ])('are the head of the full ranking (library %i, %i scripts), built and after edits', (seed, size) => {
    const { docs, queries, contexts } = library(seed, size);
    const index = createSearchIndex(docs);
    const check = () => {
      const all = index.size + 1;
      queries.forEach((q, i) => {
        const ctx = contexts[i % contexts.length]!;
        for (const limit of [1, 5, 20])
          expect(answer(index, q, ctx, limit), q).toEqual(answer(index, q, ctx, all).slice(0, limit));
      });
    };
    check();
    // Edited scripts live in the mutable segment (they tie by key, not number) and removed
    // ones leave dead postings behind.
    const r = random(seed);
    for (const d of docs) {
      const x = r();
      if (x < 0.05) index.upsert({ ...d, key: `${d.key}-copy` });
      else if (x < 0.08) index.remove(d.key);
      else if (x < 0.1) index.upsert({ ...d, title: `${d.title}大促版` });
    }
    expect(index.compacted).toBe(false);
    check();
  });
});

describe('typing a query one character at a time', () => {
  it('answers each prefix as a fresh search does', () => {
    const { docs, queries, contexts } = library(13, 6000);
    const typing = createSearchIndex(docs);
    const fresh = createSearchIndex(docs);
    queries.forEach((q, i) => {
      const ctx = contexts[i % contexts.length]!;
      const chars = [...q];
      const typed = chars.map((_, n) => answer(typing, chars.slice(0, n + 1).join(''), ctx, 20));
      // The same prefixes on another index, longest first, each after an unrelated search.
      for (let n = chars.length - 1; n >= 0; n--) {
        fresh.search(queries[(i * 7 + n) % queries.length]!, contexts[n % contexts.length]);
        expect(answer(fresh, chars.slice(0, n + 1).join(''), ctx, 20), q).toEqual(typed[n]);
      }
    });
  });
});
