// Lint holds the boundaries of shared/style.md so nobody has to remember them. Two layers, each
// its own rule so a file in several zones gets every restriction (flat config would otherwise
// keep only the last block's options of one rule):
// - direction (`no-restricted-imports`): dependencies point one way. Pack format
//   (scripts-library/) imports nothing of the extension; utils/ never imports entry points;
//   content code never imports the background, the pages or the database; components never
//   import entry points or the database.
// - purity (`@typescript-eslint/no-restricted-imports` and `no-restricted-globals`): pure
//   modules (search, suggest, deadline, compliance, pack format …) never touch browser APIs, the
//   DOM or Dexie, so they run and benchmark in plain Node; components get no browser.* either.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A relative import whose path goes through one of these folders. */
const through = (folders) => `^\\.\\.?/(.*/)?(${folders})(/|$)`;

const DIRECTION = {
  packFormat: {
    regex: through('utils|entrypoints|components|tools'),
    message:
      'Pack format stands alone: scripts-library/ imports nothing of the extension, so the pack tool, importers and tests read packs without it. Move the shared code into scripts-library/.',
  },
  entrypoints: {
    regex: through('entrypoints'),
    message:
      'utils/ and components/ never import entry points: entry points wire parts together. Move what both need into utils/.',
  },
  otherEntrypoints: {
    regex: through('background|sidepanel|options|onboarding'),
    message:
      'Content code never imports the background or the pages: it runs in the console page and asks the background by message (utils/messaging/protocol.ts).',
  },
  components: {
    regex: through('components'),
    message: 'Content code never imports the pages’ React components: in-page UI lives in closed shadow roots.',
  },
  database: {
    regex: through('utils/db'),
    message:
      'Content scripts and components never open the database (in a console page IndexedDB is the console’s origin): ask the background.',
  },
};

const BROWSER_APIS = [
  { name: 'wxt/browser', message: 'Pure module: no extension APIs here.' },
  { name: '@webext-core/messaging', message: 'Pure module: no messaging here.' },
  { name: 'dexie', message: 'Pure module: no database here.' },
  { name: 'dexie-react-hooks', message: 'Pure module: no database here.' },
];
const NO_DEXIE = [
  { name: 'dexie', message: 'Content scripts and components never open the database: ask the background.' },
  { name: 'dexie-react-hooks', message: 'Content scripts and components never open the database: ask the background.' },
];
const NO_BROWSER_GLOBALS = [
  { name: 'browser', message: 'Pure module: no extension APIs here.' },
  { name: 'chrome', message: 'Pure module: no extension APIs here.' },
];

/** Code that runs in the console page (entry point and the in-page parts it uses). */
const CONTENT = [
  'entrypoints/content/**',
  'utils/features/**',
  'utils/dom/**',
  'utils/insertion/**',
  'utils/sites/**',
  'utils/ui-kit/**',
];

const direction = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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

  // Direction: each file is in exactly one of these blocks.
  { files: ['scripts-library/**'], rules: direction(DIRECTION.packFormat) },
  { files: ['utils/**'], ignores: CONTENT, rules: direction(DIRECTION.entrypoints) },
  {
    files: CONTENT,
    rules: direction(
      DIRECTION.otherEntrypoints,
      DIRECTION.components,
      DIRECTION.database,
      // The utils/ parts of the content side import no entry point at all.
      DIRECTION.entrypoints,
    ),
  },
  { files: ['components/**'], rules: direction(DIRECTION.entrypoints, DIRECTION.database) },

  // Purity: the pure list comes last, so a pure file inside a content folder gets its stricter options.
  { files: CONTENT, rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: NO_DEXIE }] } },
  {
    files: ['components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: BROWSER_APIS }],
      'no-restricted-globals': ['error', ...NO_BROWSER_GLOBALS],
    },
  },
  {
    files: [
      'scripts-library/**',
      'utils/search/**',
      'utils/suggest/**',
      'utils/library/**',
      'utils/sync/**',
      'utils/deadline/**',
      'utils/compliance/**',
      'utils/settings/**',
      'utils/i18n/**',
      'utils/features/inline-trigger/trigger.ts',
      'utils/features/palette/hotkey.ts',
      'utils/features/palette/key-press.ts',
      'utils/ui-kit/place.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
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
