/**
 * Reply deadlines in the background: snapshots from content scripts update the stored clocks;
 * one alarm at the next phase change drives notifications; the toolbar badge shows the most
 * urgent time left. Everything is derived from timestamps in Dexie, so a stopped service worker
 * or a restarted browser picks up exactly where it was.
 */
import { browser } from 'wxt/browser';
import type { HuashuDB } from '../../utils/db';
import type { ConversationRow } from '../../utils/db';
import {
  applyFollowUpPromise,
  applySnapshot,
  applyUnread,
  conversationKey,
  snapshotRow,
} from '../../utils/db/conversations';
import { isQuotaError } from '../../utils/db/quota';
import { sendMessage, UNSAVED_CLOCKS_KEY } from '../../utils/messaging/protocol';
import { effectivePolicy } from '../../utils/db/policy';
import { formatBadgeText, nextAlarmAt, rankByUrgency, trackNotification } from '../../utils/deadline';
import type { ConversationSnapshot } from '../../utils/sites/reader';
import { readSettings } from '../../utils/db/settings';
import { hostOf } from '../../utils/messaging/sender';
import { showInvisible } from '../../scripts-library/invisible';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { allTargets } from './insert-targets';
import { TabSessionMap } from './tab-session';

/** Fires at the next phase change (warning starts, deadline passes). */
const ALARM = 'deadlines';
/** Refreshes the badge text while anything is waiting. */
const BADGE_ALARM = 'deadline-badge';
/** The badge shows whole minutes or seconds; refresh it this often while anything is waiting. */
const BADGE_REFRESH_MINUTES = 0.5;
const currentConversations = new TabSessionMap<string>('currentConversations');

const BADGE_COLOURS = { calm: '#1664ff', warning: '#d97706', overdue: '#dc2626', idle: '#1664ff' } as const;

/** `action` in MV3, `browserAction` in Firefox's MV2 build. */
const actionApi = () =>
  browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export async function policyFor(db: HuashuDB) {
  const [packs, settings] = await Promise.all([db.packs.toArray(), readSettings(db)]);
  return { policy: effectivePolicy(packs, settings.policyOverrides), settings };
}

/** Which conversation is open in each tab (session storage: gone with the browser, like the tabs). */
export async function currentConversationOf(tabId: number): Promise<string | undefined> {
  return currentConversations.get(tabId);
}

async function setCurrentConversation(tabId: number, key: string) {
  if ((await currentConversations.get(tabId)) !== key) await currentConversations.set(tabId, key);
}

async function unsavedClocks(): Promise<Record<string, ConversationRow>> {
  return (
    ((await browser.storage.session.get(UNSAVED_CLOCKS_KEY))[UNSAVED_CLOCKS_KEY] as
      Record<string, ConversationRow> | undefined) ?? {}
  );
}

async function setUnsaved(key: string, row: ConversationRow | null) {
  const { [key]: _old, ...rest } = await unsavedClocks();
  if (!row && !_old) return;
  await browser.storage.session.set({ [UNSAVED_CLOCKS_KEY]: row ? { ...rest, [key]: row } : rest });
}

export async function onSnapshot(db: HuashuDB, tabId: number, site: string, snap: ConversationSnapshot) {
  const { policy } = await policyFor(db);
  const now = Date.now();
  const key = conversationKey(site, snap.conversationId);
  const unsaved = (await unsavedClocks())[key];
  let row: ConversationRow;
  try {
    row = await applySnapshot(db, site, snap, policy, now, unsaved);
    if (unsaved) await setUnsaved(key, null);
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    // No space to write: the clock keeps running in memory (session storage), and the panel says so.
    row = snapshotRow(unsaved ?? (await db.conversations.get(key)), site, snap, policy, now).next;
    await setUnsaved(key, row);
  }
  if (snap.unread)
    await applyUnread(db, site, snap.unread, policy, now).catch((e: unknown) =>
      console.error('话术助手: unread conversations', e),
    );
  await setCurrentConversation(tabId, row.key);
  await refreshDeadlines(db);
}

export async function onFollowUpPromised(db: HuashuDB, tabId: number, minutes: number) {
  const key = await currentConversationOf(tabId);
  if (!key) return;
  await applyFollowUpPromise(db, key, minutes, Date.now());
  await refreshDeadlines(db);
}

/** Recompute badge, notifications and the next alarm from what is stored. Cheap; call freely. */
export async function refreshDeadlines(db: HuashuDB, now = Date.now()) {
  const { policy, settings } = await policyFor(db);
  // Conversations untouched for a week are not waiting on anyone any more.
  const unsaved = await unsavedClocks();
  const stored = await db.conversations
    .where('updatedAt')
    .above(now - 7 * 24 * 3600_000)
    .toArray();
  const rows = [...stored.filter((r) => !unsaved[r.key]), ...Object.values(unsaved)];
  const ranked = rankByUrgency(rows, policy, now);

  for (const r of ranked) {
    const { notify, seen } = trackNotification(r.notified, r.deadline, r.status.phase);
    if (seen !== r.notified) {
      if (unsaved[r.key]) await setUnsaved(r.key, { ...unsaved[r.key]!, notified: seen });
      else
        await db.conversations
          .update(r.key, { notified: seen })
          .catch((e: unknown) => console.error('话术助手: notified phase', e));
    }
    if (notify && settings.deadlineNotifications) {
      const overdue = notify === 'overdue';
      await browser.notifications
        .create(`deadline:${r.key}:${notify}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: overdue ? '回复已超时' : '回复即将超时',
          // Plain text only: a conversation title with a bidi override is shown with its controls visible.
          message: `${showInvisible(r.title)}（${r.site}）${overdue ? '已超过回复时限' : '快到回复时限了'}`,
          priority: 2,
        })
        .catch(() => undefined);
    }
  }

  const top = ranked[0];
  await actionApi().setBadgeText({ text: top ? formatBadgeText(top.status.remainingMs) : '' });
  if (top) await actionApi().setBadgeBackgroundColor({ color: BADGE_COLOURS[top.status.phase] });

  const next = rows
    .map((r) => nextAlarmAt(r.clock, policy, now))
    .filter((t): t is number => t !== null)
    .reduce((a, b) => Math.min(a, b), Infinity);
  if (Number.isFinite(next)) await browser.alarms.create(ALARM, { when: Math.max(next, now + 500) });
  else await browser.alarms.clear(ALARM);
  const badgeAlarm = await browser.alarms.get(BADGE_ALARM);
  if (ranked.length && !badgeAlarm)
    await browser.alarms.create(BADGE_ALARM, { periodInMinutes: BADGE_REFRESH_MINUTES });
  if (!ranked.length && badgeAlarm) await browser.alarms.clear(BADGE_ALARM);
}

export function isDeadlineAlarm(name: string) {
  return name === ALARM || name === BADGE_ALARM;
}

/** Badge, notifications and the next alarm follow the clocks from the start. */
export function watchDeadlines({ db, ready }: BackgroundDeps) {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (isDeadlineAlarm(alarm.name)) void ready.then(() => refreshDeadlines(db));
  });
  // A service worker that was stopped comes back here: put the badge and alarm right at once.
  void ready.then(() => refreshDeadlines(db));
}

export const deadlineHandlers = ({ db, ready }: BackgroundDeps) =>
  ({
    conversationSnapshot: async (snap, sender) => {
      await ready;
      await onSnapshot(db, sender.tab!.id!, hostOf(sender.url ?? sender.tab?.url), snap);
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
  }) satisfies HandlerGroup;
