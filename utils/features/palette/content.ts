/**
 * The hotkey palette: the hotkey (in-page, and the browser command the background forwards)
 * opens a search box in the tab's top frame; ↑/↓, Enter inserts into the field that had focus
 * (in any frame of the tab), Esc closes and gives focus back. It owns the list view the inline
 * list (inline-trigger/) also uses, and routes the page's keys and input events to both.
 *
 * Keys are taken in the capture phase on `window`, before the console's own handlers (and the
 * send guard, which listens on `document`); a key we use gets preventDefault +
 * stopImmediatePropagation, so the console's Enter-to-send never sees it. An Enter, Tab or Space
 * we take is taken whole: its repeats, keypress, keyup and the line break it would type too, for
 * consoles that send on any of those. Nothing happens while an input method is composing.
 *
 * Only the agent drives any of it: events the page dispatches itself (`isTrusted` false) are
 * ignored. Search and insertion are the background's (one index, one path).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Translate } from '../../i18n';
import { INSERT_FAILURE_TEXT } from '../../i18n/insert-failure';
import { editableFromEvent } from '../../dom/editable';
import { deepActiveElement } from '../../dom/selection';
import {
  sendMessage,
  type ImageDelivery,
  type InsertFailure,
  type PaletteField,
  type PaletteHit,
  type PaletteInsertResult,
} from '../../messaging/protocol';
import { fromAgent } from '../../ui-kit/agent';
import { consume, InlineList, plain, take } from '../inline-trigger/content';
import type { InsertField } from '../insert-field/content';
import { answer } from '../shared';
import { matchesHotkey } from './hotkey';
import { continuesPress, typedByPress, type KeyPress } from './key-press';
import { ListSession } from './session';
import { pageImageNotice } from '../../insertion/images';
import { PageNotice } from '../../ui-kit/notice';
import type { PageThumbnails } from '../../ui-kit/thumbnails';

/** What the palette needs of the shared insert target. */
export interface PaletteShared {
  target: Pick<InsertField, 'restoreFocus'>;
}

/** What the palette lends to other in-page UI (the suggestion chips, the insertion). */
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
  /** Script pictures for our in-page lists (one cache for the palette and the chips). */
  thumbnails: PageThumbnails;
  /** After an insertion: what the agent must do about its pictures (paste them), beside `anchor`. */
  imageNotice(delivery: ImageDelivery | undefined, anchor: Element | null): void;
}

/** "插入失败：…" with the reason, as the palette, the inline list and the chips say it. */
export function failureText(t: Translate, reason: InsertFailure): string {
  return t('paletteFailed', { reason: t(INSERT_FAILURE_TEXT[reason]) });
}

/** Scripts the palette shows at most. */
const PALETTE_LIMIT = 30;
/** The browser command and the page's own key handler may both see one press within this. */
const DOUBLE_OPEN_MS = 400;

export function startPalette(ctx: ContentScriptContext, shared: PaletteShared): PaletteApi {
  const palette = new Palette(ctx, shared.target);
  void palette.session.loadConfig();
  // The agent may have changed the hotkey or triggers in the options page meanwhile.
  ctx.addEventListener(window, 'focus', () => void palette.session.loadConfig());
  routePageEvents(ctx, palette);
  answer(ctx, 'openPalette', () => {
    if (palette.session.view.mode === 'palette' && Date.now() - palette.openedAt < DOUBLE_OPEN_MS) return true;
    palette.toggle();
    return true;
  });
  ctx.onInvalidated(() => {
    palette.session.view.close();
    palette.notice.hide();
  });
  return palette.api();
}

/** The palette in this frame: opening and closing it, searching, picking a script. */
class Palette {
  readonly session: ListSession;
  /** The inline list: it shares this palette's view and picks. */
  readonly inline: InlineList;
  /** When the palette last opened. */
  openedAt = 0;
  /** What had focus before the palette opened: it gets it back. */
  private returnTo: Element | null = null;
  /** Tells the agent what to do about a script's pictures (paste them) after an insertion. */
  readonly notice = new PageNotice(document);

  constructor(
    ctx: ContentScriptContext,
    private readonly target: PaletteShared['target'],
  ) {
    this.session = new ListSession(document, {
      pick: (i) => void this.pick(i),
      hover: (i) => this.view.setActive(i),
      dismiss: () => this.dismiss(),
    });
    this.inline = new InlineList(ctx, this.session, {
      restoreFocus: () => target.restoreFocus(),
      pick: (i) => void this.pick(i),
    });
  }

  get view() {
    return this.session.view;
  }

  search() {
    const { view, session } = this;
    const search = session.search(view.query, PALETTE_LIMIT);
    void search.answer.then((r) => {
      if (search.current() && view.mode === 'palette' && !view.formOpen)
        view.setHits(r.hits, session.t('paletteNoResults'));
    });
  }

  open() {
    this.inline.close();
    this.returnTo = deepActiveElement(document);
    this.openedAt = Date.now();
    this.view.openPalette();
    this.search();
  }

  close(giveFocusBack: boolean) {
    if (this.view.mode !== 'palette') return;
    this.view.close();
    if (giveFocusBack) giveFocusTo(this.returnTo, this.target);
  }

  toggle() {
    if (this.view.mode === 'palette') this.close(true);
    else this.open();
  }

  /** The in-page hotkey: the palette opens in the top frame (room for it), else right here. */
  hotkeyPressed() {
    if (this.view.mode === 'palette' || window === window.top) return this.toggle();
    void sendMessage('requestPalette')
      .catch(() => false)
      .then((opened) => {
        if (!opened) this.open();
      });
  }

  dismiss() {
    if (this.view.mode === 'palette') this.close(true);
    else this.inline.dismiss();
  }

  /** Inserts the script at `i` (of the palette or the inline list) through the background. */
  async pick(i: number, values?: Record<string, string>, chosen?: PaletteHit) {
    const { view, session } = this;
    const hit = chosen ?? view.hit(i);
    if (!hit || session.picking) return;
    const mode = view.mode;
    const typed = this.inline.current?.match.typed;
    // Where a note about the pictures goes: the reply box (or the frame it is in).
    const field = mode === 'inline' ? (this.inline.current?.el ?? null) : this.returnTo;
    session.picking = true;
    let result: PaletteInsertResult;
    try {
      result = await sendMessage('insertScript', {
        scriptKey: hit.key,
        via: mode === 'inline' ? 'inline' : 'palette',
        ...(values ? { values } : {}),
        ...(mode === 'inline' && typed ? { replaceBefore: typed } : {}),
        ...(session.taken ? { press: session.taken } : {}),
      }).catch(() => ({ ok: false as const, reason: 'tab-unreachable' as const }));
    } finally {
      session.picking = false;
    }
    // The insertion moves focus back to the reply box, which may close the palette first.
    if (result.ok) this.imageNotice(result.images, field);
    if (view.mode !== mode) return; // closed meanwhile
    if (!result.ok && result.reason === 'needs-values' && result.fields?.length) {
      // Never `{订单号}` in a reply: ask here, the way the side panel does.
      view.showForm(hit.title, result.fields, (filled) => void this.pick(i, filled, hit));
      return;
    }
    if (!result.ok) return view.showMessage(failureText(session.t, result.reason));
    // The inserter has put focus and caret in the field.
    if (mode === 'palette') this.close(false);
    else this.inline.close();
  }

  imageNotice(delivery: ImageDelivery | undefined, anchor: Element | null) {
    const say = pageImageNotice(delivery);
    if (!say || !anchor?.isConnected) return;
    this.notice.show(this.session.t(say.key), say.tone, anchor.getBoundingClientRect());
  }

  /** Keys typed inside our own UI (the palette's search box, the placeholder form). */
  ownKey(e: KeyboardEvent) {
    const { view, session } = this;
    // The console never sees what the agent types into the palette.
    e.stopImmediatePropagation();
    if (session.isComposing(e)) return;
    if (matchesHotkey(e, session.hotkey)) return void (consume(e), this.toggle());
    if (view.formOpen) {
      if (e.key === 'Escape') return void (consume(e), this.dismiss());
      if (e.key === 'Enter' && plain(e)) return void (take(session, e), view.submitForm());
      return;
    }
    if (view.mode !== 'palette') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp')
      return void (consume(e), view.setActive(view.active + (e.key === 'ArrowDown' ? 1 : -1)));
    if (e.key === 'Enter') return void (take(session, e), void this.pick(view.active));
    if (e.key === 'Escape') return void (consume(e), this.close(true));
    if (e.key === 'Tab') return void consume(e); // focus stays in the palette
  }

  /** What the palette lends to the insertion and the chips. */
  api(): PaletteApi {
    const { view, session, inline } = this;
    return {
      askValues(anchor, title, fields, submit) {
        if (view.mode === 'palette') return false;
        inline.close();
        const r = anchor.getBoundingClientRect();
        // Where the inline list would open at the start of the reply box.
        view.openInline({ left: r.left, top: r.top, bottom: r.top + Math.min(r.height, 24) });
        view.setHits([]);
        view.showForm(title, fields, (values) => {
          void submit(values)
            .catch(() => failureText(session.t, 'rejected'))
            .then((done) => {
              if (view.mode !== 'inline') return;
              if (done === true) inline.close();
              else view.showMessage(done);
            });
        });
        return true;
      },
      translate: () => session.t,
      thumbnails: session.thumbnails,
      imageNotice: (delivery, anchor) => this.imageNotice(delivery, anchor),
      ownInsertion(run, press) {
        if (press) session.taken = press;
        return inline.duringInsertion(async () => {
          session.inserting++;
          try {
            return await run();
          } finally {
            session.inserting--;
          }
        });
      },
    };
  }
}

/**
 * The page's keys, input and focus, in the capture phase on `window`: to the palette when they
 * happen in our own UI, to the inline list when they happen in a reply field.
 */
function routePageEvents(ctx: ContentScriptContext, palette: Palette) {
  const { session, view, inline } = palette;
  const capture = { capture: true };

  const onKeydown = (e: KeyboardEvent) => {
    if (!fromAgent(e)) return;
    if (session.taken) {
      // Held down: its repeats would each be another Enter for the console.
      if (continuesPress(session.taken, e)) return consume(e);
      session.taken = null;
    }
    if (view.owns(e.target)) return palette.ownKey(e);
    // An Enter (or Space, or arrow) that confirms an input-method candidate is not ours.
    if (session.isComposing(e)) return;
    // A fast agent types the next trigger while our insertion is still finishing, when input
    // events are ignored (ours look the same): the agent's own keydown arms it.
    inline.noteKey(e);
    if (matchesHotkey(e, session.hotkey)) return void (consume(e), palette.hotkeyPressed());
    if (inline.showing) inline.key(e);
  };

  const onBeforeInput = (e: InputEvent) => {
    if (!fromAgent(e)) return;
    if (session.taken && !session.inserting && typedByPress(session.taken, e)) return consume(e);
    if (view.owns(e.target)) return void e.stopImmediatePropagation();
    // Editors that type through `beforeinput` and cancel it (Slate, Draft.js) fire no input event.
    if (!session.inserting && e.data) inline.noteTyped(editableFromEvent(e), e.data);
  };

  const onInput = (e: Event) => {
    if (!fromAgent(e)) return;
    if (view.owns(e.target)) {
      e.stopImmediatePropagation();
      if (view.mode === 'palette' && !view.formOpen && !session.isComposing(e as InputEvent)) palette.search();
      return;
    }
    inline.stopWatchingRender();
    if (session.inserting) return;
    const data = (e as InputEvent).data ?? '';
    // An input method committing the trigger (`、` in Chinese punctuation mode): checked on compositionend.
    if (session.isComposing(e as InputEvent)) return inline.noteTyped(editableFromEvent(e), data);
    const el = editableFromEvent(e);
    if (el) inline.check(el, data);
  };

  const onCompositionStart = (e: CompositionEvent) => {
    if (fromAgent(e)) session.composing = true;
  };

  const onCompositionEnd = (e: CompositionEvent) => {
    if (!session.composing) return;
    const own = view.owns(e.target);
    const el = own ? null : editableFromEvent(e);
    // Chrome sends the confirming Enter's keydown before compositionend, Safari after it
    // (with keyCode 229): stay deaf for the rest of this task.
    const committed = fromAgent(e) ? (e.data ?? '') : '';
    setTimeout(() => {
      session.composing = false;
      if (own && view.mode === 'palette' && !view.formOpen) palette.search();
      else if (el && !session.inserting) inline.check(el, committed);
    }, 0);
  };

  const onFocusOut = (e: FocusEvent) => {
    if (!fromAgent(e) || view.owns(e.relatedTarget) || view.formOpen) return;
    if (inline.current && editableFromEvent(e) === inline.current.el) inline.close();
    else if (view.mode === 'palette' && view.owns(e.target) && e.relatedTarget) palette.close(false);
  };

  ctx.addEventListener(window, 'keydown', onKeydown, capture);
  takeRestOfPress(ctx, session);
  ctx.addEventListener(window, 'beforeinput', onBeforeInput, capture);
  ctx.addEventListener(window, 'input', onInput, capture);
  ctx.addEventListener(window, 'beforeinput', (e: InputEvent) => inline.watchRender(e), capture);
  ctx.onInvalidated(() => inline.stopWatchingRender());
  ctx.addEventListener(window, 'compositionstart', onCompositionStart, capture);
  ctx.addEventListener(window, 'compositionend', onCompositionEnd, capture);
  inline.followCaret();
  ctx.addEventListener(window, 'focusout', onFocusOut, capture);
  ctx.addEventListener(window, 'scroll', () => inline.place(), { capture: true, passive: true });
  ctx.addEventListener(window, 'resize', () => inline.place(), { passive: true });
}

/**
 * Focus back where it was before the palette opened. The field may be in a frame below: focus
 * goes to the frame now, so the agent's next keystroke lands there (the frame keeps its focused
 * field and caret); the frame's own content script, told through the background, puts focus
 * and caret back only if they did not come back.
 */
function giveFocusTo(returnTo: Element | null, target: PaletteShared['target']) {
  if (returnTo instanceof HTMLIFrameElement) {
    returnTo.focus({ preventScroll: true });
    void sendMessage('paletteClosed').catch(() => undefined);
  } else if (!target.restoreFocus()) (returnTo as HTMLElement | null)?.focus?.({ preventScroll: true });
}

/** The rest of a key press we took (its keypress and keyup); what the agent types into our own UI stays ours. */
function takeRestOfPress(ctx: ContentScriptContext, session: ListSession) {
  for (const type of ['keypress', 'keyup'] as const)
    ctx.addEventListener(
      window,
      type,
      (e: KeyboardEvent) => {
        if (!fromAgent(e)) return;
        if (session.taken && continuesPress(session.taken, e)) {
          consume(e);
          if (e.type === 'keyup') session.taken = null;
        } else if (session.view.owns(e.target)) e.stopImmediatePropagation();
      },
      { capture: true },
    );
}
