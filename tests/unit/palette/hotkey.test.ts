import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOTKEY,
  formatHotkey,
  hotkeyFromEvent,
  hotkeyProblem,
  matchesHotkey,
  parseHotkey,
  type KeyLike,
} from '../../../utils/features/palette/hotkey';

const key = (code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  key: '',
  code,
  ...mods,
});

describe('palette hotkey', () => {
  it('parses what people write and prints it back in one form', () => {
    expect(parseHotkey('Alt+K')).toEqual({ ctrl: false, alt: true, shift: false, meta: false, code: 'KeyK' });
    expect(parseHotkey('ctrl + shift + k')).toEqual({ ctrl: true, alt: false, shift: true, meta: false, code: 'KeyK' });
    expect(parseHotkey('Alt+1')?.code).toBe('Digit1');
    expect(parseHotkey('F2')?.code).toBe('F2');
    expect(parseHotkey('Ctrl+.')?.code).toBe('Period');
    expect(formatHotkey(parseHotkey('shift+ctrl+k')!)).toBe('Ctrl+Shift+K');
    expect(formatHotkey(parseHotkey('Alt+Space')!)).toBe('Alt+Space');
  });

  it('rejects text that is not one key with modifiers', () => {
    for (const bad of ['', 'Alt+', 'Hyper+K', 'Alt+KK', 'Ctrl+Shift', '+']) expect(parseHotkey(bad), bad).toBeNull();
  });

  it('matches by physical key and exact modifiers (layout and IME independent)', () => {
    const hk = parseHotkey(DEFAULT_HOTKEY)!;
    // With Alt held, macOS reports key "˚" for K: the code is what counts.
    expect(matchesHotkey(key('KeyK', { altKey: true, key: '˚' }), hk)).toBe(true);
    expect(matchesHotkey(key('KeyK', { altKey: true, shiftKey: true }), hk)).toBe(false);
    expect(matchesHotkey(key('KeyK'), hk)).toBe(false);
    expect(matchesHotkey(key('KeyJ', { altKey: true }), hk)).toBe(false);
  });

  it('records a key press, waiting while only modifiers are down', () => {
    expect(hotkeyFromEvent(key('ControlLeft', { ctrlKey: true }))).toBeNull();
    expect(hotkeyFromEvent(key('ShiftRight', { shiftKey: true, ctrlKey: true }))).toBeNull();
    expect(formatHotkey(hotkeyFromEvent(key('KeyP', { altKey: true }))!)).toBe('Alt+P');
  });

  it('refuses combinations that clash with input methods, typing or the console', () => {
    expect(hotkeyProblem(parseHotkey(DEFAULT_HOTKEY))).toBeNull();
    expect(hotkeyProblem(parseHotkey('Ctrl+Shift+K'))).toBeNull();
    expect(hotkeyProblem(parseHotkey('Ctrl+Space'))).toBe('ime');
    expect(hotkeyProblem(parseHotkey('Shift+Space'))).toBe('ime');
    expect(hotkeyProblem(parseHotkey('Ctrl+Shift'))).toBe('invalid');
    expect(hotkeyProblem(parseHotkey('K'))).toBe('no-modifier');
    expect(hotkeyProblem(parseHotkey('Shift+K'))).toBe('no-modifier');
    expect(hotkeyProblem(parseHotkey('Ctrl+Enter'))).toBe('reserved');
    expect(hotkeyProblem(parseHotkey('Ctrl+V'))).toBe('reserved');
    expect(hotkeyProblem(parseHotkey('Ctrl+Z'))).toBe('reserved');
    expect(hotkeyProblem(parseHotkey('F2'))).toBeNull();
  });
});
