/**
 * The consoles we know without being taught: the bundled demo console and Chatwoot. Every
 * other site is enabled by the agent at runtime and taught (or uses the generic fallback).
 * The content script's static matches are these; keep them short — each entry is a site the
 * extension may read at install.
 */
import type { SiteRule } from '../../scripts-library/rule-schema';
import { matchPatternToRegExp } from './match';

/** Consoles with a built-in rule, in every build (the manifest's `content_scripts.matches`). */
export const BUILTIN_CONSOLE_MATCHES = ['https://app.chatwoot.com/*'];
/**
 * Where `npm start` and the tests serve the demo console (any port). Development builds only:
 * the store build (`npm run zip`) leaves them out of the manifest (see `storeManifest`).
 */
export const DEMO_CONSOLE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];
export const STATIC_CONSOLE_MATCHES = [...DEMO_CONSOLE_MATCHES, ...BUILTIN_CONSOLE_MATCHES];
/** The demo console says what it is: a local web app of the agent's does not get its rule. */
export const DEMO_CONSOLE_MARKER = 'meta[name="huashu-demo-console"]';

export const DEMO_CONSOLE_RULE: SiteRule = {
  id: 'builtin.demo-console',
  name: '演示工作台',
  matches: DEMO_CONSOLE_MATCHES,
  pageMarker: DEMO_CONSOLE_MARKER,
  input: '[data-role="composer"]',
  messageList: '[data-role="message-list"]',
  message: '[data-role="message"]',
  customerMessage: '[data-from="customer"]',
  agentMessage: '[data-from="agent"]',
  messageText: '[data-role="message-text"]',
  messageIdAttribute: 'data-message-id',
  messageTimeAttribute: 'data-time',
  conversationId: { selector: '[data-role="current-conversation"]', attribute: 'data-conversation-id' },
  conversationTitle: '[data-role="current-conversation"]',
  customerName: '[data-role="customer-name"]',
  orderId: '[data-role="order-id"]',
  sendButton: '[data-role="send"]',
  conversationList: {
    item: '[data-role="conversation"]',
    idAttribute: 'data-conversation-id',
    title: '[data-role="conversation-title"]',
    unread: '[data-role="unread"]',
  },
};

/**
 * Chatwoot's dashboard, from its public source (components-next/message/Message.vue): each
 * message root carries `data-message-id`; the agent's own messages are right-aligned
 * (`justify-end`), the customer's left-aligned. Not verified against a live instance: a team
 * whose Chatwoot differs teaches it and the taught rule wins.
 */
export const CHATWOOT_RULE: SiteRule = {
  id: 'builtin.chatwoot',
  name: 'Chatwoot',
  matches: ['https://app.chatwoot.com/*'],
  input: '.ProseMirror[contenteditable="true"]',
  messageList: ':has(> [data-message-id]), :has(> * > [data-message-id])',
  message: '[data-message-id]',
  customerMessage: '.justify-start',
  agentMessage: '.justify-end',
  messageIdAttribute: 'data-message-id',
  conversationId: { urlPattern: '/conversations/(\\d+)' },
};

/**
 * The generic fallback, last in line: consoles that follow ARIA's chat-log pattern (a
 * `role="log"` message container) with messages marked incoming/outgoing in their class names
 * or a `data-self` flag. Conservative on purpose: a message with neither marker is skipped
 * rather than guessed, and the URL (without query) stands for the conversation. Anything else
 * is taught (teach mode) or ships with a team's pack.
 */
const SELF = '[data-self="true"], [class*="outgoing"], [class*="is-self"], [class*="mine"], [class*="from-me"]';
const OTHER = '[data-self="false"], [class*="incoming"], [class*="received"], [class*="from-them"]';
export const GENERIC_RULE: SiteRule = {
  id: 'builtin.generic',
  name: '通用聊天页（ARIA role=log）',
  matches: ['*://*/*'],
  input: 'textarea, [contenteditable="true"], [role="textbox"]',
  messageList: '[role="log"]',
  message: ':scope > *',
  customerMessage: OTHER,
  agentMessage: SELF,
  conversationId: { urlPattern: '^[^#?]*' },
  conversationTitle: 'title',
};

export const BUILTIN_RULES: readonly SiteRule[] = [DEMO_CONSOLE_RULE, CHATWOOT_RULE, GENERIC_RULE];

/**
 * An origin the manifest's content scripts already cover (`matches` from
 * `runtime.getManifest()`): "enable on this site" is not offered for it.
 */
export function isStaticConsoleOrigin(origin: string, manifestMatches: readonly string[]): boolean {
  return manifestMatches.some((p) => matchPatternToRegExp(p).test(`${origin}/`));
}

/** The store build's manifest: the same, without the demo console's hosts. Pure. */
export function storeManifest<M extends { content_scripts?: { matches?: string[] }[]; permissions?: string[] }>(
  manifest: M,
): M {
  const demo = new Set(DEMO_CONSOLE_MATCHES);
  return {
    ...manifest,
    ...(manifest.content_scripts
      ? {
          content_scripts: manifest.content_scripts.map((cs) => ({
            ...cs,
            ...(cs.matches ? { matches: cs.matches.filter((m) => !demo.has(m)) } : {}),
          })),
        }
      : {}),
    ...(manifest.permissions ? { permissions: manifest.permissions.filter((p) => !demo.has(p)) } : {}),
  };
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
