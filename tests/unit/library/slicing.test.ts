/**
 * The background's long work over the library comes in steps, so the worker answers messages
 * between them: each sliced form must yield more than once on a library of a few thousand
 * scripts, and end where the one-go form ends. (How long a step takes is the benchmark's
 * business: `npm run bench -- background`.)
 */
import { describe, expect, it } from 'vitest';
import { packDocs, packDocsSteps, unpackDocs, unpackDocsSteps } from '../../../utils/library/packed-docs';
import { createSearchIndex, restoreSearchIndex, restoreSearchIndexSteps, type SearchDoc } from '../../../utils/search';
import { randomLibrary, randomQueries } from '../search/engine-cases';

/** Runs a generator to its end, counting its yields. */
function drain<T>(steps: Generator<unknown, T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value, yields };
    yields++;
  }
}

const docs = randomLibrary(11, 4000, 20);
const queries = randomQueries(12, docs, 60);
const answers = (index: ReturnType<typeof createSearchIndex>) => queries.map((q) => index.search(q, { now: 0 }));

describe('long work over the library yields', () => {
  it('a sync of changed, new and removed scripts', () => {
    const sliced = createSearchIndex(docs);
    const atOnce = createSearchIndex(docs);
    const next: SearchDoc[] = docs
      .filter((_, i) => i % 9 !== 0)
      .map((d, i) => (i % 5 === 0 ? { ...d, title: `${d.title}（新）` } : d));
    const { value, yields } = drain(sliced.syncSteps(next));
    expect(yields).toBeGreaterThan(4);
    expect(value).toEqual(atOnce.sync(next));
    expect(answers(sliced)).toEqual(answers(atOnce));
  });

  it('a sync large enough to compact, built at once the way compaction builds it', () => {
    const synced = createSearchIndex(docs);
    const applied = createSearchIndex(docs);
    const others = randomLibrary(13, 3000, 20).map((d) => ({ ...d, key: `${d.key}-new` }));
    const next = [
      ...docs.filter((_, i) => i % 4 !== 0).map((d, i) => (i % 3 === 0 ? { ...d, body: `${d.body}。` } : d)),
      ...others,
    ];
    const { value, yields } = drain(synced.syncSteps(next));
    expect(yields).toBeGreaterThan(4);
    expect(value).toEqual({ added: 3000, updated: 1000, removed: 1000, unchanged: 2000 });
    // Script by script, then a compaction: what a sync did before it looked ahead.
    for (const d of next) applied.upsert(d);
    docs.forEach((d, i) => i % 4 === 0 && applied.remove(d.key));
    applied.compact();
    expect(synced.compacted).toBe(true);
    expect(answers(synced)).toEqual(answers(applied));
  });

  it('a restore from the cache', () => {
    const snapshot = createSearchIndex(docs).toSnapshot();
    const { value, yields } = drain(restoreSearchIndexSteps(structuredClone(snapshot)));
    expect(yields).toBeGreaterThan(4);
    expect(answers(value!)).toEqual(answers(restoreSearchIndex(structuredClone(snapshot))!));
  });

  it('packing the documents for the cache', () => {
    const { value, yields } = drain(packDocsSteps(docs));
    expect(yields).toBeGreaterThan(4);
    expect(value).toEqual(packDocs(docs));
  });

  it('reading the cached documents back', () => {
    const packed = packDocs(docs)!;
    const { value, yields } = drain(unpackDocsSteps(packed));
    expect(yields).toBeGreaterThan(4);
    expect(value).toEqual(unpackDocs(packed));
    expect(value).toEqual(docs);
  });
});
