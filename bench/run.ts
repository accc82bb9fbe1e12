/**
 * `npm run bench`: runs each benchmark module in turn, prints its figures and writes them
 * all to bench/results.json (name, value, unit) so they can be compared across commits.
 * Add a module by appending it to BENCHMARKS. `npm run bench -- sync search` runs only the
 * modules whose names contain one of the words, and replaces just their figures in the file;
 * `--sizes=50k,200k` (search) and `--panel-sizes=200k` (panel at scale) choose library sizes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as compliance from './compliance';
import * as deadlines from './deadlines';
import * as images from './images';
import * as insertion from './insertion';
import * as palette from './palette';
import * as panelScale from './panel-scale';
import * as packImport from './pack-import';
import * as search from './search';
import * as suggest from './suggest';
import * as sync from './sync';
import type { BenchFigure } from './types';

const BENCHMARKS: { name: string; run: () => Promise<BenchFigure[]> }[] = [
  { name: 'search', run: search.run },
  { name: 'suggestions', run: suggest.run },
  { name: 'compliance', run: compliance.run },
  { name: 'deadlines', run: deadlines.run },
  { name: 'pack import (50,000-script xlsx)', run: packImport.run },
  // Needs the built Chrome extension (npm run bench builds it first) and Chromium.
  { name: 'insertion', run: insertion.run },
  // Same: the palette's search round trip through the background.
  { name: 'palette', run: palette.run },
  // Pack sync in real Chromium IndexedDB: a 50,000-script pack, and the cost of an unchanged one.
  { name: 'sync', run: sync.run },
  // Scripts with pictures: a 2,000-script pack with 500 images, synced and scrolled in the panel.
  { name: 'images', run: images.run },
  // The built extension with 50,000 and 200,000 scripts: import wizard, the real panel, the background.
  { name: 'panel at scale', run: panelScale.run },
  // The background with 50,000 and 200,000 scripts: its longest tasks while building and after a change, its heap, a wake.
  { name: 'background at scale', run: panelScale.runBackground },
];

if (!(globalThis as { gc?: unknown }).gc) console.warn('Run with --expose-gc (npm run bench) for memory figures.');

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = only.length ? BENCHMARKS.filter((b) => only.some((w) => b.name.includes(w))) : BENCHMARKS;
const results = fileURLToPath(new URL('./results.json', import.meta.url));

const all: BenchFigure[] = [];
const fresh = new Map<string, BenchFigure[]>();
for (const bench of chosen) {
  const start = performance.now();
  const figures = await bench.run();
  console.log(`\n${bench.name} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) console.log(`  ${f.name.padEnd(width)}  ${String(f.value).padStart(12)}  ${f.unit}`);
  all.push(...figures);
  fresh.set(bench.name, figures);
}
if (only.length && existsSync(results)) {
  // Keep the other modules' last figures; replace the ones just measured (matched by name).
  const names = new Set(all.map((f) => f.name));
  const kept = (JSON.parse(readFileSync(results, 'utf8')) as BenchFigure[]).filter((f) => !names.has(f.name));
  all.unshift(...kept);
}
writeFileSync(results, `${JSON.stringify(all, null, 2)}\n`);
console.log(`\n${all.length} figures written to bench/results.json`);
