/**
 * One key press, as the console sees it: keydown (and its auto-repeats), keypress, the
 * `beforeinput` of what the key would type, keyup. When our list or palette takes a press at
 * keydown, the rest of that press is ours too: consoles send on any of these events (keydown,
 * keypress, keyup, `beforeinput` insertLineBreak), and a keyup that outlives our keydown would
 * send the draft — or, on a very short press, the `/退货` the agent was still replacing. Pure:
 * works on plain objects shaped like the events.
 */

export interface KeyEventLike {
  type: string;
  key: string;
  code: string;
  keyCode?: number;
  repeat?: boolean;
}

export interface InputEventLike {
  inputType: string;
  data: string | null;
}

/** A key press: `code` identifies the physical key, `key` what it means. */
export interface KeyPress {
  key: string;
  code: string;
}

const samePhysicalKey = (press: KeyPress, e: KeyEventLike) =>
  press.code && e.code ? press.code === e.code : press.key === e.key;

/**
 * Is this key event part of the press we took? Its keypress and keyup; on keydown only an
 * auto-repeat or an input method's echo of it (keyCode 229: Safari sends the confirming key
 * again after compositionend). Any other keydown starts a new press.
 */
export function continuesPress(press: KeyPress, e: KeyEventLike): boolean {
  if (e.type === 'keydown') return (e.repeat === true || e.keyCode === 229) && samePhysicalKey(press, e);
  return (e.type === 'keypress' || e.type === 'keyup') && samePhysicalKey(press, e);
}

/** Is this `beforeinput` what the press we took would type (Enter's line break, Space's space, Tab's tab)? */
export function typedByPress(press: KeyPress, e: InputEventLike): boolean {
  switch (press.key) {
    case 'Enter':
      return e.inputType === 'insertLineBreak' || e.inputType === 'insertParagraph';
    case ' ':
      return e.inputType === 'insertText' && e.data === ' ';
    case 'Tab':
      return e.inputType === 'insertText' && e.data === '\t';
    default:
      return false;
  }
}
