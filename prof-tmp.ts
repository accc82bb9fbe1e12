import { syntheticLibrary } from './bench/synthetic-library.ts';
import { createSearchIndex } from './utils/search/index.ts';
const docs = syntheticLibrary(50000);
const idx: any = createSearchIndex(docs);
console.log('terms', idx.terms.size, 'units', idx.base.data.unitCount, 'postings', idx.base.postings.length);
const qs = ['收到的颜', '非常', 'th', 'f', '@方案', 'tuikaun', '显示签收了但我没收到'];
for (const q of qs) for (let i = 0; i < 20; i++) idx.search(q);
for (const q of qs) { const t = performance.now(); for (let i = 0; i < 50; i++) idx.search(q); console.log(q, ((performance.now() - t) / 50).toFixed(3)); }
for (const q of ['tuikaun', 'tuika', 'th', 'f']) { let t = performance.now(); for (let i = 0; i < 50; i++) idx.terms.matchLatin(q); console.log('matchLatin', q, ((performance.now() - t) / 50).toFixed(3));
 t = performance.now(); for (let i = 0; i < 50; i++) idx.splitLatin(q, 3); console.log('split', q, ((performance.now() - t) / 50).toFixed(3));
 t = performance.now(); for (let i = 0; i < 50; i++) idx.terms.matchLatinFuzzy(q); console.log('fuzzy', q, ((performance.now() - t) / 50).toFixed(3)); }
const { bigrams } = await import('./utils/search/units.ts').then(m => m.hanUnits('收到的颜'));
for (const b of bigrams) { const u = idx.base.unit(b); console.log('df', u >= 0 ? idx.base.docFrequency(u) : -1); }
