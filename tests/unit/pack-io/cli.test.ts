/**
 * The publisher CLI, run as a child process the way a team lead runs `npm run pack -- …`,
 * on the fixtures in tests/fixtures/packs (the xlsx one is written here with write-excel-file).
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeXlsxFile from 'write-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHashMatches } from '../../../scripts-library/hash';
import { parsePackJson, type Pack } from '../../../scripts-library/schema';
import { makePng } from '../../fixtures/images';
import { makeZip, withDeclaredSize } from '../../fixtures/zips';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'tests/fixtures/packs');
let dir: string;

function pack(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tools/pack.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function readPack(path: string): Pack {
  const r = parsePackJson(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.pack;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pack-cli-'));
  // A team lead's workbook: a title row, merged first-level cells (empty below the first), Word-style blanks.
  const rows = [
    ['好物旗舰店 售后话术（内部使用）'],
    ['一级分类', '二级分类', '话术标题', '话术内容', '快捷码', '关键词', '备注'],
    [
      '售后',
      '质量问题',
      '致歉并换新',
      'XXXX先生/女士，非常抱歉给您添麻烦了，我们马上为您安排换新。',
      'zl1',
      '坏了、质量差',
      '先致歉',
    ],
    [null, '物流破损', '请拍照', '麻烦您拍一下外包装和商品的照片，我马上为您登记。', 'ps1', '压坏、破了', null],
    ['售前', '催付', '催付提醒', '亲，您的订单还没有付款哦，付款后 48 小时内为您发货。', 'cf1', '没付款', null],
  ];
  const blob = await writeXlsxFile(
    rows.map((r) => r.map((c) => (c === null ? null : { value: c, type: String }))),
    { sheet: '售后话术' },
  ).toBlob();
  writeFileSync(join(dir, 'team.xlsx'), new Uint8Array(await blob.arrayBuffer()));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run pack -- build', () => {
  it('builds an xlsx into a valid, hashed pack and prints a summary', async () => {
    const out = join(dir, 'team.json');
    const r = pack(
      'build',
      join(dir, 'team.xlsx'),
      '-o',
      out,
      '--id',
      'haowu.after-sale',
      '--name',
      '好物售后',
      '--author',
      '客服组长',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 条话术');
    expect(r.out).toContain('转换占位符 1 处');
    const p = readPack(out);
    expect(p).toMatchObject({ id: 'haowu.after-sale', name: '好物售后', author: '客服组长', version: '1.0.0' });
    expect(await contentHashMatches(p)).toBe(true);
    expect(p.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.scripts.find((s) => s.shortcut === 'zl1')!.body.startsWith('{客户称呼}，非常抱歉')).toBe(true);
    const photo = p.scripts.find((s) => s.shortcut === 'ps1')!;
    expect(p.situations.find((s) => s.id === p.situations.find((x) => x.id === photo.situation)!.parent)!.name).toBe(
      '售后',
    );
  }, 60_000);

  it('keeps the version when nothing changed, bumps it when something did, and reports the change', () => {
    const out = join(dir, 'bump.json');
    const csv = join(dir, 'bump.csv');
    copyFileSync(join(fixtures, 'team-gbk.csv'), csv);
    expect(pack('build', csv, '-o', out, '--version', '1.4.0').code).toBe(0);
    const again = pack('build', csv, '-o', out);
    expect(again.out).toContain('内容未变化，版本保持 1.4.0');
    expect(readPack(out).version).toBe('1.4.0');
    // The sheet changes (and is now saved as UTF-8): one script kept, one added, two gone.
    writeFileSync(
      csv,
      '\uFEFF分类,情景,话术,快捷码\r\n开场,问候,您好，欢迎光临本店，请问有什么可以帮您？,kc1\r\n售后,退换,您好，换货已经寄出，请留意物流。,sh2\r\n',
    );
    const changed = pack('build', csv, '-o', out);
    expect(changed.code).toBe(0);
    expect(changed.out).toContain('版本 1.4.0 → 1.4.1');
    expect(changed.out).toMatch(/新增 1，修改 0，删除 2/);
  }, 60_000);

  it('refuses a sheet with duplicate shortcut codes: exit 1, both rows named, nothing written', () => {
    const csv = join(dir, 'dup.csv');
    writeFileSync(csv, '分类,话术,快捷码\n售后,非常抱歉给您添麻烦了。,dq1\n售后,请您放心，我会跟进到底。,dq1\n');
    const out = join(dir, 'dup.json');
    const r = pack('build', csv, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('快捷码「dq1」与第 2 行重复');
    expect(r.err).toContain('第 3 行');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('builds a folder: meta.json for the pack, one file per top-level situation', () => {
    const out = join(dir, 'folder.json');
    const r = pack('build', join(fixtures, 'folder'), '-o', out);
    expect(r.code).toBe(0);
    const p = readPack(out);
    expect(p).toMatchObject({ id: 'team.demo', name: '示例团队话术', version: '2.0.0', author: '客服组长' });
    expect(p.situations.map((s) => s.name)).toEqual(['售前', '售后']);
    expect(p.scripts.map((s) => s.title)).toEqual([
      '尺码推荐',
      '催付提醒',
      '退货申请已经通过',
      '商品寄回后仓库签收 48 小时内为您办理…',
    ]);
  }, 60_000);

  it('builds a Markdown outline', () => {
    const out = join(dir, 'outline.json');
    const r = pack(
      'build',
      join(fixtures, 'outline.md'),
      '-o',
      out,
      '--id',
      'handbook',
      '--name',
      '售后手册',
      '--lang',
      'en',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('7 scripts, 6 situations');
  }, 60_000);

  it('says what is wrong with the arguments', () => {
    expect(pack('build', join(fixtures, 'outline.md')).code).toBe(2);
    expect(pack('build', join(dir, 'missing.xlsx'), '-o', join(dir, 'x.json')).err).toContain('找不到');
    expect(pack('frobnicate').code).toBe(2);
  }, 60_000);
});

describe('npm run pack -- validate / diff', () => {
  it('validates a built pack, and catches an edit made after the build', () => {
    const out = join(dir, 'v.json');
    expect(pack('build', join(fixtures, 'team-sheet.csv'), '-o', out, '--id', 'v', '--name', '校验').code).toBe(0);
    const ok = pack('validate', out);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('contentHash 正确');
    writeFileSync(out, readFileSync(out, 'utf8').replace('感谢您的耐心', '谢谢您的耐心'));
    const tampered = pack('validate', out);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('contentHash 与内容不符');
    writeFileSync(out, '{"schemaVersion":1,"id":"bad id"}');
    const invalid = pack('validate', out);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('不是有效的话术包');
  }, 60_000);

  it('refuses what every importer refuses, with the same messages, in the chosen language', async () => {
    const { validatePack } = await import('../../../scripts-library/schema');
    const { MIXED_CSV, INVALID_UTF8_JSON } = await import('../../fixtures/hostile/files');
    expect(
      pack('build', join(fixtures, 'team-sheet.csv'), '-o', join(dir, 'r.json'), '--id', 'r', '--name', '保留').code,
    ).toBe(0);
    const good = readPack(join(dir, 'r.json'));
    for (const id of ['personal', 'default.zh-CN']) {
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify({ ...good, id, contentHash: undefined }));
      const r = pack('validate', file);
      expect(r.code).toBe(1);
      const expected = validatePack({ ...good, id }, { install: true });
      expect(!expected.ok && r.err).toContain(!expected.ok ? expected.errors[0]!.message : '?');
      expect(pack('validate', file, '--lang', 'en').err).toContain(!expected.ok ? expected.errors[0]!.messageEn : '?');
      expect(pack('build', file, '-o', join(dir, `${id}-out.json`)).code).toBe(1);
      expect(existsSync(join(dir, `${id}-out.json`))).toBe(false);
    }
    writeFileSync(join(dir, 'broken.json'), INVALID_UTF8_JSON);
    const broken = pack('validate', join(dir, 'broken.json'));
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('第 2 行');
    writeFileSync(join(dir, 'mixed.csv'), MIXED_CSV);
    const mixed = pack('build', join(dir, 'mixed.csv'), '-o', join(dir, 'mixed.json'));
    expect(mixed.code).toBe(1);
    expect(mixed.err).toContain('第 4 行');
    expect(existsSync(join(dir, 'mixed.json'))).toBe(false);
  }, 120_000);

  it('diffs two versions: added, changed and removed scripts with titles and situations', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect(pack('build', join(fixtures, 'team-sheet.csv'), '-o', a, '--id', 'd', '--name', '对比').code).toBe(0);
    const csv = readFileSync(join(fixtures, 'team-sheet.csv'), 'utf8')
      .replace('感谢您的耐心，祝您生活愉快！', '感谢您的耐心，祝您周末愉快！')
      .replace(/^,物流破损,请提供照片.*$/m, '')
      .concat('售后,退款,退款进度,您好，退款已经提交，3-5 个工作日原路退回。,sh9,,\n');
    writeFileSync(join(dir, 'b.csv'), csv);
    expect(pack('build', join(dir, 'b.csv'), '-o', b, '--id', 'd', '--name', '对比').code).toBe(0);
    const r = pack('diff', a, b);
    expect(r.code).toBe(0);
    expect(r.out).toContain('新增 1 条');
    expect(r.out).toMatch(/\+ \[售后 › 退款\] 退款进度/);
    expect(r.out).toMatch(/~ \[结束语\] 感谢与祝福 .* 改了: 内容/);
    expect(r.out).toMatch(/- \[售后 › 物流破损\] 请提供照片/);
    expect(r.out).toContain('+ 售后 › 退款');
  }, 60_000);
});

describe('pack build with pictures', () => {
  const png = makePng(24, 12, [30, 90, 160]);
  const csv = (cell: string) => new TextEncoder().encode(`分类,标题,话术,图片\n售前,尺码,请看尺码表,${cell}\n`);

  it('a zip of a folder with the sheet and its pictures builds a pack that embeds them', () => {
    const zipPath = join(dir, '带图.zip');
    writeFileSync(zipPath, makeZip({ '团队/话术.csv': csv('图/尺码表.png|尺码对照'), '团队/图/尺码表.png': png }));
    const out = join(dir, 'zip-pack.json');
    const r = pack('build', zipPath, '-o', out, '--id', 'team.pics', '--name', '带图');
    expect(r.code, r.err).toBe(0);
    const built = readPack(out);
    const ref = built.scripts[0]!.images![0]!;
    expect(ref).toMatchObject({ alt: '尺码对照', width: 24, height: 12 });
    expect(Object.keys(built.images!)).toEqual([ref.hash]);
  });

  it('a folder build with --image-files writes images/<hash>.<ext> beside the pack and embeds nothing', () => {
    const folder = join(dir, 'pics-folder');
    mkdirSync(join(folder, 'images'), { recursive: true });
    writeFileSync(join(folder, '01-售前.csv'), csv('尺码表.png'));
    writeFileSync(join(folder, 'images', '尺码表.png'), png);
    const outDir = join(dir, 'hosted');
    mkdirSync(outDir);
    const r = pack('build', folder, '-o', join(outDir, 'pack.json'), '--id', 'team.hosted', '--image-files');
    expect(r.code, r.err).toBe(0);
    const built = readPack(join(outDir, 'pack.json'));
    expect(built.images).toBeUndefined();
    const ref = built.scripts[0]!.images![0]!;
    expect(readdirSync(join(outDir, 'images'))).toEqual([`${ref.hash}.png`]);
  });

  it('a missing picture or a lying zip entry fails the build, naming row and file', () => {
    const folder = join(dir, 'missing-folder');
    mkdirSync(folder);
    writeFileSync(join(folder, '话术.csv'), csv('没有.png'));
    const r = pack('build', folder, '-o', join(dir, 'missing.json'), '--id', 'team.m');
    expect(r.code).toBe(1);
    expect(r.err + r.out).toContain('第 2 行：找不到图片「没有.png」');
    const bombPath = join(dir, 'bomb.zip');
    writeFileSync(
      bombPath,
      withDeclaredSize(makeZip({ '话术.csv': csv('b.png'), 'b.png': new Uint8Array(3_000_000) }), 1, 500),
    );
    const b = pack('build', bombPath, '-o', join(dir, 'bomb.json'), '--id', 'team.b');
    expect(b.code).toBe(1);
    expect(b.err + b.out).toMatch(/第 2 行：图片「b\.png」读不出来：.*解压炸弹/);
    expect(existsSync(join(dir, 'bomb.json'))).toBe(false);
  });
});
