/**
 * Palette / inline list: the `searchScripts` round trip from the console's content script to the
 * background and back (messaging + the background's index + the list's payload), per keystroke,
 * over the default pack; median and p95. This is what the agent waits for between a key and the
 * list updating. Measured inside the content script's own isolated world (found through CDP),
 * sending exactly the message the content script sends. Needs the built extension.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, launch } from '../tests/e2e/harness';
import type { BenchFigure } from './types';

const RUNS = 200;
const WARMUP = 10;
/** What an agent types, keystroke by keystroke: pinyin, a shortcut code, Chinese words. */
const KEYSTROKES = [
  '/t',
  '/tu',
  '/tui',
  '/tuih',
  '/tuihu',
  '/tuihuo',
  '/t',
  '/th',
  '/th1',
  '/退',
  '/退货',
  '/快递',
  '/快递没',
  '/快递没收到',
  '/q',
  '/qt',
  '/qtw',
  '/qtwl',
  '/qtwly',
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error('Build the extension first (npm run build:chrome)');
  const h = await launch();
  try {
    const page = await h.openConsole();
    await page.locator('[data-role="composer"]').waitFor();
    const cdp = await h.context.newCDPSession(page);
    const contexts: { id: number; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    await page.waitForTimeout(500);
    const world = contexts.find((c) => c.auxData?.type === 'isolated');
    if (!world) throw new Error('content script world not found');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
      expression: `(async () => {
        const send = (type, data) => new Promise((resolve, reject) =>
          chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }, (r) =>
            chrome.runtime.lastError ? reject(new Error(chrome.runtime.lastError.message)) : resolve(r)));
        const keys = ${JSON.stringify(KEYSTROKES)};
        const times = [];
        let hits = 0;
        for (let i = 0; i < ${WARMUP + RUNS}; i++) {
          const t0 = performance.now();
          const r = await send('searchScripts', { query: keys[i % keys.length], limit: 8 });
          const dt = performance.now() - t0;
          if (!r || !r.res) throw new Error('no answer: ' + JSON.stringify(r));
          hits += r.res.hits.length;
          if (i >= ${WARMUP}) times.push(dt);
        }
        return { times, hits };
      })()`,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    const { times, hits } = result.value as { times: number[]; hits: number };
    if (!hits) throw new Error('searches returned nothing');
    const sorted = [...times].sort((a, b) => a - b);
    return [
      {
        name: 'palette searchScripts round trip p50 (default pack)',
        value: Number(percentile(sorted, 50).toFixed(2)),
        unit: 'ms',
      },
      {
        name: 'palette searchScripts round trip p95 (default pack)',
        value: Number(percentile(sorted, 95).toFixed(2)),
        unit: 'ms',
      },
    ];
  } finally {
    await h.close();
  }
}

// `node --import tsx bench/palette.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await run()) console.log(`${f.name}: ${f.value} ${f.unit}`);
}
