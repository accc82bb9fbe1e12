/**
 * `re:` cues (客户常说 with a variable part: 三天了还没发, 满300减50) run on customer text, and
 * a team's pack is not trusted code: they compile with re2js, whose matching time is linear in
 * the text whatever the pattern (no backreferences, no lookaround), so a hostile or careless
 * pattern cannot stall the panel. Pure.
 */
import { RE2JS } from 're2js';

export const CUE_PATTERN_PREFIX = 're:';

export interface CuePattern {
  /** Every non-empty match in `text`, left to right, not overlapping. */
  matches(text: string): { at: number; end: number }[];
}

/** Compiles a `re:` cue; null when it is not one, is invalid, or matches empty text (it would match everywhere). */
export function compileCuePattern(cue: string): CuePattern | null {
  if (!cue.startsWith(CUE_PATTERN_PREFIX)) return null;
  let re: RE2JS;
  try {
    re = RE2JS.compile(cue.slice(CUE_PATTERN_PREFIX.length));
  } catch {
    return null;
  }
  if (re.matcher('').find()) return null;
  return {
    matches(text) {
      const out: { at: number; end: number }[] = [];
      const m = re.matcher(text);
      while (m.find()) {
        if (m.end() > m.start()) out.push({ at: m.start(), end: m.end() });
      }
      return out;
    },
  };
}
