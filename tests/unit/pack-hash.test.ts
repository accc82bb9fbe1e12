import { describe, expect, it } from 'vitest';
import { canonicalJson, computeContentHash, contentHashMatches, hash53 } from '../../scripts-library/hash';
import { shortHash } from '../../scripts-library/io/ids';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { scriptFingerprint } from '../../scripts-library/pack-rows';
import { packToRows } from '../../scripts-library/pack-rows';

describe('pack content hash', () => {
  it('ignores key order and formatting, changes with any content', async () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    const pack = loadDefaultPack();
    const hash = await computeContentHash(pack);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(pack).reverse()) as typeof pack;
    expect(await computeContentHash(reordered)).toBe(hash);
    const edited = { ...pack, scripts: pack.scripts.map((s, i) => (i === 5 ? { ...s, body: s.body + '。' } : s)) };
    expect(await computeContentHash(edited)).not.toBe(hash);
    expect(await contentHashMatches({ ...pack, contentHash: hash })).toBe(true);
    expect(await contentHashMatches({ ...edited, contentHash: hash })).toBe(false);
    expect(await contentHashMatches(pack)).toBe(true);
  });
});

describe('script fingerprint', () => {
  it('is stable for the same script and differs when what the agent sees changes', () => {
    const rows = packToRows(loadDefaultPack(), { kind: 'builtin' }, 0).scripts;
    const fps = new Set(rows.map(scriptFingerprint));
    expect(fps.size).toBe(rows.length);
    const r = rows[0]!;
    expect(scriptFingerprint({ ...r })).toBe(scriptFingerprint(r));
    expect(scriptFingerprint({ ...r, body: r.body + ' ' })).not.toBe(scriptFingerprint(r));
    expect(scriptFingerprint({ ...r, keywords: [...r.keywords, '新'] })).not.toBe(scriptFingerprint(r));
  });
});

describe('hash53 (import ids and script fingerprints)', () => {
  // Ids of imported tables and the `baseHash` of personal copies are stored: the hash must never
  // change, or a re-import would duplicate scripts and every copy would look out of date.
  it("gives the values already stored in agents' databases", () => {
    expect(hash53('')).toBe(3338908027751811);
    expect(hash53('您好，包裹正在运输中。')).toBe(7652225352986350);
    expect(hash53('😭x')).toBe(2664862191641805);
    expect(shortHash('a')).toBe('262p94epp1d');
    // Short ids are the hash in base 36, padded to 11 digits, for every input (small hashes too).
    for (const text of [
      '',
      'b',
      '售后\u0001物流\u0000催发货',
      '😭x',
      ...Array.from({ length: 500 }, (_, i) => `行${i}`),
    ])
      expect(shortHash(text)).toBe(hash53(text).toString(36).padStart(11, '0'));
    const row = {
      key: 'team.a/wl1',
      title: '查询物流',
      body: '您好，包裹正在运输中。',
      purpose: '',
      situationKey: 'team.a/wl',
      shortcut: 'wl',
      keywords: ['物流'],
      tags: [],
    };
    expect(scriptFingerprint(row)).toBe('23fgn6ncsvc');
  });
});
