/**
 * What is shown is what is there, and one check for every entry point: bidi controls and
 * invisible characters are refused in ids and shown visibly in messages, look-alike names are
 * flagged, reserved pack ids are refused wherever a pack is installed with one message, and
 * every message exists in Chinese and English (zod's own English never shows).
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessMapping, readSpreadsheet, tableToPack } from '../../scripts-library/io';
import { hasInvisible, showInvisible, splitInvisible, withoutInvisible } from '../../scripts-library/invisible';
import { BUILTIN_PACK_ID, PERSONAL_PACK_ID, validatePack, type PackInput } from '../../scripts-library/schema';
import { installPack } from '../../utils/db/packs';
import { HuashuDB } from '../../utils/db/schema';

const base = (): PackInput => ({
  schemaVersion: 1,
  id: 'team.safe',
  name: '测试包',
  version: '1.0.0',
  updatedAt: '2026-11-24T00:00:00Z',
  author: '组长',
  situations: [{ id: 's', name: '退款进度' }],
  scripts: [{ id: 'a', situation: 's', title: '退款金额', body: '亲，退款已经原路退回。' }],
});

const errorsOf = (input: unknown, install = false) => {
  const r = validatePack(input, { install });
  return r.ok ? [] : r.errors;
};

describe('invisible characters', () => {
  it('are shown as ⟨U+XXXX⟩, and a spoofed title reads as what it is', () => {
    expect(showInvisible('x\u200B1')).toBe('x⟨U+200B⟩1');
    expect(showInvisible('退款金额\u202E元001\u202C')).toBe('退款金额⟨U+202E⟩元001⟨U+202C⟩');
    expect(splitInvisible('a\u2066b')).toEqual([
      { text: 'a', invisible: false },
      { text: '⟨U+2066⟩', invisible: true },
      { text: 'b', invisible: false },
    ]);
    // An emoji sequence keeps its joiner; a joiner between letters does not hide.
    expect(hasInvisible('🙇\u200D♀\uFE0F')).toBe(false);
    expect(hasInvisible('a\u200Db')).toBe(true);
  });

  it('an id with one is refused, and the message shows it', () => {
    for (const ch of ['\u200B', '\u202E', '\u2066', '\uFEFF', '\u00AD']) {
      const pack = base();
      pack.scripts[0]!.id = `x${ch}1`;
      const [e] = errorsOf(pack);
      expect(e?.message).toContain(`x⟨${showInvisible(ch).slice(1, -1)}⟩1`);
      expect(e?.messageEn).toContain('⟨U+');
    }
  });

  it('titles and situation names that differ only by them are flagged as duplicates', () => {
    const pack = base();
    pack.scripts.push({ id: 'b', situation: 's', title: '退款\u200B金额', body: '别的内容' });
    pack.situations.push({ id: 't', name: '退款\u2060进度' });
    const messages = errorsOf(pack).map((e) => e.message);
    expect(messages).toEqual([
      expect.stringContaining('情景 t「退款⟨U+2060⟩进度」与 s「退款进度」看起来相同'),
      expect.stringContaining('话术 b「退款⟨U+200B⟩金额」与 a「退款金额」看起来相同'),
    ]);
  });

  it('random invisible characters never make two names pass as different', () => {
    const invisible = fc.constantFrom(
      '\u200B',
      '\u200C',
      '\u2060',
      '\u202A',
      '\u202E',
      '\u2066',
      '\u2069',
      '\uFEFF',
      '\u00AD',
      '\u061C',
    );
    fc.assert(
      // Inside the name: at its ends the schema's trim already removes the ones that are whitespace (U+FEFF).
      fc.property(
        fc.array(invisible, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (inserted, at) => {
          const title = '退款金额';
          const spoof = title.slice(0, at) + inserted.join('') + title.slice(at);
          expect(withoutInvisible(spoof)).toBe(title);
          const pack = base();
          pack.scripts.push({ id: 'b', situation: 's', title: spoof, body: '别的内容' });
          expect(errorsOf(pack).length).toBe(1);
        },
      ),
    );
  });

  it('a CSV with ids x1 and x\u200B1 is refused, naming the id visibly', async () => {
    const csv = new TextEncoder().encode('ID,分类,话术\nx1,售后,您好\nx\u200B1,售后,您好呀\n');
    const table = await readSpreadsheet(csv, 'ids.csv');
    const r = tableToPack(table, guessMapping(table.headers), { id: 'team.ids', name: '表' });
    expect(r.pack).toBeNull();
    expect(r.issues.map((i) => i.message).join('\n')).toContain('x⟨U+200B⟩1');
  });
});

describe('one check for every entry point', () => {
  it('refuses the reserved ids when installing, with the message the database gives', async () => {
    const db = new HuashuDB(`r${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    for (const id of [PERSONAL_PACK_ID, BUILTIN_PACK_ID]) {
      const pack = { ...base(), id };
      const [e] = errorsOf(pack, true);
      expect(e?.path).toBe('id');
      const valid = validatePack(pack);
      if (!valid.ok) throw new Error('valid apart from its id');
      await expect(installPack(db, valid.pack, { kind: 'file', fileName: 'x.json' })).rejects.toThrow(e!.message);
    }
    expect(errorsOf({ ...base(), id: 'team.fine' }, true)).toEqual([]);
  });

  it('speaks Chinese and English, never zod', () => {
    const broken = {
      ...base(),
      name: '',
      version: 'v1',
      updatedAt: 'yesterday',
      locked: 'yes',
      situations: 'none',
      scripts: [{ id: 'a', situation: 's', title: '', body: 'x', effect: { followUpMinutes: 0 } }],
    };
    const errors = errorsOf(broken);
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const e of errors) {
      expect(e.message).not.toMatch(/Too (small|big)|Invalid (input|option)|expected/);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      expect(e.messageEn).not.toMatch(/Too (small|big)|Invalid (input|option)/);
      expect(e.messageEn).not.toMatch(/[\u4e00-\u9fff]{2}/);
    }
    expect(errorsOf(42)[0]!.messageEn).toContain('Not a pack');
  });
});
