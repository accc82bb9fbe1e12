/**
 * Events as the agent makes them. Our in-page UI acts only on trusted events (utils/ui-kit/agent);
 * in a real browser only the person at the keyboard (or the browser itself) makes those, and page
 * script never can. happy-dom has no `isTrusted`, so a test marks the events that stand for the
 * agent; everything else it dispatches stands for a page script.
 */
export function agent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** The agent's click on `el` (what `el.click()` is, but trusted). */
export function agentClick(el: Element): boolean {
  return el.dispatchEvent(agent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
}
