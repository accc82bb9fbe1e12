/**
 * Makes the README screenshots, in real Chromium with the built extension: the side panel with
 * suggested replies beside the demo console (chips above its reply box), and the console with the
 * palette open over a draft that has a forbidden phrase. `npm run build:chrome && npx tsx tools/screenshot.ts`. Needs a CJK font
 * (Debian: fonts-noto-cjk) or the Chinese text renders as boxes.
 */
import { resolve } from 'node:path';
import { launch } from '../tests/e2e/harness';

const out = resolve(import.meta.dirname, '../docs');
const h = await launch();
try {
  const consolePage = await h.openConsole('?schedule=off');
  await consolePage.setViewportSize({ width: 1060, height: 760 });
  const convId = await consolePage.evaluate(() => (window as any).demoConsole.currentConversationId());
  // Answer what is waiting, then let the customer write: the panel counts down the reply.
  await consolePage.locator('[data-role="composer"]').fill('您好，在的，请问有什么可以帮您？');
  await consolePage.locator('[data-role="send"]').click();
  const panel = await h.openPanel();
  await consolePage.evaluate(
    (id) => (window as any).demoConsole.pushCustomerMessage(id, '快递到了盒子都压扁了，里面的杯子也碎了😭怎么办'),
    convId,
  );
  await consolePage.locator('[data-role="composer"]').click();
  await panel.waitForTimeout(6000);

  await panel.setViewportSize({ width: 400, height: 760 });
  await panel.locator('[data-testid="suggestions"]').waitFor();
  await panel.waitForTimeout(300);
  await consolePage.bringToFront();
  await consolePage.waitForTimeout(500);

  const consoleShot = await consolePage.screenshot();
  const panelShot = await panel.screenshot();
  const compose = await h.context.newPage();
  await compose.setViewportSize({ width: 1460, height: 760 });
  const img = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
  await compose.setContent(
    `<body style="margin:0;display:flex;background:#ccc"><img src="${img(consoleShot)}" style="width:1060px"><img src="${img(panelShot)}" style="width:400px;border-left:1px solid #999"></body>`,
  );
  await compose.screenshot({ path: `${out}/screenshot-panel.png` });
  console.log(`written ${out}/screenshot-panel.png`);

  // The console alone: a draft with a forbidden phrase (the note above the box), then the palette.
  await consolePage.bringToFront();
  const composer = consolePage.locator('[data-role="composer"]');
  await composer.click();
  await consolePage.keyboard.type('亲，这个您加我微信发图片吧');
  await consolePage.waitForTimeout(600);
  await consolePage.screenshot({
    path: `${out}/screenshot-warning.png`,
    clip: { x: 296, y: 380, width: 464, height: 380 },
  });
  console.log(`written ${out}/screenshot-warning.png`);
  await consolePage.keyboard.press('Alt+K');
  await consolePage.waitForTimeout(400);
  await consolePage.keyboard.type('tuihuo');
  await consolePage.waitForTimeout(600);
  await consolePage.screenshot({ path: `${out}/screenshot-console.png` });
  console.log(`written ${out}/screenshot-console.png`);
} finally {
  await h.close();
}
