/**
 * The pack publisher's tool: `npm run pack -- <command>`.
 *
 *   build <file.xlsx|file.csv|file.md|pack.json|folder> -o pack.json [--id --name --version --author --description --sheet --skip-error-rows --lang en]
 *   validate <pack.json>
 *   diff <old.json> <new.json>
 *   publish <pack.json> --to <WebDAV folder URL> [--user U] [--notes "…"] [--dry-run] [--republish VERSION]
 *     (the password comes from the HUASHU_DAV_PASSWORD environment variable, never from the command line)
 *
 * Exit codes: 0 done; 1 the pack has errors (build, validate); 2 bad arguments or unreadable files.
 * Output is Chinese; `--lang en` prints English.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve as resolveFrom } from 'node:path';
import { parseArgs } from 'node:util';
import { diffScripts, packToRows } from '../scripts-library/pack-rows';
import {
  bumpVersion,
  previewPublish,
  publishPack,
  PublishInvalidError,
  republishVersion,
  type ChangeSummary,
  type ImageBytes,
} from '../utils/publish/publish';
import { davClient, DavError } from '../utils/publish/webdav';
import { computeContentHash } from '../scripts-library/hash';
import { base64ToBytes, imageFileName, imageRefsOf } from '../scripts-library/images';
import {
  picturesFromFolder,
  picturesFromZip,
  type FolderFile,
  type PictureFiles,
} from '../scripts-library/io/pictures';
import { importOfPack } from '../scripts-library/io/json';
import { MAX_ZIP_ENTRIES, ZipArchive, type ZipError } from '../scripts-library/io/zip';
import {
  decodeFileText,
  filesToPack,
  packToJson,
  sourceKindOf,
  type PackMeta,
  type RowIssue,
  type TableImport,
} from '../scripts-library/io';
import { parsePackJson, validatePack, type Pack, type ValidateOptions } from '../scripts-library/schema';
import { situationPath } from '../scripts-library/situation-path';

/** `npm run` starts us in the package folder; paths on the command line are relative to where it was typed. */
const resolve = (p: string) => resolveFrom(process.env.INIT_CWD ?? process.cwd(), p);

type Lang = 'zh' | 'en';
let lang: Lang = 'zh';
const say = (zh: string, en: string) => console.log(lang === 'en' ? en : zh);
const fail = (zh: string, en: string, code = 2): never => {
  console.error(lang === 'en' ? en : zh);
  process.exit(code);
};

const USAGE_ZH = `用法：
  npm run pack -- build <表格.xlsx|表格.csv|文档.md|pack.json|文件夹|表格和图片.zip> -o pack.json [--id ID] [--name 名称] [--version 版本] [--author 作者] [--description 说明] [--sheet 工作表] [--skip-error-rows] [--image-files]
    （表格的“图片”列写文件夹或 zip 里的图片文件名；--image-files 把图片写成 pack.json 旁的 images/<哈希>.<扩展名>，不嵌入）
  npm run pack -- validate <pack.json>
  npm run pack -- diff <旧.json> <新.json>
  npm run pack -- publish <pack.json> --to <WebDAV 文件夹地址> [--user 用户名] [--notes "更新说明"] [--dry-run] [--republish 版本]
    （密码从环境变量 HUASHU_DAV_PASSWORD 读取，不写在命令行里）
加 --lang en 输出英文。`;
const USAGE_EN = `Usage:
  npm run pack -- build <sheet.xlsx|sheet.csv|outline.md|pack.json|folder|sheet-and-pictures.zip> -o pack.json [--id ID] [--name NAME] [--version V] [--author A] [--description D] [--sheet SHEET] [--skip-error-rows] [--image-files]
    (a sheet's "图片/Pictures" column names picture files in the folder or zip; --image-files writes them beside pack.json as images/<hash>.<ext> instead of embedding them)
  npm run pack -- validate <pack.json>
  npm run pack -- diff <old.json> <new.json>
  npm run pack -- publish <pack.json> --to <WebDAV folder URL> [--user USER] [--notes "release notes"] [--dry-run] [--republish VERSION]
    (the password is read from the HUASHU_DAV_PASSWORD environment variable, never from the command line)
Add --lang en for English output.`;

/** A text file decoded as the importers decode it (never with replacement characters). */
function readTextFile(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    return fail(`无法读取 ${path}：${(e as Error).message}`, `Cannot read ${path}: ${(e as Error).message}`);
  }
  const decoded = decodeFileText(bytes);
  return decoded.ok ? decoded.text : fail(`${path}：${decoded.message}`, `${path}: ${decoded.messageEn}`, 1);
}

/** `install`: the pack is checked as every importer checks it (reserved ids refused too). */
function readPackFile(path: string, opts: ValidateOptions = {}): Pack {
  const result = parsePackJson(readTextFile(path), opts);
  if (!result.ok) {
    console.error(lang === 'en' ? `${path} is not a valid pack:` : `${path} 不是有效的话术包：`);
    for (const e of result.errors) console.error(`  ${e.path}: ${lang === 'en' ? e.messageEn : e.message}`);
    process.exit(1);
  }
  return result.pack;
}

function printIssues(issues: RowIssue[]) {
  const max = 200;
  for (const i of issues.slice(0, max)) {
    const tag = i.level === 'error' ? (lang === 'en' ? '[error]' : '[错误]') : lang === 'en' ? '[warning]' : '[提示]';
    const file = i.file ? `${i.file} ` : '';
    (i.level === 'error' ? console.error : console.log)(`${tag} ${file}${lang === 'en' ? i.messageEn : i.message}`);
  }
  if (issues.length > max) say(`……还有 ${issues.length - max} 条未列出`, `… ${issues.length - max} more not shown`);
}

/** Everything but version, date and hash: did the publisher change anything? */
function sameContent(a: Pack, b: Pack): boolean {
  const strip = ({ version: _v, updatedAt: _u, contentHash: _h, ...rest }: Pack) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

/** Folder meta: pack.json or meta.json, holding anything of a pack but its situations and scripts. */
function folderMeta(dir: string): { meta: PackMeta; file?: string } {
  for (const name of ['pack.json', 'meta.json']) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(readTextFile(path)) as Record<string, unknown>;
    } catch (e) {
      return fail(
        `${path} 不是有效的 JSON：${(e as Error).message}`,
        `${path} is not valid JSON: ${(e as Error).message}`,
      );
    }
    const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
    const meta: PackMeta = {
      ...(str('id') ? { id: str('id') } : {}),
      ...(str('name') ? { name: str('name') } : {}),
      ...(str('version') ? { version: str('version') } : {}),
      ...(str('author') ? { author: str('author') } : {}),
      ...(str('description') !== undefined ? { description: str('description') } : {}),
      ...(str('locale') ? { locale: str('locale') } : {}),
      ...(typeof raw.locked === 'boolean' ? { locked: raw.locked } : {}),
      extra: {
        ...(Array.isArray(raw.forbidden) ? { forbidden: raw.forbidden as Pack['forbidden'] } : {}),
        ...(Array.isArray(raw.placeholders) ? { placeholders: raw.placeholders as Pack['placeholders'] } : {}),
        ...(Array.isArray(raw.siteRules) ? { siteRules: raw.siteRules as Pack['siteRules'] } : {}),
        ...(raw.policy && typeof raw.policy === 'object' ? { policy: raw.policy as Pack['policy'] } : {}),
      },
    };
    return { meta, file: name };
  }
  return { meta: {} };
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** A picture written beside a pack file (`images/<hash>.<ext>`, what `build --image-files` writes). */
function imagesBeside(packPath: string): ImageBytes {
  return async (ref) => {
    const path = join(dirname(packPath), 'images', imageFileName(ref));
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
  };
}

/**
 * Every file under `dir` (hidden ones aside), by '/'-separated path, read only when a sheet names
 * it. The folder is walked only when a sheet has a 图片 column (a sheet in Downloads should not
 * walk Downloads), and at most MAX_ZIP_ENTRIES files deep, like a zip.
 */
function folderPictures(dir: string): PictureFiles {
  let found: PictureFiles | undefined;
  const walked = () => {
    if (found) return found;
    const files = new Map<string, FolderFile>();
    const walk = (sub: string) => {
      for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
        if (entry.name.startsWith('.') || files.size >= MAX_ZIP_ENTRIES) continue;
        const rel = sub ? `${sub}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(rel);
        else if (entry.isFile()) {
          const path = join(dir, rel);
          files.set(rel.normalize('NFC'), {
            size: statSync(path).size,
            bytes: async () => new Uint8Array(readFileSync(path)),
          });
        }
      }
    };
    walk('');
    return (found = picturesFromFolder(files));
  };
  return {
    paths: () => walked().paths(),
    sizeOf: (p) => walked().sizeOf(p),
    read: (p, max) => walked().read(p, max),
  };
}

async function build(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      id: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'string' },
      author: { type: 'string' },
      description: { type: 'string' },
      sheet: { type: 'string' },
      'skip-error-rows': { type: 'boolean' },
      'image-files': { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  const input = positionals[0];
  if (!input || !values.out)
    return fail(`build 需要输入和 -o 输出文件\n${USAGE_ZH}`, `build needs an input and -o output\n${USAGE_EN}`);
  const inPath = resolve(input);
  const outPath = resolve(values.out);
  if (!existsSync(inPath)) return fail(`找不到 ${input}`, `${input} not found`);

  const previousText = existsSync(outPath) ? decodeFileText(new Uint8Array(readFileSync(outPath))) : null;
  const previous = previousText?.ok ? parsePackJson(previousText.text) : null;
  const prev = previous?.ok ? previous.pack : null;

  let meta: PackMeta = {};
  let files: { name: string; data: Uint8Array }[] = [];
  let rebuilt: TableImport | null = null;
  let pictureFiles: PictureFiles | undefined;
  if (statSync(inPath).isDirectory()) {
    const found = folderMeta(inPath);
    meta = found.meta;
    const names = readdirSync(inPath)
      .filter((n) => n !== found.file && !n.startsWith('.') && !n.startsWith('~$') && sourceKindOf(n))
      .sort(collator.compare);
    if (names.length === 0)
      return fail(
        `文件夹 ${input} 里没有 .xlsx / .csv / .md / .txt 文件`,
        `Folder ${input} has no .xlsx / .csv / .md / .txt files`,
      );
    files = names.map((n) => ({ name: n, data: new Uint8Array(readFileSync(join(inPath, n))) }));
    pictureFiles = folderPictures(inPath);
  } else if (inPath.toLowerCase().endsWith('.zip')) {
    let zip: ZipArchive;
    try {
      zip = ZipArchive.open(new Uint8Array(readFileSync(inPath)), basename(inPath));
    } catch (e) {
      const z = e as ZipError;
      return fail(z.message, z.messageEn ?? z.message, 1);
    }
    // A zipped folder has everything under one top folder: read it as that folder.
    const paths = [...zip.entries.keys()];
    const top = paths[0]?.includes('/') ? paths[0].split('/')[0] + '/' : '';
    const root = top && paths.every((p) => p.startsWith(top)) ? top : '';
    const names = paths
      .filter((p) => p.startsWith(root) && !p.slice(root.length).includes('/') && sourceKindOf(p))
      .sort(collator.compare);
    if (names.length === 0)
      return fail(`${input} 里没有 .xlsx / .csv / .md / .txt 文件`, `${input} has no .xlsx / .csv / .md / .txt files`);
    try {
      files = names.map((n) => ({ name: n, data: zip.read(n) }));
    } catch (e) {
      const z = e as ZipError;
      return fail(z.message, z.messageEn ?? z.message, 1);
    }
    pictureFiles = picturesFromZip(zip);
  } else if (inPath.toLowerCase().endsWith('.json')) {
    // Re-stamping an edited pack: validate, then version/date/hash as for any build.
    const pack = readPackFile(inPath);
    const { situations: _s, scripts: _t, schemaVersion: _v, contentHash: _h, updatedAt: _u, ...rest } = pack;
    meta = {
      ...rest,
      extra: {
        forbidden: pack.forbidden,
        placeholders: pack.placeholders,
        siteRules: pack.siteRules,
        ...(pack.policy ? { policy: pack.policy } : {}),
      },
    };
    rebuilt = importOfPack(pack);
  } else {
    if (!sourceKindOf(inPath))
      return fail(
        `不支持的文件类型：${input}（支持 .xlsx .csv .tsv .md .txt .json 或文件夹）`,
        `Unsupported file type: ${input} (.xlsx .csv .tsv .md .txt .json or a folder)`,
      );
    files = [{ name: basename(inPath), data: new Uint8Array(readFileSync(inPath)) }];
    // A single sheet finds its pictures beside it.
    pictureFiles = folderPictures(dirname(inPath));
  }

  // Flags win, then the folder's meta, then the pack being replaced.
  const pick = (k: 'id' | 'name' | 'author' | 'description') => values[k] ?? meta[k] ?? prev?.[k];
  const finalMeta: PackMeta = {
    ...meta,
    ...(pick('id') ? { id: pick('id') } : {}),
    ...(pick('name') ? { name: pick('name') } : {}),
    ...(pick('author') ? { author: pick('author') } : {}),
    ...(pick('description') !== undefined ? { description: pick('description') } : {}),
    version: values.version ?? meta.version ?? prev?.version ?? '1.0.0',
    updatedAt: new Date().toISOString(),
  };
  if (prev && !meta.extra?.placeholders) finalMeta.extra = { ...finalMeta.extra, placeholders: prev.placeholders };

  let result: TableImport;
  if (rebuilt?.pack) {
    const v = validatePack(
      {
        ...rebuilt.pack,
        ...Object.fromEntries(Object.entries(finalMeta).filter(([k]) => k !== 'extra')),
        contentHash: undefined,
      },
      { install: true },
    );
    result = v.ok
      ? { ...rebuilt, pack: v.pack }
      : {
          pack: null,
          issues: v.errors.map((e) => ({ row: 0, level: 'error', message: e.message, messageEn: e.messageEn })),
          stats: rebuilt.stats,
        };
  } else {
    result = await filesToPack(files, finalMeta, {
      skipErrorRows: values['skip-error-rows'] ?? false,
      ...(values.sheet ? { sheet: values.sheet } : {}),
      ...(pictureFiles ? { pictureFiles } : {}),
    });
  }

  printIssues(result.issues);
  if (!result.pack) {
    const errors = result.issues.filter((i) => i.level === 'error').length;
    return fail(
      `未生成话术包：有 ${errors} 处错误，请修改后重试`,
      `No pack written: ${errors} error(s); fix them and run again`,
      1,
    );
  }

  let pack = result.pack;
  let versionNote = '';
  if (prev && !values.version) {
    const candidate = { ...pack, version: prev.version };
    // A file edited by hand after its build (hash no longer matches) counts as changed.
    const prevIntact = !!prev.contentHash && (await computeContentHash(prev)) === prev.contentHash;
    if (prevIntact && sameContent(candidate, prev)) {
      // Nothing changed: keep version and date so a rebuild does not look like a new release.
      pack = { ...candidate, updatedAt: prev.updatedAt };
      versionNote =
        lang === 'en' ? ` (unchanged, version stays ${prev.version})` : `（内容未变化，版本保持 ${prev.version}）`;
    } else if (!meta.version || meta.version === prev.version) {
      pack = { ...pack, version: bumpVersion(prev.version) };
      versionNote =
        lang === 'en' ? ` (version ${prev.version} → ${pack.version})` : `（版本 ${prev.version} → ${pack.version}）`;
    }
  }
  const checked = validatePack(pack, { install: true });
  if (!checked.ok) {
    for (const e of checked.errors) console.error(`  ${e.path}: ${lang === 'en' ? e.messageEn : e.message}`);
    return fail('未生成话术包：版本号或信息无效', 'No pack written: invalid version or metadata', 1);
  }
  pack = checked.pack;
  if (values['image-files'] && pack.images) {
    // The hosted form: each picture a file beside the pack, fetched by hash, never re-sent.
    const dir = join(dirname(outPath), 'images');
    mkdirSync(dir, { recursive: true });
    const refs = imageRefsOf(pack.scripts);
    for (const [hash, data] of Object.entries(pack.images)) {
      const ref = refs.get(hash);
      if (ref) writeFileSync(join(dir, imageFileName(ref)), base64ToBytes(data)!);
    }
    const { images: _embedded, ...rest } = pack;
    pack = rest;
  }
  writeFileSync(outPath, await packToJson(pack));

  const s = result.stats;
  say(
    `已生成 ${values.out}：${pack.name}（${pack.id}）版本 ${pack.version}${versionNote}\n  ${pack.scripts.length} 条话术，${pack.situations.length} 个情景；读取 ${s.rows} 行，跳过 ${s.skipped} 行，转换占位符 ${s.placeholdersConverted} 处`,
    `Wrote ${values.out}: ${pack.name} (${pack.id}) version ${pack.version}${versionNote}\n  ${pack.scripts.length} scripts, ${pack.situations.length} situations; read ${s.rows} rows, skipped ${s.skipped}, converted ${s.placeholdersConverted} placeholders`,
  );
  if (prev) {
    const d = diffScripts(
      packToRows(prev, { kind: 'builtin' }, 0).scripts,
      packToRows(pack, { kind: 'builtin' }, 0).scripts,
    );
    say(
      `  与上一版相比：新增 ${d.added.length}，修改 ${d.changed.length}，删除 ${d.removed.length}`,
      `  Compared with the previous file: ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed`,
    );
  }
}

async function validate(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' } } });
  const path = positionals[0];
  if (!path) return fail(`validate 需要一个 pack.json\n${USAGE_ZH}`, `validate needs a pack.json\n${USAGE_EN}`);
  const pack = readPackFile(resolve(path), { install: true });
  if (!pack.contentHash) {
    say(
      `[提示] ${path} 没有 contentHash：订阅方无法确认文件完整，发布前请用 build 生成`,
      `[warning] ${path} has no contentHash: subscribers cannot check it arrived intact; publish files made by build`,
    );
  } else {
    const actual = await computeContentHash(pack);
    if (actual !== pack.contentHash)
      return fail(
        `${path} 的 contentHash 与内容不符：文件在生成后被改动过（或传输中损坏）。请用 build 重新生成。\n  文件中：${pack.contentHash}\n  实际：  ${actual}`,
        `${path}: contentHash does not match the content: the file was edited after it was built (or damaged). Run build again.\n  in file: ${pack.contentHash}\n  actual:  ${actual}`,
        1,
      );
  }
  say(
    `有效：${pack.name}（${pack.id}）版本 ${pack.version}，${pack.scripts.length} 条话术，${pack.situations.length} 个情景，${pack.forbidden.length} 类禁用语${pack.contentHash ? '，contentHash 正确' : ''}`,
    `Valid: ${pack.name} (${pack.id}) version ${pack.version}, ${pack.scripts.length} scripts, ${pack.situations.length} situations, ${pack.forbidden.length} forbidden-phrase categories${pack.contentHash ? ', contentHash matches' : ''}`,
  );
}

async function diff(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' } } });
  const [oldPath, newPath] = positionals;
  if (!oldPath || !newPath) return fail(`diff 需要两个文件\n${USAGE_ZH}`, `diff needs two files\n${USAGE_EN}`);
  const a = readPackFile(resolve(oldPath));
  const b = readPackFile(resolve(newPath));
  const rowsA = packToRows(a, { kind: 'builtin' }, 0).scripts;
  const rowsB = packToRows(b, { kind: 'builtin' }, 0).scripts;
  // Compare by script id, whatever the pack ids are (a renamed pack is still comparable).
  const rekey = <T extends { id: string; situationKey: string }>(rows: T[], pack: Pack) =>
    rows.map((r) => ({ ...r, key: r.id, situationKey: situationPath(pack, r.situationKey.slice(pack.id.length + 1)) }));
  const d = diffScripts(rekey(rowsA, a), rekey(rowsB, b));
  const byIdA = new Map(a.scripts.map((s) => [s.id, s]));
  const byIdB = new Map(b.scripts.map((s) => [s.id, s]));
  say(`${a.name} ${a.version} → ${b.name} ${b.version}`, `${a.name} ${a.version} → ${b.name} ${b.version}`);
  if (a.id !== b.id)
    say(
      `  注意：话术包 ID 不同（${a.id} → ${b.id}），订阅方会当成另一个包`,
      `  Note: pack IDs differ (${a.id} → ${b.id}); subscribers will see a different pack`,
    );
  const line = (mark: string, p: Pack, id: string) => {
    const s = (p === a ? byIdA : byIdB).get(id)!;
    return `  ${mark} [${situationPath(p, s.situation)}] ${s.title}  (${id})`;
  };
  const FIELD_NAMES: Record<string, [string, string]> = {
    title: ['标题', 'title'],
    body: ['内容', 'body'],
    purpose: ['话术目的', 'purpose'],
    situation: ['情景', 'situation'],
    shortcut: ['快捷码', 'shortcut'],
    keywords: ['关键词', 'keywords'],
    tags: ['标签', 'tags'],
    effect: ['承诺回复', 'follow-up'],
  };
  say(`新增 ${d.added.length} 条：`, `Added ${d.added.length}:`);
  for (const id of d.added) console.log(line('+', b, id));
  say(`修改 ${d.changed.length} 条：`, `Changed ${d.changed.length}:`);
  for (const id of d.changed) {
    const x = byIdA.get(id)!;
    const y = byIdB.get(id)!;
    const fields = Object.keys(FIELD_NAMES).filter((f) =>
      f === 'situation'
        ? situationPath(a, x.situation) !== situationPath(b, y.situation)
        : JSON.stringify(x[f as keyof typeof x] ?? null) !== JSON.stringify(y[f as keyof typeof y] ?? null),
    );
    const what = fields.map((f) => FIELD_NAMES[f]![lang === 'en' ? 1 : 0]).join(lang === 'en' ? ', ' : '、');
    console.log(`${line('~', b, id)}  ${lang === 'en' ? 'changed' : '改了'}: ${what}`);
  }
  say(`删除 ${d.removed.length} 条：`, `Removed ${d.removed.length}:`);
  for (const id of d.removed) console.log(line('-', a, id));
  const namesA = new Set(a.situations.map((s) => situationPath(a, s.id)));
  const namesB = new Set(b.situations.map((s) => situationPath(b, s.id)));
  const sitAdded = [...namesB].filter((n) => !namesA.has(n));
  const sitRemoved = [...namesA].filter((n) => !namesB.has(n));
  if (sitAdded.length || sitRemoved.length) {
    say('情景：', 'Situations:');
    for (const n of sitAdded) console.log(`  + ${n}`);
    for (const n of sitRemoved) console.log(`  - ${n}`);
  }
}

const DAV_ERRORS: Record<string, [string, string]> = {
  'not-allowed-url': [
    '地址不可用（需要 https，本机可用 http）',
    'address not allowed (https, or http on this machine)',
  ],
  auth: ['用户名或密码不对，或没有写入权限', 'wrong user name or password, or no write access'],
  'folder-missing': [
    '服务器上没有这个文件夹，请先在网盘/服务器上建好',
    'the folder does not exist on the server: create it first',
  ],
  conflict: [
    '有人在这之后发布了新版本：请重新预览再发布',
    'someone published a newer version meanwhile: preview again, then publish',
  ],
  timeout: ['服务器没有及时响应', 'the server did not answer in time'],
  network: ['连不上服务器', 'cannot reach the server'],
  'too-large': ['服务器拒收这么大的文件', 'the server refuses a file this large'],
  http: ['服务器返回错误', 'the server answered with an error'],
};

function printChanges(c: ChangeSummary) {
  say(
    `  新增 ${c.counts.added}，修改 ${c.counts.changed}，删除 ${c.counts.removed}`,
    `  ${c.counts.added} added, ${c.counts.changed} changed, ${c.counts.removed} removed`,
  );
  for (const [mark, list] of [
    ['+', c.added],
    ['~', c.changed],
    ['-', c.removed],
  ] as const)
    for (const title of list) console.log(`    ${mark} ${title}`);
}

async function publish(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      user: { type: 'string' },
      notes: { type: 'string' },
      'dry-run': { type: 'boolean' },
      republish: { type: 'string' },
      timeout: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const path = positionals[0];
  if (!values.to || !path)
    return fail(
      `publish 需要 pack.json 和 --to 文件夹地址\n${USAGE_ZH}`,
      `publish needs a pack.json and --to FOLDER\n${USAGE_EN}`,
    );
  const timeoutMs = Number(values.timeout ?? 30_000);
  try {
    const client = davClient(
      { folderUrl: values.to, username: values.user ?? '', password: process.env.HUASHU_DAV_PASSWORD ?? '' },
      { fetch: globalThis.fetch, timeoutMs },
    );
    const notes = values.notes ?? '';
    if (values.republish) {
      if (!path)
        return fail(
          '--republish 需要 pack.json（用来确定话术包 ID）',
          '--republish needs the pack.json (for the pack ID)',
        );
      const packId = readPackFile(resolve(path)).id;
      const done = await republishVersion(
        client,
        packId,
        values.republish,
        notes || `重新发布 ${values.republish} 版的内容`,
        { images: imagesBeside(resolve(path)) },
      );
      say(
        `已发布：${done.pack.name} ${done.fromVersion ?? '—'} → ${done.pack.version}（内容同 ${values.republish}）\n  ${done.url}`,
        `Published: ${done.pack.name} ${done.fromVersion ?? '—'} → ${done.pack.version} (content of ${values.republish})\n  ${done.url}`,
      );
      return;
    }
    const pack = readPackFile(resolve(path!));
    const preview = await previewPublish(client, pack);
    say(
      `${pack.name}（${pack.id}）：已发布 ${preview.fromVersion ?? '无'} → 将发布 ${preview.toVersion}`,
      `${pack.name} (${pack.id}): published ${preview.fromVersion ?? 'none'} → will publish ${preview.toVersion}`,
    );
    printChanges(preview.changes);
    if (preview.images.total)
      say(
        `  图片 ${preview.images.total} 张，需上传 ${preview.images.upload} 张（其余服务器上已有）`,
        `  ${preview.images.total} pictures, ${preview.images.upload} to upload (the folder has the rest)`,
      );
    if (values['dry-run']) return say('（预览，未上传）', '(dry run, nothing uploaded)');
    const beside = imagesBeside(resolve(path));
    const done = await publishPack(client, pack, notes, {
      expectEtag: preview.etag,
      // Embedded in the pack file, or written beside it by `build --image-files`.
      images: async (ref) => {
        const data = pack.images?.[ref.hash];
        return data !== undefined ? base64ToBytes(data) : beside(ref);
      },
    });
    say(
      `已发布 ${done.pack.version}，订阅地址：${done.url}`,
      `Published ${done.pack.version}; subscribe at ${done.url}`,
    );
  } catch (e) {
    if (e instanceof PublishInvalidError)
      return fail(
        `未发布：话术包有错误\n  ${e.errors.join('\n  ')}`,
        `Not published: the pack has errors\n  ${e.errors.join('\n  ')}`,
        1,
      );
    if (e instanceof DavError) {
      const [zh, en] = DAV_ERRORS[e.code] ?? [e.code, e.code];
      return fail(
        `发布失败：${zh}（${e.detail}）；服务器上的已发布版本未改动`,
        `Publish failed: ${en} (${e.detail}); the published version is unchanged`,
        1,
      );
    }
    throw e;
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const langAt = rest.indexOf('--lang');
  if (langAt !== -1 && rest[langAt + 1] === 'en') lang = 'en';
  try {
    if (command === 'build') await build(rest);
    else if (command === 'validate') await validate(rest);
    else if (command === 'diff') await diff(rest);
    else if (command === 'publish') await publish(rest);
    else if (command === undefined || command === 'help' || command === '--help' || command === '-h')
      say(USAGE_ZH, USAGE_EN);
    else fail(`不认识的命令：${command}\n${USAGE_ZH}`, `Unknown command: ${command}\n${USAGE_EN}`);
  } catch (e) {
    // parseArgs reports unknown flags by throwing.
    fail(`${(e as Error).message}\n${USAGE_ZH}`, `${(e as Error).message}\n${USAGE_EN}`);
  }
}

await main(process.argv.slice(2));
