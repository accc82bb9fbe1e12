/**
 * Pack import benchmark: a team lead's 50,000-script xlsx (`--import-sizes=50k,200k` for others; written once with write-excel-file,
 * in the columns a team sheet has — 一级分类, 二级分类, 标题, 话术内容, 快捷码, 关键词, 备注, 标签 — and
 * no ID column, so ids are derived and placeholders converted as for a real sheet), then:
 * readSpreadsheet (unzip + XML), tableToPack (rows → pack, validatePack included) and
 * validatePack on its own, plus the CSV path and the export side for comparison.
 *
 * Target: parse + convert ≤ 1.5 s (the apply to Dexie is measured by the sync benchmark; the
 * whole import + apply ≤ 3 s). The import runs in a fresh child process, so its peak RSS
 * (`process.resourceUsage().maxRSS`, above the RSS at start) is the import's own; also the heap +
 * buffers still held by the table and the pack afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { guessMapping, packToCsv, packToXlsx, readSpreadsheet, tableToPack } from '../scripts-library/io';
import { validatePack } from '../scripts-library/schema';
import { syntheticLibrary } from './synthetic-library';
import type { BenchFigure } from './types';

/** `--import-sizes=50k,200k` (default 50k): sheets of these many rows. */
function sizesFromArgs(argv: string[]): number[] {
  const arg = argv.find((a) => a.startsWith('--import-sizes='));
  if (!arg) return [50_000];
  return arg
    .slice('--import-sizes='.length)
    .split(',')
    .map((s) => Math.round(parseFloat(s) * (/k$/i.test(s) ? 1000 : 1)))
    .filter((n) => n > 0);
}
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function teamSheet(size: number): Promise<Uint8Array> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const docs = syntheticLibrary(size);
  const header = ['一级分类', '二级分类', '标题', '话术内容', '快捷码', '关键词', '备注', '标签'];
  const rows = docs.map((d) => [
    d.situationPath[0] ?? '',
    d.situationPath[1] ?? '',
    d.title,
    d.body,
    d.shortcut ?? '',
    d.keywords.join('、'),
    d.purpose,
    d.tags.join('、'),
  ]);
  const data = [header, ...rows].map((r) => r.map((c) => (c === '' ? null : { value: c, type: String })));
  const blob = await writeXlsxFile(data, { sheet: '话术' }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Runs in a fresh child process so its peak RSS is the import's, not the fixture writer's. */
async function measure(file: string, SIZE: number): Promise<BenchFigure[]> {
  const xlsx = new Uint8Array(readFileSync(file));
  gc?.();
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const [table, readMs] = await timeAsync(() => readSpreadsheet(xlsx, 'team.xlsx'));
  const mapping = guessMapping(table.headers);
  const [imported, convertMs] = time(() =>
    tableToPack(table, mapping, { id: 'bench', name: '基准话术库', version: '1.0.0', author: '组长' }),
  );
  // CPU time does not grow when other processes take the cores; wall time does.
  const cpu = process.cpuUsage(cpu0);
  const peakRss = process.resourceUsage().maxRSS * 1024 - before.rss;
  const pack = imported.pack;
  if (!pack)
    throw new Error(
      `benchmark sheet did not import: ${imported.issues
        .slice(0, 3)
        .map((i) => i.message)
        .join('; ')}`,
    );
  const [, validateMs] = time(() => validatePack(pack));
  gc?.();
  const after = process.memoryUsage();
  const held = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;

  // The same import again, warm (code compiled): what a second import in the same page costs.
  const [table2, warmReadMs] = await timeAsync(() => readSpreadsheet(xlsx, 'team.xlsx'));
  const [, warmConvertMs] = time(() =>
    tableToPack(table2, mapping, { id: 'bench', name: '基准话术库', version: '1.0.0', author: '组长' }),
  );

  const csv = new TextEncoder().encode(packToCsv(pack));
  const [csvTable, csvReadMs] = await timeAsync(() => readSpreadsheet(csv, 'team.csv'));
  const [, csvConvertMs] = time(() =>
    tableToPack(csvTable, guessMapping(csvTable.headers), { id: 'bench', name: '基准话术库' }),
  );
  const [, exportXlsxMs] = await timeAsync(() => packToXlsx(pack));

  return [
    { name: `xlsx ${SIZE} scripts: file size`, value: mb(xlsx.byteLength), unit: 'MB' },
    { name: `xlsx ${SIZE}: readSpreadsheet (cold, first in process)`, value: Math.round(readMs), unit: 'ms' },
    { name: `xlsx ${SIZE}: tableToPack incl. validatePack (cold)`, value: Math.round(convertMs), unit: 'ms' },
    { name: `xlsx ${SIZE}: parse + convert, cold (target ≤ 1500)`, value: Math.round(readMs + convertMs), unit: 'ms' },
    {
      name: `xlsx ${SIZE}: parse + convert, cold, CPU time (user + system)`,
      value: Math.round((cpu.user + cpu.system) / 1000),
      unit: 'ms',
    },
    { name: `xlsx ${SIZE}: readSpreadsheet (warm)`, value: Math.round(warmReadMs), unit: 'ms' },
    { name: `xlsx ${SIZE}: tableToPack (warm)`, value: Math.round(warmConvertMs), unit: 'ms' },
    {
      name: `xlsx ${SIZE}: parse + convert, warm (target ≤ 1500)`,
      value: Math.round(warmReadMs + warmConvertMs),
      unit: 'ms',
    },
    { name: `xlsx ${SIZE}: validatePack alone (warm)`, value: Math.round(validateMs), unit: 'ms' },
    { name: `xlsx ${SIZE}: peak RSS above start while importing`, value: mb(peakRss), unit: 'MB' },
    { name: `xlsx ${SIZE}: heap + buffers held by table and pack`, value: mb(held), unit: 'MB' },
    { name: `csv ${SIZE}: readSpreadsheet`, value: Math.round(csvReadMs), unit: 'ms' },
    { name: `csv ${SIZE}: tableToPack`, value: Math.round(csvConvertMs), unit: 'ms' },
    { name: `export ${SIZE}: packToXlsx`, value: Math.round(exportXlsxMs), unit: 'ms' },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const size of sizesFromArgs(process.argv)) figures.push(...(await runSize(size)));
  return figures;
}

async function runSize(SIZE: number): Promise<BenchFigure[]> {
  const [xlsx, writeMs] = await timeAsync(() => teamSheet(SIZE));
  const dir = mkdtempSync(join(tmpdir(), 'huashu-bench-'));
  const file = join(dir, `team-${SIZE}.xlsx`);
  writeFileSync(file, xlsx);
  try {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--measure', file, String(SIZE)],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    const figures = JSON.parse(out.slice(out.indexOf('['))) as BenchFigure[];
    // The machine is shared; the load says how much of a core these figures had.
    return [
      {
        name: `pack import: machine load (1-min average, ${cpus().length} cores)${SIZE === 50_000 ? '' : `, ${SIZE}`}`,
        value: Math.round(loadavg()[0]! * 10) / 10,
        unit: 'load',
      },
      { name: `xlsx ${SIZE}: write fixture (write-excel-file)`, value: Math.round(writeMs), unit: 'ms' },
      ...figures,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --expose-gc --import tsx bench/pack-import.ts` runs this benchmark alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--measure');
  if (at !== -1) console.log(JSON.stringify(await measure(process.argv[at + 1]!, Number(process.argv[at + 2]))));
  else for (const f of await run()) console.log(`${f.name.padEnd(56)} ${String(f.value).padStart(10)} ${f.unit}`);
}
