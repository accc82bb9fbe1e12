/**
 * Consoles the content script runs on without asking: the bundled demo console and consoles
 * with built-in site rules. Every other site is enabled by the agent at runtime.
 * This list is the manifest's `content_scripts.matches`; keep it short — each entry is a
 * host permission granted at install.
 */
export const STATIC_CONSOLE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*', 'https://app.chatwoot.com/*'];

/** Origins covered by the static matches: "enable on this site" is not offered for them. */
export function isStaticConsoleOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (
      (u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1')) ||
      (u.protocol === 'https:' && u.hostname === 'app.chatwoot.com')
    );
  } catch {
    return false;
  }
}

/** `https://host[:port]` of a page URL when the extension could run there, else null. */
export function enableableOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

export const originPattern = (origin: string) => `${origin}/*`;
