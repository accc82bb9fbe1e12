/**
 * Firefox end-to-end harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi,
 * with the built MV2 extension (.output/firefox-mv2) installed as a temporary add-on, and the
 * demo console served on a free 127.0.0.1 port.
 *
 * Extension pages live at moz-extension://<uuid>/…, a random UUID per install; the
 * `extensions.webextensions.uuids` pref pins it so the test can open the side panel page
 * (sidepanel.html) in a normal tab, the way the Chromium suite does.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Locator, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startDemoServer } from '../../tools/serve-demo.mjs';
import { buildEditorPages } from '../../tools/build-editor-pages.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';
export const hasFirefox = existsSync(FIREFOX);
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');
export const GECKO_ID = 'huashu-assistant@example.org';
/** Any fixed UUID: the moz-extension:// host of our pages for this test profile. */
export const EXTENSION_UUID = '5a1c0e3b-9d47-4f6a-8b2e-7c3d1f0a6e94';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** Nothing may reach the network (CI has none, and a hanging request stalls startup or shutdown). */
const OFFLINE = 'http://127.0.0.1:9/';
const PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
  // Temporary add-ons need no signature; be explicit anyway.
  'xpinstall.signatures.required': false,
  // Updates, telemetry, studies, remote settings, captive portal, connectivity checks, safe browsing.
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.url': OFFLINE,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': OFFLINE,
  'datareporting.policy.dataSubmissionEnabled': false,
  'services.settings.server': OFFLINE,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.update.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.activity-stream.default.sites': '',
  'browser.topsites.contile.enabled': false,
  'browser.search.geoip.url': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'dom.push.connection.enabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-manager.url': OFFLINE,
  'browser.translations.enable': false,
  'browser.ml.enable': false,
  'identity.fxaccounts.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'nimbus.rollouts.enabled': false,
  // Focus and caret behave as in a visible window even when headless / in a background tab.
  'focusmanager.testmode': true,
};

/** HUASHU_FIREFOX_DEBUG=1: Firefox's own output, and every console.* of every page and of the background, on stdout. */
const DEBUG = !!process.env.HUASHU_FIREFOX_DEBUG;
const DEBUG_PREFS = DEBUG ? { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true } : {};

export interface FirefoxHarness {
  browser: Browser;
  demoUrl: string;
  /** A new tab showing one of our pages (`sidepanel.html`, `options.html`, …), loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** A new tab with the demo console, loaded, in front. */
  openConsole(query?: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Firefox's WebDriver BiDi leaves extension documents out of its events (Bug 1755014), so
 * `page.goto(moz-extension://…)` loads the page but never hears that it did and times out.
 * The BiDi command itself waits for the load in Firefox: send it without Puppeteer's event wait.
 */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  const context = (
    page.mainFrame() as unknown as { browsingContext?: { navigate?(url: string, wait: 'complete'): Promise<void> } }
  ).browsingContext;
  if (typeof context?.navigate !== 'function') {
    throw new Error(
      'puppeteer-core internals changed: Frame#browsingContext.navigate is gone; update gotoExtensionPage()',
    );
  }
  await context.navigate(url, 'complete');
  const href = await page.evaluate(() => location.href);
  if (href !== url) throw new Error(`expected ${url}, got ${href}`);
}

export async function launchFirefox(): Promise<FirefoxHarness> {
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIR} not built: run \`npx wxt build -b firefox\` first`);
  }
  const server = await startDemoServer({ port: 0 });
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: { width: 1280, height: 800 },
      extraPrefsFirefox: { ...PREFS, ...DEBUG_PREFS },
      dumpio: DEBUG,
      // WebDriver BiDi refuses to navigate a tab to moz-extension:// ("not allowed in this
      // context") unless the client may reach privileged pages; this throwaway profile may.
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    const id = await browser.installExtension(EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw e;
  }
  const b = browser;
  return {
    browser: b,
    demoUrl: server.url,
    async openExtensionPage(path) {
      const page = await b.newPage();
      await gotoExtensionPage(page, `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`);
      return page;
    },
    async openConsole(query = '?schedule=off') {
      const page = await b.newPage();
      await page.goto(new URL(query, server.url).href, { waitUntil: 'load' });
      await page.bringToFront();
      return page;
    },
    async close() {
      await b.close().catch(() => undefined);
      await server.close();
    },
  };
}

/**
 * First run: the background fills its database, then opens the onboarding tab, which takes the
 * foreground. Waits (from one of our pages, which see our own tabs' URLs without the `tabs`
 * permission) until that tab is there, so it cannot pull focus from the console mid-test.
 */
export async function waitForFirstRun(h: FirefoxHarness, timeoutMs = 15_000): Promise<void> {
  const page = await h.openExtensionPage('options.html');
  const onboardingOpen = () =>
    page.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ url?: string }[]> } } })
        .browser;
      return (await ext.tabs.query({})).some((t) => /^moz-extension:\/\/[^/]+\/onboarding\.html$/.test(t.url ?? ''));
    });
  const deadline = Date.now() + timeoutMs;
  while (!(await onboardingOpen())) {
    if (Date.now() > deadline) throw new Error(`the onboarding tab did not open within ${timeoutMs} ms of installing`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.close();
}

/**
 * The frame every Firefox test file shares. Without firefox-esr: a skipped suite (and a warning)
 * named `Firefox <name> test`. Otherwise one Firefox with the extension for the whole file,
 * launched before its tests, past the first run, then `options.setup` (a pack import, a page…),
 * and closed after them. `tests` registers the file's describe/it blocks; the harness it gets
 * stands for the one launched, so it may be used inside hooks and tests only.
 */
export function describeFirefox(
  name: string,
  ...args:
    | [tests: (h: FirefoxHarness) => void]
    | [options: { setup(h: FirefoxHarness): Promise<void> }, tests: (h: FirefoxHarness) => void]
): void {
  const [setup, tests] = args.length === 1 ? [undefined, args[0]] : [args[0].setup, args[1]];
  if (!hasFirefox) {
    const why = `skipped: ${FIREFOX} not found (apt-get install -y firefox-esr)`;
    console.warn(`Firefox ${name} test ${why}`);
    describe.skip(`Firefox ${name} test — ${why}`, () => {
      it('needs firefox-esr', () => undefined);
    });
    return;
  }
  let launched: FirefoxHarness | undefined;
  const current = () => {
    if (!launched) throw new Error('Firefox is not running: use the harness inside hooks and tests only');
    return launched;
  };
  beforeAll(async () => {
    launched = await launchFirefox();
    await waitForFirstRun(launched);
    await setup?.(launched);
  }, 90_000);
  afterAll(async () => {
    await launched?.close();
  });
  tests({
    get browser() {
      return current().browser;
    },
    get demoUrl() {
      return current().demoUrl;
    },
    openExtensionPage: (path) => current().openExtensionPage(path),
    openConsole: (query) => current().openConsole(query),
    close: () => current().close(),
  });
}

// ---------------------------------------------------------------- insertion tests

/** The per-editor test pages (tests/e2e/editors/), rebuilt when stale, served on 127.0.0.1. */
export async function serveEditorPages(): Promise<{ url: string; close(): Promise<void> }> {
  const { outDir } = await buildEditorPages();
  return startDemoServer({ port: 0, root: outDir });
}

/** Imports a pack file through the options page, the way a team lead does. */
export async function importPack(h: FirefoxHarness, pack: { id: string; name: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huashu-ff-pack-'));
  const file = join(dir, `${pack.id}.json`);
  writeFileSync(file, JSON.stringify(pack));
  const options = await h.openExtensionPage('options.html');
  try {
    const input = await options.waitForSelector('input[data-testid="import-pack"]');
    await input!.uploadFile(file);
    await options.waitForFunction(
      (name) => document.querySelector('[data-testid="import-result"]')?.textContent?.includes(name) ?? false,
      { timeout: 15_000 },
      pack.name,
    );
  } finally {
    await options.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In the side panel tab: search for the script by its title and click it (the agent's insert). */
export async function clickScriptInPanel(panel: Page, scriptKey: string, title: string): Promise<void> {
  // The panel tab stays in the background (the console tab keeps focus, as beside a real side
  // panel), where Firefox runs no animation frames: Puppeteer's "stable box" wait would then sit
  // out its whole timeout. The panel's list does not move; skip that wait.
  const quick = (l: Locator<Element>) => l.setWaitForStableBoundingBox(false).setEnsureElementIsInTheViewport(false);
  await quick(panel.locator('::-p-aria([role="searchbox"])')).fill(title);
  await quick(panel.locator(`[data-script-key="${scriptKey}"] .script-main`)).click();
}
