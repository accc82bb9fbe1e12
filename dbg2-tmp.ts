import { createSearchIndex } from './utils/search/index.ts';
import { LIBRARY } from './tests/unit/search/library.ts';
const idx: any = createSearchIndex(LIBRARY);
console.log(JSON.stringify(idx.terms.matchLatin('wlsh')));
console.log(JSON.stringify(idx.search('wlsh').map((h: any) => [h.key, h.score])));
console.log(JSON.stringify(idx.search('物流损坏').map((h: any) => [h.key, h.score])));
