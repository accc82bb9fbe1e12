/**
 * The hotkey palette and the inline trigger inside the console's reply box (issue 4).
 *
 * - Palette: the hotkey (in-page, and the browser command the background forwards) opens a
 *   search box in the tab's top frame; ↑/↓, Enter inserts into the field that had focus (in any
 *   frame of the tab), Esc closes and gives focus back.
 * - Inline: `/退货` or `、退货` at the start of a word shows a list at the caret; Enter/Tab insert
 *   and remove the trigger, Esc leaves the text alone. The reply box keeps the focus.
 *
 * Keys are taken in the capture phase on `window`, before the console's own handlers (and the
 * send guard, which listens on `document`); a key we use gets preventDefault +
 * stopImmediatePropagation, so the console's Enter-to-send never sees it. Nothing happens while
 * an input method is composing. Search and insertion are the background's (one index, one path).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { translator, type MessageKey, type Translate } from '../../utils/i18n';
import { deepActiveElement } from '../../utils/insertion/caret';
import { editableFromEvent } from '../../utils/insertion/editable';
import { onMessage, sendMessage, type InsertFailure, type PaletteConfig, type PaletteField, type PaletteHit, type PaletteInsertResult } from '../../utils/messaging/protocol';
import { caretBox, textBeforeCaret } from '../../utils/palette/caret';
import { DEFAULT_HOTKEY, matchesHotkey, parseHotkey, type Hotkey } from '../../utils/palette/hotkey';
import { DEFAULT_TRIGGERS, detectTrigger, searchQueryFor, type TriggerMatch } from '../../utils/palette/trigger';
import { PaletteView, type ViewLabels } from '../../utils/palette/view';

export interface PaletteHooks {
  /** Focus this frame's reply field again with its caret where it was; false when there is none. */
  restoreFocus(): boolean;
}

/** What the palette lends to other in-page UI (the suggestion chips). */
export interface PaletteApi {
  /**
   * The palette's placeholder form beside `anchor`, for a script picked elsewhere. `submit`
   * resolves true once inserted (the form closes), or a message to show under the form; Esc or
   * 取消 closes it and gives focus back.
   * False when the palette itself is open.
   */
  askValues(anchor: HTMLElement, title: string, fields: readonly PaletteField[], submit: (values: Record<string, string>) => Promise<true | string>): boolean;
  translate(): Translate;
}

export const FAILURE_TEXT: Record<InsertFailure, MessageKey> = {
  'no-target': 'failNoTarget',
  'target-gone': 'failTargetGone',
  'unreachable-frame': 'failUnreachableFrame',
  'tab-unreachable': 'failTabUnreachable',
  rejected: 'failRejected',
  'needs-values': 'failRejected',
};

const PALETTE_LIMIT = 30;
const INLINE_LIMIT = 8;

function labelsFor(t: Translate): ViewLabels {
  return {
    searchPlaceholder: t('paletteSearchPlaceholder'),
    paletteHint: t('paletteHint'),
    inlineHint: t('paletteInlineHint'),
    noResults: t('paletteNoResults'),
    purpose: t('palettePurpose'),
    fill: t('paletteFill'),
    confirm: t('paletteConfirm'),
    cancel: t('paletteCancel'),
    required: t('paletteRequired'),
    suggested: t('paletteSuggested'),
  };
}

/** A key that only moves or confirms: with a modifier it belongs to the console or the browser. */
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey;

function consume(e: Event) {
  e.preventDefault();
  e.stopImmediatePropagation();
}

export function startPalette(ctx: ContentScriptContext, hooks: PaletteHooks): PaletteApi {
  let config: PaletteConfig = { hotkey: DEFAULT_HOTKEY, triggers: [...DEFAULT_TRIGGERS], locale: 'zh-CN' };
  let hotkey: Hotkey = parseHotkey(DEFAULT_HOTKEY)!;
  let t = translator(config.locale);

  /** True from compositionstart to compositionend, and for the task right after it. */
  let composing = false;
  let inline: { el: HTMLElement; match: TriggerMatch } | null = null;
  /** The trigger the agent dismissed with Esc: it stays quiet until they type a new one. */
  let dismissed: { el: HTMLElement; start: number; prefix: string } | null = null;
  let returnTo: Element | null = null;
  let openedAt = 0;
  let seq = 0;

  const view = new PaletteView(document, labelsFor(t), {
    pick: (i) => void pick(i),
    hover: (i) => view.setActive(i),
    dismiss: () => dismiss(),
  });

  const loadConfig = () =>
    sendMessage('getPaletteConfig')
      .then((c) => {
        if (!c) return;
        config = c;
        hotkey = parseHotkey(c.hotkey) ?? hotkey;
        t = translator(c.locale);
        view.setLabels(labelsFor(t));
      })
      .catch(() => undefined);
  void loadConfig();
  // The agent may have changed the hotkey or triggers in the options page meanwhile.
  ctx.addEventListener(window, 'focus', () => void loadConfig());

  const search = (query: string, limit: number) => sendMessage('searchScripts', { query, limit }).catch(() => ({ hits: [] as PaletteHit[], ready: false }));

  // ---- palette --------------------------------------------------------------------------

  const paletteSearch = () => {
    const my = ++seq;
    void search(view.query, PALETTE_LIMIT).then((r) => {
      if (my === seq && view.mode === 'palette' && !view.formOpen) view.setHits(r.hits, t('paletteNoResults'));
    });
  };

  const openPalette = () => {
    closeInline();
    returnTo = deepActiveElement(document);
    openedAt = Date.now();
    view.openPalette();
    paletteSearch();
  };

  const closePalette = (giveFocusBack: boolean) => {
    if (view.mode !== 'palette') return;
    view.close();
    if (!giveFocusBack) return;
    // The field is in a frame below. Focus goes to the frame now, so the agent's next keystroke
    // lands there (the frame keeps its focused field and caret); the frame's own content script,
    // told through the background, puts focus and caret back only if they did not come back.
    if (returnTo instanceof HTMLIFrameElement) {
      returnTo.focus({ preventScroll: true });
      void sendMessage('paletteClosed').catch(() => undefined);
    }
    else if (!hooks.restoreFocus()) (returnTo as HTMLElement | null)?.focus?.({ preventScroll: true });
  };

  const togglePalette = () => {
    if (view.mode === 'palette') closePalette(true);
    else openPalette();
  };

  /** The in-page hotkey: the palette opens in the top frame (room for it), else right here. */
  const hotkeyPressed = () => {
    if (view.mode === 'palette' || window === window.top) return togglePalette();
    void sendMessage('requestPalette')
      .catch(() => false)
      .then((opened) => {
        if (!opened) openPalette();
      });
  };

  // ---- inline list ----------------------------------------------------------------------

  const closeInline = () => {
    if (view.mode === 'inline') view.close();
    inline = null;
  };

  const checkInline = (el: HTMLElement) => {
    if (view.mode === 'palette' || view.formOpen) return;
    const text = config.triggers.length ? textBeforeCaret(el) : null;
    const match = text === null ? null : detectTrigger(text, config.triggers);
    if (!match) {
      dismissed = null;
      return closeInline();
    }
    const prefix = text!.slice(0, match.start);
    if (dismissed && dismissed.el === el && dismissed.start === match.start && dismissed.prefix === prefix) return closeInline();
    dismissed = null;
    if (!match.query) return closeInline();
    if (inline && inline.el === el && inline.match.typed === match.typed) return;
    inline = { el, match };
    const my = ++seq;
    void search(searchQueryFor(match), INLINE_LIMIT).then((r) => {
      if (my !== seq || inline?.el !== el || inline.match.typed !== match.typed || view.mode === 'palette') return;
      // Nothing to offer: no list, and Enter stays the console's.
      if (!r.hits.length) {
        if (view.mode === 'inline') view.close();
        return;
      }
      const box = caretBox(el, view.scratch);
      if (!box) return closeInline();
      view.openInline(box);
      view.setHits(r.hits);
    });
  };

  const dismissInline = () => {
    if (inline) {
      const text = textBeforeCaret(inline.el) ?? '';
      dismissed = { el: inline.el, start: inline.match.start, prefix: text.slice(0, inline.match.start) };
    }
    const hadForm = view.formOpen;
    closeInline();
    if (hadForm) hooks.restoreFocus();
  };

  // ---- both -----------------------------------------------------------------------------

  function dismiss() {
    if (view.mode === 'palette') closePalette(true);
    else dismissInline();
  }

  async function pick(i: number, values?: Record<string, string>, chosen?: PaletteHit) {
    const hit = chosen ?? view.hit(i);
    if (!hit) return;
    const mode = view.mode;
    const typed = inline?.match.typed;
    const result: PaletteInsertResult = await sendMessage('insertFromPalette', {
      scriptKey: hit.key,
      here: mode === 'inline',
      ...(values ? { values } : {}),
      ...(mode === 'inline' && typed ? { replaceBefore: typed } : {}),
    }).catch(() => ({ ok: false as const, reason: 'tab-unreachable' as const }));
    if (view.mode !== mode) return; // closed meanwhile
    if (!result.ok && result.reason === 'needs-values' && result.fields?.length) {
      // Never `{订单号}` in a reply: ask here, the way the side panel does.
      view.showForm(hit.title, result.fields, (filled) => void pick(i, filled, hit));
      return;
    }
    if (!result.ok) {
      view.showMessage(t('paletteFailed', { reason: t(FAILURE_TEXT[result.reason]) }));
      return;
    }
    // The inserter has put focus and caret in the field.
    if (mode === 'palette') closePalette(false);
    else {
      dismissed = null;
      closeInline();
    }
  }

  // ---- keyboard, input, composition ------------------------------------------------------

  /** Keys typed inside our own UI (the palette's search box, the placeholder form). */
  const ownKey = (e: KeyboardEvent) => {
    // The console never sees what the agent types into the palette.
    e.stopImmediatePropagation();
    if (e.isComposing || e.keyCode === 229 || composing) return;
    if (matchesHotkey(e, hotkey)) return void (consume(e), togglePalette());
    if (view.formOpen) {
      if (e.key === 'Escape') return void (consume(e), dismiss());
      if (e.key === 'Enter' && plain(e)) return void (consume(e), view.submitForm());
      return;
    }
    if (view.mode !== 'palette') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') return void (consume(e), view.setActive(view.active + (e.key === 'ArrowDown' ? 1 : -1)));
    if (e.key === 'Enter') return void (consume(e), void pick(view.active));
    if (e.key === 'Escape') return void (consume(e), closePalette(true));
    if (e.key === 'Tab') return void consume(e); // focus stays in the palette
  };

  ctx.addEventListener(
    window,
    'keydown',
    (e: KeyboardEvent) => {
      if (view.owns(e.target)) return ownKey(e);
      // An Enter (or Space, or arrow) that confirms an input-method candidate is not ours.
      if (e.isComposing || e.keyCode === 229 || composing) return;
      if (matchesHotkey(e, hotkey)) return void (consume(e), hotkeyPressed());
      if (view.mode !== 'inline' || !inline || !view.count) return;
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && plain(e)) return void (consume(e), view.setActive(view.active + (e.key === 'ArrowDown' ? 1 : -1)));
      if ((e.key === 'Enter' || e.key === 'Tab') && plain(e)) return void (consume(e), void pick(view.active));
      if (e.key === 'Escape') return void (consume(e), dismissInline());
      // An exact shortcut code (`/th1`) goes in at once with Space, as a text expander would.
      if (e.key === ' ' && plain(e) && view.active === 0 && view.hit(0)?.exactShortcut) return void (consume(e), void pick(0));
    },
    { capture: true },
  );

  ctx.addEventListener(
    window,
    'input',
    (e: Event) => {
      if (view.owns(e.target)) {
        e.stopImmediatePropagation();
        if (view.mode === 'palette' && !view.formOpen && !(e as InputEvent).isComposing && !composing) paletteSearch();
        return;
      }
      stopWatchingRender();
      if ((e as InputEvent).isComposing || composing) return;
      const el = editableFromEvent(e);
      if (el) checkInline(el);
    },
    { capture: true },
  );

  // Editors that apply typing to their own model (Slate, and any that cancel `beforeinput`)
  // fire no `input` event: the text reaches the DOM when they render it. Look again once the
  // editing host changes after a `beforeinput` that no `input` followed.
  let rendered: MutationObserver | null = null;
  const stopWatchingRender = () => {
    rendered?.disconnect();
    rendered = null;
  };
  ctx.addEventListener(
    window,
    'beforeinput',
    (e: Event) => {
      stopWatchingRender();
      if (view.owns(e.target) || (e as InputEvent).isComposing || composing) return;
      const el = editableFromEvent(e);
      if (!el || el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return;
      const observer = new MutationObserver(() => {
        stopWatchingRender();
        checkInline(el);
      });
      observer.observe(el, { childList: true, characterData: true, subtree: true });
      rendered = observer;
      // A cancelled edit that never renders leaves nothing to watch for long.
      ctx.setTimeout(() => rendered === observer && stopWatchingRender(), 1000);
    },
    { capture: true },
  );
  ctx.onInvalidated(stopWatchingRender);

  ctx.addEventListener(window, 'compositionstart', () => (composing = true), { capture: true });
  ctx.addEventListener(
    window,
    'compositionend',
    (e: CompositionEvent) => {
      const own = view.owns(e.target);
      const el = own ? null : editableFromEvent(e);
      // Chrome sends the confirming Enter's keydown before compositionend, Safari after it
      // (with keyCode 229): stay deaf for the rest of this task.
      setTimeout(() => {
        composing = false;
        if (own && view.mode === 'palette' && !view.formOpen) paletteSearch();
        else if (el) checkInline(el);
      }, 0);
    },
    { capture: true },
  );

  // The caret moved (click, arrow keys): the list follows it or closes.
  let pending = false;
  ctx.addEventListener(document, 'selectionchange', () => {
    if (!inline || pending || composing) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (inline && !view.formOpen) checkInline(inline.el);
    });
  });

  ctx.addEventListener(
    window,
    'focusout',
    (e: FocusEvent) => {
      if (view.owns(e.relatedTarget) || view.formOpen) return;
      if (inline && editableFromEvent(e) === inline.el) closeInline();
      else if (view.mode === 'palette' && view.owns(e.target) && e.relatedTarget) closePalette(false);
    },
    { capture: true },
  );
  const follow = () => {
    if (view.mode === 'inline' && inline) {
      const box = caretBox(inline.el, view.scratch);
      if (box) view.place(box);
    }
  };
  ctx.addEventListener(window, 'scroll', follow, { capture: true, passive: true });
  ctx.addEventListener(window, 'resize', follow, { passive: true });

  // ---- messages from the background -------------------------------------------------------

  const removeOpen = onMessage('openPalette', () => {
    // The browser command and the page's own key handler may both see one press.
    if (view.mode === 'palette' && Date.now() - openedAt < 400) return true;
    togglePalette();
    return true;
  });
  const removeFocus = onMessage('focusField', () => hooks.restoreFocus());
  ctx.onInvalidated(() => {
    removeOpen();
    removeFocus();
    view.close();
  });

  return {
    askValues(anchor, title, fields, submit) {
      if (view.mode === 'palette') return false;
      closeInline();
      const r = anchor.getBoundingClientRect();
      // Where the inline list would open at the start of the reply box.
      view.openInline({ left: r.left, top: r.top, bottom: r.top + Math.min(r.height, 24) });
      view.setHits([]);
      view.showForm(title, fields, (values) => {
        void submit(values).then((done) => {
          if (view.mode !== 'inline') return;
          if (done === true) closeInline();
          else view.showMessage(done);
        });
      });
      return true;
    },
    translate: () => t,
  };
}
