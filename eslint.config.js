// Lint holds the boundaries of shared/style.md so nobody has to remember them:
// - content scripts never import the database (IndexedDB there belongs to the console's origin);
// - pure modules (search, deadline, compliance, pack schema) never touch browser APIs, the DOM
//   extension APIs or Dexie, so they run and benchmark in plain Node;
// - components take props and give callbacks: no browser.*, no database.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BROWSER_APIS = [
  { name: 'wxt/browser', message: 'Pure module: no extension APIs here.' },
  { name: '@webext-core/messaging', message: 'Pure module: no messaging here.' },
  { name: 'dexie', message: 'Pure module: no database here.' },
  { name: 'dexie-react-hooks', message: 'Pure module: no database here.' },
];
const NO_DB = [
  {
    group: ['**/utils/db', '**/utils/db/*', '!**/utils/db/pack-rows', '!**/utils/db/search-docs'],
    message: 'Content scripts and components never open the database: ask the background.',
  },
];
const NO_BROWSER_GLOBALS = [
  { name: 'browser', message: 'Pure module: no extension APIs here.' },
  { name: 'chrome', message: 'Pure module: no extension APIs here.' },
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'entrypoints/**/*.ts', 'utils/pages/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['entrypoints/content/**', 'utils/features/**', 'utils/dom/**', 'utils/insertion/**', 'utils/sites/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [BROWSER_APIS[2], BROWSER_APIS[3]], patterns: NO_DB }] },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: BROWSER_APIS, patterns: NO_DB }],
      'no-restricted-globals': ['error', ...NO_BROWSER_GLOBALS],
    },
  },
  {
    files: [
      'utils/search/**',
      'utils/suggest/**',
      'utils/sync/**',
      'utils/deadline/**',
      'utils/compliance/**',
      'utils/settings/**',
      'utils/i18n/**',
      'scripts-library/**',
      'utils/db/pack-rows.ts',
      'utils/db/search-docs.ts',
      'utils/features/inline-trigger/trigger.ts',
      'utils/features/palette/hotkey.ts',
      'utils/features/palette/key-press.ts',
      'utils/ui-kit/place.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: BROWSER_APIS, patterns: [{ group: ['wxt/*', 'react', 'react-dom'], message: 'Pure module.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...NO_BROWSER_GLOBALS,
        { name: 'document', message: 'Pure module: no DOM.' },
        { name: 'window', message: 'Pure module: no DOM.' },
      ],
    },
  },
);
