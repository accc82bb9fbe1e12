import { syntheticLibrary } from './bench/synthetic-library.ts';
import { createSearchIndex } from './utils/search/index.ts';
const docs = syntheticLibrary(50000);
createSearchIndex(docs.slice(0, 2000));
const idx: any = createSearchIndex();
const gen = idx.build(docs);
let last = performance.now(); const gaps: [number, number][] = []; let i = 0;
for (const _ of gen) { const now = performance.now(); gaps.push([now - last, i++]); last = now; }
gaps.push([performance.now() - last, i]);
gaps.sort((a, b) => b[0] - a[0]); console.log(gaps.slice(0, 8).map(([g, i]) => `${i}:${g.toFixed(2)}`).join(' '), 'steps', i);
