import { createSearchIndex } from './utils/search/index.ts';
import { syntheticLibrary } from './bench/synthetic-library.ts';
const docs = syntheticLibrary(10000);
const idx = createSearchIndex(docs);
const by = new Map(docs.map(d => [d.key, d]));
for (const q of process.argv.slice(2)) {
  console.log('==', q);
  for (const h of idx.search(q, { limit: 5 })) { const d = by.get(h.key)!; console.log(h.score.toFixed(3), d.key, d.title, '|', d.keywords.join(','), '|', d.body.slice(0, 50)); }
}
