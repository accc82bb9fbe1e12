import { createSearchIndex, docsFromPack } from './utils/search/index.ts';
import { loadDefaultPack } from './scripts-library/default-pack.ts';
import { LABELED_QUERIES, localSituation } from './tests/unit/search/relevance-set.ts';
const docs = docsFromPack(loadDefaultPack());
const idx = createSearchIndex(docs);
const by = new Map(docs.map(d => [d.key, d]));
for (const item of LABELED_QUERIES) {
  const hits = idx.search(item.q, { limit: 10 });
  const sits = hits.map(h => localSituation(by.get(h.key)!.situationId));
  const rank = sits.findIndex(s => item.relevant.includes(s)) + 1;
  if (rank === 1) continue;
  console.log(`[${rank}] ${item.q} (${item.kind}) want ${item.relevant.join('|')}`);
  for (const h of hits.slice(0, Math.max(rank, 2))) { const d = by.get(h.key)!; console.log('   ', h.score.toFixed(3), localSituation(d.situationId), d.title, '|', d.keywords.join(',')); }
}
