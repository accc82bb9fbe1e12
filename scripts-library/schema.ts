/**
 * The one 话术 pack format: the default pack, file import/export and URL sync all go
 * through `validatePack`. Pure module: no DOM, no browser APIs, runs in Node.
 *
 * `schemaVersion` changes only on a breaking change. New optional fields do not bump it;
 * a pack written for a newer schema than we know is refused with a clear message
 * instead of being half-understood.
 */
import { z } from 'zod';
import { hasInvisible, showInvisible, withoutInvisible } from './invisible';
import { compilePhrase, isPattern } from './patterns';
import { zodIssueText } from './schema-messages';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, MAX_IMAGES_PER_SCRIPT } from './images';
import { siteRuleSchema } from './rule-schema';
import { compileCuePattern, CUE_PATTERN_PREFIX } from './cue-pattern';

export const PACK_SCHEMA_VERSION = 1;

/** The agent's own scripts live in a pack with this id: no pack file may use it. */
export const PERSONAL_PACK_ID = 'personal';
/** The bundled default pack's id: only the bundle itself may use it. */
export const BUILTIN_PACK_ID = 'default.zh-CN';

/** Placeholders every pack may use without declaring them. `{光标}` marks where the caret goes. */
export const BUILTIN_PLACEHOLDERS = [
  '客户称呼',
  '客服工号',
  '客服昵称',
  '店铺名',
  '订单号',
  '商品',
  '时间',
  '金额',
  '地址',
  '光标',
] as const;

/** `{名称}`: letters (any script), digits or underscore, 1–20 characters. Other braces are literal text. */
export const PLACEHOLDER_PATTERN = /\{([\p{L}\p{N}_]{1,20})\}/gu;

export function placeholdersIn(body: string): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER_PATTERN)) names.add(m[1]!);
  return [...names];
}

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id: 1–64 个字母、数字、. _ -，以字母或数字开头');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

/** One customer wording: a phrase (催一下, tk, 包游), an emoji, or `re:` and a pattern (see cue-pattern.ts). */
const cueWordSchema = z.string().trim().min(1).max(200);

/**
 * Words that read alike for the suggestions: how strongly they point at the situation and how a
 * negation in front of them reads. Optional fields only, so a pack without them hashes as before.
 */
export const cueGroupSchema = z.object({
  words: z.array(cueWordSchema).min(1).max(2_000),
  /** 1 (default) says which situation it is; 0.6 points there; 0.3 is a hint. */
  weight: z.number().min(0.05).max(2).optional(),
  /** A problem the customer can deny: 没有坏, 不是要退货 count for nothing (and say "no problem here"). */
  negatable: z.boolean().optional(),
  /** A liking (满意, 好用): 不太满意 counts for nothing, but it is no denial of a problem. */
  praise: z.boolean().optional(),
  /** Vague words (这个, 上次买的): read only in a clause at most this long that says nothing else. */
  alone: z.number().int().min(1).max(60).optional(),
});

/** 客户常说: a plain string is a group of one word of weight 1. */
export const cuesSchema = z.array(z.union([cueWordSchema, cueGroupSchema])).max(100);

export const situationSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(40),
  parent: idSchema.nullable().default(null),
  order: z.number().int().default(0),
  /** How customers say it: the suggestions read these (the classifier holds no wording of its own). */
  cues: cuesSchema.optional(),
});

export const scriptEffectSchema = z.object({
  /** Inserting this script promises the customer a follow-up within N minutes (starts a deadline). */
  followUpMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

const imageHashSchema = z.string().regex(/^[0-9a-f]{64}$/, '图片 hash 应为 64 位小写十六进制 SHA-256');

/** One picture of a script, by content hash; the bytes travel in the pack's `images` or next to it. */
export const scriptImageSchema = z.object({
  hash: imageHashSchema,
  type: z.enum(IMAGE_TYPES, '图片类型只能是 PNG、JPEG、WebP、GIF'),
  alt: z.string().max(200).default(''),
  width: z.number().int().min(1).max(MAX_IMAGE_SIDE),
  height: z.number().int().min(1).max(MAX_IMAGE_SIDE),
  bytes: z.number().int().min(1).max(MAX_IMAGE_BYTES),
});

/** A shortcut code typed after the inline trigger (`th1` for `/th1`): what packs, imports and the editor accept. */
export const SHORTCUT_PATTERN = /^[a-z0-9]{1,16}$/;
export const SHORTCUT_RULE = '快捷码只能是 1–16 位小写字母或数字';

export const scriptSchema = z.object({
  id: idSchema,
  situation: idSchema,
  title: z.string().trim().min(1).max(60),
  /** May be empty when the script has images (a size chart alone). */
  body: z.string().max(4000),
  /** 话术目的 / 说明: why an agent says this. */
  purpose: z.string().max(400).default(''),
  /** Words customers actually use for this situation (坏了, 没收到, 退钱 …) and synonyms. */
  keywords: z.array(z.string().trim().min(1).max(40)).max(60).default([]),
  /** Shortcut code typed after the trigger, e.g. `th1` for `/th1`. */
  shortcut: z.string().regex(SHORTCUT_PATTERN, SHORTCUT_RULE).optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  effect: scriptEffectSchema.optional(),
  /** Customer wording for which this script, not only its situation, is the answer. */
  cues: cuesSchema.optional(),
  images: z
    .array(scriptImageSchema)
    .max(MAX_IMAGES_PER_SCRIPT, `每条话术最多 ${MAX_IMAGES_PER_SCRIPT} 张图片`)
    .optional(),
});

export const forbiddenCategorySchema = z.object({
  id: idSchema,
  /** 负面语, 蔑视语, 烦躁语 … */
  name: z.string().trim().min(1).max(20),
  description: z.string().max(200).default(''),
  /** `block`: sending is intercepted with a confirm; `warn`: a non-blocking warning. */
  severity: z.enum(['warn', 'block']).default('warn'),
  /**
   * Matched ignoring spaces, punctuation, emoji, full-width/half-width, case and traditional
   * characters, and in common variant spellings (加微信 also catches 加vx / 加威信 / 加微❤; see
   * utils/compliance/variants.ts). A phrase starting with `re:` is a regular expression on that
   * normalised text, e.g. `re:(?<!\d)1[3-9]\d{9}(?!\d)` for a mobile number.
   */
  phrases: z.array(z.string().trim().min(1).max(40)).min(1).max(500),
  /** Polite sentences that contain a phrase but are fine (e.g. 不知道您是否…). */
  allow: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
  /** What to say instead. */
  advice: z.string().max(200).default(''),
  /** Script ids that say it better. */
  suggestScripts: z.array(idSchema).max(10).default([]),
});

export const replyPolicySchema = z.object({
  /** First reply after a customer opens a conversation. */
  firstReplySeconds: z.number().int().min(10).max(86_400).default(300),
  /** Reply to every further customer message. */
  nextReplySeconds: z.number().int().min(10).max(86_400).default(180),
  /** Warn this long before a deadline. */
  warnBeforeSeconds: z.number().int().min(0).max(3_600).default(60),
  /** Outside these hours the clock does not run (platforms score only service hours). */
  serviceHours: z.object({ start: hhmm, end: hhmm }).nullable().default(null),
});

export const placeholderDefSchema = z.object({
  name: z.string().regex(/^[\p{L}\p{N}_]{1,20}$/u, '占位符名称：1–20 个字母、数字或下划线'),
  label: z.string().max(40).default(''),
  example: z.string().max(80).default(''),
});

/**
 * The most scripts a pack, and the whole installed library, may hold: what the product is
 * measured fast at (search, panel, background memory: see the README's Benchmarks). Above it
 * an install is refused with a message rather than accepted and slow.
 */
export const MAX_LIBRARY_SCRIPTS = 200_000;

/**
 * One published version's release notes (newest first in `changes`). Written by 发布 in the
 * options page or `npm run pack -- publish`; agents see the notes of the versions a sync brought.
 */
export const packChangeNoteSchema = z.object({
  version: z.string().max(40),
  /** The day it was published, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  notes: z.string().max(2000).default(''),
});

const packShape = z.object({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  id: idSchema,
  name: z.string().trim().min(1).max(60),
  version: z.string().regex(/^\d+(\.\d+){0,3}([-+][0-9A-Za-z.-]+)?$/, '版本号格式如 1.2.0 或 2026.11.24'),
  updatedAt: z.iso.datetime({ offset: true }),
  author: z.string().trim().min(1).max(60),
  description: z.string().max(1000).default(''),
  locale: z.string().default('zh-CN'),
  /** Publisher's lock: agents may copy these scripts into their own, not edit them in place. */
  locked: z.boolean().default(false),
  /** sha256 hex of the canonical pack without this field; checked on sync when present. */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  placeholders: z.array(placeholderDefSchema).max(100).default([]),
  situations: z.array(situationSchema).max(5_000),
  scripts: z.array(scriptSchema).max(MAX_LIBRARY_SCRIPTS),
  forbidden: z.array(forbiddenCategorySchema).max(50).default([]),
  policy: replyPolicySchema.optional(),
  /** Console rules the team ships with its scripts (how to read Qianniu, Feige, an in-house console…). */
  siteRules: z.array(siteRuleSchema).max(50).default([]),
  /**
   * Image bytes embedded in the file (base64 by hash), for small packs. Hosted packs and folder
   * builds leave it out and put each image next to the pack as `images/<hash>.<ext>`.
   */
  images: z.record(imageHashSchema, z.string().max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4)).optional(),
  /** Release notes, newest first. Optional (no default) so packs without notes hash as before. */
  changes: z.array(packChangeNoteSchema).max(200).optional(),
});

export type Situation = z.output<typeof situationSchema>;
export type Cues = z.output<typeof cuesSchema>;
export type CueGroup = z.output<typeof cueGroupSchema>;
export type Script = z.output<typeof scriptSchema>;
export type ScriptImage = z.output<typeof scriptImageSchema>;
export type ScriptEffect = z.output<typeof scriptEffectSchema>;
export type ForbiddenCategory = z.output<typeof forbiddenCategorySchema>;
export type ReplyPolicy = z.output<typeof replyPolicySchema>;
export type PlaceholderDef = z.output<typeof placeholderDefSchema>;
export type Pack = z.output<typeof packShape>;
export type PackChangeNote = z.output<typeof packChangeNoteSchema>;
/** What a pack file may contain before defaults are applied. */
export type PackInput = z.input<typeof packShape>;

export interface PackError {
  /** Where, in the file's own terms: `scripts[12].body`. */
  path: string;
  /** Human message, naming the script or situation when there is one. Invisible characters are shown as `⟨U+200B⟩`. */
  message: string;
  /** The same in English, for an English UI and `pack --lang en`. */
  messageEn: string;
}

export interface ValidateOptions {
  /**
   * The pack is to be installed as a pack of its own (file import, sync, `pack validate` and
   * `pack build`, whose output is for that): its id must not be a reserved one. Importing into
   * 我的话术, or re-reading our own export, does not care about the id.
   */
  install?: boolean;
}

/** A reserved id's refusal, the same wherever a pack is installed; null for an ordinary id. */
export function reservedPackIdError(id: string): PackError | null {
  if (id === PERSONAL_PACK_ID)
    return packError(
      'id',
      `话术包 id "${PERSONAL_PACK_ID}" 保留给个人话术，请换一个 id`,
      `Pack id "${PERSONAL_PACK_ID}" is reserved for personal scripts; choose another id`,
    );
  if (id === BUILTIN_PACK_ID)
    return packError(
      'id',
      `话术包 id "${BUILTIN_PACK_ID}" 与内置话术包相同，请换一个 id`,
      `Pack id "${BUILTIN_PACK_ID}" is the built-in pack's; choose another id`,
    );
  return null;
}

export type PackValidation = { ok: true; pack: Pack } | { ok: false; errors: PackError[] };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(根)';
}

/** A message in both languages, invisible characters made visible (`x⟨U+200B⟩1`, not `x1`). */
const packError = (path: string, zh: string, en: string): PackError => ({
  path,
  message: showInvisible(zh),
  messageEn: showInvisible(en),
});

/** "脚本 th-001「运费说明」" so a team lead can find the row in their spreadsheet. */
function describeItem(input: unknown, path: readonly PropertyKey[], en = false): string {
  if (path.length < 2 || typeof path[1] !== 'number') return '';
  const list = (input as Record<string, unknown>)?.[path[0] as string];
  const item = Array.isArray(list) ? (list[path[1]] as Record<string, unknown> | undefined) : undefined;
  const kinds: Record<string, [string, string]> = {
    scripts: ['话术', 'Script'],
    situations: ['情景', 'Situation'],
    forbidden: ['禁用语分类', 'Forbidden-phrase category'],
  };
  const kind = typeof path[0] === 'string' && Object.hasOwn(kinds, path[0]) ? kinds[path[0]]![en ? 1 : 0] : '';
  if (!kind) return '';
  const id = typeof item?.id === 'string' ? item.id : en ? `#${path[1] + 1}` : `第 ${path[1] + 1} 条`;
  const label = typeof item?.title === 'string' ? item.title : typeof item?.name === 'string' ? item.name : '';
  return en
    ? `${kind} ${id}${label ? ` "${label.slice(0, 20)}"` : ''}: `
    : `${kind} ${id}${label ? `「${label.slice(0, 20)}」` : ''}：`;
}

/**
 * The path of the first string in a value that contains `char` (`.scripts[3].body`), or null.
 * Paths are built only on the way back from the string found: a 200,000-script pack has
 * millions of strings, and naming each of them cost more than the whole check.
 */
function pathOfStringWith(value: unknown, char: string): string | null {
  if (typeof value === 'string') return value.includes(char) ? '' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const rest = pathOfStringWith(value[i], char);
      if (rest !== null) return `[${i}]${rest}`;
    }
  } else if (value && typeof value === 'object')
    for (const k of Object.keys(value)) {
      const rest = pathOfStringWith((value as Record<string, unknown>)[k], char);
      if (rest !== null) return `.${k}${rest}`;
    }
  return null;
}

/**
 * Cross-field rules the shape alone cannot say: ids unique, every reference resolves,
 * the situation tree has no cycles, shortcut codes unique, placeholders declared; reserved pack
 * ids; no text damaged by a wrong encoding; no two names that look the same.
 */
function crossCheck(pack: Pack, opts: ValidateOptions): PackError[] {
  const errors: PackError[] = [];
  const add = (path: string, zh: string, en: string) => errors.push(packError(path, zh, en));
  const reserved = opts.install ? reservedPackIdError(pack.id) : null;
  if (reserved) errors.push(reserved);
  const damaged = pathOfStringWith(pack, '\uFFFD');
  if (damaged !== null)
    add(
      damaged.replace(/^\./, ''),
      `含有替换字符 �（文件编码有误时才会出现），请检查原始文件`,
      `contains the replacement character � (left by a wrong encoding); check the original file`,
    );

  const situationIds = new Map<string, number>();
  pack.situations.forEach((s, i) => {
    if (situationIds.has(s.id))
      add(
        `situations[${i}].id`,
        `情景 id "${s.id}" 重复（与第 ${situationIds.get(s.id)! + 1} 条相同）`,
        `Situation id "${s.id}" is used twice (also #${situationIds.get(s.id)! + 1})`,
      );
    else situationIds.set(s.id, i);
  });
  pack.situations.forEach((s, i) => {
    if (s.parent !== null && !situationIds.has(s.parent))
      add(
        `situations[${i}].parent`,
        `情景 ${s.id}「${s.name}」：上级情景 "${s.parent}" 不存在`,
        `Situation ${s.id} "${s.name}": parent "${s.parent}" does not exist`,
      );
  });
  // Cycle check: walk up from each node; a walk longer than the tree means a loop.
  const parentOf = new Map(pack.situations.map((s) => [s.id, s.parent]));
  pack.situations.forEach((s, i) => {
    let cur: string | null | undefined = s.parent;
    for (let steps = 0; cur != null; steps++) {
      if (cur === s.id || steps > pack.situations.length) {
        add(
          `situations[${i}].parent`,
          `情景 ${s.id}「${s.name}」：上级关系形成了循环`,
          `Situation ${s.id} "${s.name}": its parents form a loop`,
        );
        break;
      }
      cur = parentOf.get(cur);
    }
  });
  // Names that look alike but differ by invisible characters: one would pass for the other.
  const lookalike = (
    kind: [string, string],
    path: string,
    what: string,
    id: string,
    first: { id: string; name: string },
  ) =>
    add(
      path,
      `${kind[0]} ${id}「${what}」与 ${first.id}「${first.name}」看起来相同，只差不可见字符`,
      `${kind[1]} ${id} "${what}" looks the same as ${first.id} "${first.name}"; they differ only by invisible characters`,
    );
  const siblingNames = new Map<string, { id: string; name: string }>();
  for (const s of pack.situations)
    if (!hasInvisible(s.name)) siblingNames.set(`${s.parent}\u0000${s.name}`, { id: s.id, name: s.name });
  pack.situations.forEach((s, i) => {
    if (!hasInvisible(s.name)) return;
    const key = `${s.parent}\u0000${withoutInvisible(s.name)}`;
    const first = siblingNames.get(key);
    if (first) lookalike(['情景', 'Situation'], `situations[${i}].name`, s.name, s.id, first);
    else siblingNames.set(key, { id: s.id, name: s.name });
  });

  pack.situations.forEach((s, i) =>
    errors.push(...cueErrors(s.cues, `situations[${i}].cues`, `情景 ${s.id}「${s.name}」`)),
  );

  const declared = new Set<string>([...BUILTIN_PLACEHOLDERS, ...pack.placeholders.map((p) => p.name)]);
  const scriptIds = new Map<string, number>();
  const shortcuts = new Map<string, string>();
  const titles = new Map<string, { id: string; name: string }>();
  for (const s of pack.scripts)
    if (!hasInvisible(s.title)) titles.set(`${s.situation}\u0000${s.title}`, { id: s.id, name: s.title });
  pack.scripts.forEach((s, i) => {
    const who = `话术 ${s.id}「${s.title.slice(0, 20)}」`;
    const whoEn = `Script ${s.id} "${s.title.slice(0, 20)}"`;
    if (scriptIds.has(s.id))
      add(
        `scripts[${i}].id`,
        `${who}：id 重复（与第 ${scriptIds.get(s.id)! + 1} 条相同）`,
        `${whoEn}: id used twice (also #${scriptIds.get(s.id)! + 1})`,
      );
    else scriptIds.set(s.id, i);
    if (!situationIds.has(s.situation))
      add(
        `scripts[${i}].situation`,
        `${who}：情景 "${s.situation}" 不存在`,
        `${whoEn}: situation "${s.situation}" does not exist`,
      );
    if (s.shortcut) {
      const other = shortcuts.get(s.shortcut);
      if (other)
        add(
          `scripts[${i}].shortcut`,
          `${who}：快捷码 "${s.shortcut}" 已被话术 ${other} 使用`,
          `${whoEn}: shortcut "${s.shortcut}" is already used by script ${other}`,
        );
      else shortcuts.set(s.shortcut, s.id);
    }
    for (const name of placeholdersIn(s.body)) {
      if (!declared.has(name))
        add(
          `scripts[${i}].body`,
          `${who}：占位符 {${name}} 未定义（可在 placeholders 中声明，或使用内置占位符）`,
          `${whoEn}: placeholder {${name}} is not declared (declare it under placeholders, or use a built-in one)`,
        );
    }
    if (hasInvisible(s.title)) {
      const key = `${s.situation}\u0000${withoutInvisible(s.title)}`;
      const first = titles.get(key);
      if (first) lookalike(['话术', 'Script'], `scripts[${i}].title`, s.title, s.id, first);
      else titles.set(key, { id: s.id, name: s.title });
    }
    errors.push(...cueErrors(s.cues, `scripts[${i}].cues`, who, whoEn));
    if (s.body.trim() === '' && !s.images?.length)
      add(
        `scripts[${i}].body`,
        `${who}：scripts[${i}].body：话术内容为空（只有带图片的话术可以不写文字）`,
        `${whoEn}: scripts[${i}].body: the text is empty (only a script with images may have none)`,
      );
    const hashes = new Set<string>();
    s.images?.forEach((img, j) => {
      if (hashes.has(img.hash))
        add(`scripts[${i}].images[${j}]`, `${who}：同一张图片出现了两次`, `${whoEn}: the same image appears twice`);
      hashes.add(img.hash);
    });
  });
  pack.forbidden.forEach((c, i) => {
    c.phrases.forEach((phrase, j) => {
      if (!isPattern(phrase)) return;
      const zh = compilePhrase(phrase, 'zh-CN');
      const en = compilePhrase(phrase, 'en');
      if (!zh.ok && !en.ok)
        add(
          `forbidden[${i}].phrases[${j}]`,
          `禁用语分类 ${c.id}「${c.name}」：正则 "${phrase}" 不能使用：${zh.message}`,
          `Forbidden-phrase category ${c.id} "${c.name}": pattern "${phrase}" cannot be used: ${en.message}`,
        );
    });
    c.suggestScripts.forEach((id, j) => {
      if (!scriptIds.has(id))
        add(
          `forbidden[${i}].suggestScripts[${j}]`,
          `禁用语分类 ${c.id}「${c.name}」：推荐话术 "${id}" 不存在`,
          `Forbidden-phrase category ${c.id} "${c.name}": suggested script "${id}" does not exist`,
        );
    });
  });
  return errors;
}

/** The words of a cue list, each group's in order (a plain string is its own group). */
export function cueGroupsOf(cues: Cues | undefined): CueGroup[] {
  return (cues ?? []).map((c) => (typeof c === 'string' ? { words: [c] } : c));
}

/** Every `re:` cue must compile in the linear-time engine and must not match empty text. */
export function cueErrors(cues: Cues | undefined, path: string, who: string, whoEn = who): PackError[] {
  const errors: PackError[] = [];
  (cues ?? []).forEach((c, i) => {
    const words = typeof c === 'string' ? [c] : c.words;
    words.forEach((w, j) => {
      if (w.startsWith(CUE_PATTERN_PREFIX) && !compileCuePattern(w))
        errors.push(
          packError(
            typeof c === 'string' ? `${path}[${i}]` : `${path}[${i}].words[${j}]`,
            `${who}：客户常说的规则 "${w.slice(0, 40)}" 无效（不支持反向引用和前后断言，也不能匹配空文本）`,
            `${whoEn}: customer-wording pattern "${w.slice(0, 40)}" is invalid (no back-references or look-arounds, and it must not match empty text)`,
          ),
        );
    });
  });
  return errors;
}

/**
 * Validate anything (parsed JSON) as a pack. Never throws. The one check of every entry point
 * (importers, sync, `pack validate` / `pack build`), so they refuse exactly the same packs with
 * the same messages.
 */
export function validatePack(input: unknown, opts: ValidateOptions = {}): PackValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return {
      ok: false,
      errors: [
        packError('(根)', '不是话术包：文件内容应为一个 JSON 对象', 'Not a pack: the file should hold one JSON object'),
      ],
    };
  const version = (input as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > PACK_SCHEMA_VERSION)
    return {
      ok: false,
      errors: [
        packError(
          'schemaVersion',
          `此话术包格式版本为 ${version}，当前插件只支持到 ${PACK_SCHEMA_VERSION}，请先更新话术助手`,
          `This pack is format version ${version}; this extension reads up to ${PACK_SCHEMA_VERSION}. Update 话术助手 first`,
        ),
      ],
    };
  const parsed = packShape.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 50).map((issue) => {
      const path = formatPath(issue.path);
      const text = zodIssueText(issue);
      return packError(
        path,
        `${describeItem(input, issue.path)}${path}：${text.zh}`,
        `${describeItem(input, issue.path, true)}${path}: ${text.en}`,
      );
    });
    if (parsed.error.issues.length > 50)
      errors.push(
        packError(
          '(根)',
          `还有 ${parsed.error.issues.length - 50} 处错误未列出`,
          `${parsed.error.issues.length - 50} more errors not listed`,
        ),
      );
    return { ok: false, errors };
  }
  const errors = crossCheck(parsed.data, opts);
  return errors.length ? { ok: false, errors: errors.slice(0, 50) } : { ok: true, pack: parsed.data };
}

/** Where JSON.parse stopped, as a line number (its own message is the engine's, in English). */
function jsonProblem(e: unknown, text: string, en = false): string {
  const at = /position (\d+)/.exec((e as Error)?.message ?? '');
  if (!at) return en ? 'the text ends too early or is not JSON' : '内容不完整或不是 JSON';
  const line = text.slice(0, Number(at[1])).split('\n').length;
  return en ? `check line ${line}` : `请检查第 ${line} 行`;
}

/** Parse text from a file or a URL. Never throws. */
export function parsePackJson(text: string, opts: ValidateOptions = {}): PackValidation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [
        packError('(根)', `不是有效的 JSON：${jsonProblem(e, text)}`, `Not valid JSON: ${jsonProblem(e, text, true)}`),
      ],
    };
  }
  return validatePack(json, opts);
}
