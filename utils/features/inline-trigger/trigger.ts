/**
 * Inline trigger detection: is the agent calling a script up with `/退货` (or `、退货`, which a
 * Chinese input method types for the same key) right before the caret? Pure: text in, answer out.
 *
 * Fires only where a trigger starts a word: at the start of the draft, after whitespace, or
 * after sentence punctuation. `http://a/b`, `a/b`, `1/2`, `./x`, `苹果、香蕉` stay plain text.
 */

import { DEFAULT_SETTINGS } from '../../settings';

export const DEFAULT_TRIGGERS: readonly string[] = DEFAULT_SETTINGS.inlineTriggers;

/** The longest query we follow; past this the agent is typing a sentence, not a search. */
export const MAX_QUERY_LENGTH = 24;

export interface TriggerMatch {
  /** The trigger character the agent typed. */
  trigger: string;
  /** What follows it up to the caret (may be empty right after the trigger). */
  query: string;
  /** Offset of the trigger in the text given. */
  start: number;
  /** `trigger + query`: the text an insertion removes before the caret. */
  typed: string;
}

/** After these a trigger starts a new word (CJK and ASCII sentence punctuation, brackets, quotes). */
const OPENERS = new Set([...'，。！？；：（）【】「」『』《》〈〉“”‘’…—,;!?()[]{}<>"\'']);

/** Characters that make `/` part of a URL, a path, a fraction or a word: never a trigger after these. */
function continuesWord(ch: string): boolean {
  return !OPENERS.has(ch) && !/\s/u.test(ch);
}

/** Characters that end a query (it is one word) or mark it as a path (`/usr/bin`, `//`). */
const QUERY_BREAK = /[\s/\\:]/u;

/**
 * The trigger the caret stands in, if any. `textBeforeCaret` is the draft (or its current line)
 * up to the caret; `triggers` the configured trigger characters.
 */
export function detectTrigger(textBeforeCaret: string, triggers: readonly string[]): TriggerMatch | null {
  if (!triggers.length || !textBeforeCaret) return null;
  const limit = Math.max(0, textBeforeCaret.length - MAX_QUERY_LENGTH - 1);
  for (let i = textBeforeCaret.length - 1; i >= limit; i--) {
    const ch = textBeforeCaret[i]!;
    const trigger = triggers.find((t) => textBeforeCaret.startsWith(t, i));
    if (trigger) {
      const query = textBeforeCaret.slice(i + trigger.length);
      if (QUERY_BREAK.test(query) || triggers.some((t) => query.includes(t))) return null;
      if (i > 0 && continuesWord(textBeforeCaret[i - 1]!)) return null;
      return { trigger, query, start: i, typed: trigger + query };
    }
    // The query is one word: whitespace between trigger and caret means no trigger is active.
    if (QUERY_BREAK.test(ch)) return null;
  }
  return null;
}

/** Trigger characters from a setting string such as `/、`: no letters, digits or spaces; unique. */
export function parseTriggers(text: string): { ok: true; triggers: string[] } | { ok: false; bad: string } {
  const out: string[] = [];
  for (const ch of Array.from(text.trim())) {
    if (/[\p{L}\p{N}\s]/u.test(ch)) return { ok: false, bad: ch };
    if (!out.includes(ch)) out.push(ch);
  }
  return { ok: true, triggers: out };
}

/**
 * The query as the search should see it: `/` in front, so the engine ranks shortcut codes
 * (`/th1`) first whichever trigger the agent typed.
 */
export function searchQueryFor(match: TriggerMatch): string {
  return `/${match.query}`;
}
