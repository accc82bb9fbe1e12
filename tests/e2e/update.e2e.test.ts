/**
 * A browser restart, then an extension update, on one browser profile: what the agent typed and
 * imported must all be there after each. The update is the same extension directory (same id,
 * same database) with a higher manifest version and a changed bundled 话术 pack, loaded the way
 * Chrome installs a new version; the built-in script the agent had edited changes upstream, so
 * it is flagged, with both wordings kept.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { EXTENSION_DIR, importPack, launch, type Harness } from './harness';
import { readStoredScripts } from './stored-scripts';

const builtin = loadDefaultPack();
const edited = builtin.scripts.find((s) => s.shortcut === 'th1')!; // 支持七天无理由
const editedKey = `${builtin.id}/${edited.id}`;
const MINE = '您好，这件商品支持七天无理由退货，签收后 7 天内在订单页申请就可以，本店包邮寄回。';
// The next release's wording of the same script.
const MY_SCRIPT = { title: '老客户专属问候', body: '欢迎回来！老客户下单再送一份小礼品。' };
const OLD_PART = '请您在签收后 7 天内';
const [vMajor, vMinor, vPatch] = builtin.version.split('.').map(Number);
const NEXT_PACK_VERSION = `${vMajor}.${vMinor}.${vPatch! + 1}`;
const NEW_PART = '请您在签收后 7 天内（以物流签收时间为准）';

const teamPack = {
  schemaVersion: 1,
  id: 'e2e.update-team',
  name: 'E2E 升级前导入的包',
  version: '2.0.0',
  updatedAt: '2026-11-20T00:00:00Z',
  author: '售后组长',
  situations: [{ id: 'late', name: '延迟发货', parent: null, order: 1 }],
  scripts: [
    {
      id: 'late1',
      situation: 'late',
      title: '延迟发货致歉',
      body: '非常抱歉，您的订单会晚一天发出，我们已加急处理。',
      shortcut: 'ycfh',
    },
  ],
};

let root: string;
let extensionDir: string;
let profileDir: string;
let h: Harness | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'huashu-update-'));
  extensionDir = join(root, 'extension');
  profileDir = join(root, 'profile');
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
});
afterAll(async () => {
  await h?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Replace `from` by `to` exactly once in a built file; fails loudly if the build changed shape. */
function patchOnce(file: string, from: string, to: string) {
  const text = readFileSync(file, 'utf8');
  expect(text.split(from).length - 1, `${from} in ${file}`).toBe(1);
  writeFileSync(file, text.replace(from, to));
}

/** The next release, written over the loaded directory: a higher manifest version and a changed bundled pack. */
function writeNextRelease(): string {
  const manifestFile = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version: string };
  const [major, minor, patch] = manifest.version.split('.').map(Number);
  manifest.version = `${major}.${minor}.${patch! + 1}`;
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const background = join(extensionDir, 'background.js');
  patchOnce(
    background,
    `version:\`${builtin.version}\`,updatedAt:\`${builtin.updatedAt}\``,
    `version:\`${NEXT_PACK_VERSION}\`,updatedAt:\`2026-12-01T00:00:00Z\``,
  );
  patchOnce(background, OLD_PART, NEW_PART);
  return manifest.version;
}

async function openOptions(): Promise<Page> {
  const page = await h!.context.newPage();
  await page.goto(`chrome-extension://${h!.extensionId}/options.html`);
  await page.getByTestId('editor').waitFor();
  return page;
}

const packVersion = (options: Page) =>
  options.locator(`[data-testid="packs"] tr[data-pack-id="${builtin.id}"] td`).nth(1).textContent();
const onboardingOpen = () => h!.context.pages().some((p) => p.url().includes('onboarding.html'));

/** Everything phase one stored is there, read from the database and the options page. */
async function expectAgentWorkKept(options: Page) {
  const stored = await options.evaluate(readStoredScripts);
  const mine = stored.filter((s) => s.packId === 'personal');
  expect(mine.find((s) => s.title === edited.title)?.body).toBe(MINE);
  expect(mine.find((s) => s.title === MY_SCRIPT.title)?.body).toBe(MY_SCRIPT.body);
  expect(stored.find((s) => s.key === 'e2e.update-team/late1')?.body).toBe(teamPack.scripts[0]!.body);
  expect(await options.locator('#profile-nickname').inputValue()).toBe('小鱼');
  return { stored, copy: mine.find((s) => s.title === edited.title)! };
}

describe('a browser restart and an extension update', () => {
  let extensionId: string;

  it('before: the agent edits a built-in script, writes one, imports a pack and fills in the profile', async () => {
    h = await launch({ extensionDir, profileDir, extensionUpdates: true });
    extensionId = h.extensionId;
    await importPack(h, teamPack);
    const options = await openOptions();
    const filter = options.getByPlaceholder('筛选标题、内容或快捷码');
    await filter.fill(edited.title);
    await options.locator(`[data-testid="editor-list"] [data-script-key="${editedKey}"] .script-main`).click();
    await options.locator('#script-body').fill(MINE);
    await options.getByTestId('editor-save').click();
    await expect.poll(() => options.getByTestId('editor-message').textContent()).toContain('个人版本');

    await filter.fill('');
    await options.getByTestId('editor-new').click();
    await options.locator('#script-title').fill(MY_SCRIPT.title);
    await options.locator('#script-body').fill(MY_SCRIPT.body);
    await options.getByTestId('editor-save').click();
    await expect
      .poll(async () => (await options.evaluate(readStoredScripts)).some((s) => s.title === MY_SCRIPT.title))
      .toBe(true);

    await options.locator('#profile-nickname').fill('小鱼');
    await options.locator('#profile').getByRole('button', { name: '保存' }).click();
    await options.locator('#profile').getByText('已保存').waitFor();
    // The first install's welcome tab, read and closed.
    for (const p of h.context.pages()) if (p.url().includes('onboarding.html')) await p.close();
    await h.close();
    h = undefined;
  });

  it('after a browser restart: all of it is there, nothing flagged, no second onboarding', async () => {
    h = await launch({ extensionDir, profileDir, extensionUpdates: true });
    expect(h.extensionId).toBe(extensionId);
    const options = await openOptions();
    await expectAgentWorkKept(options);
    expect(await packVersion(options)).toBe(builtin.version);
    expect(await options.getByTestId('editor-conflicts').count()).toBe(0);
    expect(onboardingOpen()).toBe(false);
    await options.close();
  });

  it('after an update that changes the edited script: all of it is there, and the edit is flagged with both wordings', async () => {
    const nextVersion = writeNextRelease();
    await h!.reloadExtension();
    const options = await openOptions();
    expect(
      await options.evaluate(
        () =>
          (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.runtime.getManifest()
            .version,
      ),
    ).toBe(nextVersion);
    // The bundled pack is the new one…
    await expect.poll(() => packVersion(options)).toBe(NEXT_PACK_VERSION);
    // …and the agent's work is as it was.
    const { stored, copy } = await expectAgentWorkKept(options);
    expect(stored.find((s) => s.key === editedKey)!.body).toContain(NEW_PART);

    // The agent's edit hides a changed upstream script: flagged, and both wordings are shown.
    await options.getByTestId('editor-conflicts').getByRole('button', { name: edited.title }).click();
    const conflict = options.getByTestId('editor-conflict');
    await expect.poll(() => conflict.textContent()).toContain(NEW_PART);
    expect(await conflict.textContent()).toContain(MINE);

    // Until the agent decides, the panel offers the agent's own version, not the new upstream one.
    const panel = await h!.openPanel();
    await panel.getByRole('searchbox').fill(edited.title);
    await expect.poll(() => panel.locator(`[data-script-key="${copy.key}"]`).count()).toBe(1);
    expect(await panel.locator(`[data-script-key="${editedKey}"]`).count()).toBe(0);
    expect(onboardingOpen()).toBe(false);
  });
});
