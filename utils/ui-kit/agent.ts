/**
 * Only the agent drives our in-page UI. A console page runs its own script and any number of
 * third-party widgets; any of them can dispatch `input`, `keydown`, `click` or `focusin` events
 * that look exactly like the agent's. The browser marks the ones that came from a real person
 * (or from the browser itself, e.g. `execCommand`) with `isTrusted`, which page script cannot
 * set: `dispatchEvent`, `.click()` and `new KeyboardEvent` always give false. Every handler that
 * opens, moves, confirms or closes our UI, inserts, sends or records a use asks this first.
 */
export function fromAgent(event: Event): boolean {
  return event.isTrusted === true;
}
