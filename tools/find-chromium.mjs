// Finds a Chromium-family browser that can load an unpacked extension from the command line.
import { existsSync } from 'node:fs';
import { platform } from 'node:os';

const CANDIDATES = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    `${process.env.LOCALAPPDATA}\\Chromium\\Application\\chrome.exe`,
    `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)']}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

export const INSTALL_HINT = {
  linux: 'Debian/Ubuntu: sudo apt-get install -y chromium   (Fedora: sudo dnf install chromium)',
  darwin: 'brew install --cask chromium',
  win32: 'Install Chromium or Google Chrome, or set CHROME_PATH to chrome.exe',
};

/** CHROME_PATH wins; then the usual install places. Returns null when none is found. */
export function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  return (CANDIDATES[platform()] ?? CANDIDATES.linux).find((p) => p && existsSync(p)) ?? null;
}

/** Flags every run here needs: no sandbox as root in CI, and no network chatter on a closed network. */
export const QUIET_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Branded Chrome 137+ ignores --load-extension unless this feature is off.
  '--disable-features=DisableLoadExtensionCommandLineSwitch',
];
