import { createSearchIndex, docsFromPack } from './utils/search/index.ts';
import { loadDefaultPack } from './scripts-library/default-pack.ts';
const docs = docsFromPack(loadDefaultPack());
const idx = createSearchIndex(docs);
const by = new Map(docs.map(d => [d.key, d]));
for (const q of process.argv.slice(2)) {
  console.log('==', q);
  for (const h of idx.search(q, { limit: 6 })) { const d = by.get(h.key)!; console.log(h.score.toFixed(3), d.situationId.split('/')[1], d.title, '|', d.keywords.join(','), '|', h.highlights.map(x => x.field).join(',')); }
}
