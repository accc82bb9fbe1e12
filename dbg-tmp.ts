import { syntheticLibrary } from './bench/synthetic-library.ts';
import { createSearchIndex } from './utils/search/index.ts';
import { LABELED_QUERIES } from './tests/unit/search/relevance-set.ts';
const docs = syntheticLibrary(50000);
let t = performance.now();
const idx = createSearchIndex(docs);
console.log('build', performance.now() - t);
const strokes: string[] = [];
for (const { q } of LABELED_QUERIES) { const c = [...q]; for (let i = 1; i <= c.length; i++) strokes.push(c.slice(0, i).join('')); }
for (const s of strokes.slice(0, 50)) idx.search(s);
const times: [number, string, number][] = [];
for (let rep = 0; rep < 3; rep++) for (const s of strokes) { const t = performance.now(); const r = idx.search(s, { limit: 20 }); times.push([performance.now() - t, s, r.length]); }
const agg = new Map<string, number[]>(); for (const [ms, s] of times) { (agg.get(s) ?? agg.set(s, []).get(s)!).push(ms); }
const med = [...agg].map(([s, a]) => [s, a.sort((x, y) => x - y)[1]!] as const).sort((a, b) => b[1] - a[1]);
console.log(med.slice(0, 40).map(([s, m]) => `${s}:${m.toFixed(2)}`).join('  '));
const all = med.map(x => x[1]).sort((a, b) => a - b); console.log('p50', all[all.length >> 1], 'p95', all[Math.floor(all.length * 0.95)]);
