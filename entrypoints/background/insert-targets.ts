/**
 * Which console field an insertion goes to: the field the agent last focused, preferring the
 * active tab of the window the side panel is in. Kept in `storage.session` so a service-worker
 * restart does not forget it (the session area is cleared when the browser closes, and the
 * targets are no use after that anyway).
 */
import { browser, type Browser } from 'wxt/browser';
import type { InsertTarget } from '../../utils/messaging/protocol';
import { hostOf } from '../../utils/messaging/sender';

const KEY = 'insertTargets';

async function load(): Promise<InsertTarget[]> {
  const got = await browser.storage.session.get(KEY);
  return (got[KEY] as InsertTarget[] | undefined) ?? [];
}

async function save(targets: InsertTarget[]) {
  await browser.storage.session.set({ [KEY]: targets });
}

export async function rememberTarget(target: InsertTarget) {
  const all = await load();
  // The top frame reports "unreachable frame" when focus moves into a cross-origin <iframe>;
  // when our script runs inside that frame too, its own report (just before) is the truth.
  const previous = all.find((t) => t.tabId === target.tabId);
  if (target.kind === 'unreachable-frame' && previous && previous.frameId !== 0 && target.at - previous.at < 2000)
    return;
  // One entry per tab: the frame focused last in that tab wins.
  const targets = all.filter((t) => t.tabId !== target.tabId);
  targets.push(target);
  await save(targets.slice(-50));
}

export async function forgetTab(tabId: number) {
  const targets = await load();
  if (targets.some((t) => t.tabId === tabId)) await save(targets.filter((t) => t.tabId !== tabId));
}

export async function currentTarget(windowId?: number): Promise<InsertTarget | null> {
  const targets = await load();
  if (!targets.length) return null;
  if (windowId !== undefined) {
    const [active] = await browser.tabs.query({ active: true, windowId });
    const inActive = targets.find((t) => t.tabId === active?.id);
    if (inActive) return inActive;
  }
  return targets.reduce((a, b) => (b.at > a.at ? b : a));
}

export const allTargets = load;

/** The field the agent last focused in this tab (the palette may sit in another frame). */
export async function tabTarget(tabId: number): Promise<InsertTarget | null> {
  return (await load()).find((t) => t.tabId === tabId) ?? null;
}

/** The reply field of the frame that asks (the inline list's, a chip's). */
export function senderTarget(sender: Browser.runtime.MessageSender): InsertTarget {
  const tab = sender.tab!;
  return {
    tabId: tab.id!,
    frameId: sender.frameId ?? 0,
    windowId: tab.windowId ?? -1,
    kind: 'contenteditable',
    label: '',
    title: tab.title ?? '',
    host: hostOf(tab.url ?? sender.url),
    at: Date.now(),
  };
}
