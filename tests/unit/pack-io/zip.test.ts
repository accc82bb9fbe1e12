import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ZIP_ENTRIES, ZipArchive, ZipError } from '../../../scripts-library/io/zip';
import { makeZip, withDeclaredSize, withRawName } from '../../fixtures/zips';

const text = (s: string) => new TextEncoder().encode(s);

describe('ZipArchive', () => {
  it('reads deflated and stored files by path', () => {
    const zip = ZipArchive.open(
      makeZip({ '话术.csv': text('标题,话术\n尺码,看图'), 'images/a.png': new Uint8Array([1, 2, 3]) }),
      't.zip',
    );
    expect([...zip.entries.keys()]).toEqual(['话术.csv', 'images/a.png']);
    expect(new TextDecoder().decode(zip.read('话术.csv'))).toBe('标题,话术\n尺码,看图');
    expect([...zip.read('images/a.png')]).toEqual([1, 2, 3]);
    const stored = ZipArchive.open(makeZip({ 'b.bin': new Uint8Array(5000).fill(7) }, 0), 's.zip');
    expect(stored.read('b.bin').length).toBe(5000);
  });

  it('reads a GBK file name that the zip does not mark as UTF-8 (Windows on a Chinese system)', () => {
    const gbk = new Uint8Array([0xb3, 0xdf, 0xc2, 0xeb, 0xb1, 0xed]); // 尺码表
    const zip = ZipArchive.open(withRawName(makeZip({ 'abcdef.png': new Uint8Array([1]) }), 'abcdef', gbk), 'w.zip');
    expect([...zip.entries.keys()]).toEqual(['尺码表.png']);
  });

  it('skips folders and the files macOS adds', () => {
    const zip = ZipArchive.open(
      makeZip({ '__MACOSX/._a.png': text('x'), 'dir/._b.png': text('x'), 'dir/c.png': text('c') }),
      'mac.zip',
    );
    expect([...zip.entries.keys()]).toEqual(['dir/c.png']);
  });

  it('refuses a file that inflates past the size it declares (a decompression bomb), naming it', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024); // deflates to a few KB
    const lying = withDeclaredSize(makeZip({ 'images/bomb.png': zeros }), 0, 1000);
    const zip = ZipArchive.open(lying, 'bomb.zip');
    expect(() => zip.read('images/bomb.png')).toThrow(/images\/bomb\.png.*解压炸弹/);
  });

  it('refuses a file that inflates to less than it declares', () => {
    const zip = ZipArchive.open(withDeclaredSize(makeZip({ 'a.csv': text('abc') }), 0, 10), 'short.zip');
    expect(() => zip.read('a.csv')).toThrow(ZipError);
  });

  it("refuses by declared size before inflating: one file over the caller's cap, the whole over the total", () => {
    const zip = ZipArchive.open(makeZip({ 'big.png': new Uint8Array(3 * 1024 * 1024) }), 'big.zip');
    expect(() => zip.read('big.png', 2 * 1024 * 1024)).toThrow(/big\.png.*3\.0 MB/);
    const huge = withDeclaredSize(
      withDeclaredSize(makeZip({ 'a.png': text('a'), 'b.png': text('b') }), 0, 0x7fffffff),
      1,
      0x7fffffff,
    );
    expect(() => ZipArchive.open(huge, 'huge.zip')).toThrow(/解压后超过/);
  });

  it('refuses an archive with too many files', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) files[`f${i}.txt`] = new Uint8Array(0);
    expect(() => ZipArchive.open(makeZip(files, 0), 'many.zip')).toThrow(/最多 5000 个/);
  });

  it('refuses what is not a zip', () => {
    expect(() => ZipArchive.open(text('标题,话术'), 'x.zip')).toThrow(/不是有效的 zip/);
  });
});

/** Whatever the bytes, the reader either answers within its caps or throws its own error. */
function readsSafely(bytes: Uint8Array) {
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(bytes, 'p.zip');
  } catch (e) {
    expect(e).toBeInstanceOf(ZipError);
    return;
  }
  for (const [path, entry] of zip.entries) {
    try {
      const data = zip.read(path, 1024 * 1024);
      expect(data.length).toBe(entry.size);
      expect(data.length).toBeLessThanOrEqual(1024 * 1024);
    } catch (e) {
      expect(e).toBeInstanceOf(ZipError);
    }
  }
}

describe('ZipArchive on random and damaged archives', () => {
  const sample = makeZip({
    '话术.csv': text('标题,话术,图片\n尺码,看图,a.png\n'.repeat(20)),
    'images/a.png': new Uint8Array(2000).map((_, i) => (i * 7) % 256),
    'images/zero.bin': new Uint8Array(100000),
  });

  it('random bytes, with and without a zip signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, signed) => {
        const b = signed
          ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes, 0x50, 0x4b, 0x05, 0x06, ...bytes.slice(0, 18)])
          : bytes;
        readsSafely(b);
      }),
      { numRuns: 300 },
    );
  });

  it('a real archive with bytes overwritten anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const b = sample.slice();
          for (const [at, v] of edits) b[at] = v;
          readsSafely(b);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a real archive whose directory declares any sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 3, maxLength: 3 }), (sizes) => {
        let b = sample;
        sizes.forEach((s, i) => (b = withDeclaredSize(b, i, s)));
        readsSafely(b);
      }),
      { numRuns: 200 },
    );
  });

  it('a real archive cut short anywhere', () => {
    fc.assert(
      fc.property(fc.nat({ max: sample.length }), (n) => readsSafely(sample.subarray(0, n))),
      { numRuns: 200 },
    );
  });
});
