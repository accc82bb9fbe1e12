// Bundles the per-editor test pages (tests/e2e/editors/*.html) with Vite from the real npm
// packages at their pinned versions, into .cache/editor-pages/ (ignored by git and ESLint).
//
//   node tools/build-editor-pages.mjs [--force]
//   const { outDir } = await buildEditorPages();     (the e2e tests and the benchmark do this)
//
// Skips the build when the output is newer than every page source and the lockfile.

import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PAGES_DIR = path.join(ROOT, 'tests/e2e/editors');
export const OUT_DIR = path.join(ROOT, '.cache/editor-pages');
const STAMP = path.join(OUT_DIR, '.built');

function newestSource() {
  const files = readdirSync(PAGES_DIR).map((f) => path.join(PAGES_DIR, f));
  files.push(path.join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url));
  return Math.max(...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
}

/** @returns {Promise<{ outDir: string, built: boolean }>} */
export async function buildEditorPages({ force = false } = {}) {
  if (!force && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource())
    return { outDir: OUT_DIR, built: false };
  const [{ build }, { writeFile }] = await Promise.all([import('vite'), import('node:fs/promises')]);
  const input = Object.fromEntries(
    readdirSync(PAGES_DIR)
      .filter((f) => f.endsWith('.html'))
      .map((f) => [f.replace(/\.html$/, ''), path.join(PAGES_DIR, f)]),
  );
  await build({
    root: PAGES_DIR,
    base: './',
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    // React's production JSX runtime whatever NODE_ENV the caller runs under (Vitest sets `test`).
    oxc: { jsx: { runtime: 'automatic', development: false } },
    // Draft.js (through fbjs) still reads `global`; React and fbjs read `process.env.NODE_ENV`.
    // Vue's esm-bundler build reads its feature flags as globals the bundler defines.
    define: {
      global: 'globalThis',
      'process.env.NODE_ENV': JSON.stringify('production'),
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input },
    },
  });
  await writeFile(STAMP, new Date().toISOString());
  return { outDir: OUT_DIR, built: true };
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (runDirectly) {
  const started = Date.now();
  const { outDir, built } = await buildEditorPages({ force: process.argv.includes('--force') });
  console.log(
    built
      ? `Editor test pages built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`
      : `Editor test pages up to date: ${outDir}`,
  );
}
