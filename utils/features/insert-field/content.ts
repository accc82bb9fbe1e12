/**
 * The reply field insertions go to in this frame: the one the agent last focused or typed in,
 * and where its caret was. The background is told which kind of field it is (never its text),
 * so the panel can say where a script will go; a field in a cross-origin frame we cannot run in
 * is reported as unreachable instead of failing silently later.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { editableFromEvent, editableOf, editorKindOf, fieldLabel } from '../../dom/editable';
import {
  deepActiveElement,
  hasKeyboard,
  restoreSelection,
  saveSelection,
  type SavedSelection,
} from '../../dom/selection';
import { sendMessage, type FocusReport } from '../../messaging/protocol';
import { fromAgent } from '../../ui-kit/agent';

export interface InsertField {
  /** The field, or null before the agent has focused one in this frame. */
  readonly field: HTMLElement | null;
  /** Where its caret was; what an insertion replaces or inserts at. */
  readonly selection: SavedSelection;
  /** Make `el` the field insertions go to. */
  adopt(el: HTMLElement | null): void;
  /** The field still has the keyboard: take its live caret, which may be newer than the saved one. */
  takeLiveCaret(el: HTMLElement): void;
  /** After an insertion into `el`: its caret is now after the inserted text. */
  inserted(el: HTMLElement): void;
  /** Focus the field again with its caret where it was; false when there is none. */
  restoreFocus(): boolean;
}

/** A refocus of the same field is reported again only after this pause. */
const REPORT_PAUSE_MS = 1000;
/** After the top window loses focus, when to look whether a cross-origin frame took it. */
const FRAME_FOCUS_DELAY_MS = 300;

export function startInsertField(ctx: ContentScriptContext): InsertField {
  let field: HTMLElement | null = null;
  let selection: SavedSelection = null;
  const report = focusReporter();

  const target: InsertField = {
    get field() {
      return field;
    },
    get selection() {
      return selection;
    },
    adopt(el) {
      if (!el) return;
      if (el !== field) selection = saveSelection(el);
      field = el;
      report({ kind: editorKindOf(el) ?? 'contenteditable', label: fieldLabel(el) });
    },
    takeLiveCaret(el) {
      if (hasKeyboard(el)) selection = saveSelection(el) ?? selection;
    },
    inserted(el) {
      if (el === field) selection = saveSelection(el);
    },
    restoreFocus() {
      if (!field?.isConnected) return false;
      // Focus is already back in the field (a frame the palette gave focus back to at once):
      // its caret is where the agent left it, maybe after more typing. A saved one is older.
      if (hasKeyboard(field)) return true;
      field.focus({ preventScroll: true });
      restoreSelection(field, selection);
      return true;
    },
  };

  followAgentFocus(ctx, target);
  followCaret(ctx, {
    field: () => field,
    keep: () => {
      // A selection outside the field (focus moved to the palette) keeps the caret we had.
      if (field) selection = saveSelection(field) ?? selection;
    },
  });
  if (window === window.top) reportUnreachableFrames(ctx, report);
  return target;
}

/** Tells the background which field has focus; the same one again only after a pause. */
function focusReporter(): (data: FocusReport) => void {
  let last = '';
  return (data) => {
    const key = `${data.kind}|${data.label}|${data.unreachableFrame ?? ''}`;
    // The background keeps "last focused", not a log.
    if (key === last) return;
    last = key;
    setTimeout(() => (last = ''), REPORT_PAUSE_MS);
    sendMessage('editorFocused', data).catch(() => undefined);
  };
}

/**
 * The agent's focus and typing pick the field insertions go to; a page dispatching `focusin`
 * or `input` at a field of its choosing (a hidden one, to catch the next script) does not.
 */
function followAgentFocus(ctx: ContentScriptContext, target: InsertField) {
  const adoptFromEvent = (event: Event) => fromAgent(event) && target.adopt(editableFromEvent(event));
  ctx.addEventListener(document, 'focusin', adoptFromEvent, { capture: true });
  // Consoles often focus their reply box on load, before we run; and clicking a box that
  // already has focus fires no focusin. Take the focused field now, and again whenever the
  // agent types or comes back to this window.
  const adoptActive = () => target.adopt(editableOf(deepActiveElement(document)));
  adoptActive();
  ctx.addEventListener(window, 'focus', adoptActive);
  ctx.addEventListener(document, 'input', adoptFromEvent, { capture: true });
}

/**
 * Keeps the caret position current; it is what the agent expects when they come back from the
 * side panel, where the page's own selection may already be gone.
 */
function followCaret(ctx: ContentScriptContext, caret: { field(): HTMLElement | null; keep(): void }) {
  const inField = (node: Node | null) => {
    const field = caret.field();
    return !!field && !!node && (node === field || field.contains(node));
  };
  const remember = () => {
    const field = caret.field();
    if (field && (inField(document.activeElement) || field.getRootNode() !== document)) caret.keep();
  };
  ctx.addEventListener(document, 'selectionchange', remember);
  // `selectionchange` is queued: typing a character and pressing the palette's hotkey at once
  // can move focus before it fires. While focus leaves the field the selection is still in it,
  // so take it now (document.activeElement no longer points at the field at that moment).
  ctx.addEventListener(
    document,
    'focusout',
    (event) => {
      const from = event.composedPath()[0];
      if (from instanceof Node && inField(from)) caret.keep();
      else remember();
    },
    { capture: true },
  );
}

/**
 * A field in a cross-origin frame we are not running in: the top frame can only see the
 * <iframe> itself. Say so, so the panel can tell the agent instead of failing silently.
 */
function reportUnreachableFrames(ctx: ContentScriptContext, report: (data: FocusReport) => void) {
  ctx.addEventListener(window, 'blur', () => {
    ctx.setTimeout(() => {
      const active = document.activeElement;
      if (active instanceof HTMLIFrameElement && !canReach(active))
        report({ kind: 'contenteditable', label: 'iframe', unreachableFrame: true });
    }, FRAME_FOCUS_DELAY_MS);
  });
}

function canReach(frame: HTMLIFrameElement): boolean {
  try {
    return frame.contentDocument !== null;
  } catch {
    return false;
  }
}
