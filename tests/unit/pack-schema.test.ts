import { describe, expect, it } from 'vitest';
import {
  parsePackJson,
  PACK_SCHEMA_VERSION,
  placeholdersIn,
  validatePack,
  type PackInput,
} from '../../scripts-library/schema';

function pack(overrides: Partial<PackInput> = {}): PackInput {
  return {
    schemaVersion: 1,
    id: 'team.aftersale',
    name: '售后组话术',
    version: '1.2.0',
    updatedAt: '2026-11-20T10:00:00+08:00',
    author: '王组长',
    situations: [
      { id: 'aftersale', name: '售后', parent: null, order: 1 },
      { id: 'quality', name: '质量问题', parent: 'aftersale', order: 1 },
    ],
    scripts: [
      {
        id: 'q1',
        situation: 'quality',
        title: '质量问题致歉',
        body: '非常抱歉给您带来不便，麻烦提供一下订单号 {订单号}。',
        keywords: ['坏了'],
        shortcut: 'zl1',
      },
      { id: 'q2', situation: 'quality', title: '安排换新', body: '我们为您换新，运费由我们承担。' },
    ],
    ...overrides,
  };
}

const messages = (input: unknown) => {
  const r = validatePack(input);
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe('pack schema', () => {
  it('names where text damaged by a wrong encoding (U+FFFD) is, deep in a script', () => {
    const input = pack();
    input.scripts![1] = { ...input.scripts![1]!, keywords: ['换新', '退\uFFFD货'] };
    const r = validatePack(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const damaged = r.errors.filter((e) => e.message.includes('替换字符'));
    expect(damaged.map((e) => e.path)).toEqual(['scripts[1].keywords[1]']);
    // The pack's own fields are named without a leading dot.
    const named = validatePack(pack({ name: '售后\uFFFD组' }));
    expect(named.ok ? [] : named.errors.filter((e) => e.message.includes('替换字符')).map((e) => e.path)).toEqual([
      'name',
    ]);
  });

  it('accepts a well-formed pack and fills defaults', () => {
    const r = validatePack(pack());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.scripts[1]!.keywords).toEqual([]);
    expect(r.pack.locked).toBe(false);
    expect(r.pack.forbidden).toEqual([]);
  });

  it('names the script, by id and title, when a field is wrong', () => {
    const bad = pack();
    (bad.scripts[1] as { body: string }).body = '';
    expect(messages(bad).join('\n')).toMatch(/话术 q2「安排换新」.*scripts\[1\]\.body/);
  });

  it('rejects a script whose situation does not exist, naming both', () => {
    const bad = pack();
    bad.scripts[0]!.situation = 'logistics';
    expect(messages(bad)).toContain('话术 q1「质量问题致歉」：情景 "logistics" 不存在');
  });

  it('rejects duplicate script ids and duplicate shortcut codes', () => {
    const bad = pack();
    bad.scripts.push({ ...bad.scripts[0]!, title: '另一条' });
    bad.scripts.push({ id: 'q3', situation: 'quality', title: '第三条', body: '好的', shortcut: 'zl1' });
    const all = messages(bad).join('\n');
    expect(all).toContain('id 重复');
    expect(all).toContain('快捷码 "zl1" 已被话术 q1 使用');
  });

  it('rejects undeclared placeholders and accepts declared ones', () => {
    const bad = pack();
    bad.scripts[1]!.body = '您的快递 {快递公司} 已发出';
    expect(messages(bad).join('\n')).toContain('占位符 {快递公司} 未定义');
    expect(validatePack({ ...bad, placeholders: [{ name: '快递公司' }] }).ok).toBe(true);
  });

  it('rejects cycles and dangling parents in the situation tree', () => {
    const cyclic = pack({
      situations: [
        { id: 'a', name: 'A', parent: 'b', order: 1 },
        { id: 'b', name: 'B', parent: 'a', order: 2 },
        { id: 'quality', name: '质量', parent: 'ghost', order: 3 },
      ],
    });
    const all = messages(cyclic).join('\n');
    expect(all).toContain('循环');
    expect(all).toContain('上级情景 "ghost" 不存在');
  });

  it('refuses a pack from a newer schema with an instruction to update', () => {
    expect(messages(pack({ schemaVersion: (PACK_SCHEMA_VERSION + 1) as 1 })).join()).toContain('请先更新话术助手');
  });

  it('says what is wrong with input that is not a pack at all', () => {
    expect(messages(null).join()).toContain('不是话术包');
    expect(messages([1, 2]).join()).toContain('不是话术包');
    expect(messages({}).length).toBeGreaterThan(0);
    const r = parsePackJson('{"schemaVersion": 1,');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message).toContain('不是有效的 JSON');
  });

  it('lists at most 50 errors, then says how many more', () => {
    const many = pack({
      scripts: Array.from({ length: 80 }, (_, i) => ({ id: `s${i}`, situation: 'quality', title: '', body: 'x' })),
    });
    const all = messages(many);
    expect(all).toHaveLength(51);
    expect(all[50]).toContain('还有 30 处错误未列出');
  });

  it('finds placeholder names in a body, once each', () => {
    expect(placeholdersIn('{客户称呼}您好，订单 {订单号} 已发货，{客户称呼}请留意 {光标}')).toEqual([
      '客户称呼',
      '订单号',
      '光标',
    ]);
    expect(placeholdersIn('价格区间 {100-200} 不是占位符')).toEqual([]);
  });
});
