import { defineConfig } from 'wxt';

// See README "Permissions" for why each one is here.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports only: the lint boundaries (style.md) can only hold what they can see.
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'activeTab', 'sidePanel', 'scripting', 'alarms', 'notifications'].filter(
      (p) => browser !== 'firefox' || p !== 'sidePanel',
    ),
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+H' },
      },
    },
  }),
});
