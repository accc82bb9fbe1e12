#!/usr/bin/env node
// Renders the toolbar icon (public/icon/*.png) with Chromium, from the SVG below.
// Run once after changing the design: `node tools/make-icons.mjs`. The PNGs are committed.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, QUIET_FLAGS } from './find-chromium.mjs';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#1664ff"/>
  <path d="M30 36h68a8 8 0 0 1 8 8v34a8 8 0 0 1-8 8H62l-20 16v-16H30a8 8 0 0 1-8-8V44a8 8 0 0 1 8-8z" fill="#fff"/>
  <rect x="36" y="50" width="56" height="7" rx="3.5" fill="#1664ff"/>
  <rect x="36" y="64" width="38" height="7" rx="3.5" fill="#1664ff"/>
</svg>`;

const out = resolve(import.meta.dirname, '../public/icon');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', ...QUIET_FLAGS] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml,${encodeURIComponent(SVG)}" width="${size}" height="${size}">`,
  );
  await page.screenshot({ path: `${out}/${size}.png`, omitBackground: true });
}
await browser.close();
console.log(`icons written to ${out}`);
