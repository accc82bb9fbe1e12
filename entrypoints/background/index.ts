/**
 * The background owns every database write, the insert target, and site access. It answers
 * only its own extension: page requests from its own pages, reports from its own content
 * scripts; anything else is ignored.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { parsePackJson, placeholdersIn } from '../../scripts-library/schema';
import { db } from '../../utils/db';
import { claimWelcome } from '../../utils/db/welcome';
import { saveSetting, saveSiteRuleRow } from '../../utils/db/editing';
import { isQuotaError } from '../../utils/db/quota';
import { ensureBuiltinPack, ensurePersonalPack, installPackFile, removePack } from '../../utils/db/packs';
import { decodeImage } from '../../utils/images/decode';
import { pastedImages } from '../../utils/db/images';
import { getScript } from '../../utils/db/script-store';
import { fillPlaceholders, pageValues, profileValues } from '../../utils/insertion/placeholders';
import type { GetDataType, GetReturnType, MaybePromise } from '@webext-core/messaging';
import {
  CONTENT_REPORTS,
  onMessage,
  PAGE_REQUESTS,
  sendMessage,
  type ContentReportType,
  type InsertResult,
  type PageRequestType,
  type Protocol,
  LIBRARY_VERSION_KEY,
  TEACH_RESULT_KEY,
} from '../../utils/messaging/protocol';
import { isOwnContentScript, isOwnExtensionPage, type SenderLike } from '../../utils/messaging/sender';
import { settingsFromRows } from '../../utils/settings';
import { BUILTIN_RULES } from '../../utils/sites/builtin';
import { hostOf, rulesForUrl } from '../../utils/sites/match';
import { siteRuleSchema } from '../../utils/sites/rule-schema';
import { complianceReports } from './compliance';
import { currentConversationOf, isDeadlineAlarm, onFollowUpPromised, onSnapshot, refreshDeadlines } from './deadlines';
import { allTargets, currentTarget, forgetTab, rememberTarget } from './insert-targets';
import { dropClosedTabs } from './tab-session';
import { packEditorHandlers } from './pack-editor';
import {
  activeTabStatus,
  disableSite,
  enableSite,
  onToolbarClick,
  requestSiteAccess,
  restoreSites,
  watchEnabledTabs,
  watchPermissions,
} from './site-access';
import { registerSuggest } from './suggest';
import { registerPalette } from './library';
import type { InsertOptions } from './insert-options';
import { packSyncHandlers, registerPackSync } from './sync';
import { publishHandlers } from './publish';
import { LibrarySearch } from './library-search';
import { chipReports } from './chips';

type Sender = Browser.runtime.MessageSender;
type Handler<K extends keyof Protocol> = (
  data: GetDataType<Protocol[K]>,
  sender: Sender,
) => MaybePromise<GetReturnType<Protocol[K]>>;
type PageHandlers = { [K in PageRequestType]: Handler<K> };
type ContentHandlers = { [K in ContentReportType]: Handler<K> };

async function prepareDatabase() {
  await ensurePersonalPack(db);
  await ensureBuiltinPack(db, loadDefaultPack());
}

async function readSettings() {
  return settingsFromRows(await db.settings.toArray());
}

/**
 * The one insert path (panel, suggestions, palette, inline list, chips); see InsertOptions.
 */
async function insertScript(
  scriptKey: string,
  windowId?: number,
  values: Record<string, string> = {},
  opts: InsertOptions = {},
): Promise<InsertResult> {
  const { target: explicitTarget, replaceBefore, mode, press, requestId, ...usage } = opts;
  const [script, settings, target] = await Promise.all([
    getScript(db, scriptKey),
    readSettings(),
    explicitTarget !== undefined ? explicitTarget : currentTarget(windowId),
  ]);
  if (!script) return { ok: false, reason: 'rejected', detail: 'script not found' };
  if (!target) return { ok: false, reason: 'no-target' };
  if (target.kind === 'unreachable-frame') return { ok: false, reason: 'unreachable-frame' };
  const page = placeholdersIn(script.body).length
    ? pageValues(await sendMessage('readPageValues', undefined, { tabId: target.tabId, frameId: 0 }).catch(() => ({})))
    : { values: {}, suggestions: {} };
  const { text, missing, caret } = fillPlaceholders(script.body, {
    ...profileValues(settings.profile),
    ...page.values,
    ...values,
  });
  // Never insert a reply with `{订单号}` still in it: the panel asks for the values first.
  if (missing.length) return { ok: false, reason: 'needs-values', missing, suggestions: page.suggestions };
  const images = await pastedImages(db, script.images ?? []);
  let result: InsertResult;
  try {
    result = await sendMessage(
      'insertText',
      {
        text,
        mode: mode ?? settings.insertMode,
        ...(caret !== null ? { caret } : {}),
        ...(replaceBefore ? { replaceBefore } : {}),
        ...(images.length ? { images } : {}),
        ...(press ? { press } : {}),
        ...(requestId ? { requestId } : {}),
      },
      { tabId: target.tabId, frameId: target.frameId },
    );
  } catch {
    // Tab closed or navigated away, or the content script is from an older extension load.
    await forgetTab(target.tabId);
    return { ok: false, reason: 'tab-unreachable' };
  }
  if (!result) return { ok: false, reason: 'tab-unreachable' };
  if (!result.ok) return result;
  // A retry of an insertion already done: it was recorded the first time.
  if (result.repeated) return result;
  // The text is in the reply box whatever happens next: a failed write must not turn that
  // into a failure (the agent would insert again).
  try {
    await db.usage.add({ scriptKey, at: Date.now(), site: target.host, ...usage });
  } catch (e) {
    if (!isQuotaError(e)) console.error('话术助手: recording usage failed', e);
    result = { ...result, notRecorded: 'quota' };
  }
  // "我会在 15 分钟内回复您" is itself a deadline.
  if (script.effect)
    await onFollowUpPromised(db, target.tabId, script.effect.followUpMinutes).catch((e: unknown) =>
      console.error('话术助手: follow-up deadline', e),
    );
  // Insert-and-send only where the agent turned it on for this console, never by default.
  if (settings.insertAndSendHosts.includes(target.host)) {
    const sent = await sendMessage('pressSend', undefined, { tabId: target.tabId, frameId: 0 }).catch(() => false);
    return { ...result, sent };
  }
  return result;
}

export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const fromPage = (sender: SenderLike) => isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin);
  const fromContent = (sender: SenderLike) => isOwnContentScript(sender, browser.runtime.id, extensionOrigin);

  const ready = prepareDatabase().catch((e) => console.error('话术助手: preparing the database failed', e));
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void ready.then(async () => {
      if (reason === 'install' && (await claimWelcome(db)))
        await browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
    });
  });
  void restoreSites(db);
  watchEnabledTabs(db);
  watchPermissions(db);
  const syncReady = registerPackSync(db, ready);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (isDeadlineAlarm(alarm.name)) void ready.then(() => refreshDeadlines(db));
  });
  // A service worker that was stopped comes back here: put the badge and alarm right at once.
  void ready.then(() => refreshDeadlines(db));

  // Opening the panel from the toolbar button or its hotkey. Chrome: the side panel;
  // Firefox: the sidebar. The open call must come first, inside the click, before any await.
  // Handling the click ourselves (rather than openPanelOnActionClick) also grants activeTab:
  // we attach to the console the agent is looking at at once, and the panel can offer "enable
  // on this site" for it.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  action.onClicked.addListener((tab) => {
    if (browser.sidePanel) void browser.sidePanel.open({ windowId: tab.windowId });
    else void (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction.toggle();
    void onToolbarClick(db, tab);
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  dropClosedTabs();
  const suggest = registerSuggest((scriptKey, windowId, values, usage) =>
    ready.then(() => insertScript(scriptKey, windowId, values, usage)),
  );

  // The one library service: the panel, the palette, the inline list and the chips ask it.
  // Pages showing a list follow its version through storage.session.
  const library = new LibrarySearch(
    db,
    (version) => void browser.storage.session.set({ [LIBRARY_VERSION_KEY]: version }).catch(() => undefined),
  );
  void ready.then(() => library.start());

  const handlers: PageHandlers = {
    ...packEditorHandlers(ready),
    libraryView: async (request) => {
      await ready;
      return library.panelView(request);
    },
    ...suggest.page,
    getInsertTarget: async ({ windowId }) => {
      const target = await currentTarget(windowId);
      if (!target) return null;
      const conversationKey = await currentConversationOf(target.tabId);
      return conversationKey ? { ...target, conversationKey } : target;
    },
    getActiveTabStatus: ({ windowId }) => activeTabStatus(db, windowId),
    insertScript: async ({ scriptKey, windowId, values, requestId }) => {
      await ready;
      return insertScript(scriptKey, windowId, values, requestId ? { requestId: String(requestId).slice(0, 100) } : {});
    },
    readReplyDraft: async ({ windowId }) => {
      const target = await currentTarget(windowId);
      if (!target || target.kind === 'unreachable-frame') return '';
      return sendMessage('readDraft', undefined, { tabId: target.tabId, frameId: target.frameId }).catch(() => '');
    },
    recordCopy: async ({ scriptKey }) => {
      await db.usage.add({ scriptKey, at: Date.now(), site: '' });
    },
    importPackText: async ({ text, fileName }) => {
      await ready;
      const parsed = parsePackJson(text);
      if (!parsed.ok) return parsed;
      try {
        const diff = await installPackFile(db, parsed.pack, fileName, decodeImage);
        return { ok: true, packId: parsed.pack.id, name: parsed.pack.name, version: parsed.pack.version, diff };
      } catch (e) {
        return {
          ok: false,
          errors: [{ path: 'id', message: (e as Error).message, messageEn: (e as Error).message }],
          ...(isQuotaError(e) ? { code: 'quota' as const } : {}),
        };
      }
    },
    removePack: async ({ packId }) => {
      const pack = await db.packs.get(packId);
      if (pack?.source.kind === 'builtin') return { ok: false, error: 'builtin' };
      try {
        await removePack(db, packId);
        return { ok: true };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
    saveSetting: ({ key, value, base }) => saveSetting(db, key, value, base),
    enableSite: ({ origin, tabId }) => enableSite(db, origin, tabId),
    disableSite: ({ origin }) => disableSite(db, origin),
    requestSiteAccess: ({ tabId }) => requestSiteAccess(tabId),
    startTeach: async ({ windowId }) => {
      // The console beside the panel: the active tab of the panel's window when our script runs
      // there, else the tab the agent last typed in.
      const [active] = windowId !== undefined ? await browser.tabs.query({ active: true, windowId }) : [];
      const candidates = [active?.id, (await currentTarget(windowId))?.tabId].filter(
        (id): id is number => id !== undefined,
      );
      await browser.storage.session.remove(TEACH_RESULT_KEY);
      for (const tabId of candidates) {
        const ok = await sendMessage('beginTeach', undefined, { tabId, frameId: 0 }).catch(() => false);
        if (ok) {
          await browser.tabs.update(tabId, { active: true }).catch(() => undefined);
          return { ok: true };
        }
      }
      return { ok: false };
    },
    saveSiteRule: async ({ rule, base }) => {
      const parsed = siteRuleSchema.safeParse(rule);
      if (!parsed.success)
        return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
      const saved = await saveSiteRuleRow(db, { ...parsed.data, createdAt: Date.now() }, base);
      if (!saved.ok) return saved;
      await browser.storage.session.remove(TEACH_RESULT_KEY);
      // Pages already open read their rule again, so the countdown starts without a reload.
      for (const t of await allTargets())
        void sendMessage('reloadSiteRule', undefined, { tabId: t.tabId, frameId: t.frameId }).catch(() => undefined);
      const [teachTab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      if (teachTab?.id !== undefined)
        void sendMessage('reloadSiteRule', undefined, { tabId: teachTab.id, frameId: 0 }).catch(() => undefined);
      return saved;
    },
    importSiteRules: async ({ text }) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        return { ok: false, error: `不是有效的 JSON：${(e as Error).message}` };
      }
      const parsed = siteRuleSchema
        .array()
        .max(50)
        .safeParse(Array.isArray(json) ? json : [json]);
      if (!parsed.success)
        return {
          ok: false,
          error: parsed.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('；'),
        };
      const now = Date.now();
      await db.siteRules.bulkPut(parsed.data.map((r) => ({ ...r, createdAt: now })));
      return { ok: true, count: parsed.data.length };
    },
    deleteSiteRule: async ({ id }) => {
      await db.siteRules.delete(id);
    },
    refreshDeadlines: async () => {
      await ready;
      await refreshDeadlines(db);
    },
    switchConversation: async ({ key }) => {
      const row = await db.conversations.get(key);
      const targets = await allTargets();
      const tab = targets.find((t) => t.host === row?.site);
      if (!row || !tab) return { ok: false };
      const ok = await sendMessage(
        'openConversation',
        { conversationId: row.conversationId },
        { tabId: tab.tabId, frameId: tab.frameId },
      ).catch(() => false);
      if (ok) await browser.tabs.update(tab.tabId, { active: true }).catch(() => undefined);
      return { ok };
    },
    ...packSyncHandlers(db, syncReady),
    backgroundReady: async () => {
      await syncReady;
      return true;
    },
    ...publishHandlers(db, ready),
  };
  const reports: ContentHandlers = {
    ...suggest.content,
    ...registerPalette({ ready, insertScript, library }),
    ...chipReports({ ready, library, insertScript }),
    ...complianceReports(db, ready, insertScript),
    getSiteRules: async (_data, sender) => {
      const url = sender.url ?? sender.tab?.url ?? '';
      const taught = await db.siteRules.toArray();
      return rulesForUrl(url, [...taught, ...BUILTIN_RULES]);
    },
    teachResult: async (result, sender) => {
      // The panel shows it from session storage (it may have been closed and reopened meanwhile).
      await browser.storage.session.set({
        [TEACH_RESULT_KEY]: result.status === 'ready' ? { ...result, tabId: sender.tab?.id } : result,
      });
    },
    conversationSnapshot: async (snap, sender) => {
      await ready;
      await onSnapshot(db, sender.tab!.id!, hostOf(sender.url ?? sender.tab?.url), snap);
    },
    editorFocused: async (data, sender) => {
      const tab = sender.tab!;
      await rememberTarget({
        tabId: tab.id!,
        frameId: sender.frameId ?? 0,
        windowId: tab.windowId ?? -1,
        kind: data.unreachableFrame ? 'unreachable-frame' : data.kind,
        label: data.label,
        title: tab.title ?? '',
        host: hostOf(tab.url ?? sender.url),
        at: Date.now(),
      });
    },
  };

  // One gate for every message: page requests only from our own pages, reports only from our
  // own content scripts. Anything else is dropped unanswered.
  const listen = <K extends keyof Protocol>(type: K, allow: (s: SenderLike) => boolean, handle: Handler<K>) =>
    onMessage(type, ({ data, sender }) => {
      if (!allow(sender)) {
        console.warn('话术助手: ignored', type, 'from', sender.url);
        return undefined as GetReturnType<Protocol[K]>;
      }
      return handle(data, sender);
    });
  for (const type of PAGE_REQUESTS) listen(type, fromPage, handlers[type] as Handler<typeof type>);
  for (const type of CONTENT_REPORTS) listen(type, fromContent, reports[type] as Handler<typeof type>);
});
