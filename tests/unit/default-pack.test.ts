/**
 * The bundled default 话术 pack: what an agent, a team lead or a quality inspector would
 * notice if its content were wrong.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLACEHOLDERS, placeholdersIn, validatePack, type Pack } from '../../scripts-library/schema';
import pack from '../../scripts-library/packs/default.json';

function loaded(): Pack {
  const result = validatePack(pack);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.pack;
}

const p = loaded();
const leaves = p.situations.filter((s) => !p.situations.some((c) => c.parent === s.id));
const noSpace = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** "15 分钟内给您回复", "24 小时内回访": a promised reply within a fixed time. */
const WITHIN = /(\d+)\s*(分钟|小时)内[^。！？\n]{0,12}?(回复|联系|回电|答复|回访)/;
/** "明天上午 10 点前回复您": night-shift promise for the next day. */
const BEFORE_CLOCK = /(\d+)\s*点前[^。！？\n]{0,8}?(回复|联系|回电|答复|回访)/;

describe('default pack', () => {
  it('validates against the pack schema', () => {
    const result = validatePack(pack);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('covers the whole conversation with enough scripts', () => {
    expect(p.situations.length).toBeGreaterThanOrEqual(30);
    expect(p.scripts.length).toBeGreaterThanOrEqual(150);
  });

  it('gives every leaf situation at least 3 scripts', () => {
    const thin = leaves
      .map((s) => ({ id: s.id, n: p.scripts.filter((x) => x.situation === s.id).length }))
      .filter((x) => x.n < 3);
    expect(thin).toEqual([]);
  });

  it('files scripts only under leaf situations', () => {
    const leafIds = new Set(leaves.map((s) => s.id));
    expect(p.scripts.filter((s) => !leafIds.has(s.situation)).map((s) => s.id)).toEqual([]);
  });

  it('has no two scripts with the same body', () => {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const s of p.scripts) {
      const key = noSpace(s.body);
      if (seen.has(key)) dups.push(`${seen.get(key)} = ${s.id}`);
      else seen.set(key, s.id);
    }
    expect(dups).toEqual([]);
  });

  it('has unique shortcut codes on most scripts', () => {
    const codes = p.scripts.flatMap((s) => (s.shortcut ? [s.shortcut] : []));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length / p.scripts.length).toBeGreaterThanOrEqual(0.8);
  });

  it('gives every script a short distinct title, a purpose and 3–10 keywords', () => {
    const bad: string[] = [];
    for (const leaf of leaves) {
      const titles = p.scripts.filter((s) => s.situation === leaf.id).map((s) => s.title);
      if (new Set(titles).size !== titles.length) bad.push(`${leaf.id}: duplicate titles`);
    }
    for (const s of p.scripts) {
      if ([...s.title].length > 16) bad.push(`${s.id}: title too long`);
      if (!s.purpose.trim()) bad.push(`${s.id}: no purpose`);
      if (s.keywords.length < 3 || s.keywords.length > 10) bad.push(`${s.id}: ${s.keywords.length} keywords`);
    }
    expect(bad).toEqual([]);
  });

  it('uses only the one placeholder syntax, never the legacy styles', () => {
    const legacy = /\[[^\]]*\]|XXXX|\*\*|先生\/女士/i;
    expect(p.scripts.filter((s) => legacy.test(s.body)).map((s) => s.id)).toEqual([]);
    const known = new Set<string>([...BUILTIN_PLACEHOLDERS, ...p.placeholders.map((x) => x.name)]);
    const unknown = p.scripts.flatMap((s) =>
      placeholdersIn(s.body)
        .filter((n) => !known.has(n))
        .map((n) => `${s.id}: {${n}}`),
    );
    expect(unknown).toEqual([]);
    // Placeholders are used where a real script needs them, not nowhere.
    const withPlaceholders = p.scripts.filter((s) => placeholdersIn(s.body).length > 0).length;
    expect(withPlaceholders / p.scripts.length).toBeGreaterThanOrEqual(0.25);
  });

  it('starts a follow-up deadline for every script that promises a reply time', () => {
    const bad: string[] = [];
    for (const s of p.scripts) {
      const within = s.body.match(WITHIN);
      const clock = BEFORE_CLOCK.test(s.body);
      const minutes = s.effect?.followUpMinutes;
      if (within) {
        const expected = Number(within[1]) * (within[2] === '小时' ? 60 : 1);
        if (minutes !== expected) bad.push(`${s.id}: promises ${within[0]}, effect ${minutes ?? 'none'}`);
      } else if (clock) {
        if (minutes === undefined) bad.push(`${s.id}: promises a time of day without effect`);
      } else if (minutes !== undefined) {
        bad.push(`${s.id}: effect ${minutes} but the body promises no reply time`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("contains none of the pack's own forbidden phrases, unless an allowed sentence covers it", () => {
    const allow = p.forbidden
      .flatMap((c) => c.allow)
      .map(noSpace)
      .filter(Boolean);
    const hits: string[] = [];
    for (const s of p.scripts) {
      let body = noSpace(s.body);
      for (const a of allow) body = body.split(a).join('\u0000');
      for (const c of p.forbidden)
        for (const phrase of c.phrases) if (body.includes(noSpace(phrase))) hits.push(`${s.id}: ${c.id}「${phrase}」`);
    }
    expect(hits).toEqual([]);
  });

  it('fills every forbidden category with phrases, advice and better scripts', () => {
    const ids = p.forbidden.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'negative',
        'contempt',
        'impatient',
        'provoking',
        'vague',
        'false-promise',
        'privacy',
        'sensitive',
      ]),
    );
    for (const c of p.forbidden) {
      expect(c.phrases.length, c.id).toBeGreaterThanOrEqual(8);
      expect(c.advice.trim(), c.id).not.toBe('');
      expect(c.suggestScripts.length, c.id).toBeGreaterThanOrEqual(1);
    }
    const severity = Object.fromEntries(p.forbidden.map((c) => [c.id, c.severity]));
    expect(severity.privacy).toBe('block');
    expect(severity.sensitive).toBe('block');
  });

  it('keeps allowed sentences really containing a forbidden phrase', () => {
    // An allow entry that no longer contains any phrase is dead weight a team lead would not understand.
    for (const c of p.forbidden)
      for (const a of c.allow)
        expect(
          c.phrases.some((ph) => noSpace(a).includes(noSpace(ph))),
          `${c.id}: ${a}`,
        ).toBe(true);
  });
});
