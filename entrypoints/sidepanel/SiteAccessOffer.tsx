/**
 * "在此网站启用" for the tab beside the panel, however the panel was opened. With the tab's
 * address known (the agent clicked our toolbar icon there) the browser's permission prompt asks
 * for that one origin; without it, Chrome asks the agent in its own toolbar for this tab's site
 * (Firefox: the agent clicks our icon first).
 */
import { browser } from 'wxt/browser';
import { Notice } from '../../components/Notice';
import type { Translate } from '../../utils/i18n';
import { sendMessage, type ActiveTabStatus } from '../../utils/messaging/protocol';
import { originPattern } from '../../utils/sites/builtin';
import type { PanelNotice } from './store';

export function SiteAccessOffer({
  tab,
  t,
  onNotice,
}: {
  tab: ActiveTabStatus | null;
  t: Translate;
  onNotice(notice: PanelNotice): void;
}) {
  if (!tab || tab.enabled || tab.restricted) return null;
  const { origin, tabId } = tab;

  const enable = async () => {
    if (origin) {
      // First thing in the click: the browser shows its prompt only during a user gesture.
      const granted = await browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
      if (!granted) return onNotice({ tone: 'error', text: t('enableDenied') });
      const res = await sendMessage('enableSite', { origin, tabId });
      return onNotice(res.ok ? { tone: 'ok', text: t('enabled') } : { tone: 'error', text: t('enableDenied') });
    }
    const res = await sendMessage('requestSiteAccess', { tabId });
    if (res.ok) onNotice({ tone: 'ok', text: t('enableAskToolbar') });
    else onNotice({ tone: 'warn', text: t(res.reason === 'unsupported' ? 'enableUseToolbarIcon' : 'enableNotHere') });
  };

  return (
    <div data-testid="enable-site">
      <button type="button" className="btn btn-primary" onClick={() => void enable()}>
        {origin ? t('enableOnSite', { origin }) : t('enableOnThisSite')}
      </button>
      <Notice tone="info">{tab.attached ? t('enableAttachedForNow') : t('enableOnSiteHint')}</Notice>
    </div>
  );
}
