/**
 * Console rules in the background: which rules a page gets, teach mode started from the panel
 * and its result kept for it, and rules saved, imported or deleted from the panel and options.
 */
import { browser } from 'wxt/browser';
import { saveSiteRuleRow } from '../../utils/db/editing';
import { sendMessage, TEACH_RESULT_KEY } from '../../utils/messaging/protocol';
import { BUILTIN_RULES } from '../../utils/sites/builtin';
import { rulesForUrl } from '../../utils/sites/match';
import { siteRuleSchema } from '../../scripts-library/rule-schema';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { allTargets, currentTarget } from './insert-targets';

export const siteRuleHandlers = ({ db }: BackgroundDeps) =>
  ({
    getSiteRules: async (_data, sender) => {
      const url = sender.url ?? sender.tab?.url ?? '';
      const taught = await db.siteRules.toArray();
      return rulesForUrl(url, [...taught, ...BUILTIN_RULES]);
    },
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
    teachResult: async (result, sender) => {
      // The panel shows it from session storage (it may have been closed and reopened meanwhile).
      await browser.storage.session.set({
        [TEACH_RESULT_KEY]: result.status === 'ready' ? { ...result, tabId: sender.tab?.id } : result,
      });
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
  }) satisfies HandlerGroup;
