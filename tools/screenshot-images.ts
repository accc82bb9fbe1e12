/**
 * The README screenshot of a script with pictures: a size chart and a return-address card (drawn
 * here as HTML and captured as PNG), imported in a pack that embeds them; the panel shows their
 * thumbnails and the demo console has just sent the size chart the panel pasted into it.
 * `npx wxt build && npx tsx tools/screenshot-images.ts`. Needs a CJK font (fonts-noto-cjk).
 */
import { resolve } from 'node:path';
import { bytesToBase64, describeImage } from '../scripts-library/images';
import { clickScriptInPanel, importPack, launch } from '../tests/e2e/harness';

const out = resolve(import.meta.dirname, '../docs');
const h = await launch();
try {
  const draw = await h.context.newPage();
  const capture = async (html: string, width: number, height: number, alt: string) => {
    await draw.setViewportSize({ width, height });
    await draw.setContent(
      `<body style="margin:0;overflow:hidden;font-family:'Noto Sans CJK SC',sans-serif">${html}</body>`,
    );
    const bytes = new Uint8Array(await draw.screenshot());
    const d = await describeImage(bytes, alt);
    if (!d.ok) throw new Error(d.message);
    return { ref: d.ref, bytes };
  };
  const cell = 'border:1px solid #c9d2e3;padding:6px 10px;text-align:center';
  const rows = [
    ['S', '155-160', '40-50', '86'],
    ['M', '160-165', '50-57', '90'],
    ['L', '165-170', '57-65', '94'],
    ['XL', '170-175', '65-72', '98'],
  ];
  const chart = await capture(
    `<div style="padding:14px;background:#fff"><div style="font-weight:700;font-size:18px;margin-bottom:8px;color:#1f3b73">尺码对照表 · 女款卫衣</div><table style="border-collapse:collapse;font-size:14px"><tr style="background:#eef3ff">${['尺码', '身高 cm', '体重 kg', '胸围 cm'].map((c) => `<th style="${cell}">${c}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td style="${cell}">${c}</td>`).join('')}</tr>`).join('')}</table><div style="font-size:12px;color:#667;margin-top:6px">平铺测量，误差 1-2 cm 属正常</div></div>`,
    360,
    250,
    '尺码表',
  );
  const card = await capture(
    `<div style="padding:16px;background:#fff7ec;border:2px dashed #f0a030;height:100%;box-sizing:border-box"><div style="font-weight:700;font-size:18px;color:#a55b00">退货地址</div><div style="margin-top:8px;font-size:14px;line-height:1.7">收件人：售后部（请勿到付）<br>电话：400-000-0000<br>地址：浙江省杭州市某某区某某路 88 号 3 号仓<br>包裹内请附纸条：订单号 + 退货原因</div></div>`,
    360,
    170,
    '退货地址卡',
  );
  await draw.close();
  await importPack(h, {
    schemaVersion: 1,
    id: 'shop.pictures',
    name: '图片话术',
    version: '1.0.0',
    updatedAt: '2026-12-07T00:00:00+08:00',
    author: '组长',
    situations: [{ id: 'cm', name: '尺码与退货' }],
    scripts: [
      {
        id: 'chart',
        situation: 'cm',
        title: '发尺码表',
        body: '亲，这是这款卫衣的尺码表，您可以按身高体重对照一下哦～',
        shortcut: 'cmb',
        images: [chart.ref],
      },
      {
        id: 'card',
        situation: 'cm',
        title: '退货地址卡片',
        body: '亲，退货请寄到下面这个地址，记得在包裹里附上订单号哦',
        images: [card.ref],
      },
    ],
    images: { [chart.ref.hash]: bytesToBase64(chart.bytes), [card.ref.hash]: bytesToBase64(card.bytes) },
  } as { id: string; name: string });

  const consolePage = await h.openConsole('?schedule=off');
  await consolePage.setViewportSize({ width: 1060, height: 760 });
  const panel = await h.openPanel();
  await panel.setViewportSize({ width: 400, height: 760 });
  await consolePage.bringToFront();
  await consolePage.locator('[data-role="composer"]').click();
  await panel.waitForTimeout(1000);
  await clickScriptInPanel(panel, 'shop.pictures/chart', '发尺码表');
  await consolePage.locator('[data-role="attachment"]').waitFor();
  await consolePage.bringToFront();
  await consolePage.locator('[data-role="send"]').click();
  await consolePage.waitForTimeout(500);
  await panel.bringToFront();
  await panel.getByRole('searchbox').fill('pack:shop.pictures');
  await panel.locator('.script-thumb img').first().waitFor();
  await panel.waitForTimeout(500);

  const consoleShot = await consolePage.screenshot();
  const panelShot = await panel.screenshot();
  const compose = await h.context.newPage();
  await compose.setViewportSize({ width: 1460, height: 760 });
  const img = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
  await compose.setContent(
    `<body style="margin:0;display:flex;background:#ccc"><img src="${img(consoleShot)}" style="width:1060px"><img src="${img(panelShot)}" style="width:400px;border-left:1px solid #999"></body>`,
  );
  await compose.screenshot({ path: `${out}/screenshot-images.png` });
  console.log(`written ${out}/screenshot-images.png`);
} finally {
  await h.close();
}
