/**
 * The forbidden-phrase rules as the console and the panel use them: the categories of every
 * installed pack, with each category's better scripts resolved to their keys and titles so a
 * warning can name them. Pure: built from pack rows and script rows handed in.
 */
import type { ForbiddenCategory } from '../../scripts-library/schema';
import type { RuleCategory } from './matcher';

export interface ComplianceCategory extends RuleCategory {
  /** The better scripts (`suggestScripts`) that exist, in the pack's order. */
  suggested: { key: string; title: string }[];
}

export interface ComplianceRules {
  /** Changes whenever the rules do; a content script compiles again only then. */
  version: string;
  /** The agent's language for the warning text. */
  locale: 'zh-CN' | 'en';
  categories: ComplianceCategory[];
}

/**
 * One list over all packs. Category ids are prefixed with the pack id (`default.zh-CN/privacy`)
 * because two packs may both have a `privacy` category with different phrases.
 */
export function complianceCategories(
  packs: readonly { id: string; forbidden: readonly ForbiddenCategory[] }[],
  titleOf: (scriptKey: string) => string | undefined,
): ComplianceCategory[] {
  return packs.flatMap((p) =>
    p.forbidden.map((c) => ({
      id: `${p.id}/${c.id}`,
      name: c.name,
      severity: c.severity,
      phrases: c.phrases,
      allow: c.allow,
      advice: c.advice,
      suggestScripts: c.suggestScripts.map((id) => `${p.id}/${id}`),
      suggested: c.suggestScripts.flatMap((id) => {
        const key = `${p.id}/${id}`;
        const title = titleOf(key);
        return title === undefined ? [] : [{ key, title }];
      }),
    })),
  );
}

/** A short fingerprint of the categories (FNV-1a over their JSON), for `version`. */
export function rulesVersion(categories: readonly ComplianceCategory[]): string {
  const json = JSON.stringify(categories);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) h = Math.imul(h ^ json.charCodeAt(i), 0x01000193);
  return `${categories.length}-${(h >>> 0).toString(36)}`;
}
