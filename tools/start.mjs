#!/usr/bin/env node
// `npm start`: build the extension, serve the demo console, open Chromium with the extension
// loaded on it. The browser profile lives in .cache/chrome-profile, so scripts you add or
// import are still there next time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { platform } from 'node:os';
import { resolve } from 'node:path';
import { findChromium, INSTALL_HINT, QUIET_FLAGS } from './find-chromium.mjs';
import { startDemoServer } from './serve-demo.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 5174;

const browserPath = findChromium();
if (!browserPath) {
  console.error(
    `话术助手: no Chromium or Chrome found. Install one, or set CHROME_PATH.\n  ${INSTALL_HINT[platform()] ?? INSTALL_HINT.linux}`,
  );
  process.exit(1);
}

if (!skipBuild) {
  console.log('Building the extension (chrome-mv3)…');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit', shell: platform() === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = await startDemoServer({ port }).catch(() => startDemoServer({ port: 0 }));
const extensionDir = resolve(root, '.output/chrome-mv3');
const profileDir = resolve(root, '.cache/chrome-profile');
mkdirSync(profileDir, { recursive: true });

const headless = platform() === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const flags = [
  `--user-data-dir=${profileDir}`,
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  ...QUIET_FLAGS,
  ...(headless ? ['--headless=new', '--no-sandbox', '--remote-debugging-port=9222'] : []),
  ...(process.getuid?.() === 0 && !headless ? ['--no-sandbox'] : []),
  server.url,
];

console.log(`\n  Demo console:  ${server.url}`);
console.log(`  Browser:       ${browserPath}`);
console.log('  Open the side panel with the 话术助手 toolbar icon (puzzle menu → pin it) or Alt+Shift+H.');
console.log('  Click into the console\u2019s reply box, then click a script in the panel.');
if (headless)
  console.log(
    '\n  No display found: Chromium runs headless (DevTools on http://127.0.0.1:9222). Run this on a desktop to see it.',
  );
console.log('  Ctrl+C stops the browser and the demo server.\n');

const browser = spawn(browserPath, flags, { stdio: 'ignore' });
const stop = () => {
  browser.kill();
  void server.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
browser.on('exit', (code) => {
  void server.close();
  process.exit(code ?? 0);
});
