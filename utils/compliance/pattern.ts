/** The `re:` phrase syntax of forbidden-phrase lists (also checked when a pack is validated). */
/** Prefix that marks a phrase as a regular expression. */
export const REGEX_PREFIX = 're:';

/** Compiles a `re:` phrase; null when it is not valid (the pack check reports it). */
export function phraseRegex(phrase: string): RegExp | null {
  if (!phrase.startsWith(REGEX_PREFIX)) return null;
  try {
    const re = new RegExp(phrase.slice(REGEX_PREFIX.length), 'gu');
    return re.test('') ? null : re; // a pattern that matches nothing-at-all would flag every text
  } catch {
    return null;
  }
}
