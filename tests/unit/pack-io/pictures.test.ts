import { describe, expect, it } from 'vitest';
import { guessMapping, tableToPack, type Table } from '../../../scripts-library/io';
import {
  parsePictureCell,
  picturesFromFolder,
  picturesFromZip,
  resolveTablePictures,
  type PictureFiles,
} from '../../../scripts-library/io/pictures';
import { ZipArchive } from '../../../scripts-library/io/zip';
import { MAX_IMAGE_BYTES } from '../../../scripts-library/images';
import { makePng } from '../../fixtures/images';
import { makeZip, withDeclaredSize } from '../../fixtures/zips';

const sheet = (rows: string[][]): Table => ({ headers: ['分类', '标题', '话术', '图片'], rows, kind: 'csv' });
const png = makePng(30, 20, [10, 120, 200]);
const png2 = makePng(16, 16, [200, 10, 10]);

async function importWith(table: Table, files: PictureFiles | null) {
  const mapping = guessMapping(table.headers);
  const pictures = await resolveTablePictures(table, mapping, files, { sheetPath: '话术.csv' });
  return tableToPack(table, mapping, { id: 'team.pics', name: '图片话术' }, { pictures });
}

describe('parsePictureCell', () => {
  it('splits on ; ； and new lines, with alt text after | or ｜, the file stem otherwise', () => {
    expect(parsePictureCell(' images/尺码表.png | S–XL 尺码对照；退货.jpg\n./二维码.webp｜保修 ')).toEqual([
      { name: 'images/尺码表.png', alt: 'S–XL 尺码对照' },
      { name: '退货.jpg', alt: '退货' },
      { name: '二维码.webp', alt: '保修' },
    ]);
    expect(parsePictureCell(' ; \n')).toEqual([]);
  });
});

describe('the 图片 column', () => {
  it('is recognised from its header', () => {
    expect(guessMapping(['标题', '话术', '配图'])).toEqual(['title', 'body', 'images']);
    expect(guessMapping(['title', 'script', 'Images'])).toEqual(['title', 'body', 'images']);
  });

  it('gives scripts their pictures from a folder, once per file, and embeds the bytes; a picture alone is a script', async () => {
    const files = picturesFromFolder(
      new Map([
        ['images/尺码表.png', png],
        ['退货地址.png', png2],
      ]),
    );
    const r = await importWith(
      sheet([
        ['售前', '尺码', '请看尺码表', '尺码表.png|尺码对照'],
        ['售前', '', '', 'images/尺码表.png'],
        ['售后', '地址', '寄回这里', '退货地址.png; images/尺码表.png'],
      ]),
      files,
    );
    expect(r.issues.filter((i) => i.level === 'error')).toEqual([]);
    const [a, b, c] = r.pack!.scripts;
    expect(a!.images).toMatchObject([{ alt: '尺码对照', width: 30, height: 20, type: 'image/png' }]);
    expect(b!.body).toBe('');
    expect(b!.title).toBe('尺码表');
    expect(c!.images!.map((i) => i.alt)).toEqual(['退货地址', '尺码表']);
    expect(Object.keys(r.pack!.images!).sort()).toEqual([a!.images![0]!.hash, c!.images![0]!.hash].sort());
  });

  it('reads pictures from a zip, the sheet beside them', async () => {
    const zip = ZipArchive.open(makeZip({ '团队/话术.csv': new Uint8Array(1), '团队/图/尺码表.png': png }), 'z.zip');
    const table = sheet([['售前', '尺码', '看图', '图/尺码表.png']]);
    const pictures = await resolveTablePictures(table, guessMapping(table.headers), picturesFromZip(zip), {
      sheetPath: '团队/话术.csv',
    });
    const r = tableToPack(table, guessMapping(table.headers), { id: 't' }, { pictures });
    expect(r.pack!.scripts[0]!.images).toHaveLength(1);
  });

  const refused = async (files: PictureFiles | null, cell: string) => {
    const r = await importWith(
      sheet([
        ['售前', '好的', '在的', ''],
        ['售前', '尺码', '看图', cell],
      ]),
      files,
    );
    return { pack: r.pack, errors: r.issues.filter((i) => i.level === 'error').map((i) => i.message) };
  };

  it('refuses the row, naming row and file, for a missing file, a wrong type, an oversize picture or too many', async () => {
    const folder = picturesFromFolder(
      new Map<string, Uint8Array>([
        ['a.png', png],
        ['logo.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
        ['fake.png', new TextEncoder().encode('not a picture')],
        ['photo.jpg', png],
        ['big.png', new Uint8Array(MAX_IMAGE_BYTES + 1)],
        ['x/dup.png', png],
        ['y/dup.png', png2],
      ]),
    );
    expect((await refused(folder, '没有.png')).errors).toEqual(['第 3 行：找不到图片「没有.png」']);
    expect((await refused(folder, 'logo.svg')).errors[0]).toMatch(/第 3 行：图片「logo\.svg」不能用：只支持 PNG/);
    expect((await refused(folder, 'fake.png')).errors[0]).toMatch(/第 3 行：图片「fake\.png」不能用/);
    expect((await refused(folder, 'photo.jpg')).errors[0]).toMatch(/第 3 行：图片「photo\.jpg」的内容是 image\/png/);
    expect((await refused(folder, 'big.png')).errors[0]).toMatch(/第 3 行：图片「big\.png」有 2\.0 MB，超过 2 MB/);
    expect((await refused(folder, 'dup.png')).errors[0]).toMatch(/第 3 行：图片「dup\.png」有同名文件/);
    expect((await refused(folder, 'a.png;a.png;a.png;a.png;a.png')).errors[0]).toMatch(/第 3 行：一条话术最多 4 张/);
    // Nothing is built: the import stores nothing.
    expect((await refused(folder, '没有.png')).pack).toBeNull();
  });

  it('without a folder or zip, a row naming pictures is refused with how to import it', async () => {
    expect((await refused(null, 'a.png')).errors[0]).toMatch(
      /第 3 行：图片「a\.png」：请把表格和图片放在一个文件夹或 \.zip/,
    );
    const table = sheet([['售前', '尺码', '看图', 'a.png']]);
    const r = tableToPack(table, guessMapping(table.headers), { id: 't' });
    expect(r.pack).toBeNull();
    expect(r.issues[0]!.message).toMatch(/第 2 行：图片要和表格一起导入/);
  });

  it('names the zip entry that lies about its size', async () => {
    const zip = ZipArchive.open(
      withDeclaredSize(makeZip({ '话术.csv': new Uint8Array(1), 'bomb.png': new Uint8Array(4_000_000) }), 1, 100),
      'z.zip',
    );
    const { errors } = await refused(picturesFromZip(zip), 'bomb.png');
    expect(errors[0]).toMatch(/第 3 行：图片「bomb\.png」读不出来：.*解压炸弹/);
  });

  it('uses the browser decode when given, refusing a picture that decodes to another size', async () => {
    const table = sheet([['售前', '尺码', '看图', 'a.png']]);
    const pictures = await resolveTablePictures(
      table,
      guessMapping(table.headers),
      picturesFromFolder(new Map([['a.png', png]])),
      { confirm: async () => ({ width: 4000, height: 4000 }) },
    );
    const r = tableToPack(table, guessMapping(table.headers), { id: 't' }, { pictures });
    expect(r.issues[0]!.message).toMatch(/第 2 行：图片「a\.png」解码后的尺寸与文件头不符/);
  });
});
