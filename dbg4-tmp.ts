import { createSearchIndex, docsFromPack } from './utils/search/index.ts';
import { loadDefaultPack } from './scripts-library/default-pack.ts';
const idx: any = createSearchIndex(docsFromPack(loadDefaultPack()));
for (const q of ['cf', 'zj', 'dq', 'cm']) console.log(q, JSON.stringify(idx.terms.matchLatin(q)));
