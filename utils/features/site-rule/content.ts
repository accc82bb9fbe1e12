/**
 * Which site rule applies to this page: the background knows the built-in, taught and pack
 * rules for this address; the page itself confirms a rule's page marker. Asked again when a
 * rule is saved (teach mode, the options page).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../messaging/protocol';
import { ruleForPage } from '../../sites/match';
import type { SiteRule } from '../../../scripts-library/rule-schema';
import { answer, type Shared } from '../shared';

/** Calls `changed` with each rule found (null: none applies), after `shared.site` holds it. */
export function startSiteRule(
  ctx: ContentScriptContext,
  shared: Shared,
  changed: (rule: SiteRule | null) => void,
): void {
  const load = () =>
    sendMessage('getSiteRules')
      .then((candidates) => ruleForPage(candidates ?? [], (selector) => shared.site.query(selector) !== null))
      .then((found) => {
        shared.site.rule = found;
        if (!ctx.isInvalid) changed(found);
      })
      // The background is restarting or the extension was reloaded: the page keeps its old rule.
      .catch(() => undefined);
  void load();
  answer(ctx, 'reloadSiteRule', () => void load());
}
