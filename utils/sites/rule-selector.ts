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

function all(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return []; // a malformed taught selector must not break the page
  }
}

function is(el: Element, selector: string): boolean {
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
      ...((r as Element).nodeType === 1 && is(r as Element, host) ? [r as Element] : []),
      ...all(r, host),
    ]);
    roots = found.map((h) => h.shadowRoot).filter((s): s is ShadowRoot => s !== null);
    if (roots.length === 0) break;
  }
  return roots;
}

/** Everything `sel` finds from `scope` (a document, a shadow root or an element), in document order per root. */
export function queryRuleAll(scope: ParentNode, sel: RuleSelector | undefined): Element[] {
  if (!sel) return [];
  if (typeof sel === 'string') return all(scope, sel);
  return shadowScopes(scope, sel.hosts).flatMap((root) => all(root, sel.selector));
}

export function queryRule(scope: ParentNode, sel: RuleSelector | undefined): Element | null {
  if (!sel) return null;
  if (typeof sel === 'string') {
    try {
      return scope.querySelector(sel);
    } catch {
      return null;
    }
  }
  for (const root of shadowScopes(scope, sel.hosts)) {
    const found = all(root, sel.selector)[0];
    if (found) return found;
  }
  return null;
}

/** `el` is what `sel` finds, or something inside it (checked as the reader checks a message's sender). */
export function hasRuleMatch(el: Element, sel: RuleSelector | undefined): boolean {
  if (!sel) return false;
  if (typeof sel === 'string') return is(el, sel) || queryRule(el, sel) !== null;
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
