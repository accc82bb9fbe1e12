/**
 * End-to-end harness: Debian's Chromium driven by playwright-core, with the built extension
 * (.output/chrome-mv3) loaded, and the demo console served on a free localhost port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium, QUIET_FLAGS } from '../../tools/find-chromium.mjs';
import { startDemoServer } from '../../tools/serve-demo.mjs';
import { buildEditorPages } from '../../tools/build-editor-pages.mjs';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  demoUrl: string;
  /** The extension's running service worker (the newest one, after a reload). */
  serviceWorker(): Promise<Worker>;
  /**
   * Load the extension directory again, as Chrome does when a new version is installed: same id,
   * same profile data, the new files. Needs `launch({ extensionUpdates: true })`.
   */
  reloadExtension(): Promise<void>;
  openPanel(): Promise<Page>;
  openConsole(query?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The unpacked extension to load (default: the build). Its path decides the extension id. */
  extensionDir?: string;
  /** A browser profile to reuse, kept on close: a restart is a second launch on it. */
  profileDir?: string;
  /** Allow `reloadExtension()` and `clickToolbarButton()` (CDP Extensions.* needs this switch). */
  extensionUpdates?: boolean;
  /** More Chromium switches, e.g. `--host-resolver-rules=…` to serve a console under a real-looking name. */
  args?: string[];
}

export async function launch({
  extensionDir = EXTENSION_DIR,
  profileDir,
  extensionUpdates = false,
  args = [],
}: LaunchOptions = {}): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROME_PATH)');
  const server = await startDemoServer({ port: 0 });
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'huashu-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    // Playwright's own headless switch picks the old headless mode, which cannot load
    // extensions; ask for the new one ourselves.
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      ...QUIET_FLAGS,
      ...(extensionUpdates ? ['--enable-unsafe-extension-debugging'] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...args,
    ],
  });
  const serviceWorker = async () =>
    context.serviceWorkers().at(-1) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    demoUrl: server.url,
    serviceWorker,
    async reloadExtension() {
      const before = context.serviceWorkers().at(-1);
      const started = context.waitForEvent('serviceworker', { predicate: (w) => w !== before, timeout: 15_000 });
      const browser = context.browser();
      if (!browser) throw new Error('no browser-level CDP session');
      const cdp = await browser.newBrowserCDPSession();
      // Not in playwright-core's protocol types yet (Chrome 126+).
      const { id } = (await cdp.send(
        'Extensions.loadUnpacked' as 'Browser.getVersion',
        { path: extensionDir } as never,
      )) as unknown as { id: string };
      await cdp.detach();
      if (id !== extensionId) throw new Error(`reloaded as ${id}, not ${extensionId}`);
      await started;
    },
    async openPanel() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      return page;
    },
    async openConsole(query = '?schedule=off') {
      const page = await context.newPage();
      await page.goto(new URL(query, server.url).href);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      if (!profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- insertion tests and benchmark

/** The per-editor test pages (tests/e2e/editors/), rebuilt when stale, served on 127.0.0.1. */
export async function serveEditorPages(): Promise<{ url: string; close(): Promise<void> }> {
  const { outDir } = await buildEditorPages();
  return startDemoServer({ port: 0, root: outDir });
}

/** Imports a pack file through the options page, the way a team lead does. */
export async function importPack(h: Harness, pack: { id: string; name: string }): Promise<void> {
  const options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options.getByTestId('import-pack').setInputFiles({
    name: `${pack.id}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(pack)),
  });
  await options.getByTestId('import-result').filter({ hasText: pack.name }).waitFor();
  await options.close();
}

/** Picks the insertion mode in the options page: at the caret, or replacing the whole draft. */
export async function setInsertMode(h: Harness, mode: 'caret' | 'replace-draft'): Promise<void> {
  const options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  // The radio shows the stored setting (a live query), so it turns checked once the background
  // has saved it: click, then wait for that rather than for the click's own state.
  await options.locator(`#mode-${mode}`).click();
  await options.waitForFunction(
    (id) => (document.getElementById(id) as HTMLInputElement | null)?.checked === true,
    `mode-${mode}`,
  );
  await options.close();
}

/** In the side panel: search for the script by its title and click it (the agent's insert). */
export async function clickScriptInPanel(panel: Page, scriptKey: string, title: string): Promise<void> {
  await panel.getByRole('searchbox').fill(title);
  await panel.locator(`[data-script-key="${scriptKey}"] .script-main`).click();
}

/** Every usage row of the extension's database, as JSON (read in an extension page). */
export async function usageRows(h: Harness): Promise<string> {
  const options = await h.context.newPage();
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  const dump = await options.evaluate(async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (db.objectStoreNames.contains('usage'))
        out.push(
          ...(await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction('usage').objectStore('usage').getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          })),
        );
      db.close();
    }
    return JSON.stringify(out);
  });
  await options.close();
  return dump;
}
