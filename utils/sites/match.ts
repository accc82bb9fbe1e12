/** Which rule applies to a page. Pure. */
import type { SiteRule } from '../../scripts-library/rule-schema';

/** A WebExtension match pattern (`https://*.example.com/*`) as a RegExp over full URLs. */
export function matchPatternToRegExp(pattern: string): RegExp {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return /$^/;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  // No port in the pattern matches any port (as browsers do for content scripts).
  const hostRe =
    host === '*'
      ? '[^/]+'
      : host.startsWith('*.')
        ? `([^/]+\\.)?${esc(host.slice(2))}(:\\d+)?`
        : `${esc(host)}${host.includes(':') ? '' : '(:\\d+)?'}`;
  const pathRe = esc(path).replace(/\*/g, '.*');
  return new RegExp(`^${schemeRe}://${hostRe}${pathRe}$`);
}

/** The rules for a page's URL, in order: taught rules first (a team's own knowledge beats ours), then built-in ones. */
export function rulesForUrl(url: string, rules: readonly SiteRule[]): SiteRule[] {
  return rules.filter((r) => r.matches.some((p) => matchPatternToRegExp(p).test(url)));
}

/**
 * The first of `candidates` (in order) that the page itself confirms: a rule with a page
 * marker applies only where `hasElement(marker)` says the page has it.
 */
export function ruleForPage(
  candidates: readonly SiteRule[],
  hasElement: (selector: string) => boolean,
): SiteRule | null {
  return candidates.find((r) => !r.pageMarker || hasElement(r.pageMarker)) ?? null;
}
