/**
 * Rows (from a sheet or an outline) → a validated pack, with every problem reported against
 * the row it came from. Pure. Never throws on bad input: problems become `RowIssue`s.
 */
import { showInvisible } from '../invisible';
import {
  BUILTIN_PLACEHOLDERS,
  placeholdersIn,
  SHORTCUT_PATTERN,
  validatePack,
  type Cues,
  type Pack,
  type PackInput,
} from '../schema';
import { ID_PATTERN, scriptIdFor, situationIdFor, shortHash, uniqueId } from './ids';
import { convertPlaceholderStyles, declarePlaceholders } from './placeholders';
import type { ScriptImageRef } from '../images';
import type { ImportField, ImportStats, PackMeta, RowIssue, TableImport } from './types';

/** One script-to-be, in the terms of the file it came from. */
export interface RowRecord {
  /** 1-based sheet row or outline line. */
  row: number;
  file?: string;
  /** Situation names from the top down; at least one. */
  path: string[];
  /** Situation ids from our own export (情景ID), one per level, used when they fit. */
  pathIds?: string[];
  /** Empty: derived from the body (after placeholder conversion). */
  title: string;
  body: string;
  shortcut?: string;
  keywords: string[];
  purpose: string;
  tags: string[];
  id?: string;
  followUp?: number;
  /** A row with only situation cells: declares the situation (so empty ones survive), no script. */
  situationOnly?: boolean;
  /** 客户常说: the script's, or with `situationOnly` the situation's. */
  cues?: Cues;
  /** Pictures from the sheet's 图片 column, already read and checked (./pictures.ts). */
  images?: ScriptImageRef[];
}

export const UNCATEGORIZED = '未分类';

const LIMITS = { title: 60, situation: 40, body: 4000, purpose: 400, keyword: 40, keywords: 60, tag: 20, tags: 20 };

/** One row's problem; invisible characters in what it quotes are shown (`x⟨U+200B⟩1`). */
export function issue(
  row: number,
  level: RowIssue['level'],
  message: string,
  messageEn: string,
  field?: ImportField,
  file?: string,
): RowIssue {
  return {
    row,
    level,
    message: showInvisible(message),
    messageEn: showInvisible(messageEn),
    ...(field ? { field } : {}),
    ...(file ? { file } : {}),
  };
}

/** More than `max` code points? (UTF-16 length is an upper bound, so most strings need no count.) */
function tooLong(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let n = 0;
  for (const _ of text) if (++n > max) return true;
  return false;
}

const where = (r: { row: number }) => (r.row > 0 ? `第 ${r.row} 行` : '文件');
const whereEn = (r: { row: number }) => (r.row > 0 ? `Row ${r.row}` : 'File');

const GREETING =
  /^(亲+|亲爱的|您好+|你好+|哈喽|嗨|在的|嗯+|好的|尊敬的.{0,6}|.{0,4}(先生|女士)(您好)?|\{[^{}]*\}(您好)?)$/;

/** A title from the body when the sheet has none: the first clause, at most 20 characters. */
export function deriveTitle(body: string): string {
  const firstLine =
    body
      .replace(/\{[^{}]*\}/g, '')
      .trim()
      .split('\n')[0] ?? '';
  // Skip a greeting ("您好，" "亲，") when something follows it.
  const clauses = firstLine.split(/[，。！？；,.!?;：:~～]/).filter((c) => c.trim().length >= 2);
  const clause = clauses.find((c) => !GREETING.test(c.trim())) ?? clauses[0] ?? firstLine;
  const t = clause.trim().replace(/\s+/g, ' ');
  if (!t) return '话术';
  return [...t].length > 20 ? `${[...t].slice(0, 20).join('')}…` : t;
}

/** Keyword and tag cells: split on Chinese and ASCII list separators and new lines. */
export function splitList(cell: string): string[] {
  if (!cell) return [];
  const seen = new Set<string>();
  for (const part of cell.split(/[,，、;；|｜\n]+/)) {
    const p = part.trim();
    if (p) seen.add(p);
  }
  return [...seen];
}

const emptyStats = (rows: number): ImportStats => ({
  rows,
  scripts: 0,
  situations: 0,
  skipped: 0,
  placeholdersConverted: 0,
});

export function defaultMeta(
  meta: PackMeta,
): Pick<Pack, 'id' | 'name' | 'version' | 'author' | 'description' | 'updatedAt' | 'locale' | 'locked'> {
  const name = meta.name?.trim() || '导入的话术';
  return {
    id: meta.id?.trim() || `pack-${shortHash(name)}`,
    name,
    version: meta.version?.trim() || '1.0.0',
    author: meta.author?.trim() || '未署名',
    description: meta.description ?? '',
    updatedAt: meta.updatedAt ?? new Date().toISOString(),
    locale: meta.locale ?? 'zh-CN',
    locked: meta.locked ?? false,
  };
}

interface AssembleOptions {
  skipErrorRows?: boolean;
  convertPlaceholders?: boolean;
  /** Bytes of the rows' pictures, base64 by hash: the pack embeds those its scripts use. */
  images?: Readonly<Record<string, string>>;
}

/**
 * Build the pack. `issues` already holds what row parsing found; rows with an error there are
 * already left out of `records`. `rows` is for the stats.
 */
export function assemble(
  records: RowRecord[],
  meta: PackMeta,
  issues: RowIssue[],
  rows: number,
  opts: AssembleOptions,
  skippedBefore: number,
): TableImport {
  const stats = emptyStats(rows);
  stats.skipped = skippedBefore;
  const convert = opts.convertPlaceholders ?? true;

  // Per-row checks with clear messages; the schema would catch these too, less readably.
  const good: RowRecord[] = [];
  const bad = new Set<RowRecord>();
  const err = (r: RowRecord, field: ImportField, zh: string, en: string) => {
    issues.push(issue(r.row, 'error', `${where(r)}：${zh}`, `${whereEn(r)}: ${en}`, field, r.file));
    bad.add(r);
  };
  const warn = (r: RowRecord, field: ImportField, zh: string, en: string) =>
    issues.push(issue(r.row, 'warning', `${where(r)}：${zh}`, `${whereEn(r)}: ${en}`, field, r.file));

  for (const r of records) {
    if (r.situationOnly) continue;
    if (convert) {
      const c = convertPlaceholderStyles(r.body);
      if (c.conversions.length) {
        r.body = c.text;
        stats.placeholdersConverted += c.conversions.length;
      }
    }
    if (!r.title) r.title = deriveTitle(r.body);
    if (tooLong(r.title, LIMITS.title)) {
      warn(
        r,
        'title',
        `标题超过 ${LIMITS.title} 字，已截短`,
        `title longer than ${LIMITS.title} characters was shortened`,
      );
      r.title = [...r.title].slice(0, LIMITS.title).join('').trim();
    }
    if (r.body.length > LIMITS.body)
      err(
        r,
        'body',
        `话术内容超过 ${LIMITS.body} 字（${r.body.length} 字），请拆成几条`,
        `script is longer than ${LIMITS.body} characters (${r.body.length}); split it`,
      );
    if (r.purpose.length > LIMITS.purpose)
      err(r, 'purpose', `话术目的超过 ${LIMITS.purpose} 字`, `purpose is longer than ${LIMITS.purpose} characters`);
    const longName = r.path.find((n) => tooLong(n, LIMITS.situation));
    if (longName)
      err(
        r,
        'situation',
        `情景名称「${longName.slice(0, 20)}…」超过 ${LIMITS.situation} 字`,
        `situation name longer than ${LIMITS.situation} characters`,
      );
    const longKw = r.keywords.find((k) => tooLong(k, LIMITS.keyword));
    if (longKw)
      err(
        r,
        'keywords',
        `关键词「${longKw.slice(0, 20)}…」超过 ${LIMITS.keyword} 字，多个关键词请用逗号或顿号分开`,
        `a keyword is longer than ${LIMITS.keyword} characters; separate keywords with commas`,
      );
    if (r.keywords.length > LIMITS.keywords)
      err(r, 'keywords', `关键词超过 ${LIMITS.keywords} 个`, `more than ${LIMITS.keywords} keywords`);
    const longTag = r.tags.find((k) => tooLong(k, LIMITS.tag));
    if (longTag)
      err(r, 'tags', `标签「${longTag}」超过 ${LIMITS.tag} 字`, `a tag is longer than ${LIMITS.tag} characters`);
    if (r.tags.length > LIMITS.tags) err(r, 'tags', `标签超过 ${LIMITS.tags} 个`, `more than ${LIMITS.tags} tags`);
    if (r.shortcut !== undefined && !SHORTCUT_PATTERN.test(r.shortcut))
      err(
        r,
        'shortcut',
        `快捷码「${r.shortcut}」只能是 1–16 位小写字母或数字`,
        `shortcut "${r.shortcut}" must be 1–16 lower-case letters or digits`,
      );
  }

  // Duplicates, naming both rows.
  const byShortcut = new Map<string, RowRecord>();
  const byId = new Map<string, RowRecord>();
  for (const r of records) {
    if (r.situationOnly) continue;
    if (r.shortcut && !bad.has(r)) {
      const first = byShortcut.get(r.shortcut);
      if (first)
        err(
          r,
          'shortcut',
          `快捷码「${r.shortcut}」与${first.file && first.file !== r.file ? ` ${first.file} ` : ''}第 ${first.row} 行重复`,
          `shortcut "${r.shortcut}" is also used on row ${first.row}${first.file && first.file !== r.file ? ` of ${first.file}` : ''}`,
        );
      else byShortcut.set(r.shortcut, r);
    }
    if (r.id) {
      const first = byId.get(r.id);
      if (first) err(r, 'id', `ID「${r.id}」与第 ${first.row} 行重复`, `ID "${r.id}" is also used on row ${first.row}`);
      else byId.set(r.id, r);
    }
  }
  for (const r of records) if (!bad.has(r)) good.push(r);

  const hasErrors = () => issues.some((i) => i.level === 'error');
  if (hasErrors() && !opts.skipErrorRows) {
    stats.skipped += bad.size;
    return { pack: null, issues, stats };
  }
  stats.skipped += bad.size;

  const built = build(good, meta, issues, opts.images);
  if (!built) return { pack: null, issues, stats };
  const { input, rowOfScript, rowOfSituation } = built;

  const result = validatePack(input);
  if (!result.ok) {
    // Whatever the schema still finds goes back to the row it came from.
    for (const e of result.errors) {
      const m = /^(scripts|situations)\[(\d+)\]/.exec(e.path);
      const src = m ? (m[1] === 'scripts' ? rowOfScript[Number(m[2])] : rowOfSituation[Number(m[2])]) : undefined;
      issues.push(
        issue(
          src?.row ?? 0,
          'error',
          src ? `${where(src)}：${e.message}` : e.message,
          src ? `${whereEn(src)}: ${e.messageEn}` : e.messageEn,
          undefined,
          src?.file,
        ),
      );
    }
    if (opts.skipErrorRows && m_hasRows(result.errors)) {
      // Drop the offending rows and try once more; anything left is a pack-level problem.
      const badRows = new Set<RowRecord>();
      for (const e of result.errors) {
        const m = /^scripts\[(\d+)\]/.exec(e.path);
        const src = m ? rowOfScript[Number(m[1])] : undefined;
        if (src) badRows.add(src);
      }
      const rest = good.filter((r) => !badRows.has(r));
      stats.skipped += good.length - rest.length;
      const again = build(rest, meta, [], opts.images);
      const second = again && validatePack(again.input);
      if (second && second.ok) return finish(second.pack, stats, issues);
    }
    return { pack: null, issues, stats };
  }
  if (result.pack.scripts.length === 0) {
    issues.push(
      issue(
        0,
        'error',
        '没有找到可导入的话术：请确认已选择“话术内容”列，且至少有一行内容',
        'No scripts found: map a column to “Script” and make sure at least one row has text',
      ),
    );
    return { pack: null, issues, stats };
  }
  if (hasErrors() && !opts.skipErrorRows) return { pack: null, issues, stats };
  return finish(result.pack, stats, issues);
}

function m_hasRows(errors: { path: string }[]): boolean {
  return errors.some((e) => e.path.startsWith('scripts['));
}

function finish(pack: Pack, stats: ImportStats, issues: RowIssue[]): TableImport {
  stats.scripts = pack.scripts.length;
  stats.situations = pack.situations.length;
  return { pack, issues, stats };
}

function build(
  records: RowRecord[],
  meta: PackMeta,
  issues: RowIssue[],
  imageBytes: Readonly<Record<string, string>> = {},
) {
  const base = defaultMeta(meta);
  if (!ID_PATTERN.test(base.id)) {
    issues.push(
      issue(
        0,
        'error',
        `话术包 ID「${base.id}」无效：只能用字母、数字和 . _ -，以字母或数字开头`,
        `Pack ID "${base.id}" is invalid: letters, digits, . _ - only, starting with a letter or digit`,
      ),
    );
    return null;
  }

  // Situations: one node per distinct path, in order of first appearance.
  const situations: NonNullable<PackInput['situations']> = [];
  const rowOfSituation: RowRecord[] = [];
  // A situation is found by its id path when the row has one (our export: two sibling
  // situations may share a name), else by its name path (rows added by hand find the same node).
  const idOfPath = new Map<string, string>();
  const idOfIdPath = new Map<string, string>();
  const nameOfIdPath = new Map<string, string>();
  const takenSituationIds = new Set<string>();
  const childCount = new Map<string, number>();
  const situationOf = (r: RowRecord): string => {
    let parent: string | null = null;
    let ids = r.pathIds?.length === r.path.length ? r.pathIds : undefined;
    // A 情景ID copied onto a row with other category names (or a rename done on some rows only):
    // the names the team lead can see win.
    if (
      ids?.some((_, d) => {
        const seen = nameOfIdPath.get(ids!.slice(0, d + 1).join('/'));
        return seen !== undefined && seen !== r.path.slice(0, d + 1).join('\u0001');
      })
    ) {
      issues.push(
        issue(
          r.row,
          'warning',
          `${where(r)}：情景ID「${ids.join('/')}」与分类名称「${r.path.join('/')}」对不上，已按分类名称导入`,
          `${whereEn(r)}: situation ID "${ids.join('/')}" does not match the categories "${r.path.join('/')}"; imported by the category names`,
          'situationId',
          r.file,
        ),
      );
      ids = undefined;
    }
    for (let depth = 0; depth < r.path.length; depth++) {
      const key = r.path.slice(0, depth + 1).join('\u0001');
      const idKey = ids ? ids.slice(0, depth + 1).join('/') : undefined;
      let id = idKey !== undefined ? idOfIdPath.get(idKey) : idOfPath.get(key);
      if (!id) {
        const fromFile = ids?.[depth];
        id =
          fromFile && ID_PATTERN.test(fromFile) && !takenSituationIds.has(fromFile)
            ? fromFile
            : uniqueId(situationIdFor(r.path.slice(0, depth + 1)), takenSituationIds);
        takenSituationIds.add(id);
        const siblings = (childCount.get(parent ?? '') ?? 0) + 1;
        childCount.set(parent ?? '', siblings);
        situations.push({ id, name: r.path[depth]!, parent, order: siblings });
        rowOfSituation.push(r);
      }
      if (!idOfPath.has(key)) idOfPath.set(key, id);
      if (idKey !== undefined && !idOfIdPath.has(idKey)) {
        idOfIdPath.set(idKey, id);
        nameOfIdPath.set(idKey, key);
      }
      parent = id;
    }
    return parent!;
  };

  const scripts: NonNullable<PackInput['scripts']> = [];
  const images: Record<string, string> = {};
  const rowOfScript: RowRecord[] = [];
  const takenScriptIds = new Set(records.flatMap((r) => (r.id && !r.situationOnly ? [r.id] : [])));
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  for (const r of records) {
    const situation = situationOf(r);
    if (r.situationOnly) {
      if (r.cues) situations.find((s) => s.id === situation)!.cues = r.cues;
      continue;
    }
    let id = r.id;
    if (!id) {
      id = uniqueId(scriptIdFor(r.path, r.title), takenScriptIds, nextSuffix);
      takenScriptIds.add(id);
    }
    for (const name of placeholdersIn(r.body)) used.add(name);
    scripts.push({
      id,
      situation,
      title: r.title,
      body: r.body,
      purpose: r.purpose,
      keywords: r.keywords,
      tags: r.tags,
      ...(r.shortcut ? { shortcut: r.shortcut } : {}),
      ...(r.followUp ? { effect: { followUpMinutes: r.followUp } } : {}),
      ...(r.cues ? { cues: r.cues } : {}),
      ...(r.images?.length ? { images: r.images } : {}),
    });
    for (const img of r.images ?? []) if (imageBytes[img.hash] !== undefined) images[img.hash] = imageBytes[img.hash]!;
    rowOfScript.push(r);
  }

  const builtin = new Set<string>(BUILTIN_PLACEHOLDERS);
  const extra = meta.extra ?? {};
  const placeholders = declarePlaceholders(
    [...used].filter((n) => !builtin.has(n)),
    (extra.placeholders ?? []).map((p) => ({ name: p.name, label: p.label ?? '', example: p.example ?? '' })),
  );
  const input: PackInput = {
    schemaVersion: 1,
    ...base,
    placeholders,
    situations,
    scripts,
    forbidden: extra.forbidden ?? [],
    ...(extra.policy ? { policy: extra.policy } : {}),
    siteRules: extra.siteRules ?? [],
    ...(Object.keys(images).length ? { images } : {}),
  };
  return { input, rowOfScript, rowOfSituation };
}
