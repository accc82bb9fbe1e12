/**
 * Teach mode, the pointing half: an overlay on the console page that asks for one element per
 * step ("点击回复输入框"), highlights what is under the pointer and takes a click as the answer.
 * While it runs the console does not see the clicks, so pointing at a conversation or the send
 * button does nothing to it. Only the agent's own pointer and keys (trusted events) point, pick,
 * step back or cancel: the page cannot answer a step for them. DOM only, no extension APIs: the
 * content script wires it to messages and turns the picked elements into a rule with
 * `derive-selector.ts`.
 */
import { fromAgent } from '../../ui-kit/agent';
import { closedHost, element } from '../../ui-kit/host';

export interface PickerStep {
  key: string;
  /** The instruction shown, e.g. "点击回复输入框". */
  label: string;
  /** Offers "跳过": the step may be left out of the result. */
  optional?: boolean;
  /**
   * The element to take for the one under the pointer, or null when it cannot be this step's
   * answer (e.g. the editing host of a rich editor for an inner paragraph).
   */
  resolve?: (el: Element) => Element | null;
}

/** Fixed wording of the overlay; Simplified Chinese by default. `{n}` / `{total}` are filled in. */
export interface PickerTexts {
  progress: string;
  hint: string;
  /** Added to the hint on an optional step. */
  skipHint: string;
  skip: string;
  cancel: string;
}

const DEFAULT_TEXTS: PickerTexts = {
  progress: '教会话术助手认识这个工作台 · 第 {n}/{total} 步',
  hint: 'Esc 取消 · Backspace 上一步',
  skipHint: ' · Enter 跳过',
  skip: '跳过',
  cancel: '取消',
};

export interface PickerOptions {
  doc: Document;
  steps: PickerStep[];
  /** Picked elements by step key; skipped optional steps are absent. */
  onDone(picked: Record<string, Element>): void;
  onCancel(): void;
  /** Aborting removes the overlay without calling either callback, like `stop()`. */
  signal?: AbortSignal;
  texts?: Partial<PickerTexts>;
}

export interface Picker {
  stop(): void;
}

const STYLE = `
:host { all: initial; }
.box {
  position: fixed; display: none; box-sizing: border-box; pointer-events: none;
  border: 2px solid #1f6feb; border-radius: 4px; background: rgba(31, 111, 235, 0.12);
  box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.8); transition: all 60ms linear;
}
.panel {
  position: fixed; top: 12px; left: 50%; transform: translateX(-50%); max-width: min(560px, calc(100vw - 24px));
  display: flex; align-items: center; gap: 12px; padding: 10px 14px; pointer-events: auto;
  font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328;
  background: #fff; border: 1px solid #d0d7de; border-radius: 10px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18);
}
.panel.at-bottom { top: auto; bottom: 12px; }
.text { display: flex; flex-direction: column; min-width: 0; }
.progress, .hint { font-size: 12px; color: #656d76; }
.label { font-weight: 600; }
button {
  all: unset; cursor: pointer; font-size: 13px; padding: 4px 10px; border-radius: 6px;
  border: 1px solid #d0d7de; color: #1f2328; background: #f6f8fa; white-space: nowrap;
}
button:hover { background: #eaeef2; }
button:focus-visible { outline: 2px solid #1f6feb; outline-offset: 1px; }
button[hidden] { display: none; }
`;

/** Mouse and pointer events the console must not see while teaching (it may act on any of them). */
const SWALLOWED = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick'] as const;

/**
 * The keypress and keyup of a key whose keydown we took: consoles that send on Enter's keyup
 * must not see it. Outlives the picker (its last step may end on that keydown); gives up after
 * a second in case the keyup never comes (focus left the window).
 */
function swallowRestOfKey(win: Window, key: string) {
  const done = new AbortController();
  const stop = (event: KeyboardEvent) => {
    if (event.key !== key) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type === 'keyup') done.abort();
  };
  win.addEventListener('keypress', stop, { capture: true, signal: done.signal });
  win.addEventListener('keyup', stop, { capture: true, signal: done.signal });
  win.setTimeout(() => done.abort(), 1000);
}

/**
 * Shows the overlay and walks through `steps`. Click picks, Esc cancels, Backspace goes back a
 * step, "跳过" or Enter skips an optional one. Everything it adds to the page, listeners included, is
 * removed when it finishes, is cancelled, stopped or aborted (but for the rest of a key it took).
 */
export function startPicker(options: PickerOptions): Picker {
  const { doc, steps, onDone, onCancel, signal } = options;
  const win = doc.defaultView;
  const texts = { ...DEFAULT_TEXTS, ...options.texts };
  if (signal?.aborted || !win) return { stop() {} };
  if (steps.length === 0) {
    onDone({});
    return { stop() {} };
  }

  const life = new AbortController();
  const listen = { capture: true, signal: life.signal };
  let index = 0;
  const picked: Record<string, Element> = {};
  let hovered: Element | null = null;
  let lastPoint: { x: number; y: number } | null = null;

  // Our closed shadow host: console CSS cannot reach in, page scripts cannot read or press it.
  const { host, root: shadow } = closedHost(doc, 'teach', STYLE);
  // Built node by node: consoles that enforce Trusted Types reject innerHTML.
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: Node, text = '') =>
    element(doc, tag, className, text, parent);
  const box = make('div', 'box', shadow);
  const panel = make('div', 'panel', shadow);
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-live', 'polite');
  const text = make('div', 'text', panel);
  const progress = make('span', 'progress', text);
  const label = make('span', 'label', text);
  const hint = make('span', 'hint', text, texts.hint);
  const skipButton = make('button', 'skip', panel, texts.skip);
  const cancelButton = make('button', 'cancel', panel, texts.cancel);
  skipButton.type = cancelButton.type = 'button';

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    life.abort();
    host.remove();
  };

  const render = () => {
    const step = steps[index]!;
    progress.textContent = texts.progress.replace('{n}', String(index + 1)).replace('{total}', String(steps.length));
    label.textContent = step.label;
    skipButton.hidden = !step.optional;
    hint.textContent = step.optional ? texts.hint + texts.skipHint : texts.hint;
    setHovered(null);
  };

  const advance = () => {
    index++;
    if (index < steps.length) return render();
    const result = { ...picked };
    stop();
    onDone(result);
  };

  const cancel = () => {
    stop();
    onCancel();
  };

  const back = () => {
    if (index === 0) return;
    index--;
    delete picked[steps[index]!.key];
    render();
  };

  const isOurs = (event: Event) => event.target === host || event.composedPath().includes(host);

  /** What this step would take for `el`: never the overlay, the page itself, or what resolve refuses. */
  const candidateFor = (el: Element | null): Element | null => {
    if (!el || el === host || el === doc.documentElement || el === doc.body) return null;
    const step = steps[index];
    const target = step?.resolve ? step.resolve(el) : el;
    return target && target !== doc.documentElement && target !== doc.body ? target : null;
  };

  /** The element the event is over, looking into the console's open shadow roots. */
  const elementAt = (event: Event): Element | null => {
    // nodeType, not instanceof: the console may be another frame's document (another realm).
    const first = event.composedPath()[0] as Node | undefined;
    let el: Element | null = null;
    if (first?.nodeType === 1) el = first as Element;
    else if (first?.nodeType === 3) el = first.parentElement;
    else if ('clientX' in event)
      el = doc.elementFromPoint((event as MouseEvent).clientX, (event as MouseEvent).clientY);
    return candidateFor(el);
  };

  const place = () => {
    if (!hovered?.isConnected) {
      box.style.display = 'none';
      return;
    }
    const r = hovered.getBoundingClientRect();
    Object.assign(box.style, {
      display: 'block',
      left: `${r.left}px`,
      top: `${r.top}px`,
      width: `${r.width}px`,
      height: `${r.height}px`,
    });
  };

  function setHovered(el: Element | null) {
    hovered = el;
    place();
  }

  win.addEventListener(
    'pointermove',
    (event) => {
      if (!fromAgent(event)) return;
      lastPoint = { x: event.clientX, y: event.clientY };
      // The instruction moves out of the way when the agent points near it.
      panel.classList.toggle('at-bottom', event.clientY < 120);
      setHovered(isOurs(event) ? null : elementAt(event));
    },
    listen,
  );

  for (const type of SWALLOWED) {
    win.addEventListener(
      type,
      (event) => {
        if (isOurs(event) || !fromAgent(event)) return;
        // Pointer events only stop here; cancelling pointerdown would not stop focus, cancelling mousedown does.
        if (!type.startsWith('pointer')) event.preventDefault();
        event.stopImmediatePropagation();
        if (type !== 'click') return;
        const el = elementAt(event);
        if (!el) return;
        picked[steps[index]!.key] = el;
        advance();
      },
      listen,
    );
  }

  win.addEventListener(
    'keydown',
    (event) => {
      if (event.isComposing || !fromAgent(event)) return; // Esc / Backspace belong to the input method while composing Chinese
      if (event.key === 'Escape') cancel();
      else if (event.key === 'Backspace') back();
      // Optional steps (the conversation list) skip from the keyboard too; Enter never reaches the console.
      else if (event.key === 'Enter' && steps[index]?.optional) advance();
      else return;
      // The console's focused reply box must not lose a character, nor its dialogs close.
      event.preventDefault();
      event.stopImmediatePropagation();
      swallowRestOfKey(win, event.key);
    },
    listen,
  );

  // The page scrolls under a still pointer: follow what is now under it.
  const refresh = () => setHovered(lastPoint ? candidateFor(doc.elementFromPoint(lastPoint.x, lastPoint.y)) : hovered);
  win.addEventListener('scroll', refresh, { ...listen, passive: true });
  win.addEventListener('resize', refresh, { signal: life.signal });

  // Clicks on the panel are ours: they stop at it, so the console's "click outside" logic never sees them.
  for (const type of SWALLOWED) {
    panel.addEventListener(
      type,
      (event) => {
        event.stopPropagation();
        if (type !== 'click' || !fromAgent(event)) return;
        const path = event.composedPath();
        if (path.includes(cancelButton)) cancel();
        else if (path.includes(skipButton) && steps[index]?.optional) advance();
      },
      { signal: life.signal },
    );
  }
  signal?.addEventListener('abort', stop, { signal: life.signal });

  doc.documentElement.append(host);
  render();
  return { stop };
}
