/** Which rule applies to a page. Pure. */
import type { SiteRule } from './rule-schema';

/** A WebExtension match pattern (`https://*.example.com/*`) as a RegExp over full URLs. */
export function matchPatternToRegExp(pattern: string): RegExp {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return /$^/;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  // No port in the pattern matches any port (as browsers do for content scripts).
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `([^/]+\\.)?${esc(host.slice(2))}(:\\d+)?` : `${esc(host)}${host.includes(':') ? '' : '(:\\d+)?'}`;
  const pathRe = esc(path).replace(/\*/g, '.*');
  return new RegExp(`^${schemeRe}://${hostRe}${pathRe}$`);
}

/** Taught rules first (a team's own knowledge beats ours), then built-in ones. */
export function ruleForUrl(url: string, rules: readonly SiteRule[]): SiteRule | null {
  return rules.find((r) => r.matches.some((p) => matchPatternToRegExp(p).test(url))) ?? null;
}
