/**
 * The library's lists: the side panel's view and the palette's and inline list's search, both
 * answered by the background's one library service (library-search.ts). Content scripts cannot
 * open our database (IndexedDB there is the console's), so they ask here; the panel asks too, so
 * both rank the same way. Also the palette's hotkey as a browser command.
 */
import { browser } from 'wxt/browser';
import type { HuashuDB } from '../../utils/db';
import { readSettings } from '../../utils/db/settings';
import { resolveLocale } from '../../utils/i18n';
import {
  LIBRARY_VIEW_PORT,
  sendMessage,
  type LibraryViewAnswer,
  type LibraryViewAsk,
  type PaletteConfig,
} from '../../utils/messaging/protocol';
import { isOwnExtensionPage } from '../../utils/messaging/sender';
import { DEFAULT_HOTKEY, hotkeyProblem, parseHotkey } from '../../utils/features/palette/hotkey';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { tabTarget } from './insert-targets';
import { attachNow } from './site-access';
import { recentMessagesOf } from './suggest';

/** The name of the palette command in wxt.config.ts. */
export const PALETTE_COMMAND = 'open-palette';

async function paletteConfig(db: HuashuDB): Promise<PaletteConfig> {
  const settings = await readSettings(db);
  // A stored hotkey that is no longer acceptable falls back to the default rather than clash.
  const hotkey = hotkeyProblem(parseHotkey(settings.paletteHotkey)) ? DEFAULT_HOTKEY : settings.paletteHotkey;
  // The options page validates; this keeps a hand-edited or older value from firing everywhere.
  const triggers = settings.inlineTriggers.filter((t) => t.length > 0 && t.length <= 3 && !/[\p{L}\p{N}\s]/u.test(t));
  return { hotkey, triggers, locale: resolveLocale(settings.locale, navigator.language) };
}

/** Opens the palette in the tab's top frame, or where the reply field is when the top frame has no script of ours. */
async function openPaletteIn(tabId: number): Promise<boolean> {
  if (await sendMessage('openPalette', undefined, { tabId, frameId: 0 }).catch(() => false)) return true;
  const target = await tabTarget(tabId);
  if (!target || target.frameId === 0) return false;
  return sendMessage('openPalette', undefined, { tabId, frameId: target.frameId }).catch(() => false);
}

/** Chrome's and Firefox's keyboard shortcut (chrome://extensions/shortcuts); the page's own key handler covers the same key when the browser has none set. */
export function watchPaletteCommand() {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== PALETTE_COMMAND) return;
    const open = async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (id === undefined || (await openPaletteIn(id))) return;
      // Not attached there: the shortcut granted activeTab, as a toolbar click does. Attach to
      // this page now and open the palette in it.
      await attachNow(id);
      await openPaletteIn(id);
    };
    void open();
  });
}

/**
 * The side panel's list over its port (LIBRARY_VIEW_PORT): one answer per request, with the
 * request's id. A port another extension or a web page opened is closed unanswered; a port
 * whose panel went away mid-answer is dropped with it.
 */
export function serveLibraryViews({ ready, library }: Pick<BackgroundDeps, 'ready' | 'library'>) {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIBRARY_VIEW_PORT) return;
    if (!isOwnExtensionPage(port.sender ?? {}, browser.runtime.id, extensionOrigin)) {
      console.warn('话术助手: ignored', LIBRARY_VIEW_PORT, 'from', port.sender?.url);
      return port.disconnect();
    }
    let open = true;
    port.onDisconnect.addListener(() => (open = false));
    port.onMessage.addListener((message) => {
      const { id, view } = message as LibraryViewAsk;
      const answer = async (): Promise<LibraryViewAnswer> => {
        await ready;
        try {
          return { id, view: await library.panelView(view) };
        } catch (e) {
          return { id, error: (e as Error)?.message ?? String(e) };
        }
      };
      void answer().then((a) => open && port.postMessage(a));
    });
  });
}

export const libraryHandlers = ({ db, ready, library }: BackgroundDeps) =>
  ({
    searchScripts: async ({ query, limit }, sender) => {
      await ready;
      // The conversation open in this tab: its latest customer message puts suggestions first.
      const recent = sender.tab?.id !== undefined ? await recentMessagesOf(sender.tab.id) : undefined;
      return library.search(String(query).slice(0, 200), limit, recent?.messages ?? []);
    },
    getPaletteConfig: async () => {
      await ready;
      void library.start(); // warm the index while the agent reads the conversation
      return paletteConfig(db);
    },
    requestPalette: async (_data, sender) => openPaletteIn(sender.tab!.id!),
    paletteClosed: async (_data, sender) => {
      const target = await tabTarget(sender.tab!.id!);
      if (target && target.kind !== 'unreachable-frame')
        await sendMessage('focusField', undefined, { tabId: target.tabId, frameId: target.frameId }).catch(() => false);
    },
  }) satisfies HandlerGroup;
