/**
 * "Enable on this site": the agent grants one console origin at runtime (optional host
 * permission) and we register the content script there, in all frames. The list is kept in
 * Dexie and re-applied at every start, so it survives restarts in both browsers; revoking it
 * in the options page (or in the browser's own UI) removes the registration.
 */
import { browser } from 'wxt/browser';
import type { HuashuDB } from '../../utils/db';
import type { SiteAccessResult } from '../../utils/messaging/protocol';
import { isStaticConsoleOrigin, originPattern } from '../../utils/sites/builtin';

// WXT's output path of entrypoints/content; its types want the public-path form.
const CONTENT_SCRIPT_FILE = '/content-scripts/content.js' as const;
const scriptId = (origin: string) => `site:${origin}`;

async function register(origin: string) {
  const id = scriptId(origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await browser.scripting.registerContentScripts([
    { id, matches: [originPattern(origin)], js: [CONTENT_SCRIPT_FILE], allFrames: true, runAt: 'document_idle', persistAcrossSessions: false },
  ]);
}

export async function enableSite(db: HuashuDB, origin: string, tabId?: number): Promise<SiteAccessResult> {
  if (isStaticConsoleOrigin(origin)) return { ok: true };
  const granted = await browser.permissions.contains({ origins: [originPattern(origin)] });
  if (!granted) return { ok: false, error: 'permission-denied' };
  await register(origin);
  await db.sites.put({ origin, enabledAt: Date.now() });
  if (tabId !== undefined) {
    // The page is already open: attach now instead of asking the agent to reload it.
    await browser.scripting
      .executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT_FILE] })
      .catch(() => undefined);
  }
  return { ok: true };
}

export async function disableSite(db: HuashuDB, origin: string): Promise<SiteAccessResult> {
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] }).catch(() => undefined);
  await db.sites.delete(origin);
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  return { ok: true };
}

/** At every start: registrations follow the stored list, minus origins whose permission was revoked. */
export async function restoreSites(db: HuashuDB) {
  const sites = await db.sites.toArray();
  for (const { origin } of sites) {
    const granted = await browser.permissions.contains({ origins: [originPattern(origin)] });
    if (granted) await register(origin).catch((e) => console.error('register', origin, e));
    else await db.sites.delete(origin);
  }
}

const INVOKED_KEY = 'invokedTabs';

/** The URL of a tab the agent opened the panel on (activeTab lets us read it at that moment). */
export async function rememberInvokedTab(tabId: number, url: string) {
  const got = await browser.storage.session.get(INVOKED_KEY);
  const map = { ...((got[INVOKED_KEY] as Record<string, string> | undefined) ?? {}), [tabId]: url };
  await browser.storage.session.set({ [INVOKED_KEY]: map });
}

export async function invokedTabUrl(tabId: number): Promise<string | undefined> {
  const got = await browser.storage.session.get(INVOKED_KEY);
  return (got[INVOKED_KEY] as Record<string, string> | undefined)?.[tabId];
}
