/**
 * Firefox end-to-end harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi,
 * with the built MV2 extension (.output/firefox-mv2) installed as a temporary add-on, and the
 * demo console served on a free 127.0.0.1 port.
 *
 * Extension pages live at moz-extension://<uuid>/…, a random UUID per install; the
 * `extensions.webextensions.uuids` pref pins it so the test can open the side panel page
 * (sidepanel.html) in a normal tab, the way the Chromium suite does.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startDemoServer } from '../../tools/serve-demo.mjs';

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
  // Temporary add-ons need no signature, but be explicit; and allow the extension in all windows.
  'xpinstall.signatures.required': false,
  'extensions.logging.enabled': false,
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

export interface FirefoxHarness {
  browser: Browser;
  demoUrl: string;
  openExtensionPage(path: string): Promise<Page>;
  openConsole(query?: string): Promise<Page>;
  close(): Promise<void>;
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
      extraPrefsFirefox: PREFS,
      // WebDriver BiDi refuses to navigate a tab to moz-extension:// ("not allowed in this
      // context") unless the client may reach privileged pages; this throwaway profile may.
      args: ['--remote-allow-system-access'],
      // Debian's firefox-esr honours MOZ_* from the environment; keep crash reporter / remote quiet.
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
    });
    const id = await browser.installExtension(EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw e;
  }
  const b = browser;
  const open = async (url: string) => {
    const page = await b.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  };
  return {
    browser: b,
    demoUrl: server.url,
    openExtensionPage: (path) => open(`${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`),
    openConsole: (query = '?schedule=off') => open(new URL(query, server.url).href),
    async close() {
      await b.close().catch(() => undefined);
      await server.close();
    },
  };
}
