/** Guessing what each column of a team lead's spreadsheet holds, from its header. Pure. */
import type { ColumnMapping, ImportField } from './types';

/** Labels for the mapping UI and the headers our own export writes (the importer recognises them all). */
export const FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {
  level1: { zh: '一级分类', en: 'Level 1' },
  level2: { zh: '二级分类', en: 'Level 2' },
  level3: { zh: '三级分类', en: 'Level 3' },
  level4: { zh: '四级分类', en: 'Level 4' },
  level5: { zh: '五级分类', en: 'Level 5' },
  level6: { zh: '六级分类', en: 'Level 6' },
  level7: { zh: '七级分类', en: 'Level 7' },
  level8: { zh: '八级分类', en: 'Level 8' },
  situation: { zh: '情景', en: 'Situation' },
  situationId: { zh: '情景ID', en: 'Situation ID' },
  title: { zh: '标题', en: 'Title' },
  body: { zh: '话术内容', en: 'Script' },
  shortcut: { zh: '快捷码', en: 'Shortcut' },
  keywords: { zh: '关键词', en: 'Keywords' },
  purpose: { zh: '话术目的', en: 'Purpose' },
  tags: { zh: '标签', en: 'Tags' },
  id: { zh: 'ID', en: 'ID' },
  followUp: { zh: '承诺回复(分钟)', en: 'Follow-up (minutes)' },
  cues: { zh: '客户常说', en: 'Customers say' },
  images: { zh: '图片', en: 'Pictures' },
  ignore: { zh: '不导入', en: 'Ignore' },
};

export const LEVEL_FIELDS = [
  'level1',
  'level2',
  'level3',
  'level4',
  'level5',
  'level6',
  'level7',
  'level8',
] as const satisfies readonly ImportField[];

const CN_DIGITS = '一二三四五六七八';

/** Normalised header → field. Keys are lower-case, without spaces, asterisks, brackets or colons. */
const ALIASES = new Map<string, ImportField>();
function alias(field: ImportField, ...names: string[]) {
  for (const n of names) ALIASES.set(normalizeHeader(n), field);
}
alias(
  'level1',
  '一级分类',
  '一级类目',
  '一级目录',
  '大类',
  '分类',
  '类别',
  '类目',
  '分组',
  '模块',
  '业务类型',
  '场景分类',
  'category',
  'level1',
  'level 1',
  'group',
);
alias(
  'level2',
  '二级分类',
  '二级类目',
  '二级目录',
  '小类',
  '子分类',
  '子类',
  'subcategory',
  'sub category',
  'level2',
  'level 2',
);
LEVEL_FIELDS.slice(2).forEach((f, i) =>
  alias(f, `${CN_DIGITS[i + 2]}级分类`, `${CN_DIGITS[i + 2]}级类目`, `level${i + 3}`, `level ${i + 3}`),
);
alias(
  'situation',
  '情景',
  '场景',
  '情境',
  '情况',
  '问题场景',
  '应用场景',
  '使用场景',
  'situation',
  'scenario',
  'scene',
);
alias('situationId', '情景ID', '情景编号', 'situation id', 'situationid');
alias('title', '标题', '话术标题', '名称', '话术名称', '问题', '客户问题', '常见问题', 'title', 'name');
alias(
  'body',
  '话术',
  '话术内容',
  '内容',
  '回复',
  '回复内容',
  '标准话术',
  '参考话术',
  '推荐话术',
  '答案',
  '回答',
  '文本',
  '正文',
  'script',
  'body',
  'text',
  'content',
  'reply',
  'answer',
);
alias(
  'shortcut',
  '快捷短语',
  '快捷码',
  '快捷编码',
  '快捷键',
  '快捷指令',
  '短码',
  '编码',
  'shortcut',
  'code',
  'short code',
);
alias('keywords', '关键词', '关键字', '触发词', '客户用语', '同义词', 'keywords', 'keyword');
alias(
  'purpose',
  '备注',
  '话术目的',
  '目的',
  '说明',
  '用途',
  '使用说明',
  'purpose',
  'note',
  'notes',
  'remark',
  'remarks',
  'description',
);
alias('tags', '标签', 'tags', 'tag', 'labels');
alias('id', 'id', '话术id', '话术编号', '编号', '序号id', 'script id');
alias(
  'cues',
  '客户常说',
  '客户说法',
  '客户原话',
  '常见说法',
  '客户怎么说',
  'customers say',
  'cues',
  'customer wording',
);
alias('images', '图片', '图片文件', '配图', '附图', '图片名', '图片名称', 'images', 'image', 'pictures', 'picture');
alias(
  'followUp',
  '承诺回复(分钟)',
  '承诺回复分钟',
  '承诺回复',
  '跟进时限',
  '回复时限(分钟)',
  'follow-up (minutes)',
  'follow-up',
  'followup',
  'follow up minutes',
);

/** Trim, drop spaces (ASCII and full-width), asterisks marking required columns, colons; fold width and case. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC') // full-width letters, digits, brackets → ASCII
    .replace(/[\s*：:]/g, '')
    .replace(/[（(]必填[)）]|[（(]选填[)）]|[（(]可选[)）]/g, '')
    .toLowerCase();
}

/**
 * One field per header. Each field is used once, except that a second situation-ish column
 * (分类 then 情景) becomes the next level. Unknown headers map to `ignore`.
 */
export function guessMapping(headers: string[]): ColumnMapping {
  const used = new Set<ImportField>();
  const out: ColumnMapping = headers.map((h) => {
    const field = ALIASES.get(normalizeHeader(String(h ?? '')));
    if (!field || field === 'ignore') return 'ignore';
    if (used.has(field)) {
      // "分类 | 分类" or "一级分类 | 分类": the second one is the next free level.
      if ((LEVEL_FIELDS as readonly string[]).includes(field)) {
        const next = LEVEL_FIELDS.find((f) => !used.has(f));
        if (next) {
          used.add(next);
          return next;
        }
      }
      return 'ignore';
    }
    used.add(field);
    return field;
  });
  // A sheet with only "分类" and "情景" is two levels; with "二级分类" but no "一级分类", shift it up.
  if (!used.has('level1') && used.has('level2')) return out.map((f) => (f === 'level2' ? 'level1' : f));
  // A sheet with a body column but no title: fine (titles are derived). With only one text
  // column and no body, that column is the body.
  if (!used.has('body') && used.has('title')) return out.map((f) => (f === 'title' ? 'body' : f));
  return out;
}
