/**
 * The background owns every database write, the insert target, and site access. It answers
 * only its own extension: page requests from its own pages, reports from its own content
 * scripts (an insertion by who its `via` says may ask); anything else is ignored.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { deferredDefaultPack } from '../../scripts-library/default-pack';
import { db } from '../../utils/db';
import { ensureBuiltinPack, ensurePersonalPack } from '../../utils/db/packs';
import { claimWelcome } from '../../utils/db/welcome';
import { LIBRARY_VERSION_KEY } from '../../utils/messaging/protocol';
import { watchComplianceRules } from './compliance';
import { watchDeadlines } from './deadlines';
import { backgroundHandlers, listen } from './handlers';
import { forgetTab } from './insert-targets';
import { LibrarySearch } from './library-search';
import { serveLibraryViews, watchPaletteCommand } from './library';
import { watchSiteAccess } from './site-access';
import { forgetClosedTabs } from './suggest';
import { registerPackSync } from './sync';
import { dropClosedTabs } from './tab-session';

export default defineBackground(() => {
  const ready = ensurePersonalPack(db)
    .then(() => ensureBuiltinPack(db, deferredDefaultPack))
    .catch((e) => console.error('话术助手: preparing the database failed', e));
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void ready.then(async () => {
      if (reason === 'install' && (await claimWelcome(db)))
        await browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
    });
  });
  // The one library service: the panel, the palette, the inline list and the chips ask it.
  // Pages showing a list follow its version through storage.session.
  const library = new LibrarySearch(
    db,
    (version) => void browser.storage.session.set({ [LIBRARY_VERSION_KEY]: version }).catch(() => undefined),
  );
  void ready.then(() => library.start());
  const deps = { db, ready, syncReady: registerPackSync(db, ready), library };

  watchSiteAccess(deps);
  watchDeadlines(deps);
  watchComplianceRules(deps);
  watchPaletteCommand();
  serveLibraryViews(deps);
  forgetClosedTabs();
  dropClosedTabs();
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  listen(backgroundHandlers(deps));
});
