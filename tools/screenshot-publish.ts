/**
 * Makes the README's publishing screenshot, in real Chromium with the built extension and a real
 * nginx WebDAV folder (tests/e2e/nginx.ts): the options page's 发布 section with the dry run of a
 * second version and its release notes. `npm run build:chrome && npx tsx tools/screenshot-publish.ts`.
 * Needs a CJK font (Debian: fonts-noto-cjk) and nginx.
 */
import { resolve } from 'node:path';
import { importPack, launch } from '../tests/e2e/harness';
import { NGINX_PASSWORD, NGINX_USER, startNginx } from '../tests/e2e/nginx';
import { teamPack, V1_SCRIPTS } from '../tests/fixtures/sync-packs';

const out = resolve(import.meta.dirname, '../docs');
const nginx = await startNginx();
const h = await launch();
try {
  await importPack(h, teamPack('1.0.0'));
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`chrome-extension://${h.extensionId}/options.html#publish`);
  await page.getByTestId('publish-folder').fill(`${nginx.origin}/team/`);
  await page.getByTestId('publish-user').fill(NGINX_USER);
  await page.getByTestId('publish-password').fill(NGINX_PASSWORD);
  await page.getByTestId('publish-save-target').click();
  await page.getByTestId('publish-preview-do').click();
  await page.getByTestId('publish-notes').fill('第一版：物流和退换货');
  await page.getByTestId('publish-do').click();
  await page.getByTestId('publish-result').filter({ hasText: '已发布' }).waitFor();
  await importPack(
    h,
    teamPack('1.0.0', [
      ...V1_SCRIPTS.slice(1),
      {
        id: 'wl-fahuo',
        situation: 'wl',
        title: '催发货回复',
        body: '亲，仓库今天安排发出，发出后第一时间同步单号给您。',
      },
    ]),
  );
  await page.reload();
  await page.getByTestId('publish-preview-do').click();
  await page.getByTestId('publish-notes').fill('新增“催发货回复”；去掉旧的催件话术');
  await page.locator('[data-testid="publish-history"] summary').click();
  await page.locator('#publish').screenshot({ path: `${out}/screenshot-publish.png` });
  console.log(`written ${out}/screenshot-publish.png`);
} finally {
  await h.close();
  await nginx.close();
}
