/**
 * "Enable on this site" end to end, on consoles under real-looking host names (not localhost,
 * which development builds cover by themselves): Chromium resolves `*.example.test` to the
 * local test server (`--host-resolver-rules`). The toolbar button is clicked through CDP
 * (`Extensions.triggerAction`, which needs `--enable-unsafe-extension-debugging`) and the real
 * side panel it opens is driven through its own CDP target.
 *
 * The grant: nothing can click the browser's permission prompt in headless Chromium (and
 * `developerPrivate.addHostPermission` has no effect on hosts the manifest lists only as
 * optional). What works is what Chromium itself keeps after an agent clicked 允许: the origin in
 * the extension's granted and active permissions in the profile's Preferences file, written
 * while the browser is closed.
 * `permissions.request` then resolves at once, without a prompt, exactly as after a real grant.
 *
 * The content script's presence is asked of the tab through `tabs.sendMessage` from our own
 * service worker: "Receiving end does not exist" means no content script in that frame.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { startDemoServer } from '../../tools/serve-demo.mjs';
import { launch, type Harness } from './harness';
import { readNote } from './our-ui';

/** The extension APIs, in our service worker and pages (evaluated there, never called here). */
declare const chrome: typeof import('wxt/browser').browser;

const HOST = 'console.example.test';
const OTHER_HOST = 'other.example.test';
const RESOLVE = '--host-resolver-rules=MAP *.example.test 127.0.0.1';

let server: { url: string; close(): Promise<void> };
let profileDir: string;
let origin: string;
let consoleUrl: string;

beforeAll(async () => {
  // One server for every browser start: the origin (port included) must stay the same.
  server = await startDemoServer({ port: 0 });
  profileDir = mkdtempSync(join(tmpdir(), 'huashu-site-access-'));
  origin = `http://${HOST}:${new URL(server.url).port}`;
  consoleUrl = `${origin}/plain.html`;
});

afterAll(async () => {
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

const start = () => launch({ profileDir, extensionUpdates: true, args: [RESOLVE] });

async function openPage(h: Harness, url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  return page;
}

/** The id of the tab in front (our worker may not read other sites' addresses). */
async function frontTabId(h: Harness): Promise<number> {
  return (await h.serviceWorker()).evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
}

/** Does our content script run in the top frame of the tab in front? */
async function attached(h: Harness): Promise<boolean> {
  const tabId = await frontTabId(h);
  return (await h.serviceWorker()).evaluate(
    (id) =>
      chrome.tabs.sendMessage(id, { probe: true }).then(
        () => true,
        (e: Error) => !/Receiving end does not exist/.test(e.message),
      ),
    tabId,
  );
}

/** The agent clicks our toolbar button with this page in front. */
async function clickToolbarButton(h: Harness, page: Page) {
  await page.bringToFront();
  const cdp = await h.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never);
  const tab = targetInfos.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  await cdp.send(
    'Extensions.triggerAction' as 'Browser.getVersion',
    { id: h.extensionId, targetId: tab.targetId } as never,
  );
  await cdp.detach();
}

/** The real side panel (not a tab): evaluated in through its own CDP target. */
async function sidePanel(
  h: Harness,
): Promise<{ evaluate<T>(expression: string, userGesture?: boolean): Promise<T>; close(): Promise<void> }> {
  const cdp: CDPSession = await h.context.browser()!.newBrowserCDPSession();
  const panelUrl = `chrome-extension://${h.extensionId}/sidepanel.html`;
  let targetId: string | undefined;
  await expect
    .poll(async () => {
      const { targetInfos } = await cdp.send('Target.getTargets');
      targetId = targetInfos.find((t) => t.url === panelUrl)?.targetId;
      return targetId !== undefined;
    })
    .toBe(true);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetId!, flatten: false });
  let next = 1;
  const waiting = new Map<
    number,
    (r: { result?: { result: { value: unknown } }; error?: { message: string } }) => void
  >();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as { id?: number };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg as never);
  });
  return {
    async evaluate<T>(expression: string, userGesture = false): Promise<T> {
      const id = next++;
      const reply = new Promise<{ result?: { result: { value: unknown } }; error?: { message: string } }>((resolve) =>
        waiting.set(id, resolve),
      );
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({
          id,
          method: 'Runtime.evaluate',
          params: { expression, returnByValue: true, awaitPromise: true, userGesture },
        }),
      });
      const r = await reply;
      if (r.error) throw new Error(r.error.message);
      return r.result!.result.value as T;
    },
    close: () => cdp.detach(),
  };
}

const enableButtonText = `document.querySelector('[data-testid="enable-site"] button')?.textContent ?? ''`;
const noticeText = `[...document.querySelectorAll('.notice')].map((n) => n.textContent).join(' | ')`;

/** A forbidden phrase typed in `field` of `frame` gets our warning there (no rule taught). */
async function warnsIn(frame: Page | Frame, field: string) {
  await frame.locator(field).click();
  await frame.locator(field).fill('');
  await frame.locator(field).pressSequentially('亲，加我微信');
  // The warning sits in a closed shadow root: read it as DevTools does (CDP, into frames too).
  const page = 'page' in frame ? frame.page() : frame;
  const cdp = await page.context().newCDPSession(page);
  await expect.poll(async () => (await readNote(cdp)).warning).toContain('加我微信');
  await cdp.detach();
  await frame.locator(field).fill('');
}

async function sameSiteFrame(page: Page): Promise<Frame> {
  await page.locator('iframe').waitFor();
  const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
  await frame!.locator('[data-role="frame-textarea"]').waitFor();
  return frame!;
}

/** The permission Chromium keeps once the agent allowed the site (see the file comment). */
function grantInProfile(extensionId: string, pattern: string) {
  const file = join(profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions: { settings: Record<string, Record<string, { explicit_host?: string[]; scriptable_host?: string[] }>> };
  };
  const ext = prefs.extensions.settings[extensionId]!;
  for (const key of ['granted_permissions', 'active_permissions']) {
    const set = ext[key]!;
    set.explicit_host = [...(set.explicit_host ?? []), pattern];
    set.scriptable_host = [...(set.scriptable_host ?? []), pattern];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

describe('a console that is neither built in nor on localhost', () => {
  let extensionId = '';

  it('runs nothing there by itself; the toolbar click attaches at once and the panel offers 在此网站启用 for it', async () => {
    const h = await start();
    extensionId = h.extensionId;
    try {
      // A new profile opens the welcome tab once; let it come and go before "the tab in front"
      // means the console.
      await expect.poll(() => h.context.pages().some((p) => p.url().endsWith('/onboarding.html'))).toBe(true);
      for (const p of h.context.pages()) if (p.url().endsWith('/onboarding.html')) await p.close();
      const page = await openPage(h, consoleUrl);
      expect(await attached(h)).toBe(false);

      await clickToolbarButton(h, page);
      // Attached without any grant or reload: the untaught console's reply box gets warnings.
      await expect.poll(() => attached(h)).toBe(true);
      await warnsIn(page, '[data-role="plain-textarea"]');

      const panel = await sidePanel(h);
      await expect.poll(() => panel.evaluate<string>(enableButtonText)).toContain(origin);
      expect(await panel.evaluate<string>(noticeText)).toContain('临时运行');

      // The agent moves to another tab with the panel still open (no toolbar click there): we
      // may not read its address, and the panel still offers to enable it, through the
      // browser's own toolbar request.
      await openPage(h, `http://${OTHER_HOST}:${new URL(server.url).port}/plain.html`);
      await expect.poll(() => panel.evaluate<string>(enableButtonText)).toBe('在此网站启用话术助手');
      await panel.evaluate(`document.querySelector('[data-testid="enable-site"] button').click()`, true);
      await expect.poll(() => panel.evaluate<string>(noticeText)).toContain('允许');
      await panel.close();
    } finally {
      await h.close();
    }
  });

  it('after the grant: the content script is registered in all frames and attaches at once', async () => {
    grantInProfile(extensionId, `${origin}/*`);
    const h = await start();
    try {
      const page = await openPage(h, consoleUrl);
      // Granted but not enabled yet: nothing runs there.
      expect(await attached(h)).toBe(false);

      await clickToolbarButton(h, page);
      const panel = await sidePanel(h);
      await expect.poll(() => panel.evaluate<string>(enableButtonText)).toContain(origin);
      await panel.evaluate(`document.querySelector('[data-testid="enable-site"] button').click()`, true);
      await expect.poll(() => panel.evaluate<string>(noticeText)).toContain('已在此网站启用');
      // Enabled for good: the offer is gone.
      await expect.poll(() => panel.evaluate<string>(enableButtonText)).toBe('');
      await panel.close();

      const registered = await (await h.serviceWorker()).evaluate(() => chrome.scripting.getRegisteredContentScripts());
      expect(registered).toEqual([
        expect.objectContaining({
          id: `site:${origin}`,
          matches: [`${origin}/*`],
          allFrames: true,
          persistAcrossSessions: true,
        }),
      ]);

      // A reload: attached by the registration, in the page and in its same-site iframe.
      await page.reload();
      await expect.poll(() => attached(h)).toBe(true);
      await warnsIn(page, '[data-role="plain-textarea"]');
      await warnsIn(await sameSiteFrame(page), '[data-role="frame-textarea"]');
    } finally {
      await h.close();
    }
  });

  it('survives a browser restart, and is revoked in Settings', async () => {
    const h = await start();
    try {
      const page = await openPage(h, consoleUrl);
      await expect.poll(() => attached(h)).toBe(true);
      await warnsIn(await sameSiteFrame(page), '[data-role="frame-textarea"]');

      const options = await h.context.newPage();
      await options.goto(`chrome-extension://${h.extensionId}/options.html#sites`);
      await options.locator('#sites tr', { hasText: origin }).getByRole('button').click();
      await expect.poll(() => options.locator('#sites tr', { hasText: origin }).count()).toBe(0);
      const sw = await h.serviceWorker();
      expect(await sw.evaluate((o) => chrome.permissions.contains({ origins: [`${o}/*`] }), origin)).toBe(false);
      expect(await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);

      await page.bringToFront();
      await page.reload();
      expect(await attached(h)).toBe(false);
    } finally {
      await h.close();
    }
  });
});
