/**
 * Rule selectors and the one way to use them. A console built from web components keeps its
 * reply box and messages inside shadow roots, where `document.querySelector` cannot see; a
 * rule selector for such a part is data — the path of shadow hosts to walk through, each
 * found inside the previous host's open shadow root, then the selector inside the last one:
 * `{ hosts: ['chat-app', 'chat-thread'], selector: '.composer textarea' }`. Every reader of
 * a site rule (the conversation reader, the insert target, the forbidden-phrase check, the
 * chips, teach mode's preview) goes through these functions, which never throw on a malformed
 * taught selector. DOM only.
 */

export type RuleSelector = string | { hosts: string[]; selector: string };

/** Every element a CSS selector finds; none for a malformed (taught) selector, which must not break the page. */
export function safeAll(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

/** The first element a CSS selector finds; null for a malformed one. */
export function safeFirst(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** `el` matches a CSS selector; false for a malformed one. */
export function safeIs(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** The open shadow roots of the hosts `hosts[0]` finds in `scope` (the scope itself counts), then the next… */
function shadowScopes(scope: ParentNode, hosts: readonly string[]): ParentNode[] {
  let roots: ParentNode[] = [scope];
  for (const host of hosts) {
    const found = roots.flatMap((r) => [
      ...((r as Element).nodeType === 1 && safeIs(r as Element, host) ? [r as Element] : []),
      ...safeAll(r, host),
    ]);
    roots = found.map((h) => h.shadowRoot).filter((s): s is ShadowRoot => s !== null);
    if (roots.length === 0) break;
  }
  return roots;
}

/** Everything `sel` finds from `scope` (a document, a shadow root or an element), in document order per root. */
export function queryRuleAll(scope: ParentNode, sel: RuleSelector | undefined): Element[] {
  if (!sel) return [];
  if (typeof sel === 'string') return safeAll(scope, sel);
  return shadowScopes(scope, sel.hosts).flatMap((root) => safeAll(root, sel.selector));
}

export function queryRule(scope: ParentNode, sel: RuleSelector | undefined): Element | null {
  if (!sel) return null;
  if (typeof sel === 'string') return safeFirst(scope, sel);
  for (const root of shadowScopes(scope, sel.hosts)) {
    const found = safeAll(root, sel.selector)[0];
    if (found) return found;
  }
  return null;
}

/** `el` is what `sel` finds, or something inside it (checked as the reader checks a message's sender). */
export function hasRuleMatch(el: Element, sel: RuleSelector | undefined): boolean {
  if (!sel) return false;
  if (typeof sel === 'string') return safeIs(el, sel) || queryRule(el, sel) !== null;
  return queryRule(el, sel) !== null;
}

/**
 * `el` is the element `sel` finds from the top of the page, inside it or around it: is this
 * focused field the console's reply box, is this button its send button.
 */
export function isRuleTarget(el: Element, sel: RuleSelector | undefined): boolean {
  if (!sel) return false;
  return queryRuleAll(el.ownerDocument, sel).some((found) => found === el || found.contains(el) || el.contains(found));
}

/** The text of the first element `sel` finds, trimmed; '' when none. */
export function ruleText(scope: ParentNode, sel: RuleSelector | undefined): string {
  return queryRule(scope, sel)?.textContent?.trim() ?? '';
}
