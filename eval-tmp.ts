import { createSearchIndex, docsFromPack } from './utils/search/index.ts';
import { loadDefaultPack } from './scripts-library/default-pack.ts';
import { syntheticLibrary } from './bench/synthetic-library.ts';
import { evaluateRelevance, localSituation } from './tests/unit/search/relevance-set.ts';
for (const [name, docs] of [['default', docsFromPack(loadDefaultPack())], ['syn10k', syntheticLibrary(10000)]] as const) {
  const idx = createSearchIndex(docs);
  const sit = new Map(docs.map(d => [d.key, localSituation(d.situationId)]));
  const r = evaluateRelevance(q => idx.search(q, { limit: 10 }).map(h => sit.get(h.key)!));
  console.log(name, 'top1', (100*r.top1).toFixed(1), 'top5', (100*r.top5).toFixed(1), 'mrr', r.mrr.toFixed(3), 'misses', r.misses.map(m => m.q).join(' '));
}
