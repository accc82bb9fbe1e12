import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../scripts-library/hash';
import {
  base64ToBytes,
  bytesToBase64,
  describeImage,
  imageFileName,
  inspectImage,
  MAX_IMAGE_BYTES,
  sniffImageType,
  verifyImageBytes,
} from '../../../scripts-library/images';
import { validatePack } from '../../../scripts-library/schema';
import { gifHeader, jpegHeader, makePng, pngHeaderOnly, SVG, webpHeader } from '../../fixtures/images';

describe('sniffing and caps', () => {
  it('knows the four types by their bytes and reads their dimensions', () => {
    expect(inspectImage(makePng(30, 20))).toMatchObject({ ok: true, type: 'image/png', width: 30, height: 20 });
    expect(inspectImage(jpegHeader(640, 480))).toMatchObject({ ok: true, type: 'image/jpeg', width: 640, height: 480 });
    expect(inspectImage(gifHeader(16, 9))).toMatchObject({ ok: true, type: 'image/gif', width: 16, height: 9 });
    expect(inspectImage(webpHeader(100, 50))).toMatchObject({ ok: true, type: 'image/webp', width: 100, height: 50 });
  });

  it('refuses SVG, empty files and bytes that are not what they claim', () => {
    expect(inspectImage(SVG)).toMatchObject({ ok: false, problem: 'unknown-type' });
    expect(sniffImageType(SVG)).toBeNull();
    expect(inspectImage(new Uint8Array())).toMatchObject({ ok: false, problem: 'empty' });
    expect(inspectImage(makePng(4, 4), 'image/jpeg')).toMatchObject({ ok: false, problem: 'type-mismatch' });
    // A PNG signature followed by garbage: no header to read.
    expect(inspectImage(makePng(4, 4).slice(0, 12))).toMatchObject({ ok: false, problem: 'bad-header' });
  });

  it('caps the size at 2 MB and each side at 4096 px', () => {
    expect(inspectImage(pngHeaderOnly(4096, 4096))).toMatchObject({ ok: true });
    expect(inspectImage(pngHeaderOnly(4097, 10))).toMatchObject({ ok: false, problem: 'too-big-dimensions' });
    expect(inspectImage(pngHeaderOnly(10, 50_000))).toMatchObject({ ok: false, problem: 'too-big-dimensions' });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(makePng(8, 8));
    expect(inspectImage(big)).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('names an image by the SHA-256 of its bytes and checks arriving bytes against the reference', async () => {
    const png = makePng(12, 8);
    const described = await describeImage(png, '尺码表');
    expect(described.ok).toBe(true);
    if (!described.ok) return;
    expect(described.ref).toEqual({
      hash: await sha256Hex(png),
      type: 'image/png',
      alt: '尺码表',
      width: 12,
      height: 8,
      bytes: png.length,
    });
    expect(imageFileName(described.ref)).toBe(`${described.ref.hash}.png`);
    expect(await verifyImageBytes(png, described.ref)).toMatchObject({ ok: true });
    const other = makePng(12, 8, [0, 0, 255]);
    expect(await verifyImageBytes(other, described.ref)).toMatchObject({ ok: false, problem: 'hash-mismatch' });
    expect(await verifyImageBytes(png, { ...described.ref, width: 13 })).toMatchObject({
      ok: false,
      problem: 'ref-mismatch',
    });
  });

  it('base64 round-trips bytes, and bad base64 is null', () => {
    const png = makePng(50, 50);
    expect(base64ToBytes(bytesToBase64(png))).toEqual(png);
    expect(base64ToBytes('不是 base64')).toBeNull();
  });
});

describe('property: random and malformed bytes', () => {
  it('never throws, and accepts only bytes with one of the four signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const check = inspectImage(bytes);
        if (check.ok) {
          expect(sniffImageType(bytes)).toBe(check.type);
          expect(check.width).toBeLessThanOrEqual(4096);
          expect(check.height).toBeLessThanOrEqual(4096);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a real image cut short or with bytes flipped never passes with other dimensions than its header says', () => {
    const png = makePng(40, 30);
    fc.assert(
      fc.property(
        fc.nat(png.length),
        fc.array(fc.tuple(fc.nat(png.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cut, flips) => {
          const bytes = png.slice(0, cut);
          for (const [at, v] of flips) if (at < bytes.length) bytes[at] = v;
          const check = inspectImage(bytes);
          if (!check.ok) return;
          // Whatever passes is a PNG whose header we read, within the caps.
          expect(check.type).toBe('image/png');
          expect(check.width * check.height).toBeLessThanOrEqual(4096 * 4096);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a valid signature in front of random bytes is never mistaken for another type', () => {
    const heads = [
      makePng(2, 2).slice(0, 8),
      jpegHeader(2, 2).slice(0, 3),
      new TextEncoder().encode('GIF89a'),
      SVG.slice(0, 20),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('image/png', 'image/jpeg', 'image/gif', 'image/webp'),
        (head, tail, declared) => {
          const bytes = new Uint8Array([...head, ...tail]);
          const check = inspectImage(bytes, declared);
          if (check.ok) expect(check.type).toBe(declared);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('pack format', () => {
  const base = {
    schemaVersion: 1,
    id: 'shop.a',
    name: '店铺',
    version: '1.0.0',
    updatedAt: '2026-12-01T00:00:00Z',
    author: '组长',
    situations: [{ id: 'cm', name: '尺码' }],
  };
  const ref = { hash: 'a'.repeat(64), type: 'image/png', alt: '尺码表', width: 800, height: 600, bytes: 120_000 };

  it('a script may be image-only, with at most four images', () => {
    expect(
      validatePack({ ...base, scripts: [{ id: 's1', situation: 'cm', title: '尺码表', body: '', images: [ref] }] }).ok,
    ).toBe(true);
    const five = [0, 1, 2, 3, 4].map((i) => ({ ...ref, hash: String(i).repeat(64) }));
    expect(
      validatePack({ ...base, scripts: [{ id: 's1', situation: 'cm', title: '尺码表', body: '看图', images: five }] })
        .ok,
    ).toBe(false);
    expect(validatePack({ ...base, scripts: [{ id: 's1', situation: 'cm', title: '尺码表', body: '' }] }).ok).toBe(
      false,
    );
  });

  it('refuses SVG, oversize images and a malformed hash', () => {
    const script = (img: object) => ({
      ...base,
      scripts: [{ id: 's1', situation: 'cm', title: 't', body: 'x', images: [img] }],
    });
    expect(validatePack(script({ ...ref, type: 'image/svg+xml' })).ok).toBe(false);
    expect(validatePack(script({ ...ref, width: 5000 })).ok).toBe(false);
    expect(validatePack(script({ ...ref, bytes: MAX_IMAGE_BYTES + 1 })).ok).toBe(false);
    expect(validatePack(script({ ...ref, hash: 'xyz' })).ok).toBe(false);
  });

  it('a pack without images validates to the same thing as before (no new defaults change its content hash)', () => {
    const r = validatePack({ ...base, scripts: [{ id: 's1', situation: 'cm', title: 't', body: 'x' }] });
    expect(r.ok && 'images' in r.pack.scripts[0]!).toBe(false);
    expect(r.ok && 'images' in r.pack).toBe(false);
  });
});
