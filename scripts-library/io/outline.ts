/**
 * Outline text → pack: what a team lead gets by copying their Word document or Markdown file.
 * Pure. Never throws on bad input.
 *
 * - Headings become situations: Markdown `#`…`######`, `第一章/第一部分`, `一、`, `（一）`, a line that
 *   is all bold (`**开场白**`), and — when short, without sentence punctuation and followed by
 *   text rather than by another line numbered the same way — `1.`, `（1）`, `①`. Nesting follows the
 *   order styles first appear in (the way Word numbering nests): a style already open closes
 *   everything below it; a new style opens a level below the current one.
 * - Every other non-empty line (bullets `- * • ·`, numbered lines that read as sentences, plain
 *   paragraphs) is one script; indented lines right after it continue it on a new line.
 * - A script line `标题：内容`, `**标题**：内容` or `【标题】内容` gives its own title; `问：… / 答：…`
 *   pairs (FAQ documents) take the question as the title. Otherwise the title is the first clause.
 */
import { assemble, issue, UNCATEGORIZED, type RowRecord } from './assemble';
import { convertPlaceholderStyles } from './placeholders';
import type { PackMeta, RowIssue, TableImport, TableImportOptions } from './types';

type Style = string;
interface Heading {
  style: Style;
  text: string;
  /** Numbered headings are only headings when they read like one (see `confirmHeading`). */
  tentative: boolean;
}

const CN_NUM = '一二三四五六七八九十百零〇两';
const HEADING_RULES: { re: RegExp; style: (m: RegExpExecArray) => Style; tentative: boolean }[] = [
  { re: /^(#{1,6})\s+(.+?)\s*#*\s*$/, style: (m) => `#${m[1]!.length}`, tentative: false },
  {
    re: new RegExp(`^第[${CN_NUM}\\d]+[章节部分篇]\\s*[:：、.．]?\\s*(.+)$`),
    style: () => 'chapter',
    tentative: false,
  },
  { re: new RegExp(`^[${CN_NUM}]+\\s*[、.．]\\s*(.+)$`), style: () => 'cn', tentative: false },
  { re: new RegExp(`^[（(]\\s*[${CN_NUM}]+\\s*[)）]\\s*(.+)$`), style: () => 'cn()', tentative: false },
  { re: /^\*\*([^*]+)\*\*\s*[:：]?\s*$/, style: () => 'bold', tentative: false },
  { re: /^\d{1,3}\s*[.．、](?!\d)\s*(.+)$/, style: () => '1.', tentative: true },
  { re: /^(?:[（(]\s*\d{1,3}\s*[)）]|\d{1,3}\s*[)）])\s*(.+)$/, style: () => '(1)', tentative: true },
  { re: /^[①-⑳]\s*(.+)$/, style: () => '①', tentative: true },
];

const BULLET = /^(?:[-*+]\s+|[•·●◆◇▪■□○►▶➤✓√]\s*)(.+)$/;
const SENTENCE_END = /[。！？!?~～…；;，,]$/;

const RANKS: Record<string, number> = { chapter: 10, cn: 11, 'cn()': 12, bold: 13, '1.': 14, '(1)': 15, '①': 16 };
const rankOf = (style: Style) => (style.startsWith('#') ? Number(style.slice(1)) : (RANKS[style] ?? 20));

/** "一、开场" inside a Markdown heading: the numbering is not part of the name. */
function stripNumbering(text: string): string {
  const h = headingOf(text);
  return h && !h.style.startsWith('#') && h.style !== 'bold' ? h.text : text;
}

function headingOf(line: string): Heading | null {
  for (const rule of HEADING_RULES) {
    const m = rule.re.exec(line);
    if (m) {
      const text = m[m.length - 1]!.trim();
      if (!text) return null;
      return { style: rule.style(m), text, tentative: rule.tentative };
    }
  }
  return null;
}

/** Strip a numbering or bullet marker from a script line. */
function stripMarker(line: string): string {
  const b = BULLET.exec(line);
  if (b) return b[1]!.trim();
  const h = headingOf(line);
  return h && h.tentative ? h.text : line;
}

function titled(line: string): { title?: string; body: string } {
  let m = /^\*\*([^*]{1,30})\*\*\s*[:：]?\s*(.+)$/.exec(line);
  if (m) return { title: m[1]!.trim(), body: m[2]!.trim() };
  m = /^【([^】]{1,15})】\s*[:：]?\s*(.+)$/.exec(line);
  if (m && convertPlaceholderStyles(`【${m[1]}】`).conversions.length === 0)
    return { title: m[1]!.trim(), body: m[2]!.trim() };
  m = /^([^\s：:，。！？,.!?【】[\]{}*]{2,12})[：:]\s*(.+)$/.exec(line);
  if (m && !/^(亲|亲爱的|您好|你好|尊敬的.*|客户|顾客|温馨提示|注意)$/.test(m[1]!))
    return { title: m[1]!, body: m[2]!.trim() };
  return { body: line };
}

const QUESTION = /^(?:问|Q|客户问|顾客问|买家问|提问)\s*[:：.．]\s*(.+)$/i;
const ANSWER = /^(?:答|A|客服答|回复|回答|参考回复)\s*[:：.．]\s*(.+)$/i;

export function outlineToPack(text: string, meta: PackMeta, opts: TableImportOptions = {}): TableImport {
  try {
    return parseOutline(String(text ?? ''), meta, opts);
  } catch (e) {
    return {
      pack: null,
      issues: [
        issue(
          0,
          'error',
          `导入时出现意外错误：${(e as Error).message}`,
          `Unexpected error during import: ${(e as Error).message}`,
        ),
      ],
      stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 },
    };
  }
}

function parseOutline(text: string, meta: PackMeta, opts: TableImportOptions): TableImport {
  const parsed = parseOutlineRecords(text, opts);
  if (parsed.records.length === 0 && !parsed.issues.some((x) => x.level === 'error'))
    parsed.issues.push(
      issue(
        0,
        'error',
        '没有找到话术：每条话术占一行（或以 - 开头），标题行（# 标题、一、（一））会成为情景',
        'No scripts found: put one script per line (or start it with -); heading lines (# Title, 一、, （一）) become situations',
        'body',
        opts.file,
      ),
    );
  return assemble(
    parsed.records,
    meta,
    parsed.issues,
    parsed.rows,
    { convertPlaceholders: opts.convertPlaceholders ?? true, skipErrorRows: opts.skipErrorRows ?? false },
    parsed.skipped,
  );
}

/** Outline text → records and issues (no pack yet). */
export function parseOutlineRecords(
  text: string,
  opts: TableImportOptions,
): { records: RowRecord[]; issues: RowIssue[]; rows: number; skipped: number } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const issues: RowIssue[] = [];
  const records: RowRecord[] = [];
  const file = opts.file;
  const stack: { style: Style; name: string }[] = [];
  const path = () => (stack.length ? stack.map((s) => s.name) : [opts.defaultSituation?.trim() || UNCATEGORIZED]);
  let current: RowRecord | null = null;
  let question: { text: string; row: number } | null = null;
  let inFence = false;

  const nextContent = (from: number): string | undefined => {
    for (let j = from; j < lines.length; j++) {
      const l = lines[j]!.trim();
      if (l) return l;
    }
    return undefined;
  };

  const openHeading = (h: Heading, row: number) => {
    let name = stripNumbering(h.text)
      .replace(/[:：]$/, '')
      .trim();
    if ([...name].length > 40) {
      issues.push(
        issue(
          row,
          'warning',
          `第 ${row} 行：标题超过 40 字，已截短作为情景名称`,
          `Line ${row}: heading longer than 40 characters was shortened for the situation name`,
          'situation',
          file,
        ),
      );
      name = [...name].slice(0, 40).join('').trim();
    }
    // A heading closes every open heading of the same or a lower rank (Markdown by its number of
    // #, then the usual order of Chinese document numbering).
    const rank = rankOf(h.style);
    const at = stack.findIndex((s) => rankOf(s.style) >= rank);
    if (at !== -1) stack.length = at;
    stack.push({ style: h.style, name });
    current = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const row = i + 1;
    const raw = lines[i]!;
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      current = null;
      continue;
    }
    if (!line || /^([-*_=])\1{2,}$/.test(line.replace(/\s/g, ''))) {
      current = null;
      continue;
    }
    const unquoted = inFence ? line : line.replace(/^>\s?/, '').trim();
    if (!unquoted) continue;

    // An indented line right after a script continues it.
    if (current && /^(\s{2,}|\t)/.test(raw) && !BULLET.test(unquoted) && !headingOf(unquoted)) {
      current.body += `\n${unquoted}`;
      continue;
    }

    const h = inFence ? null : headingOf(unquoted);
    if (h) {
      let isHeading = !h.tentative;
      if (h.tentative) {
        const next = nextContent(i + 1);
        const nextH = next ? headingOf(next.replace(/^>\s?/, '')) : null;
        isHeading =
          [...h.text].length <= 20 &&
          !SENTENCE_END.test(h.text) &&
          !/[{}【】[\]]|XX|\*\*/.test(h.text) &&
          next !== undefined &&
          !(nextH && nextH.style === h.style);
      }
      if (isHeading) {
        openHeading(h, row);
        question = null;
        continue;
      }
    }

    const content = stripMarker(unquoted);
    const q = QUESTION.exec(content);
    if (q) {
      question = { text: q[1]!.trim(), row };
      current = null;
      continue;
    }
    const a = ANSWER.exec(content);
    let title: string | undefined;
    let body: string;
    if (a) {
      body = a[1]!.trim();
      if (question) title = question.text;
    } else ({ title, body } = titled(content));
    question = null;
    const record: RowRecord = {
      row,
      path: path(),
      title: (title ?? '').trim(),
      body,
      keywords: [],
      purpose: '',
      tags: [],
      ...(file ? { file } : {}),
    };
    records.push(record);
    current = record;
  }
  if (question)
    issues.push(
      issue(
        question.row,
        'warning',
        `第 ${question.row} 行：这个问题后面没有答案，已跳过`,
        `Line ${question.row}: this question has no answer after it, skipped`,
        'body',
        file,
      ),
    );
  return { records, issues, rows: lines.length, skipped: question ? 1 : 0 };
}
