import { defineConfig } from 'wxt';
import { STATIC_CONSOLE_MATCHES, storeManifest } from './utils/sites/builtin';

/** `wxt zip --mode store` (npm run zip): the build for the stores, without the demo console. */
const STORE_MODE = 'store';

// See README "Security and permissions" for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports only: the lint boundaries (style.md) can only hold what they can see.
  imports: false,
  hooks: {
    // The demo console is a development tool served on localhost: a store build asks for no
    // access there (an agent's own local web apps are not consoles).
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode === STORE_MODE) Object.assign(manifest, storeManifest(manifest));
    },
  },
  manifest: ({ browser, manifestVersion }) => {
    const anySite = ['https://*/*', 'http://*/*'];
    const mv2 = manifestVersion === 2;
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'zh_CN',
      permissions: [
        'storage',
        'activeTab',
        'scripting',
        'alarms',
        'notifications',
        // Firefox's MV2 does not count content-script matches as host access (no tab titles,
        // no executeScript there): name the built-in consoles explicitly. Chrome has sidePanel.
        ...(browser === 'firefox' ? STATIC_CONSOLE_MATCHES : ['sidePanel']),
      ],
      // Consoles other than the built-in ones are granted one origin at a time, at runtime.
      ...(mv2 ? { optional_permissions: anySite } : { optional_host_permissions: anySite }),
      action: { default_title: '__MSG_actionTitle__' },
      commands: {
        // Opens the side panel (Chrome) / sidebar (Firefox): handled in the background's action click.
        [mv2 ? '_execute_browser_action' : '_execute_action']: { suggested_key: { default: 'Alt+Shift+H' } },
        // The search palette inside the console. The page handles the same key itself
        // when no browser shortcut is set; Alt+K clashes with no input method or console key.
        'open-palette': { suggested_key: { default: 'Alt+K' }, description: '__MSG_paletteCommand__' },
      },
      ...(browser === 'firefox'
        ? { browser_specific_settings: { gecko: { id: 'huashu-assistant@example.org', strict_min_version: '115.0' } } }
        : {}),
    };
  },
});
