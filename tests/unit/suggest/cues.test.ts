/**
 * 客户常说 as pack data: validated by the pack check (patterns in the linear-time engine), edited
 * as text in a sheet cell or the editor, and read by the classifier from the library only.
 */
import { describe, expect, it } from 'vitest';
import { compileCuePattern } from '../../../scripts-library/cue-pattern';
import { formatCues, parseCues } from '../../../scripts-library/cue-text';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { validatePack, type PackInput } from '../../../scripts-library/schema';

const packWith = (cues: unknown): PackInput =>
  ({
    schemaVersion: 1,
    id: 'team',
    name: '团队',
    version: '1.0.0',
    updatedAt: '2026-12-01T00:00:00+08:00',
    author: '组长',
    situations: [{ id: 's1', name: '催发货', cues }],
    scripts: [{ id: 'a', situation: 's1', title: '发货时间', body: '亲，付款后 48 小时内发货。' }],
  }) as PackInput;

describe('customer wording in a pack', () => {
  it('accepts words, groups with options, emoji and patterns', () => {
    const r = validatePack(
      packWith(['催一下', { words: ['kd', '😡', 're:[0-9一二三]天(了)?还没发'], weight: 0.6, negatable: true }]),
    );
    expect(r.ok).toBe(true);
  });

  it('refuses patterns the linear-time engine cannot run, or that match empty text, naming the situation', () => {
    for (const bad of ['re:(冷)不\\1', 're:(?=怎么)会掉色', 're:(发货)?', 're:([']) {
      const r = validatePack(packWith([{ words: ['好', bad] }]));
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toContain('情景 s1「催发货」');
      if (!r.ok) expect(r.errors[0]!.path).toBe('situations[0].cues[0].words[1]');
    }
  });

  it('runs a pattern over text and reports where it matched', () => {
    expect(compileCuePattern('re:满[0-9]+减[0-9]+')!.matches('满300减50 再满500减80')).toEqual([
      { at: 0, end: 7 },
      { at: 9, end: 16 },
    ]);
    expect(compileCuePattern('满300减50')).toBeNull();
  });

  it('round-trips as the text a team lead edits: one group a line, options as tags, a pattern a line', () => {
    const cues = [
      { words: ['坏', '碎', 're:(有|一)股.{0,5}味'], weight: 0.4, negatable: true },
      { words: ['这个'], alone: 6 },
      { words: ['满意'], praise: true },
    ];
    const text = formatCues(cues);
    expect(text).toBe('坏、碎 #0.4 #可否认\nre:(有|一)股.{0,5}味 #0.4 #可否认\n这个 #单独6\n满意 #称赞');
    expect(parseCues(text)).toEqual(cues);
    // typed by hand: commas of either width, blank lines, a repeated word
    expect(parseCues('包邮吗，包邮不, 包游\n\n包邮吗')).toEqual([{ words: ['包邮吗', '包邮不', '包游'] }]);
  });

  it('the default pack carries its wording, each word once per situation', () => {
    const pack = loadDefaultPack();
    const withCues = pack.situations.filter((s) => s.cues?.length);
    expect(withCues.length).toBeGreaterThan(50);
    for (const s of withCues) {
      const words = s.cues!.flatMap((c) => (typeof c === 'string' ? [c] : c.words));
      expect(new Set(words).size, s.id).toBe(words.length);
      expect(parseCues(formatCues(s.cues))).toEqual(s.cues);
    }
  });
});

describe('pattern prefilter', () => {
  it('knows the literals every match holds only when the pattern says so plainly', async () => {
    const { requiredLiterals } = await import('../../../scripts-library/cue-pattern');
    expect(requiredLiterals('满[0-9]+减')).toEqual([['满'], ['减']]);
    expect(requiredLiterals('(运费|邮费)是多少')).toEqual([['运费', '邮费'], ['是多少']]);
    expect(requiredLiterals('(运费|邮费)?多少')).toEqual([['多少']]);
    expect(requiredLiterals('满?减')).toEqual([['减']]);
    expect(requiredLiterals('(几|多少)天?(能)?到')).toEqual([['几', '多少'], ['到']]);
    expect(requiredLiterals('((a|b)c|d)e')).toEqual([['e']]);
    expect(requiredLiterals('.味(道|儿)?(好|很)?(大|重)')).toEqual([['味'], ['大', '重']]);
    expect(requiredLiterals('要么.{1,6}要么')).toEqual([['要么'], ['要么']]);
    expect(requiredLiterals('ab+c{0,2}')).toEqual([['a'], ['b']]);
    // a top-level alternative, or nothing plain: the pattern always runs
    expect(requiredLiterals('退款|退钱')).toEqual([]);
    expect(requiredLiterals('[0-9]+')).toEqual([]);
    expect(requiredLiterals('(?<!\\d)1[3-9]\\d{9}(?!\\d)')).toEqual([['1']]);
  });

  it('never loses a match by skipping', () => {
    expect(compileCuePattern('re:(运费|邮费)(是)?多少')!.matches('请问邮费多少')).toEqual([{ at: 2, end: 6 }]);
    expect(compileCuePattern('re:.味(道|儿)?(好|很)?(大|重)')!.matches('这个气味好大')).toEqual([{ at: 2, end: 6 }]);
    expect(compileCuePattern('re:.味(道|儿)?(好|很)?(大|重)')!.matches('这个气味还行')).toEqual([]);
    expect(compileCuePattern('re:退款|退钱')!.matches('我要退钱')).toEqual([{ at: 2, end: 4 }]);
  });
});
