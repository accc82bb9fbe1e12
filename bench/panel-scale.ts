/**
 * The product at scale, in real Chromium with the built extension (`npm run bench -- scale`):
 * a team sheet of N scripts (the search benchmark's synthetic library) goes in through the
 * options page's import wizard, then the real side panel page is driven:
 *
 * - import: from choosing the file to 已导入 (mapping, preview, confirm), and the longest task
 *   of the options page meanwhile;
 * - the panel opened with an empty query: the longest task in the 3 s after its list shows;
 * - typing every prefix of the labeled queries, once the background has its index cached: from
 *   the input event to the list answering that prefix (`data-query` on the list) painted — p50,
 *   p95 — and each stage of it (request out, answer in, DOM, frame, painted), the worker's busy
 *   time from a trace, the answer's size, the floor (the typed character's own frame, painted),
 *   and the library service answering the same keystrokes in Node, so the gap is visible;
 * - the panel opened with the background stopped: first results, from navigation start;
 * - the background's JS heap with the index (after a garbage collection).
 *
 * Sizes: `--panel-sizes=50k,200k` (default both); `--panel-typing`: only the import and the
 * typing. Long tasks are the browser's own (≥ 50 ms):
 * a longest task of 0 means none.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { loadDefaultPack } from '../scripts-library/default-pack';
import { EXTENSION_DIR, launch } from '../tests/e2e/harness';
import { LABELED_QUERIES } from '../tests/unit/search/relevance-set';
import { docsFromPack } from '../utils/library/search-docs';
import { LibraryService } from '../utils/library/service';
import { buildSearchIndex } from '../utils/search';
import { teamSheet } from './pack-import';
import { syntheticLibrary } from './synthetic-library';
import type { BenchFigure } from './types';

function sizesFromArgs(argv: string[]): number[] {
  const arg = argv.find((a) => a.startsWith('--panel-sizes='));
  if (!arg) return [50_000, 200_000];
  return arg
    .slice('--panel-sizes='.length)
    .split(',')
    .map((s) => Math.round(parseFloat(s) * (/k$/i.test(s) ? 1000 : 1)))
    .filter((n) => n > 0);
}

/** Collects long tasks from the start of the page. */
export const LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (t) =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
          .filter((e) => e.start + e.duration >= t)
          .map((e) => e.duration),
      ),
    since,
  );
}

const now = (page: Page) => page.evaluate(() => performance.now());
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** The background's JS heap in use, after a collection, over CDP (a worker has no performance.memory). */
async function backgroundHeap(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!sw) throw new Error('background service worker not found');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as {
    sessionId: string;
  };
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, number>>((resolve) => {
      const msgId = ++id;
      const onMessage = (e: { sessionId: string; message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
        if (e.sessionId === sessionId && m.id === msgId) {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(m.result ?? {});
        }
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: msgId, method, params }),
      });
    });
  await call('HeapProfiler.collectGarbage');
  const { usedSize } = await call('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize ?? NaN;
}

/**
 * A team sheet that fills the library to `size` scripts with what is installed already (the
 * default pack): at the cap exactly, an import one script more is refused.
 */
export async function importThroughWizard(
  options: Page,
  size: number,
): Promise<{ ms: number; longest: number; steps: { read: number; preview: number; install: number } }> {
  // From a file on disk, as an agent picks it: a buffer would be decoded from base64 inside the
  // page (seconds of the page's time at this size that no agent's import costs).
  const file = join(mkdtempSync(join(tmpdir(), 'huashu-bench-')), `team-${size}.xlsx`);
  writeFileSync(file, await teamSheet(size - loadDefaultPack().scripts.length));
  await options.getByTestId('wizard-file').waitFor();
  const start = await now(options);
  const t = performance.now();
  await options.getByTestId('wizard-file').setInputFiles(file);
  await options.getByTestId('wizard-to-preview').click({ timeout: 120_000 });
  const read = performance.now() - t;
  await options.getByLabel('话术包名称').fill(`基准 ${size}`);
  await options
    .getByTestId('wizard-confirm')
    .click({ timeout: 120_000 })
    .catch(async (e: unknown) => {
      // Say why the wizard would not import (its errors and notices), not only that it did not.
      const said = await options
        .locator('#import-export')
        .innerText()
        .catch(() => '');
      throw new Error(
        `the wizard did not offer to import ${size} scripts: ${said.slice(0, 600)} (${String(e).slice(0, 80)})`,
      );
    });
  const preview = performance.now() - t - read;
  const said = await options.getByTestId('wizard-result').innerText({ timeout: 300_000 });
  const ms = performance.now() - t;
  if (!said.includes('已导入')) throw new Error(`the wizard did not import ${size} scripts: ${said.slice(0, 600)}`);
  return {
    ms,
    longest: await longestTaskSince(options, start),
    steps: { read, preview, install: ms - read - preview },
  };
}

/**
 * The options page opened with the library at the cap: until the editor lists scripts (from
 * navigation start), then scrolled to the last script and filtered; the page's longest task over
 * all of it (the editor pages the library through its worker: the page never holds it).
 */
export async function editorAtScale(
  context: BrowserContext,
  extensionId: string,
): Promise<{ firstRows: number; longest: number; scrolledToEnd: number }> {
  const options = await context.newPage();
  await options.addInitScript(LONG_TASKS);
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const row = options.locator('[data-testid=editor-list] [data-script-key]').first();
  await row.waitFor({ timeout: 120_000 });
  const firstRows = await now(options);
  const t = performance.now();
  // The last row of the list with its script in it: its window arrived and was rendered. The
  // list grows while the library is still being read (the count shows … until it is), so the
  // agent scrolls on to the end as it grows.
  await options.waitForFunction(
    () => {
      const scroller = document.querySelector('.editor-scroll')!;
      if (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight)
        scroller.scrollTop = scroller.scrollHeight;
      const rows = [...document.querySelectorAll('[data-testid=editor-list] li[data-index]')];
      const total = Number(document.querySelector('#scripts .tree-item .tree-count')?.textContent);
      return rows.some((r) => Number(r.getAttribute('data-index')) === total - 1 && r.hasAttribute('data-script-key'));
    },
    undefined,
    { timeout: 60_000 },
  );
  const scrolledToEnd = performance.now() - t;
  await options.getByLabel('筛选标题、内容或快捷码').fill('退货');
  await options.locator('[data-testid=editor-list] [data-script-key]').first().waitFor({ timeout: 60_000 });
  await options.waitForTimeout(1000);
  const longest = await longestTaskSince(options, 0);
  await options.close();
  return { firstRows, longest, scrolledToEnd };
}

/** Opens the panel; resolves when its list shows scripts, with that moment in page time. */
async function openPanel(
  context: BrowserContext,
  extensionId: string,
  ...scripts: string[]
): Promise<{ panel: Page; firstResults: number }> {
  const panel = await context.newPage();
  await panel.addInitScript(LONG_TASKS);
  for (const script of scripts) await panel.addInitScript(script);
  await panel.addInitScript(() => {
    const w = window as unknown as { __firstResults?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('main.results [data-script-key]')) {
        w.__firstResults = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.waitForFunction(
    () => (window as unknown as { __firstResults?: number }).__firstResults !== undefined,
    undefined,
    { timeout: 120_000 },
  );
  return {
    panel,
    firstResults: await panel.evaluate(() => (window as unknown as { __firstResults: number }).__firstResults),
  };
}

/**
 * Marks the panel's library requests and their answers as they leave and arrive (one-shot
 * messages or a port alike), for the breakdown of a keystroke; added before the page's own
 * scripts. The marks are user timing too, so a trace places them beside the worker's tasks.
 */
const REQUEST_MARKS = `(() => {
  const net = (window.__net = { sent: [], replied: [] });
  const rt = chrome.runtime;
  const isView = (m) => !!m && typeof m === 'object' && (m.type === 'libraryView' || 'view' in m);
  const mark = (list, name) => { list.push(performance.now()); performance.mark(name); };
  const send = rt.sendMessage;
  rt.sendMessage = function (message, ...rest) {
    if (isView(message)) {
      mark(net.sent, 'bench: sent');
      const at = rest.findIndex((a) => typeof a === 'function');
      if (at >= 0) {
        const callback = rest[at];
        rest[at] = function (...args) { mark(net.replied, 'bench: replied'); return callback.apply(this, args); };
      }
    }
    return send.call(rt, message, ...rest);
  };
  const connect = rt.connect;
  rt.connect = function (...args) {
    const port = connect.apply(rt, args);
    const post = port.postMessage.bind(port);
    port.postMessage = (m) => { if (isView(m)) mark(net.sent, 'bench: sent'); return post(m); };
    const listen = port.onMessage.addListener.bind(port.onMessage);
    port.onMessage.addListener = (f) => listen((...a) => { mark(net.replied, 'bench: replied'); return f(...a); });
    return port;
  };
})()`;

/**
 * One keystroke, in the panel's clock (ms): the input event, the request out, its answer in, the
 * list in the DOM, the frame that shows it, painted; and the frame that shows the typed
 * character itself, painted (no answer can be painted sooner), and whether the results made it.
 */
interface Keystroke {
  input: number;
  sent: number;
  replied: number;
  dom: number;
  frame: number;
  painted: number;
  ownPainted: number;
  sameFrame: boolean;
}

/** Every prefix of every labeled query (or the first `limit`), typed into the panel's search box. */
async function typing(panel: Page, limit = Infinity): Promise<Keystroke[]> {
  // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
  await panel.evaluate(`(() => {
    const box = document.querySelector('input[type=search]');
    let inputAt = 0;
    let own = null;
    box.addEventListener('input', () => {
      inputAt = performance.now();
      performance.mark('bench: input');
      const frame = { at: 0, painted: 0 };
      own = frame;
      requestAnimationFrame((at) => { frame.at = at; setTimeout(() => (frame.painted = performance.now()), 0); });
    }, true);
    const net = window.__net ?? { sent: [], replied: [] };
    window.__typed = (q) => new Promise((resolve) => {
      let dom = 0;
      // The frame that shows it: the next animation frame once the DOM has it, then after that
      // frame's paint (a task queued from the frame runs after it).
      const done = () => requestAnimationFrame((at) => {
        const frame = performance.now();
        const ownFrame = own;
        setTimeout(() => {
          const input = inputAt;
          const sent = net.sent.find((t) => t >= input) ?? NaN;
          const replied = net.replied.filter((t) => t >= input && t <= dom).at(-1) ?? NaN;
          const painted = performance.now();
          // The character's own frame is painted by now (it is this frame or an earlier one).
          const settle = () => ownFrame.painted
            ? resolve({ input, sent, replied, dom, frame, painted, ownPainted: ownFrame.painted, sameFrame: ownFrame.at === at })
            : setTimeout(settle, 0);
          settle();
        }, 0);
      });
      const shown = () => document.querySelector('main.results')?.getAttribute('data-query') === q;
      if (shown()) { dom = performance.now(); return done(); }
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        dom = performance.now();
        observer.disconnect();
        done();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  })()`);
  const box = panel.getByRole('searchbox');
  const strokes: Keystroke[] = [];
  for (const { q } of LABELED_QUERIES) {
    const chars = [...q];
    for (let i = 1; i <= chars.length && strokes.length < limit; i++) {
      const prefix = chars.slice(0, i).join('');
      const waiting = panel.evaluate(
        (p) => (window as unknown as { __typed: (q: string) => Promise<Keystroke> }).__typed(p),
        prefix,
      );
      await box.fill(prefix);
      strokes.push(await waiting);
    }
    await box.fill('');
    if (strokes.length >= limit) break;
  }
  return strokes;
}

/** p50 and p95 of each stage of a keystroke, and of the whole. */
function keystrokeFigures(strokes: Keystroke[], add: (name: string, value: number, unit: string) => void): void {
  const stages: [string, (k: Keystroke) => number][] = [
    ['input-to-painted', (k) => k.painted - k.input],
    ['input-to-frame', (k) => k.frame - k.input],
    ['stage.input-to-request', (k) => k.sent - k.input],
    ['stage.request-to-answer', (k) => k.replied - k.sent],
    ['stage.answer-to-dom', (k) => k.dom - k.replied],
    ['stage.dom-to-frame', (k) => k.frame - k.dom],
    ['stage.frame-to-painted', (k) => k.painted - k.frame],
    // The floor: the typed character's own frame, painted. An answer that arrives before that
    // frame starts is painted with it; one that misses it waits for the next frame.
    ['floor.input-to-own-frame-painted', (k) => k.ownPainted - k.input],
  ];
  for (const [name, of] of stages) {
    const sorted = strokes
      .map(of)
      .filter((v) => Number.isFinite(v))
      .sort((a, b) => a - b);
    if (!sorted.length) continue;
    add(`typing.${name}.p50`, quantile(sorted, 0.5), 'ms');
    add(`typing.${name}.p95`, quantile(sorted, 0.95), 'ms');
  }
  add('typing.results-in-the-keystroke-frame', (100 * strokes.filter((k) => k.sameFrame).length) / strokes.length, '%');
}

/**
 * The worker's side of the first `count` keystrokes, traced: its busy time between each
 * request leaving the panel and the answer arriving (the rest of that interval is messaging
 * and waiting for a core), and the answer's size in bytes of JSON.
 */
async function workerShare(
  context: BrowserContext,
  panel: Page,
  count: number,
): Promise<{ busy: number[]; bytes: number[] }> {
  const cdp = await context.newCDPSession(panel);
  const {
    events: tasks,
    microtasks,
    allMarks,
  } = await traced(cdp, async () => void (await typing(panel, count)), `panel-typing-${count}`);
  const events = [...tasks, ...microtasks];
  await cdp.detach();
  const sent = allMarks.filter((m) => m.name === 'bench: sent').map((m) => m.ts);
  const replied = allMarks.filter((m) => m.name === 'bench: replied').map((m) => m.ts);
  const busy = sent.flatMap((s) => {
    const r = replied.find((t) => t >= s);
    if (r === undefined) return [];
    return [events.filter((e) => e.ts >= s && e.ts < r).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0)];
  });
  // The answers' sizes, asked outside the timed path (measuring them inside would add to it).
  const bytes = (await panel.evaluate(`(async () => {
    const sizes = [];
    const port = chrome.runtime.connect({ name: 'libraryView' });
    let id = 0;
    const ask = (view) => new Promise((resolve) => {
      const take = (m) => { port.onMessage.removeListener(take); resolve(m); };
      port.onMessage.addListener(take);
      port.postMessage({ id: ++id, view });
    });
    // As the panel asks on a keystroke: the first page, the tree's counts known already.
    const knownVersion = (await ask({ query: '', offset: 0, limit: 1 })).view.version;
    for (const query of ${JSON.stringify(keystrokeQueries().slice(0, count))})
      sizes.push(JSON.stringify(await ask({ query, offset: 0, limit: 32, knownVersion })).length);
    port.disconnect();
    return sizes;
  })()`)) as number[];
  return { busy: busy.sort((a, b) => a - b), bytes: bytes.sort((a, b) => a - b) };
}

/** Every prefix of every labeled query, in typing order. */
function keystrokeQueries(): string[] {
  return LABELED_QUERIES.flatMap(({ q }) => [...q].map((_, i) => [...q].slice(0, i + 1).join('')));
}

/**
 * The library service answering the same keystrokes in Node, on the same library (the default
 * pack and the sheet): what the panel's figure would be with no messaging, rendering or frames.
 */
async function engineInNode(size: number): Promise<number[]> {
  const sheet = syntheticLibrary(size - loadDefaultPack().scripts.length).map((d, i) => ({ ...d, key: `sheet/${i}` }));
  const service = new LibraryService();
  await service.setDocs([...docsFromPack(loadDefaultPack()), ...sheet], async (docs) => buildSearchIndex(docs));
  // As the panel asks (its first page), the second time through: warm, as a running background is.
  let times: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    times = [];
    for (const query of keystrokeQueries()) {
      const start = performance.now();
      service.panelView({ query, offset: 0, limit: 32 });
      times.push(performance.now() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error('Build the extension first (npm run build:chrome)');
  const figures: BenchFigure[] = [];
  // `--panel-typing`: only the import and the panel's typing (no editor, no stopped background).
  const typingOnly = process.argv.includes('--panel-typing');
  for (const size of sizesFromArgs(process.argv)) {
    const label = `panel.${size / 1000}k`;
    const add = (name: string, value: number, unit: string) =>
      figures.push({ name: `${label}.${name}`, value: Number(value.toFixed(2)), unit });
    const h = await launch();
    try {
      const options = await h.context.newPage();
      await options.addInitScript(LONG_TASKS);
      await options.goto(`chrome-extension://${h.extensionId}/options.html`);
      const imported = await importThroughWizard(options, size);
      add('import-wizard', imported.ms, 'ms');
      add('import-wizard.longest-task', imported.longest, 'ms');
      add('import-wizard.read-to-mapping', imported.steps.read, 'ms');
      add('import-wizard.preview', imported.steps.preview, 'ms');
      add('import-wizard.install', imported.steps.install, 'ms');
      await options.close();
      if (!typingOnly) {
        const editor = await editorAtScale(h.context, h.extensionId);
        add('options.editor.first-rows', editor.firstRows, 'ms');
        add('options.editor.scrolled-to-end', editor.scrolledToEnd, 'ms');
        add('options.editor.longest-task', editor.longest, 'ms');
      }

      // The background builds (or restores) its index once the import lands; the panel waits for it.
      let { panel, firstResults } = await openPanel(h.context, h.extensionId, REQUEST_MARKS);
      add('open.first-results (background running)', firstResults, 'ms');
      const settled = (await now(panel)) + 1000;
      await panel.waitForTimeout(4000);
      add('open.empty-query.longest-task-after-settling', await longestTaskSince(panel, settled), 'ms');

      // Typing is measured against a background that has its index (built and cached after the
      // import; how soon after a wake it answers is measured below): until then the worker is
      // busy building and caching, and keystrokes wait behind it.
      const t = performance.now();
      await snapshotSaved(panel, size);
      add('typing.waited-for-index-cached', performance.now() - t, 'ms');

      const strokes = await typing(panel);
      keystrokeFigures(strokes, add);
      add('typing.prefixes', strokes.length, 'count');
      const worker = await workerShare(h.context, panel, 300);
      add('typing.stage.worker-busy.p50', quantile(worker.busy, 0.5), 'ms');
      add('typing.stage.worker-busy.p95', quantile(worker.busy, 0.95), 'ms');
      add('typing.answer-bytes.p50', quantile(worker.bytes, 0.5), 'bytes');
      add('typing.answer-bytes.max', worker.bytes.at(-1) ?? NaN, 'bytes');
      add('typing.load-average', loadavg()[0]!, 'load');
      const engine = await engineInNode(size);
      add('typing.engine-in-node.p50', quantile(engine, 0.5), 'ms');
      add('typing.engine-in-node.p95', quantile(engine, 0.95), 'ms');
      if (typingOnly) {
        await panel.close();
        continue;
      }
      add('background.heap', (await backgroundHeap(h.context, panel)) / 2 ** 20, 'MB');

      // The background stopped (as Chrome does after 30 s idle): the panel wakes it. The panel is
      // closed first: it asks the background every second (where an insertion would go), so a
      // panel left open woke the worker again at once and the new one found it half restored.
      await panel.close();
      const blank = await h.context.newPage();
      const cdp = await h.context.newCDPSession(blank);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      ({ panel, firstResults } = await openPanel(h.context, h.extensionId));
      await blank.close();
      add('open.first-results (background stopped)', firstResults, 'ms');
      await panel.close();
    } finally {
      await h.close();
    }
  }
  return figures;
}

// ---------------------------------------------------------------- the background at scale

/**
 * Team packs of `size` scripts in all (the search benchmark's library) over the default
 * situations, as pack files of at most PACK_PART scripts each: a file is read by the options
 * page and handed to the background in one message, and 200,000 scripts of this library make
 * 93 MB of JSON, past what one extension message carries.
 */
function packFiles(size: number, version: string, editedPart = -1): { name: string; text: string; version: string }[] {
  const base = loadDefaultPack();
  const docs = syntheticLibrary(size);
  const files: { name: string; text: string; version: string }[] = [];
  for (let part = 0; part * PACK_PART < size; part++) {
    const name = `规模基准话术${part + 1}`;
    const scripts = docs.slice(part * PACK_PART, (part + 1) * PACK_PART).map((d, i) => ({
      id: `s${i}`,
      situation: d.situationId.slice(d.situationId.indexOf('/') + 1),
      title: d.title,
      body: part === editedPart && i === 7 ? `${d.body}（已更新）` : d.body,
      purpose: d.purpose,
      keywords: d.keywords,
      tags: d.tags,
      ...(d.shortcut ? { shortcut: d.shortcut } : {}),
    }));
    const pack = {
      schemaVersion: 1,
      id: `bench.scale${part + 1}`,
      name,
      version,
      updatedAt: '2026-12-07T09:00:00+08:00',
      author: 'bench',
      placeholders: base.placeholders,
      situations: base.situations,
      scripts,
    };
    files.push({ name, text: JSON.stringify(pack), version });
  }
  return files;
}

const PACK_PART = 100_000;

/** Every task of the extension's service worker thread while tracing (the `toplevel` category). */
async function traced(
  cdp: CDPSession,
  during: () => Promise<void>,
  name = 'trace',
): Promise<{
  marks: Map<string, number>;
  allMarks: { name: string; ts: number }[];
  events: TraceEvent[];
  microtasks: TraceEvent[];
}> {
  const events: TraceEvent[] = [];
  const collect = (payload: { value: object[] }) => void events.push(...(payload.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'toplevel',
        // A message's handler runs in RunMicrotasks, outside the task that delivered it.
        'v8.execute',
        'blink.user_timing',
        '__metadata',
        ...(process.env.BENCH_TRACE_DIR
          ? ['devtools.timeline', 'v8', 'IndexedDB', 'disabled-by-default-v8.cpu_profiler']
          : []),
      ],
    },
    transferMode: 'ReportEvents',
  });
  await during();
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  // BENCH_TRACE_DIR=dir keeps every trace for chrome://tracing or Perfetto (where did the time go).
  const dir = process.env.BENCH_TRACE_DIR;
  if (dir) writeFileSync(join(dir, `${name}.json`), JSON.stringify({ traceEvents: events }));
  const workers = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'ServiceWorker thread')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter(
    (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && workers.has(`${e.pid}:${e.tid}`),
  );
  const allMarks = events
    .filter((e) => e.cat === 'blink.user_timing')
    .map((e) => ({ name: e.name, ts: e.ts }))
    .sort((a, b) => a.ts - b.ts);
  // The first of each mark.
  const marks = new Map<string, number>();
  for (const m of allMarks) if (!marks.has(m.name)) marks.set(m.name, m.ts);
  // A message's handler runs in the microtask checkpoint after the task that delivered it.
  const microtasks = events.filter(
    (e) => e.ph === 'X' && e.name === 'RunMicrotasks' && workers.has(`${e.pid}:${e.tid}`),
  );
  return { marks, allMarks, events: tasks, microtasks };
}

interface TraceEvent {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the task. */
  tdur?: number;
  args?: { name?: string };
}

/** The longest service-worker task (ms) in [from, to) of trace time, and how many were over 50 ms. */
function longest(
  tasks: TraceEvent[],
  from = -Infinity,
  to = Infinity,
): { ms: number; over50: number; cpuMs: number; cpuOver50: number } {
  const inside = tasks.filter((e) => e.ts >= from && e.ts < to);
  const wall = inside.map((e) => (e.dur ?? 0) / 1000);
  // On a machine this shared, a task's wall time is mostly the time its thread waited for a
  // core: its CPU time says what the code held the worker for.
  const cpu = inside.map((e) => (e.tdur ?? 0) / 1000);
  return {
    ms: Math.max(0, ...wall),
    over50: wall.filter((d) => d > 50).length,
    cpuMs: Math.max(0, ...cpu),
    cpuOver50: cpu.filter((d) => d > 50).length,
  };
}

/** Imports a pack file through the options page (from a file: past 50 MB Playwright takes no buffer) and waits for its notice. */
async function importFile(options: Page, file: { name: string; text: string; version: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huashu-bench-'));
  const path = join(dir, 'bench-scale.json');
  writeFileSync(path, file.text);
  try {
    await options.getByTestId('import-pack').setInputFiles(path);
    // The notice names the version: an earlier import's notice of the same pack is not this one's.
    await options
      .getByTestId('import-result')
      .filter({ hasText: `${file.name}” ${file.version}` })
      .waitFor({ timeout: 600_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the background has cached an index of `count` documents, newer than `previousHash`. */
async function snapshotSaved(page: Page, count: number, previousHash?: string): Promise<string> {
  for (;;) {
    const row = (await page.evaluate(
      `new Promise((resolve, reject) => {
        const open = indexedDB.open('huashu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const got = open.result.transaction('indexSnapshots').objectStore('indexSnapshots').get('library');
          got.onsuccess = () => { open.result.close(); resolve(got.result ? { count: got.result.count, hash: got.result.hash } : null); };
          got.onerror = () => reject(got.error);
        };
      })`,
    )) as { count: number; hash: string } | null;
    if (row && row.count === count && row.hash !== previousHash) return row.hash;
    await page.waitForTimeout(2000);
  }
}

/**
 * The background with a large library (`npm run bench -- background`): a pack of N scripts
 * imported as a file (so the figures are the background's, not the import wizard's), traced:
 *
 * - the longest service-worker task while the packs install (the index is built after each),
 *   and after the last one until the index is cached;
 * - the longest service-worker task after one script of the pack changes (re-imported);
 * - the background's JS heap with the index;
 * - the panel opened with the background stopped: first results, and the longest
 *   service-worker task while it wakes and restores the cached index.
 */
export async function runBackground(): Promise<BenchFigure[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error('Build the extension first (npm run build:chrome)');
  const figures: BenchFigure[] = [];
  const sizeArg = process.argv.find((a) => a.startsWith('--background-sizes='));
  // The library's cap counts the built-in pack's scripts too.
  const builtIn = loadDefaultPack().scripts.length;
  const sizes = sizeArg
    ? sizeArg
        .slice('--background-sizes='.length)
        .split(',')
        .map((s) => Math.round(parseFloat(s) * (/k$/i.test(s) ? 1000 : 1)))
    : [50_000, 200_000];
  for (const size of sizes) {
    const count = Math.min(size, 200_000 - builtIn);
    const label = `background.${size / 1000}k`;
    const add = (name: string, value: number, unit: string) =>
      figures.push({ name: `${label}.${name}`, value: Number(value.toFixed(2)), unit });
    const h = await launch();
    // With BENCH_TRACE_DIR, what the worker says too (a failed cache write shows here).
    if (process.env.BENCH_TRACE_DIR) {
      const say = (w: Worker) => w.on('console', (m) => console.log(`background: ${m.text()}`));
      h.context.serviceWorkers().forEach(say);
      h.context.on('serviceworker', say);
    }
    try {
      const options = await h.context.newPage();
      await options.goto(`chrome-extension://${h.extensionId}/options.html`);
      const hashBefore = await snapshotSaved(options, builtIn);
      const cdp = await h.context.newCDPSession(options);
      const files = packFiles(count, '1.0.0');
      let hashInstalled = '';
      const install = await traced(
        cdp,
        async () => {
          for (const file of files) await importFile(options, file);
          await options.evaluate(() => performance.mark('installed'));
          hashInstalled = await snapshotSaved(options, count + builtIn, hashBefore);
        },
        `${label}.install`,
      );
      const installedAt = install.marks.get('installed') ?? Infinity;
      add('scripts', count + builtIn, 'count');
      add('install.longest-task', longest(install.events, -Infinity, installedAt).ms, 'ms');
      const build = longest(install.events, installedAt);
      add('first-build.longest-task', build.ms, 'ms');
      add('first-build.tasks-over-50ms', build.over50, 'count');
      add('first-build.longest-task.cpu', build.cpuMs, 'ms');
      add('first-build.tasks-over-50ms.cpu', build.cpuOver50, 'count');

      const edit = await traced(
        cdp,
        async () => {
          await importFile(options, packFiles(count, '1.0.1', files.length - 1).at(-1)!);
          await options.evaluate(() => performance.mark('edited'));
          // Until the edited library is cached (the background caches edits once they pause):
          // the background is idle again, as Chrome finds it before stopping it.
          await snapshotSaved(options, count + builtIn, hashInstalled);
        },
        `${label}.edit`,
      );
      const editedAt = edit.marks.get('edited') ?? Infinity;
      add('edit.install.longest-task', longest(edit.events, -Infinity, editedAt).ms, 'ms');
      const update = longest(edit.events, editedAt);
      add('edit.index-update.longest-task', update.ms, 'ms');
      add('edit.index-update.tasks-over-50ms', update.over50, 'count');
      add('edit.index-update.longest-task.cpu', update.cpuMs, 'ms');
      add('edit.index-update.tasks-over-50ms.cpu', update.cpuOver50, 'count');
      add('heap', (await backgroundHeap(h.context, options)) / 2 ** 20, 'MB');

      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      let firstResults = NaN;
      const wake = await traced(
        cdp,
        async () => {
          const opened = await openPanel(h.context, h.extensionId);
          firstResults = opened.firstResults;
          // Long enough for the index to be restored at 200,000 on this machine (its mark).
          await opened.panel.waitForTimeout(6000);
          await opened.panel.close();
        },
        `${label}.wake`,
      );
      add('stopped.first-results', firstResults, 'ms');
      const woken = longest(wake.events);
      add('stopped.wake.longest-task', woken.ms, 'ms');
      add('stopped.wake.longest-task.cpu', woken.cpuMs, 'ms');
      // The worker's own marks (library-search.ts), from its first task after the wake.
      const woke = Math.min(...wake.events.map((e) => e.ts));
      for (const mark of ['library: first page', 'library: cache read', 'library: listed', 'library: index ready']) {
        const at = wake.marks.get(mark);
        if (at !== undefined)
          add(`stopped.${mark.slice('library: '.length).replace(/ /g, '-')}`, (at - woke) / 1000, 'ms');
      }
      await options.close();
    } finally {
      await h.close();
    }
  }
  return figures;
}

// `node --import tsx bench/panel-scale.ts --panel-sizes=50k` runs it alone (`--background` the background's part).
if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = process.argv.includes('--background') ? await runBackground() : await run();
  for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}`);
}
