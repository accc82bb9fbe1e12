/**
 * Forbidden phrases in the background: hands content scripts the rules of every installed pack
 * (and tells them when the packs change), counts warnings per day, site and category (counts
 * only, never the text that triggered them). The better script a warning names goes in through
 * the one insert path (`insertScript` via `compliance`).
 */
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { complianceCategories, rulesVersion, type ComplianceRules } from '../../utils/compliance/rules';
import type { HuashuDB } from '../../utils/db';
import { getScripts } from '../../utils/db/script-store';
import { readSettings } from '../../utils/db/settings';
import { countWarning } from '../../utils/db/warnings';
import { resolveLocale } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/protocol';
import { hostOf } from '../../utils/messaging/sender';
import type { BackgroundDeps, HandlerGroup } from './handlers';

async function buildRules(db: HuashuDB): Promise<ComplianceRules> {
  const [packs, settings] = await Promise.all([db.packs.orderBy('order').toArray(), readSettings(db)]);
  const keys = packs.flatMap((p) => p.forbidden.flatMap((c) => c.suggestScripts.map((id) => `${p.id}/${id}`)));
  const scripts = await getScripts(db, keys);
  const titles = new Map(scripts.flatMap((s) => (s ? [[s.key, s.title] as const] : [])));
  const categories = complianceCategories(packs, (key) => titles.get(key));
  const locale = resolveLocale(settings.locale, navigator.language);
  return { version: `${locale}:${rulesVersion(categories)}`, locale, categories };
}

/** The rules as last built; dropped whenever the packs or the language change. */
let cached: Promise<ComplianceRules> | null = null;
const rules = (db: HuashuDB) => (cached ??= buildRules(db).catch((e) => ((cached = null), Promise.reject(e))));

/**
 * Packs (or the language) change from the options page, a sync or an import: rebuild and tell
 * every tab, so an open console checks with the new lists without a reload.
 */
export function watchComplianceRules({ db, ready }: BackgroundDeps) {
  let lastVersion: string | null = null;
  void ready.then(() =>
    liveQuery(() => Promise.all([db.packs.toArray(), db.settings.get('locale')])).subscribe(() => {
      cached = null;
      void rules(db).then(async (r) => {
        if (lastVersion !== null && r.version !== lastVersion) {
          for (const tab of await browser.tabs.query({}))
            if (tab.id !== undefined)
              void sendMessage('reloadComplianceRules', undefined, { tabId: tab.id }).catch(() => undefined);
        }
        lastVersion = r.version;
      });
    }),
  );
}

export const complianceHandlers = ({ db, ready }: BackgroundDeps) =>
  ({
    getComplianceRules: async () => {
      await ready;
      return rules(db);
    },
    complianceWarning: async (data, sender) => {
      await ready;
      await countWarning(
        db,
        hostOf(sender.tab?.url ?? sender.url),
        String(data.categoryId).slice(0, 140),
        String(data.categoryName).slice(0, 40),
        data.override === true,
      );
    },
  }) satisfies HandlerGroup;
