/**
 * The palette hotkey: parsing `Alt+K`, matching a key event, and refusing combinations that
 * clash with input methods or the console. Pure: works on plain objects shaped like KeyboardEvent.
 */

import { DEFAULT_SETTINGS } from '../../settings';

export const DEFAULT_HOTKEY = DEFAULT_SETTINGS.paletteHotkey;

export interface Hotkey {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** `KeyboardEvent.code` of the main key: `KeyK`, `Digit1`, `F2`, `Period`… (layout-independent). */
  code: string;
}

export interface KeyLike {
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  code: string;
  key: string;
}

// Maps: the names come from what the agent typed into the settings ("Alt+constructor").
const NAMED: ReadonlyMap<string, string> = new Map([
  ['space', 'Space'],
  ['.', 'Period'],
  [',', 'Comma'],
  [';', 'Semicolon'],
  ['/', 'Slash'],
  ["'", 'Quote'],
  ['`', 'Backquote'],
  ['[', 'BracketLeft'],
  [']', 'BracketRight'],
  ['-', 'Minus'],
  ['=', 'Equal'],
  ['enter', 'Enter'],
  ['tab', 'Tab'],
  ['escape', 'Escape'],
  ['esc', 'Escape'],
]);
const LABEL: ReadonlyMap<string, string> = new Map(
  [...NAMED].filter(([k]) => k !== 'esc').map(([k, v]) => [v, k.length === 1 ? k : v]),
);

function codeOf(name: string): string | null {
  if (/^[a-z]$/i.test(name)) return `Key${name.toUpperCase()}`;
  if (/^[0-9]$/.test(name)) return `Digit${name}`;
  if (/^f([1-9]|1[0-2])$/i.test(name)) return name.toUpperCase();
  return NAMED.get(name.toLowerCase()) ?? null;
}

/** `Ctrl+Shift+K`, `alt+k`, `Alt + 1` → a hotkey; null when it is not one key with modifiers. */
export function parseHotkey(text: string): Hotkey | null {
  const parts = text
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  // `Alt++` is not supported; a trailing empty part means a bare `+`.
  if (!parts.length || text.trim().endsWith('+')) return null;
  const hk: Hotkey = { ctrl: false, alt: false, shift: false, meta: false, code: '' };
  for (const [i, part] of parts.entries()) {
    const p = part.toLowerCase();
    if (i < parts.length - 1) {
      if (p === 'ctrl' || p === 'control') hk.ctrl = true;
      else if (p === 'alt' || p === 'option') hk.alt = true;
      else if (p === 'shift') hk.shift = true;
      else if (p === 'meta' || p === 'cmd' || p === 'command') hk.meta = true;
      else return null;
    } else {
      const code = codeOf(part);
      if (!code) return null;
      hk.code = code;
    }
  }
  return hk;
}

export function formatHotkey(hk: Hotkey): string {
  const key = hk.code.startsWith('Key')
    ? hk.code.slice(3)
    : hk.code.startsWith('Digit')
      ? hk.code.slice(5)
      : (LABEL.get(hk.code) ?? hk.code);
  return [hk.ctrl && 'Ctrl', hk.alt && 'Alt', hk.shift && 'Shift', hk.meta && 'Meta', key].filter(Boolean).join('+');
}

/** The hotkey a key event spells, or null for a bare modifier press. */
export function hotkeyFromEvent(e: KeyLike): Hotkey | null {
  if (/^(Control|Alt|Shift|Meta|OS)(Left|Right)?$/.test(e.code) || !e.code) return null;
  return { ctrl: e.ctrlKey, alt: e.altKey, shift: e.shiftKey, meta: e.metaKey, code: e.code };
}

export function matchesHotkey(e: KeyLike, hk: Hotkey): boolean {
  return (
    e.code === hk.code &&
    e.ctrlKey === hk.ctrl &&
    e.altKey === hk.alt &&
    e.shiftKey === hk.shift &&
    e.metaKey === hk.meta
  );
}

export type HotkeyProblem =
  /** Not a key with modifiers. */
  | 'invalid'
  /** No Ctrl/Alt/Meta: it would fire while typing (F-keys excepted). */
  | 'no-modifier'
  /** Switches the input method (Ctrl+Space, Ctrl+Shift, Shift+Space, Alt+Shift…) or types a space. */
  | 'ime'
  /** Enter, Tab, Esc, Ctrl+C/V/X/Z/Y/A/W/T/N/R/L/F: the console's and the browser's own keys. */
  | 'reserved';

const EDITING = new Set([
  'KeyA',
  'KeyC',
  'KeyV',
  'KeyX',
  'KeyZ',
  'KeyY',
  'KeyW',
  'KeyT',
  'KeyN',
  'KeyR',
  'KeyL',
  'KeyF',
  'KeyP',
  'KeyS',
]);

/** Why a hotkey must not be used, or null when it is fine. */
export function hotkeyProblem(hk: Hotkey | null): HotkeyProblem | null {
  if (!hk || !hk.code) return 'invalid';
  if (hk.code === 'Space') return 'ime';
  if (['Enter', 'Tab', 'Escape'].includes(hk.code)) return 'reserved';
  if (!hk.ctrl && !hk.alt && !hk.meta && !/^F\d+$/.test(hk.code)) return 'no-modifier';
  if ((hk.ctrl || hk.meta) && !hk.alt && !hk.shift && EDITING.has(hk.code)) return 'reserved';
  return null;
}
