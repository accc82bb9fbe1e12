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
 * stopImmediatePropagation, so the console's Enter-to-send never sees it. An Enter, Tab or Space
 * we take is taken whole: its repeats, keypress, keyup and the line break it would type too, for
 * consoles that send on any of those. Nothing happens while an input method is composing.
 *
 * Only the agent drives any of it: events the page dispatches itself (`isTrusted` false) are
 * ignored, and the inline list opens only on a trigger character the agent typed — never on text
 * we inserted or the page put in. Search and insertion are the background's (one index, one path).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { translator, type MessageKey, type Translate } from '../../utils/i18n';
import { deepActiveElement } from '../../utils/insertion/caret';
import { editableFromEvent } from '../../utils/insertion/editable';
import {
  onMessage,
  sendMessage,
  type InsertFailure,
  type PaletteConfig,
  type PaletteField,
  type PaletteHit,
  type PaletteInsertResult,
} from '../../utils/messaging/protocol';
import { caretBox, textBeforeCaret } from '../../utils/palette/caret';
import { DEFAULT_HOTKEY, matchesHotkey, parseHotkey, type Hotkey } from '../../utils/palette/hotkey';
import { continuesPress, typedByPress, type KeyPress } from '../../utils/palette/key-press';
import { DEFAULT_TRIGGERS, detectTrigger, searchQueryFor, type TriggerMatch } from '../../utils/palette/trigger';
import { PaletteView, type ViewLabels } from '../../utils/palette/view';
import { fromAgent } from '../../utils/ui-kit/agent';

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
  askValues(
    anchor: HTMLElement,
    title: string,
    fields: readonly PaletteField[],
    submit: (values: Record<string, string>) => Promise<true | string>,
  ): boolean;
  translate(): Translate;
  /**
   * Runs our own insertion into a field of this frame. The input events it causes are not the
   * agent typing: they never open the inline list, and a trigger inside the inserted script
   * (`…/退货`) stays text until the agent types a new one. `press`: the key press that picked
   * the script (maybe in our palette in another frame); the rest of it that lands here is ours.
   */
  ownInsertion<T>(run: () => Promise<T>, press?: KeyPress): Promise<T>;
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

/** The trigger the agent typed: the list opens for it, and only for it, until it is gone. */
interface TypedTrigger {
  el: HTMLElement;
  /**
   * The text just before the trigger: the same trigger has the same text before it. (Not its
   * offset: we read a window of text before the caret, which slides as a long line grows.)
   */
  before: string;
}

const triggerAt = (el: HTMLElement, text: string, match: TriggerMatch): TypedTrigger => ({
  el,
  before: text.slice(Math.max(0, match.start - 24), match.start),
});

export function startPalette(ctx: ContentScriptContext, hooks: PaletteHooks): PaletteApi {
  let config: PaletteConfig = { hotkey: DEFAULT_HOTKEY, triggers: [...DEFAULT_TRIGGERS], locale: 'zh-CN' };
  let hotkey: Hotkey = parseHotkey(DEFAULT_HOTKEY)!;
  let t = translator(config.locale);

  /**
   * True from the agent's compositionstart to compositionend, and for the task right after it.
   * Only a trusted compositionstart sets it; the compositionend that ends it may come untrusted
   * (Chrome builds it so when a commit arrives as text, e.g. CDP `Input.insertText`), so it ends
   * a composition the agent started, and does nothing else.
   */
  let composing = false;
  let inline: { el: HTMLElement; match: TriggerMatch } | null = null;
  /** The trigger the agent typed last; Esc and our own insertions forget it. */
  let armed: TypedTrigger | null = null;
  /** The agent just typed a trigger character into this field (its text is not updated yet). */
  let pendingArm: HTMLElement | null = null;
  /** Our own insertions running in this frame. */
  let inserting = 0;
  /** The Enter, Tab or Space we took: the rest of that key press is ours as well. */
  let taken: KeyPress | null = null;
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

  const search = (query: string, limit: number) =>
    sendMessage('searchScripts', { query, limit }).catch(() => ({ hits: [] as PaletteHit[], ready: false }));

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
    } else if (!hooks.restoreFocus()) (returnTo as HTMLElement | null)?.focus?.({ preventScroll: true });
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

  /** `typed`: what the agent's keystroke just put in (the input event's data); '' when the caret only moved. */
  const checkInline = (el: HTMLElement, typed = '') => {
    if (view.mode === 'palette' || view.formOpen || inserting) return;
    const text = config.triggers.length ? textBeforeCaret(el) : null;
    const match = text === null ? null : detectTrigger(text, config.triggers);
    if (!match) return closeInline();
    const at = triggerAt(el, text!, match);
    if (typed.includes(match.trigger) || pendingArm === el) armed = at;
    pendingArm = null;
    // A trigger the agent did not type (in a script we inserted, or put there by the page), or
    // one they dismissed with Esc, stays text.
    if (!armed || armed.el !== el || armed.before !== at.before) return closeInline();
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
    // Quiet for this trigger while the agent goes on typing it; a new trigger opens the list again.
    armed = null;
    const hadForm = view.formOpen;
    closeInline();
    if (hadForm) hooks.restoreFocus();
  };

  // ---- both -----------------------------------------------------------------------------

  function dismiss() {
    if (view.mode === 'palette') closePalette(true);
    else dismissInline();
  }

  /** A pick is on its way to the background: the list's keys insert nothing more until it is back. */
  let picking = false;

  async function pick(i: number, values?: Record<string, string>, chosen?: PaletteHit) {
    const hit = chosen ?? view.hit(i);
    if (!hit || picking) return;
    const mode = view.mode;
    const typed = inline?.match.typed;
    picking = true;
    let result: PaletteInsertResult;
    try {
      result = await sendMessage('insertScript', {
        scriptKey: hit.key,
        via: mode === 'inline' ? 'inline' : 'palette',
        ...(values ? { values } : {}),
        ...(mode === 'inline' && typed ? { replaceBefore: typed } : {}),
        ...(taken ? { press: taken } : {}),
      }).catch(() => ({ ok: false as const, reason: 'tab-unreachable' as const }));
    } finally {
      picking = false;
    }
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
    else closeInline();
  }

  // ---- keyboard, input, composition ------------------------------------------------------

  /**
   * Takes an Enter, Tab or Space for us: the console sees none of this press, though its keyup
   * comes after our insertion has moved focus back into the reply box.
   */
  const take = (e: KeyboardEvent) => {
    consume(e);
    taken = { key: e.key, code: e.code };
  };

  /** Keys typed inside our own UI (the palette's search box, the placeholder form). */
  const ownKey = (e: KeyboardEvent) => {
    // The console never sees what the agent types into the palette.
    e.stopImmediatePropagation();
    if (e.isComposing || e.keyCode === 229 || composing) return;
    if (matchesHotkey(e, hotkey)) return void (consume(e), togglePalette());
    if (view.formOpen) {
      if (e.key === 'Escape') return void (consume(e), dismiss());
      if (e.key === 'Enter' && plain(e)) return void (take(e), view.submitForm());
      return;
    }
    if (view.mode !== 'palette') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp')
      return void (consume(e), view.setActive(view.active + (e.key === 'ArrowDown' ? 1 : -1)));
    if (e.key === 'Enter') return void (take(e), void pick(view.active));
    if (e.key === 'Escape') return void (consume(e), closePalette(true));
    if (e.key === 'Tab') return void consume(e); // focus stays in the palette
  };

  ctx.addEventListener(
    window,
    'keydown',
    (e: KeyboardEvent) => {
      if (!fromAgent(e)) return;
      if (taken) {
        // Held down: its repeats would each be another Enter for the console.
        if (continuesPress(taken, e)) return consume(e);
        taken = null;
      }
      if (view.owns(e.target)) return ownKey(e);
      // An Enter (or Space, or arrow) that confirms an input-method candidate is not ours.
      if (e.isComposing || e.keyCode === 229 || composing) return;
      // A fast agent types the next trigger while our insertion is still finishing, when input
      // events are ignored (ours look the same): the agent's own keydown arms it.
      if (inserting && config.triggers.includes(e.key)) pendingArm = editableFromEvent(e);
      if (matchesHotkey(e, hotkey)) return void (consume(e), hotkeyPressed());
      if (view.mode !== 'inline' || !inline || !view.count) return;
      // The script is on its way: a second Enter, Tab or Space must neither insert it again nor
      // reach the console (it would send, or type into the script's place).
      if (picking && (e.key === 'Enter' || e.key === 'Tab' || e.key === ' ') && plain(e)) return void take(e);
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && plain(e))
        return void (consume(e), view.setActive(view.active + (e.key === 'ArrowDown' ? 1 : -1)));
      if ((e.key === 'Enter' || e.key === 'Tab') && plain(e)) return void (take(e), void pick(view.active));
      if (e.key === 'Escape') return void (consume(e), dismissInline());
      // An exact shortcut code (`/th1`) goes in at once with Space, as a text expander would.
      if (e.key === ' ' && plain(e) && view.active === 0 && view.hit(0)?.exactShortcut)
        return void (take(e), void pick(0));
    },
    { capture: true },
  );

  // The rest of a key press we took; and what the agent types into our own UI stays ours.
  for (const type of ['keypress', 'keyup'] as const)
    ctx.addEventListener(
      window,
      type,
      (e: KeyboardEvent) => {
        if (!fromAgent(e)) return;
        if (taken && continuesPress(taken, e)) {
          consume(e);
          if (e.type === 'keyup') taken = null;
        } else if (view.owns(e.target)) e.stopImmediatePropagation();
      },
      { capture: true },
    );
  ctx.addEventListener(
    window,
    'beforeinput',
    (e: InputEvent) => {
      if (!fromAgent(e)) return;
      if (taken && !inserting && typedByPress(taken, e)) return consume(e);
      if (view.owns(e.target)) return void e.stopImmediatePropagation();
      // Editors that type through `beforeinput` and cancel it (Slate, Draft.js) fire no input event.
      if (!inserting && e.data && config.triggers.some((t) => e.data!.includes(t))) pendingArm = editableFromEvent(e);
    },
    { capture: true },
  );

  ctx.addEventListener(
    window,
    'input',
    (e: Event) => {
      if (!fromAgent(e)) return;
      if (view.owns(e.target)) {
        e.stopImmediatePropagation();
        if (view.mode === 'palette' && !view.formOpen && !(e as InputEvent).isComposing && !composing) paletteSearch();
        return;
      }
      stopWatchingRender();
      if (inserting) return;
      const data = (e as InputEvent).data ?? '';
      if ((e as InputEvent).isComposing || composing) {
        // An input method committing the trigger (`、` in Chinese punctuation mode): checked on compositionend.
        if (config.triggers.some((t) => data.includes(t))) pendingArm = editableFromEvent(e);
        return;
      }
      const el = editableFromEvent(e);
      if (el) checkInline(el, data);
    },
    { capture: true },
  );

  // Editors that apply typing to their own model (Slate, and any that cancel `beforeinput`)
  // fire no `input` event: the text reaches the DOM when they render it. Look again once the
  // editing host changes after the agent's `beforeinput` that no `input` followed.
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
      if (!fromAgent(e) || inserting || view.owns(e.target) || (e as InputEvent).isComposing || composing) return;
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

  ctx.addEventListener(
    window,
    'compositionstart',
    (e: CompositionEvent) => {
      if (fromAgent(e)) composing = true;
    },
    { capture: true },
  );
  ctx.addEventListener(
    window,
    'compositionend',
    (e: CompositionEvent) => {
      if (!composing) return;
      const own = view.owns(e.target);
      const el = own ? null : editableFromEvent(e);
      // Chrome sends the confirming Enter's keydown before compositionend, Safari after it
      // (with keyCode 229): stay deaf for the rest of this task.
      const committed = fromAgent(e) ? (e.data ?? '') : '';
      setTimeout(() => {
        composing = false;
        if (own && view.mode === 'palette' && !view.formOpen) paletteSearch();
        else if (el && !inserting) checkInline(el, committed);
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
      if (!fromAgent(e) || view.owns(e.relatedTarget) || view.formOpen) return;
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
    async ownInsertion(run, press) {
      if (press) taken = press;
      // The list's job is done once its script goes in: keys typed from now on are the agent's
      // text, not choices in a list (an exact code's Space would insert the script again).
      if (view.mode === 'inline') closeInline();
      inserting++;
      const armedBefore = armed;
      const pendingBefore = pendingArm;
      try {
        return await run();
      } finally {
        inserting--;
        // A trigger in the script is text; the agent's next one opens the list again. One the
        // agent typed while the insertion finished (armed by its keydown) stays armed.
        if (armed === armedBefore) armed = null;
        if (pendingArm === pendingBefore) pendingArm = null;
        // The agent may have typed the whole `/th1` before we finished: look at it now.
        else if (pendingArm) checkInline(pendingArm);
      }
    },
  };
}
