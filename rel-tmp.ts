import { createSearchIndex, docsFromPack } from './utils/search/index.ts';
import { loadDefaultPack } from './scripts-library/default-pack.ts';
import { evaluateRelevance, localSituation } from './tests/unit/search/relevance-set.ts';
const docs = docsFromPack(loadDefaultPack());
const idx = createSearchIndex(docs);
const sit = new Map(docs.map(d => [d.key, localSituation(d.situationId)]));
const r = evaluateRelevance(q => idx.search(q, { limit: 10 }).map(h => sit.get(h.key)!));
console.log(r.top1, r.top5, r.mrr); console.log(r.byKind);
for (const m of r.misses) console.log(JSON.stringify(m));
