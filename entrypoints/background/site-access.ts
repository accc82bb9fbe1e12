/**
 * "Enable on this site": the agent grants one console origin at runtime (optional host
 * permission) and we register the content script there, in all frames, kept by the browser
 * across restarts. The list is also kept in Dexie and checked at every start against the
 * permissions the browser still holds; revoking it in the options page (or in the browser's
 * own UI) removes the registration.
 *
 * Before that, a click on our toolbar icon attaches the content script to that one page at
 * once (activeTab), so the agent can try the assistant without granting anything.
 */
import { browser, type Browser } from 'wxt/browser';
import type { HuashuDB } from '../../utils/db';
import type { ActiveTabStatus, SiteAccessResult } from '../../utils/messaging/protocol';
import { sendMessage } from '../../utils/messaging/protocol';
import { enableableOrigin, isStaticConsoleOrigin, originPattern } from '../../utils/sites/builtin';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { TabSessionMap } from './tab-session';

// WXT's output path of entrypoints/content; its types want the public-path form.
const CONTENT_SCRIPT_FILE = '/content-scripts/content.js' as const;
const SCRIPT_PREFIX = 'site:';
const scriptId = (origin: string) => `${SCRIPT_PREFIX}${origin}`;

/** The manifest's own content-script matches: the consoles that need no enabling in this build. */
const manifestMatches = () => (browser.runtime.getManifest().content_scripts ?? []).flatMap((cs) => cs.matches ?? []);
const isStatic = (origin: string) => isStaticConsoleOrigin(origin, manifestMatches());

async function register(origin: string) {
  const id = scriptId(origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await browser.scripting.registerContentScripts([
    // Kept by the browser across restarts: the console's first page load after a restart
    // already has us, without waiting for this worker to start.
    {
      id,
      matches: [originPattern(origin)],
      js: [CONTENT_SCRIPT_FILE],
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

async function unregister(origin: string) {
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(origin)] }).catch(() => undefined);
}

/** Our content script answers in the tab's top frame. */
async function isAttached(tabId: number): Promise<boolean> {
  return sendMessage('ping', undefined, { tabId, frameId: 0 }).then(
    (r) => r === 'pong',
    () => false,
  );
}

/** Runs the content script in the page now (every frame we may reach); never twice. */
export async function attachNow(tabId: number) {
  if (await isAttached(tabId)) return;
  await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT_FILE] })
    .catch(() => undefined);
}

export async function enableSite(db: HuashuDB, origin: string, tabId?: number): Promise<SiteAccessResult> {
  if (isStatic(origin)) return { ok: true };
  const granted = await browser.permissions.contains({ origins: [originPattern(origin)] });
  if (!granted) return { ok: false, error: 'permission-denied' };
  await register(origin);
  await db.sites.put({ origin, enabledAt: Date.now() });
  // The page is already open: attach now instead of asking the agent to reload it.
  if (tabId !== undefined) await attachNow(tabId);
  return { ok: true };
}

export async function disableSite(db: HuashuDB, origin: string): Promise<SiteAccessResult> {
  await unregister(origin);
  await db.sites.delete(origin);
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  return { ok: true };
}

/**
 * At every start: registrations follow the stored list, minus origins whose permission was
 * revoked in the browser's own UI meanwhile; registrations of origins no longer listed go.
 */
export async function restoreSites(db: HuashuDB) {
  const sites = await db.sites.toArray();
  const kept = new Set<string>();
  for (const { origin } of sites) {
    const granted = await browser.permissions.contains({ origins: [originPattern(origin)] });
    if (granted) {
      kept.add(origin);
      await register(origin).catch((e) => console.error('register', origin, e));
      // Pages of it already open: loaded before this worker ran, the registered script may have
      // missed them (or run before the extension was ready right after a browser start).
      for (const tab of await browser.tabs.query({ url: originPattern(origin) }).catch(() => []))
        if (tab.id !== undefined) await attachNow(tab.id);
    } else await db.sites.delete(origin);
  }
  for (const s of await browser.scripting.getRegisteredContentScripts()) {
    if (s.id.startsWith(SCRIPT_PREFIX) && !kept.has(s.id.slice(SCRIPT_PREFIX.length)))
      await unregister(s.id.slice(SCRIPT_PREFIX.length));
  }
}

/** The URL of a tab the agent clicked our toolbar icon on (activeTab lets us read it then). */
const invokedTabs = new TabSessionMap<string>('invokedTabs');
/** Tabs whose site the agent asked to enable through the browser's own toolbar request (when). */
const accessRequests = new TabSessionMap<string>('siteAccessRequests');

/**
 * The toolbar icon (or its shortcut) on a tab: activeTab lets us run there right now, so the
 * page gets the palette, the inline list and the checks at once; the panel then offers to make
 * it permanent.
 */
export async function onToolbarClick(db: HuashuDB, tab: Browser.tabs.Tab) {
  if (tab.id === undefined || !tab.url) return;
  await invokedTabs.set(tab.id, tab.url);
  const origin = enableableOrigin(tab.url);
  if (!origin || isStatic(origin) || (await db.sites.get(origin))) return;
  await attachNow(tab.id);
}

/** The active tab of the panel's window: may we run there, do we, and is it enabled for good? */
export async function activeTabStatus(db: HuashuDB, windowId: number): Promise<ActiveTabStatus | null> {
  const [tab] = await browser.tabs.query({ active: true, windowId });
  if (tab?.id === undefined) return null;
  // `url` is there only with access to the tab (activeTab after a toolbar click, or a grant).
  const url = tab.url ?? (await invokedTabs.get(tab.id));
  const origin = enableableOrigin(url);
  const attached = await isAttached(tab.id);
  const enabled = origin !== null && (isStatic(origin) || (await db.sites.get(origin)) !== undefined);
  return { tabId: tab.id, origin, restricted: url !== undefined && origin === null, attached, enabled };
}

type PermissionsWithRequests = typeof browser.permissions & {
  addHostAccessRequest?(request: { tabId: number }): Promise<void>;
};

/**
 * The panel was opened some other way, so the tab's address is unknown to us: Chrome can still
 * ask the agent to allow this tab's site (a request in its toolbar); once allowed, `onAdded`
 * below enables it. Firefox has no such request: the agent clicks our toolbar icon instead.
 */
export async function requestSiteAccess(
  tabId: number,
): Promise<{ ok: true } | { ok: false; reason: 'unsupported' | 'not-here' }> {
  const permissions = browser.permissions as PermissionsWithRequests;
  if (!permissions.addHostAccessRequest) return { ok: false, reason: 'unsupported' };
  try {
    await permissions.addHostAccessRequest({ tabId });
  } catch {
    return { ok: false, reason: 'not-here' };
  }
  await accessRequests.set(tabId, String(Date.now()));
  return { ok: true };
}

/**
 * Every page load of an enabled console ends with our script answering in it. Chromium may run a
 * persisted registration in the first page loaded after a browser start before the extension can
 * take messages, which leaves a script that never answers (seen in the restart e2e); the ping
 * costs one message per load, and the script is injected only where nothing answers.
 */
export function watchEnabledTabs(db: HuashuDB) {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete') return;
    const origin = enableableOrigin(tab.url);
    if (!origin) return;
    void db.sites
      .get(origin)
      .then((site) => (site ? attachNow(tabId) : undefined))
      .catch(() => undefined);
  });
}

/** Follows grants and revocations made in the browser's own UI. */
export function watchPermissions(db: HuashuDB) {
  browser.permissions.onAdded.addListener((added) => {
    void (async () => {
      const requested = await accessRequests.all();
      const left = { ...requested };
      for (const id of Object.keys(requested)) {
        // Now that the site is allowed, the tab's address is ours to read.
        const tab = await browser.tabs.get(Number(id)).catch(() => undefined);
        const origin = enableableOrigin(tab?.url);
        if (!tab || !origin) {
          delete left[id];
          continue;
        }
        if (!added.origins?.length || !(await browser.permissions.contains({ origins: [originPattern(origin)] })))
          continue;
        delete left[id];
        await enableSite(db, origin, tab.id);
      }
      await accessRequests.replace(left);
    })();
  });
  browser.permissions.onRemoved.addListener((removed) => {
    void (async () => {
      for (const pattern of removed.origins ?? []) {
        const origin = pattern.replace(/\/\*$/, '');
        if (await db.sites.get(origin)) {
          await unregister(origin);
          await db.sites.delete(origin);
        }
      }
    })();
  });
}

/**
 * Site access from the start: registrations restored, enabled tabs attached, the browser's
 * grants followed, and the toolbar button. Chrome opens the side panel on it, Firefox the
 * sidebar; the open call must come first, inside the click, before any await. Handling the
 * click ourselves (rather than openPanelOnActionClick) also grants activeTab: we attach to the
 * console the agent is looking at at once, and the panel can offer "enable on this site" for it.
 */
export function watchSiteAccess({ db }: BackgroundDeps) {
  void restoreSites(db);
  watchEnabledTabs(db);
  watchPermissions(db);
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  action.onClicked.addListener((tab) => {
    if (browser.sidePanel) void browser.sidePanel.open({ windowId: tab.windowId });
    else void (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction.toggle();
    void onToolbarClick(db, tab);
  });
}

export const siteAccessHandlers = ({ db }: BackgroundDeps) =>
  ({
    getActiveTabStatus: ({ windowId }) => activeTabStatus(db, windowId),
    enableSite: ({ origin, tabId }) => enableSite(db, origin, tabId),
    disableSite: ({ origin }) => disableSite(db, origin),
    requestSiteAccess: ({ tabId }) => requestSiteAccess(tabId),
  }) satisfies HandlerGroup;
