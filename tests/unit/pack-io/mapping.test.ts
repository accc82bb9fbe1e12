import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../scripts-library/io';

describe('guessMapping', () => {
  it('recognises a typical team sheet, ignoring spaces, full-width characters and required-column asterisks', () => {
    expect(
      guessMapping(['*一级分类', ' 二级分类 ', '标题', '话术内容（必填）', '快捷短语', '关键词', '备注', '序号']),
    ).toEqual(['level1', 'level2', 'title', 'body', 'shortcut', 'keywords', 'purpose', 'ignore']);
    expect(guessMapping(['分类', '情景', '话术', '快捷编码'])).toEqual(['level1', 'situation', 'body', 'shortcut']);
    expect(guessMapping(['分组', '内容', '快捷码'])).toEqual(['level1', 'body', 'shortcut']);
    expect(guessMapping(['ＩＤ', '标  题', '话术内容：'])).toEqual(['id', 'title', 'body']);
  });

  it('recognises English headers', () => {
    expect(
      guessMapping(['Category', 'Subcategory', 'Title', 'Script', 'Shortcut', 'Keywords', 'Notes', 'Tags']),
    ).toEqual(['level1', 'level2', 'title', 'body', 'shortcut', 'keywords', 'purpose', 'tags']);
  });

  it('gives a repeated category column the next level and leaves unknown columns out', () => {
    expect(guessMapping(['分类', '分类', '话术内容', '创建人'])).toEqual(['level1', 'level2', 'body', 'ignore']);
    expect(guessMapping(['二级分类', '话术'])).toEqual(['level1', 'body']);
  });

  it('treats a lone title-like column as the body when there is no body column', () => {
    expect(guessMapping(['分类', '名称'])).toEqual(['level1', 'body']);
  });

  it('maps the headers our own export writes back to the same fields', () => {
    expect(
      guessMapping([
        '一级分类',
        '二级分类',
        '三级分类',
        '标题',
        '话术内容',
        '快捷码',
        '关键词',
        '话术目的',
        '标签',
        '承诺回复(分钟)',
        'ID',
        '情景ID',
      ]),
    ).toEqual([
      'level1',
      'level2',
      'level3',
      'title',
      'body',
      'shortcut',
      'keywords',
      'purpose',
      'tags',
      'followUp',
      'id',
      'situationId',
    ]);
  });
});
