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

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  demoUrl: string;
  serviceWorker(): Promise<Worker>;
  openPanel(): Promise<Page>;
  openConsole(query?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROME_PATH)');
  const server = await startDemoServer({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'huashu-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    // Playwright's own headless switch picks the old headless mode, which cannot load
    // extensions; ask for the new one ourselves.
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: ['--headless=new', '--no-sandbox', ...QUIET_FLAGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
  });
  const serviceWorker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL((await serviceWorker()).url()).host;
  return {
    context,
    extensionId,
    demoUrl: server.url,
    serviceWorker,
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
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
