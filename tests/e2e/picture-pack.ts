/**
 * Scripts with pictures for the e2e tests: real PNG files (tests/fixtures/images.ts) described as
 * a pack describes them, and a small pack embedding them.
 */
import { bytesToBase64, describeImage, type ScriptImageRef } from '../../scripts-library/images';
import { makePng } from '../fixtures/images';

export interface Picture {
  ref: ScriptImageRef;
  bytes: Uint8Array;
}

export async function picture(w: number, h: number, rgb: [number, number, number], alt: string): Promise<Picture> {
  const bytes = makePng(w, h, rgb);
  const d = await describeImage(bytes, alt);
  if (!d.ok) throw new Error(d.message);
  return { ref: d.ref, bytes };
}

export const PICTURE_PACK_ID = 'e2e.pictures';

/**
 * 尺码表图片 (text and a size chart, shortcut `ccb`) and 退货地址卡片 (only a picture), in a
 * situation whose customer wording is 尺码表 / 地址, so a customer asking for either gets them as
 * suggestions.
 */
export async function picturePack() {
  const chart = await picture(240, 160, [30, 120, 220], '尺码表');
  const card = await picture(200, 120, [220, 140, 30], '退货地址卡');
  const pack = {
    schemaVersion: 1,
    id: PICTURE_PACK_ID,
    name: '图片话术',
    version: '1.0.0',
    updatedAt: '2026-12-07T00:00:00+08:00',
    author: 'e2e',
    situations: [{ id: 'cm', name: '尺码与退货地址', cues: ['尺码表', '退货地址', '尺码'] }],
    scripts: [
      {
        id: 'chart',
        situation: 'cm',
        title: '尺码表图片',
        body: '亲，这是我们的尺码表，请参考一下哦',
        shortcut: 'ccb',
        images: [chart.ref],
      },
      { id: 'card', situation: 'cm', title: '退货地址卡片', body: '', images: [card.ref] },
    ],
    images: { [chart.ref.hash]: bytesToBase64(chart.bytes), [card.ref.hash]: bytesToBase64(card.bytes) },
  };
  return { pack, chart, card };
}
