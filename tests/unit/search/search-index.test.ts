import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  createSearchIndex,
  highlightText,
  restoreSearchIndex,
  SNAPSHOT_VERSION,
  type SearchDoc,
  type UsageStats,
} from '../../../utils/search';
import { doc, LIBRARY } from './library';

const index = createSearchIndex(LIBRARY);
const keys = (query: string, ctx = {}) => index.search(query, ctx).map((h) => h.key);
const first = (query: string, ctx = {}) => keys(query, ctx)[0];

describe('matching', () => {
  it('finds Chinese words in title, keywords and body', () => {
    expect(first('发票')).toMatch(/invoice/);
    expect(first('运费险')).toBe('p/ship-2');
    expect(first('税号')).toBe('p/invoice-2'); // body only
  });

  it('matches full pinyin, initials and both mixed', () => {
    expect(first('fapiao')).toMatch(/invoice/);
    expect(first('tuihuo')).toMatch(/return|ship/);
    expect(first('fp')).toMatch(/invoice/);
    expect(first('th')).toMatch(/return|ship/);
    expect(first('tuih')).toMatch(/return|ship/);
    expect(first('thyf')).toBe('p/ship-1');
    expect(first('wlsh')).toBe('p/transit-1'); // 物流损坏, the situation name
  });

  it('reads polyphonic characters in context and in their other readings', () => {
    expect(first('yinhangka')).toBe('p/bank-1'); // 银行: hang, not xing
    expect(first('yhk')).toBe('p/bank-1');
  });

  it('mixes pinyin and Chinese in one query, with or without a space', () => {
    expect(first('th 运费')).toBe('p/ship-1');
    expect(first('th运费')).toBe('p/ship-1');
    expect(first('运费 th')).toBe('p/ship-1');
  });

  it('puts an exact shortcut code first, with or without the slash', () => {
    expect(first('/th1')).toBe('p/return-1');
    expect(first('th1')).toBe('p/return-1');
    expect(first('fp2')).toBe('p/invoice-2');
  });

  it('puts an exact shortcut above a script that has the code in its text', () => {
    const withText = createSearchIndex([
      ...LIBRARY,
      doc('code-in-title', { situation: 'x', path: ['其他'], title: 'fp2 发票模板', body: 'fp2' }),
    ]);
    expect(withText.search('fp2')[0]!.key).toBe('p/invoice-2');
    expect(withText.search('fp2').map((h) => h.key)).toContain('p/code-in-title');
  });

  it('lists shortcut codes by prefix after a slash, closest first', () => {
    expect(keys('/th').slice(0, 2)).toEqual(['p/return-1', 'p/return-2']);
    expect(keys('/yf')).toEqual(['p/ship-1', 'p/ship-2']);
  });

  it('folds full-width, case and traditional characters', () => {
    for (const [plain, variant] of [
      ['th', 'ＴＨ'],
      ['tuihuo', 'TuiHuo'],
      ['/th1', '／ｔｈ１'],
      ['7天无理由', '７天无理由'],
      ['发票', '發票'],
      ['退货', '退貨'],
      ['th 运费', 'ｔｈ　运费'],
    ])
      expect(keys(variant!)).toEqual(keys(plain!));
  });

  it('requires every word (AND) when some script has them all', () => {
    const hits = keys('退货 运费');
    expect(hits[0]).toBe('p/ship-1');
    // return-2 has 退货 but no 运费 anywhere
    expect(hits).not.toContain('p/return-2');
    expect(hits).not.toContain('p/invoice-1');
  });

  it('falls back to the scripts matching most words when none matches all', () => {
    expect(first('发票 火星人')).toMatch(/invoice/);
  });

  it('recovers homophone typos', () => {
    expect(first('推货')).toMatch(/return|ship/);
    expect(first('发漂')).toMatch(/invoice/);
    expect(first('运废')).toMatch(/ship/);
  });

  it('recovers pinyin typos', () => {
    expect(first('fapaio')).toMatch(/invoice/);
    expect(first('tuihou')).toMatch(/return|ship/);
  });

  it('matches a customer’s own words by their parts', () => {
    expect(first('包裹被压扁了')).toBe('p/transit-1');
    expect(first('快递怎么还没到啊')).toBe('p/delay-1');
  });

  it('reads a customer’s sentence by its telling words, not its everyday ones', () => {
    const chat = createSearchIndex([
      doc('thing', { situation: 'a', path: ['甲'], title: '缺东西', keywords: ['少了东西'] }),
      doc('broken', { situation: 'b', path: ['乙'], title: '商品坏了', keywords: ['坏了'] }),
      doc('broken-2', { situation: 'b', path: ['乙'], title: '用坏了', keywords: ['坏了', '不能用'] }),
    ]);
    expect(chat.search('东西坏了')[0]!.key).toMatch(/broken/);
  });

  it('recovers a typo inside a sentence', () => {
    expect(first('我要推货')).toMatch(/return|ship/);
    expect(first('质量问提')).toBe('p/ship-1'); // its body says 质量问题
  });

  it('returns nothing for an empty query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('，。')).toEqual([]);
  });
});

describe('filters', () => {
  it('@ keeps scripts under a situation, by name, id or pinyin', () => {
    expect(keys('@物流 慢')).toEqual(['p/delay-1']);
    // 物流损坏 (under 方案说明) has 物流 in its name too.
    expect(keys('@物流').sort()).toEqual(['p/delay-1', 'p/track-1', 'p/transit-1']);
    expect(keys('@wl').sort()).toEqual(['p/delay-1', 'p/track-1', 'p/transit-1']);
    expect(keys('@物流慢')).toEqual(['p/delay-1']);
    expect(keys('@logistics-track')).toEqual(['p/track-1']);
    expect(keys('情景:发票 抬头')).toEqual(['p/invoice-2']);
  });

  it('# keeps scripts with a tag, pack: with a pack', () => {
    expect(keys('#发票').sort()).toEqual(['p/invoice-1', 'p/invoice-2']);
    expect(keys('＃运费')).toEqual(['p/ship-1']);
    expect(keys('th #运费')).toEqual(['p/ship-1']);
    expect(keys('pack:p 发票').length).toBeGreaterThan(0);
    expect(keys('pack:q 发票')).toEqual([]);
  });
});

describe('ranking', () => {
  const ranked = createSearchIndex([
    doc('in-body', { situation: 'a', path: ['甲'], title: '开具说明', body: '发票会在收货后开出' }),
    doc('in-keywords', { situation: 'b', path: ['乙'], title: '开具说明', keywords: ['发票'] }),
    doc('in-title', { situation: 'c', path: ['丙'], title: '发票说明' }),
    doc('in-situation', { situation: 'd', path: ['发票问题'], title: '开具说明' }),
  ]);

  it('ranks title and situation above keywords above body', () => {
    const order = ranked.search('发票').map((h) => h.key);
    expect(order.indexOf('p/in-title')).toBeLessThan(order.indexOf('p/in-keywords'));
    expect(order.indexOf('p/in-situation')).toBeLessThan(order.indexOf('p/in-keywords'));
    expect(order.indexOf('p/in-keywords')).toBeLessThan(order.indexOf('p/in-body'));
  });

  it('boosts what the agent uses, without overriding a much better match', () => {
    const now = Date.UTC(2026, 10, 24);
    const usage = new Map<string, UsageStats>([['p/return-2', { count: 12, lastUsedAt: now - 3600_000 }]]);
    expect(keys('/th').slice(0, 2)).toEqual(['p/return-1', 'p/return-2']);
    expect(keys('/th', { usage, now }).slice(0, 2)).toEqual(['p/return-2', 'p/return-1']);
    const heavy = new Map<string, UsageStats>([['p/in-body', { count: 100, lastUsedAt: now }]]);
    expect(ranked.search('发票', { usage: heavy, now })[0]!.key).toBe('p/in-title');
  });

  it('lets old use fade', () => {
    const now = Date.UTC(2026, 10, 24);
    const usage = new Map<string, UsageStats>([
      ['p/return-1', { count: 10, lastUsedAt: now - 90 * 86_400_000 }],
      ['p/return-2', { count: 3, lastUsedAt: now - 3600_000 }],
    ]);
    expect(keys('/th', { usage, now })[0]).toBe('p/return-2');
  });

  it('boosts the conversation’s situation', () => {
    const plain = keys('退货');
    const boosted = keys('退货', { situationId: 'p/sol-return-shipping' });
    expect(boosted.indexOf('p/ship-1')).toBeLessThan(plain.indexOf('p/ship-1'));
    expect(boosted[0]).toMatch(/ship/);
  });

  it('orders equal scores by key, whatever the insertion order', () => {
    const twins = ['c', 'a', 'b'].map((id) =>
      doc(id, { situation: 's', path: ['情景'], title: '同样的标题', body: '同样的内容' }),
    );
    const one = createSearchIndex(twins);
    const other = createSearchIndex([...twins].reverse());
    expect(one.search('标题').map((h) => h.key)).toEqual(['p/a', 'p/b', 'p/c']);
    expect(other.search('标题').map((h) => h.key)).toEqual(['p/a', 'p/b', 'p/c']);
    expect(one.search('标题').map((h) => h.score)).toEqual(other.search('标题').map((h) => h.score));
  });

  it('gives the same answer whatever was searched before', () => {
    const fresh = createSearchIndex(LIBRARY);
    const expected = fresh.search('退货 运费');
    for (const q of ['th', '@物流', '#发票', '推货', 'fapaio', '/th', '包裹被压扁了', '发票 火星人']) index.search(q);
    expect(index.search('退货 运费')).toEqual(expected);
  });

  it('respects the limit', () => {
    expect(index.search('售后', { limit: 2 })).toHaveLength(2);
  });
});

describe('highlights', () => {
  it('marks matched words in each field, as offsets into the original text', () => {
    const hit = index.search('发票').find((h) => h.key === 'p/invoice-1')!;
    const d = LIBRARY.find((x) => x.key === hit.key)!;
    const title = hit.highlights.find((h) => h.field === 'title')!;
    expect(title.ranges.map(([s, e]) => d.title.slice(s, e))).toEqual(['发票']);
    const kw = hit.highlights.find((h) => h.field === 'keywords')!;
    expect(kw.ranges.map(([s, e]) => highlightText(d, 'keywords').slice(s, e))).toEqual(['发票', '发票', '发票']);
    const situation = hit.highlights.find((h) => h.field === 'situation')!;
    expect(situation.ranges.map(([s, e]) => highlightText(d, 'situation').slice(s, e))).toEqual(['发票']);
  });

  it('marks what pinyin, homophones and traditional characters stood for', () => {
    for (const q of ['fapiao', '发漂', '發票']) {
      const hit = index.search(q).find((h) => h.key === 'p/invoice-1')!;
      const title = hit.highlights.find((h) => h.field === 'title')!;
      expect(title.ranges).toEqual([[4, 6]]);
    }
  });

  it('marks the parts of a customer’s sentence that matched', () => {
    const hit = index.search('包裹被压扁了')[0]!;
    const kw = hit.highlights.find((h) => h.field === 'keywords')!;
    const text = highlightText(
      LIBRARY.find((d) => d.key === hit.key)!,
      'keywords',
    );
    expect(kw.ranges.map(([s, e]) => text.slice(s, e))).toContain('压扁了');
  });
});

describe('incremental updates', () => {
  it('adds, edits and removes without a rebuild', () => {
    const live = createSearchIndex(LIBRARY);
    expect(live.size).toBe(LIBRARY.length);
    live.upsert(
      doc('new-1', {
        situation: 'presale-size',
        path: ['售前与售中', '尺码与规格'],
        title: '尺码推荐',
        keywords: ['多大码'],
        shortcut: 'cm1',
      }),
    );
    expect(live.size).toBe(LIBRARY.length + 1);
    expect(live.search('chima')[0]!.key).toBe('p/new-1');
    expect(live.search('cm1')[0]!.key).toBe('p/new-1');

    live.upsert(
      doc('new-1', {
        situation: 'presale-size',
        path: ['售前与售中', '尺码与规格'],
        title: '鞋码对照',
        shortcut: 'xm1',
      }),
    );
    expect(live.size).toBe(LIBRARY.length + 1);
    expect(live.search('多大码').map((h) => h.key)).not.toContain('p/new-1');
    expect(live.search('cm1').map((h) => h.key)).not.toContain('p/new-1');
    expect(live.search('鞋码')[0]!.key).toBe('p/new-1');
    expect(live.search('xiema')[0]!.key).toBe('p/new-1');

    live.remove('p/new-1');
    live.remove('p/invoice-1');
    expect(live.size).toBe(LIBRARY.length - 1);
    expect(live.search('鞋码')).toEqual([]);
    expect(live.search('发票').map((h) => h.key)).toEqual(['p/invoice-2']);
    expect(live.get('p/invoice-1')).toBeUndefined();
  });

  it('syncs one pack, touching only what changed', () => {
    const other = doc('other-1', { situation: 'x', path: ['其他'], title: '发票模板' });
    const live = createSearchIndex([...LIBRARY, { ...other, key: 'q/other-1', packId: 'q' }]);
    const next = LIBRARY.filter((d) => d.key !== 'p/bank-1').map((d) =>
      d.key === 'p/invoice-1' ? { ...d, title: '电子发票开具' } : d,
    );
    next.push(doc('added', { situation: 'x', path: ['其他'], title: '新增话术' }));
    expect(live.sync(next, 'p')).toEqual({ added: 1, updated: 1, removed: 1, unchanged: LIBRARY.length - 2 });
    expect(live.get('q/other-1')).toBeDefined();
    expect(live.search('新增话术')[0]!.key).toBe('p/added');
    expect(live.search('银行卡')).toEqual([]);
    expect(live.sync(next, 'p')).toEqual({ added: 0, updated: 0, removed: 0, unchanged: next.length });
  });

  it('answers the same after compaction', () => {
    const live = createSearchIndex(LIBRARY);
    live.upsert({ ...LIBRARY[0]!, title: '退货运费由谁承担' });
    live.remove('p/greet-1');
    const queries = ['退货 运费', 'th', '/th', '@物流', '发漂', '包裹被压扁了'];
    const before = queries.map((q) => live.search(q));
    live.compact();
    expect(queries.map((q) => live.search(q))).toEqual(before);
  });

  it('stays fast and correct when a library is loaded one script at a time', () => {
    const live = createSearchIndex();
    const many: SearchDoc[] = [];
    for (let i = 0; i < 2500; i++)
      many.push(
        doc(`bulk-${i}`, {
          situation: `s${i % 50}`,
          path: ['批量', `情景${i % 50}`],
          title: `第${i}条话术`,
          body: i % 7 ? '普通内容' : '运费说明',
        }),
      );
    for (const d of many) live.upsert(d);
    for (const d of LIBRARY) live.upsert(d);
    expect(live.size).toBe(2500 + LIBRARY.length);
    expect(live.search('thyf')[0]!.key).toBe('p/ship-1');
    expect(live.needsCompaction).toBe(false);
  });
});

describe('snapshot and background build', () => {
  const queries = ['退货 运费', 'th', '/th1', '@物流', '推货', 'fapaio', '包裹被压扁了'];

  it('restores from a structured-cloned snapshot without rebuilding', () => {
    const live = createSearchIndex(LIBRARY);
    live.upsert(doc('late', { situation: 'x', path: ['其他'], title: '最后加入' }));
    const restored = restoreSearchIndex(structuredClone(live.toSnapshot()))!;
    expect(restored.size).toBe(live.size);
    for (const q of [...queries, '最后加入']) expect(restored.search(q)).toEqual(live.search(q));
    restored.upsert(doc('after', { situation: 'x', path: ['其他'], title: '恢复之后' }));
    expect(restored.search('恢复之后')[0]!.key).toBe('p/after');
  });

  it('refuses a snapshot of another version', () => {
    const snapshot = createSearchIndex(LIBRARY).toSnapshot();
    expect(restoreSearchIndex({ ...snapshot, version: SNAPSHOT_VERSION + 1 })).toBeNull();
  });

  it('builds in slices to the same index', async () => {
    const sliced = await buildSearchIndex(LIBRARY, { sliceMs: 0 });
    for (const q of queries) expect(sliced.search(q)).toEqual(index.search(q));
  });

  it('stops a background build when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buildSearchIndex(LIBRARY, { sliceMs: 0, signal: controller.signal })).rejects.toThrow();
  });
});
