/**
 * Forbidden phrases in the background: hands content scripts the rules of every installed pack
 * (and tells them when the packs change), counts warnings per day, site and category (counts
 * only, never the text that triggered them), and inserts the better script a warning names.
 */
import { liveQuery } from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { complianceCategories, rulesVersion, type ComplianceRules } from '../../utils/compliance/rules';
import type { HuashuDB } from '../../utils/db';
import { getScripts } from '../../utils/db/script-store';
import { countWarning } from '../../utils/db/warnings';
import { resolveLocale } from '../../utils/i18n';
import { sendMessage, type InsertResult } from '../../utils/messaging/protocol';
import { settingsFromRows } from '../../utils/settings';
import { hostOf } from '../../utils/sites/match';

type Sender = Browser.runtime.MessageSender;

async function buildRules(db: HuashuDB): Promise<ComplianceRules> {
  const [packs, settingRows] = await Promise.all([db.packs.orderBy('order').toArray(), db.settings.toArray()]);
  const keys = packs.flatMap((p) => p.forbidden.flatMap((c) => c.suggestScripts.map((id) => `${p.id}/${id}`)));
  const scripts = await getScripts(db, keys);
  const titles = new Map(scripts.flatMap((s) => (s ? [[s.key, s.title] as const] : [])));
  const categories = complianceCategories(packs, (key) => titles.get(key));
  const locale = resolveLocale(settingsFromRows(settingRows).locale, navigator.language);
  return { version: `${locale}:${rulesVersion(categories)}`, locale, categories };
}

type InsertScript = (
  scriptKey: string,
  windowId: number | undefined,
  values: Record<string, string> | undefined,
  opts: { mode: 'replace-draft' },
) => Promise<InsertResult>;

export function complianceReports(db: HuashuDB, ready: Promise<unknown>, insertScript: InsertScript) {
  let cached: Promise<ComplianceRules> | null = null;
  const rules = () => (cached ??= buildRules(db).catch((e) => ((cached = null), Promise.reject(e))));

  // Packs (or the language) change from the options page, a sync or an import: rebuild and tell
  // every tab, so an open console checks with the new lists without a reload.
  let lastVersion: string | null = null;
  void ready.then(() =>
    liveQuery(() => Promise.all([db.packs.toArray(), db.settings.get('locale')])).subscribe(() => {
      cached = null;
      void rules().then(async (r) => {
        if (lastVersion !== null && r.version !== lastVersion) {
          for (const tab of await browser.tabs.query({}))
            if (tab.id !== undefined)
              void sendMessage('reloadComplianceRules', undefined, { tabId: tab.id }).catch(() => undefined);
        }
        lastVersion = r.version;
      });
    }),
  );

  return {
    getComplianceRules: async () => {
      await ready;
      return rules();
    },
    complianceWarning: async (
      data: { categoryId: string; categoryName: string; override?: boolean },
      sender: Sender,
    ) => {
      await ready;
      await countWarning(
        db,
        hostOf(sender.tab?.url ?? sender.url),
        String(data.categoryId).slice(0, 140),
        String(data.categoryName).slice(0, 40),
        data.override === true,
      );
    },
    insertSuggestedScript: async ({ scriptKey }: { scriptKey: string }, sender: Sender) => {
      await ready;
      return insertScript(scriptKey, sender.tab?.windowId, undefined, { mode: 'replace-draft' });
    },
  };
}
