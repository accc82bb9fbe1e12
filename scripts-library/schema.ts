/**
 * The one 话术 pack format: the default pack, file import/export and URL sync all go
 * through `validatePack`. Pure module: no DOM, no browser APIs, runs in Node.
 *
 * `schemaVersion` changes only on a breaking change. New optional fields do not bump it;
 * a pack written for a newer schema than we know is refused with a clear message
 * instead of being half-understood.
 */
import { z } from 'zod';
import { compilePhrase, isPattern } from './patterns';
import { siteRuleSchema } from '../utils/sites/rule-schema';

export const PACK_SCHEMA_VERSION = 1;

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

export const situationSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(40),
  parent: idSchema.nullable().default(null),
  order: z.number().int().default(0),
});

export const scriptEffectSchema = z.object({
  /** Inserting this script promises the customer a follow-up within N minutes (starts a deadline). */
  followUpMinutes: z.number().int().min(1).max(7 * 24 * 60),
});

export const scriptSchema = z.object({
  id: idSchema,
  situation: idSchema,
  title: z.string().trim().min(1).max(60),
  body: z.string().min(1).max(4000),
  /** 话术目的 / 说明: why an agent says this. */
  purpose: z.string().max(400).default(''),
  /** Words customers actually use for this situation (坏了, 没收到, 退钱 …) and synonyms. */
  keywords: z.array(z.string().trim().min(1).max(40)).max(60).default([]),
  /** Shortcut code typed after the trigger, e.g. `th1` for `/th1`. */
  shortcut: z
    .string()
    .regex(/^[a-z0-9]{1,16}$/, '快捷码只能是 1–16 位小写字母或数字')
    .optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  effect: scriptEffectSchema.optional(),
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

const packShape = z.object({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  id: idSchema,
  name: z.string().trim().min(1).max(60),
  version: z
    .string()
    .regex(/^\d+(\.\d+){0,3}([-+][0-9A-Za-z.-]+)?$/, '版本号格式如 1.2.0 或 2026.11.24'),
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
  scripts: z.array(scriptSchema).max(200_000),
  forbidden: z.array(forbiddenCategorySchema).max(50).default([]),
  policy: replyPolicySchema.optional(),
  /** Console rules the team ships with its scripts (how to read Qianniu, Feige, an in-house console…). */
  siteRules: z.array(siteRuleSchema).max(50).default([]),
});

export type Situation = z.output<typeof situationSchema>;
export type Script = z.output<typeof scriptSchema>;
export type ScriptEffect = z.output<typeof scriptEffectSchema>;
export type ForbiddenCategory = z.output<typeof forbiddenCategorySchema>;
export type ReplyPolicy = z.output<typeof replyPolicySchema>;
export type PlaceholderDef = z.output<typeof placeholderDefSchema>;
export type Pack = z.output<typeof packShape>;
/** What a pack file may contain before defaults are applied. */
export type PackInput = z.input<typeof packShape>;

export interface PackError {
  /** Where, in the file's own terms: `scripts[12].body`. */
  path: string;
  /** Human message, naming the script or situation when there is one. */
  message: string;
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

/** "脚本 th-001「运费说明」" so a team lead can find the row in their spreadsheet. */
function describeItem(input: unknown, path: readonly PropertyKey[]): string {
  if (path.length < 2 || typeof path[1] !== 'number') return '';
  const list = (input as Record<string, unknown>)?.[path[0] as string];
  const item = Array.isArray(list) ? (list[path[1]] as Record<string, unknown> | undefined) : undefined;
  const kind =
    path[0] === 'scripts'
      ? '话术'
      : path[0] === 'situations'
        ? '情景'
        : path[0] === 'forbidden'
          ? '禁用语分类'
          : '';
  if (!kind) return '';
  const id = typeof item?.id === 'string' ? item.id : `第 ${path[1] + 1} 条`;
  const label =
    typeof item?.title === 'string' ? item.title : typeof item?.name === 'string' ? item.name : '';
  return `${kind} ${id}${label ? `「${label.slice(0, 20)}」` : ''}：`;
}

/**
 * Cross-field rules the shape alone cannot say: ids unique, every reference resolves,
 * the situation tree has no cycles, shortcut codes unique, placeholders declared.
 */
function crossCheck(pack: Pack): PackError[] {
  const errors: PackError[] = [];
  const situationIds = new Map<string, number>();
  pack.situations.forEach((s, i) => {
    if (situationIds.has(s.id))
      errors.push({ path: `situations[${i}].id`, message: `情景 id "${s.id}" 重复（与第 ${situationIds.get(s.id)! + 1} 条相同）` });
    else situationIds.set(s.id, i);
  });
  pack.situations.forEach((s, i) => {
    if (s.parent !== null && !situationIds.has(s.parent))
      errors.push({ path: `situations[${i}].parent`, message: `情景 ${s.id}「${s.name}」：上级情景 "${s.parent}" 不存在` });
  });
  // Cycle check: walk up from each node; a walk longer than the tree means a loop.
  const parentOf = new Map(pack.situations.map((s) => [s.id, s.parent]));
  pack.situations.forEach((s, i) => {
    let cur: string | null | undefined = s.parent;
    for (let steps = 0; cur != null; steps++) {
      if (cur === s.id || steps > pack.situations.length) {
        errors.push({ path: `situations[${i}].parent`, message: `情景 ${s.id}「${s.name}」：上级关系形成了循环` });
        break;
      }
      cur = parentOf.get(cur);
    }
  });

  const declared = new Set<string>([...BUILTIN_PLACEHOLDERS, ...pack.placeholders.map((p) => p.name)]);
  const scriptIds = new Map<string, number>();
  const shortcuts = new Map<string, string>();
  pack.scripts.forEach((s, i) => {
    const who = `话术 ${s.id}「${s.title.slice(0, 20)}」`;
    if (scriptIds.has(s.id))
      errors.push({ path: `scripts[${i}].id`, message: `${who}：id 重复（与第 ${scriptIds.get(s.id)! + 1} 条相同）` });
    else scriptIds.set(s.id, i);
    if (!situationIds.has(s.situation))
      errors.push({ path: `scripts[${i}].situation`, message: `${who}：情景 "${s.situation}" 不存在` });
    if (s.shortcut) {
      const other = shortcuts.get(s.shortcut);
      if (other) errors.push({ path: `scripts[${i}].shortcut`, message: `${who}：快捷码 "${s.shortcut}" 已被话术 ${other} 使用` });
      else shortcuts.set(s.shortcut, s.id);
    }
    for (const name of placeholdersIn(s.body)) {
      if (!declared.has(name))
        errors.push({
          path: `scripts[${i}].body`,
          message: `${who}：占位符 {${name}} 未定义（可在 placeholders 中声明，或使用内置占位符）`,
        });
    }
    if (s.body.trim() === '') errors.push({ path: `scripts[${i}].body`, message: `${who}：话术内容为空` });
  });
  pack.forbidden.forEach((c, i) => {
    c.phrases.forEach((phrase, j) => {
      if (!isPattern(phrase)) return;
      const compiled = compilePhrase(phrase);
      if (!compiled.ok)
        errors.push({ path: `forbidden[${i}].phrases[${j}]`, message: `禁用语分类 ${c.id}「${c.name}」：正则 "${phrase}" 不能使用：${compiled.message}` });
    });
    c.suggestScripts.forEach((id, j) => {
      if (!scriptIds.has(id))
        errors.push({ path: `forbidden[${i}].suggestScripts[${j}]`, message: `禁用语分类 ${c.id}「${c.name}」：推荐话术 "${id}" 不存在` });
    });
  });
  return errors;
}

/** Validate anything (parsed JSON) as a pack. Never throws. */
export function validatePack(input: unknown): PackValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ path: '(根)', message: '不是话术包：文件内容应为一个 JSON 对象' }] };
  const version = (input as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > PACK_SCHEMA_VERSION)
    return {
      ok: false,
      errors: [{ path: 'schemaVersion', message: `此话术包格式版本为 ${version}，当前插件只支持到 ${PACK_SCHEMA_VERSION}，请先更新话术助手` }],
    };
  const parsed = packShape.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 50).map((issue) => ({
      path: formatPath(issue.path),
      message: `${describeItem(input, issue.path)}${formatPath(issue.path)}：${issue.message}`,
    }));
    if (parsed.error.issues.length > 50)
      errors.push({ path: '(根)', message: `还有 ${parsed.error.issues.length - 50} 处错误未列出` });
    return { ok: false, errors };
  }
  const errors = crossCheck(parsed.data);
  return errors.length ? { ok: false, errors: errors.slice(0, 50) } : { ok: true, pack: parsed.data };
}

/** Parse text from a file or a URL. Never throws. */
export function parsePackJson(text: string): PackValidation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(根)', message: `不是有效的 JSON：${(e as Error).message}` }] };
  }
  return validatePack(json);
}
