import { describe, expect, it } from 'vitest';
import { continuesPress, typedByPress } from '../../../utils/features/palette/key-press';

const ENTER = { key: 'Enter', code: 'Enter' };
const ev = (type: string, over: Partial<{ key: string; code: string; keyCode: number; repeat: boolean }> = {}) => ({
  type,
  key: 'Enter',
  code: 'Enter',
  keyCode: 13,
  ...over,
});

describe('the rest of a key press we took', () => {
  it('its keypress and keyup are ours; so are its auto-repeats and an input method echoing it (229)', () => {
    expect(continuesPress(ENTER, ev('keypress'))).toBe(true);
    expect(continuesPress(ENTER, ev('keyup'))).toBe(true);
    expect(continuesPress(ENTER, ev('keydown', { repeat: true }))).toBe(true);
    expect(continuesPress(ENTER, ev('keydown', { keyCode: 229, key: 'Process' }))).toBe(true);
    expect(continuesPress(ENTER, ev('keyup', { code: 'NumpadEnter' }))).toBe(false);
  });

  it('a new press of any key is the agent’s next keystroke, not ours', () => {
    expect(continuesPress(ENTER, ev('keydown'))).toBe(false);
    expect(continuesPress(ENTER, ev('keydown', { key: 'a', code: 'KeyA', keyCode: 65 }))).toBe(false);
    expect(continuesPress(ENTER, ev('keyup', { key: 'a', code: 'KeyA' }))).toBe(false);
    // A fast typist's next character composed by an IME while Enter is still down.
    expect(continuesPress(ENTER, ev('keydown', { key: 'Process', code: 'KeyN', keyCode: 229 }))).toBe(false);
  });

  it('without a code (some virtual keyboards) the key decides', () => {
    expect(continuesPress({ key: 'Enter', code: '' }, ev('keyup', { code: '' }))).toBe(true);
    expect(continuesPress({ key: 'Enter', code: '' }, ev('keyup', { code: '', key: 'Tab' }))).toBe(false);
  });

  it('what the key would type: Enter’s line break or paragraph, Space’s space, Tab’s tab — nothing else', () => {
    expect(typedByPress(ENTER, { inputType: 'insertLineBreak', data: null })).toBe(true);
    expect(typedByPress(ENTER, { inputType: 'insertParagraph', data: null })).toBe(true);
    expect(typedByPress(ENTER, { inputType: 'insertText', data: '好' })).toBe(false);
    expect(typedByPress(ENTER, { inputType: 'insertFromPaste', data: null })).toBe(false);
    expect(typedByPress({ key: ' ', code: 'Space' }, { inputType: 'insertText', data: ' ' })).toBe(true);
    expect(typedByPress({ key: ' ', code: 'Space' }, { inputType: 'insertText', data: '您' })).toBe(false);
    expect(typedByPress({ key: 'Tab', code: 'Tab' }, { inputType: 'insertText', data: '\t' })).toBe(true);
    expect(typedByPress({ key: 'ArrowDown', code: 'ArrowDown' }, { inputType: 'insertLineBreak', data: null })).toBe(
      false,
    );
  });
});
