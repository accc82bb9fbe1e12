/**
 * Names a pack, a spreadsheet or a settings row may hold that are also keys of
 * Object.prototype (`constructor`, `toString`, `__proto__` …) are plain names everywhere: a
 * placeholder named after one is asked for like any other, never filled from the prototype, and
 * nothing reaches or changes Object.prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../scripts-library/hash';
import { declarePlaceholders, guessMapping } from '../../scripts-library/io';
import { placeholdersIn, validatePack } from '../../scripts-library/schema';
import { fillPlaceholders, ownValue } from '../../utils/insertion/placeholders';
import { parseHotkey } from '../../utils/features/palette/hotkey';
import { DEFAULT_SETTINGS, settingsFromRows } from '../../utils/settings';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);
/** Every prototype key that is a valid placeholder name ({…}: letters, digits, _; 1–20). */
const PROTO_NAMES = PROTOTYPE_KEYS.filter((k) => /^[\p{L}\p{N}_]{1,20}$/u.test(k));
const randomName = fc.stringMatching(/^[a-zA-Z_\u4e00-\u4e20][a-zA-Z0-9_\u4e00-\u4e20]{0,19}$/);
const anyName = fc.oneof(fc.constantFrom(...PROTO_NAMES), randomName);

it('the prototype keys we test include the dangerous ones', () => {
  expect(PROTO_NAMES).toEqual(
    expect.arrayContaining(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']),
  );
});

describe('placeholders', () => {
  it('a name with no value is asked for, whatever the name', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const body = `亲，{${name}}您好`;
        expect(placeholdersIn(body)).toEqual([name]);
        const filled = fillPlaceholders(body, {});
        expect(filled.missing).toEqual([name]);
        expect(filled.text).toBe(body);
      }),
    );
  });

  it('a value the agent gave is used, whatever the name', () => {
    fc.assert(
      fc.property(
        anyName,
        fc.string({ minLength: 1, maxLength: 10 }).filter((v) => v.trim() !== ''),
        (name, value) => {
          // The way the form and the messages build values: own data properties.
          const values = JSON.parse(JSON.stringify(Object.fromEntries([[name, value]]))) as Record<string, string>;
          const filled = fillPlaceholders(`亲，{${name}}您好`, values);
          expect(filled.missing).toEqual([]);
          expect(filled.text).toBe(`亲，${value}您好`);
        },
      ),
    );
  });

  it('ownValue never answers from the prototype', () => {
    for (const name of PROTOTYPE_KEYS) expect(ownValue({}, name)).toBeUndefined();
  });

  it('a pack may declare and use them; declaring keeps their name as label', () => {
    const pack = {
      schemaVersion: 1,
      id: 'p',
      name: '包',
      version: '1.0.0',
      updatedAt: '2026-11-24T00:00:00Z',
      author: '组长',
      placeholders: PROTO_NAMES.map((name) => ({ name })),
      situations: [{ id: 'constructor', name: '情景' }],
      scripts: PROTO_NAMES.map((name, i) => ({
        id: i ? `s${i}` : 'toString',
        situation: 'constructor',
        title: `标题${i}`,
        body: `亲，{${name}}`,
      })),
    };
    const result = validatePack(pack);
    expect(result.ok).toBe(true);
    for (const def of declarePlaceholders(PROTO_NAMES)) expect(def.label).toBe(def.name);
  });
});

describe('spreadsheet headers, hotkeys, settings, hashes', () => {
  it('a column headed like a prototype key is not a known column', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTOTYPE_KEYS), (header) => {
        expect(guessMapping([header, '话术内容'])).toEqual(['ignore', 'body']);
      }),
    );
  });

  it('a hotkey named like a prototype key is not a hotkey', () => {
    for (const key of PROTOTYPE_KEYS) expect(parseHotkey(`Alt+${key}`)).toBeNull();
  });

  it('settings rows keyed like prototype keys are ignored and pollute nothing', () => {
    const rows = [
      ...PROTOTYPE_KEYS.map((key) => ({ key, value: { polluted: 'yes' } })),
      { key: 'profile', value: JSON.parse('{"__proto__": {"polluted": "yes"}, "nickname": "小美"}') },
      { key: 'policyOverrides', value: JSON.parse('{"__proto__": {"polluted": "yes"}}') },
    ];
    const settings = settingsFromRows(rows);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(settings.profile)).toBe(Object.prototype);
    expect((settings.profile as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(settings.profile.nickname).toBe('小美');
    expect(settings.locale).toBe(DEFAULT_SETTINGS.locale);
  });

  it('a key named __proto__ is hashed as a key', () => {
    const a = JSON.parse('{"a": 1, "__proto__": {"b": 2}}');
    expect(canonicalJson(a)).toBe('{"__proto__":{"b":2},"a":1}');
  });
});
