/**
 * Pack-check messages in both UI languages. zod's own messages are English and technical
 * ("Too small: expected string to have >=1 characters"); a team lead reads ours instead, in
 * Chinese or English, whichever the extension, the importer or the CLI speaks. Pure.
 */
import type { z } from 'zod';

export interface Bilingual {
  zh: string;
  en: string;
}

/** English for the Chinese messages the schema gives its own rules (ids, versions, times …). */
const CUSTOM_EN = new Map<string, string>([
  [
    'id: 1–64 个字母、数字、. _ -，以字母或数字开头',
    'id: 1–64 letters, digits, . _ -, starting with a letter or digit',
  ],
  ['时间格式应为 HH:MM', 'time must be HH:MM'],
  ['快捷码只能是 1–16 位小写字母或数字', 'a shortcut is 1–16 lower-case letters or digits'],
  ['占位符名称：1–20 个字母、数字或下划线', 'placeholder name: 1–20 letters, digits or _'],
  ['版本号格式如 1.2.0 或 2026.11.24', 'a version looks like 1.2.0 or 2026.11.24'],
]);

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
};

const typeName = (t: unknown): Bilingual =>
  typeof t === 'string' && Object.hasOwn(TYPE_NAMES, t) ? TYPE_NAMES[t]! : { zh: String(t), en: String(t) };

/** One zod issue as our own message (without the path; the caller says where). */
export function zodIssueText(issue: z.core.$ZodIssue): Bilingual {
  switch (issue.code) {
    case 'invalid_type': {
      const want = typeName(issue.expected);
      return /received undefined$/.test(issue.message)
        ? { zh: `缺少此项（应为${want.zh}）`, en: `missing (should be ${want.en})` }
        : { zh: `应为${want.zh}`, en: `should be ${want.en}` };
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string')
        return n <= 1
          ? { zh: '不能为空', en: 'must not be empty' }
          : { zh: `至少 ${n} 个字`, en: `at least ${n} characters` };
      if (issue.origin === 'array' || issue.origin === 'set') return { zh: `至少 ${n} 项`, en: `at least ${n} items` };
      return { zh: `不能小于 ${n}`, en: `must be at least ${n}` };
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return { zh: `最多 ${n} 个字`, en: `at most ${n} characters` };
      if (issue.origin === 'array' || issue.origin === 'set') return { zh: `最多 ${n} 项`, en: `at most ${n} items` };
      return { zh: `不能大于 ${n}`, en: `must be at most ${n}` };
    }
    case 'invalid_format': {
      const en = CUSTOM_EN.get(issue.message);
      if (en) return { zh: issue.message, en };
      if (issue.format === 'datetime')
        return {
          zh: '时间格式应为 ISO 8601，如 2026-11-24T08:00:00Z',
          en: 'time must be ISO 8601, e.g. 2026-11-24T08:00:00Z',
        };
      return { zh: '格式不对', en: 'wrong format' };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(' / ');
      return { zh: `只能是 ${values}`, en: `must be ${values}` };
    }
    case 'unrecognized_keys':
      return { zh: `不认识的字段：${issue.keys.join('、')}`, en: `unknown fields: ${issue.keys.join(', ')}` };
    default: {
      const en = CUSTOM_EN.get(issue.message);
      return en ? { zh: issue.message, en } : { zh: '内容无效', en: 'invalid value' };
    }
  }
}
