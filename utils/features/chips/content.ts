/**
 * Suggestion chips: when a customer message arrives in the open conversation, a short
 * row of suggested scripts appears beside this frame's reply box. A click inserts through the
 * background's one path (placeholders asked for in the palette's form, usage recorded as a
 * suggestion with its detected situation). The row goes away when the agent starts typing in
 * the box, after an insertion, on switching conversation, when the agent replies, or on Esc;
 * the next customer message brings it back. The setting `suggestionChips` turns it off (the
 * background then answers with no chips). Only the agent's own keys, typing and clicks (trusted
 * events) pick or hide chips.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { translator, type Translate } from '../../i18n';
import { editableFromEvent } from '../../dom/editable';
import { sendMessage, type InsertFailure, type PaletteInsertResult } from '../../messaging/protocol';
import { ChipsView, type ChipLabels } from './view';
import type { Rect } from '../../ui-kit/place';
import { fromAgent } from '../../ui-kit/agent';
import { failureText, type PaletteApi } from '../palette/content';
import type { PageRule } from '../../sites/page-rule';
import type { ComplianceNote } from '../compliance-note/content';
import type { InsertField } from '../insert-field/content';

/** What the chips need of the shared insert target and site rule. */
export interface ChipsShared {
  target: Pick<InsertField, 'field' | 'adopt'>;
  site: Pick<PageRule, 'replyBox' | 'sendButton'>;
}

/** What other features lend the chips. */
export interface ChipsLent {
  /** The placeholder form for a script that needs values. */
  palette: PaletteApi;
  /** Our forbidden-phrase note, which the row must not cover. */
  note: Pick<ComplianceNote, 'noteRect'>;
}

export interface Chips {
  /** A new customer message in `conversationId` (the background already has the recent messages). */
  customerMessage(conversationId: string): void;
  /** Every snapshot: a switch of conversation or the agent's own reply hides the chips. */
  snapshot(conversationId: string, lastFrom: 'customer' | 'agent' | null): void;
  hide(): void;
}

const labelsFor = (t: Translate): ChipLabels => ({
  title: t('chipsTitle'),
  chipHint: t('chipsHint'),
  close: t('chipsClose'),
});

const contains = (box: HTMLElement, target: EventTarget | null) =>
  target instanceof Node && (box === target || box.contains(target));

export function startChips(ctx: ContentScriptContext, shared: ChipsShared, lent: ChipsLent): Chips {
  const hooks = chipHooks(shared, lent);
  let t = lent.palette.translate();
  let seq = 0;
  let anchor: HTMLElement | null = null;
  let conversation = '';

  const view = new ChipsView(
    document,
    labelsFor(t),
    { pick: (i) => void pick(i), dismiss: () => hide() },
    lent.palette.thumbnails,
  );

  function hide() {
    seq++;
    anchor = null;
    view.hide();
  }

  const failure = (reason: InsertFailure) => failureText(t, reason);

  async function pick(i: number) {
    const chip = view.chip(i);
    const box = anchor;
    if (!chip || !box) return;
    hooks.useField(box);
    const result = await insertChip(chip.key, chip.detected);
    if (!result.ok && result.reason === 'needs-values' && result.fields?.length) {
      // Never `{订单号}` in a reply: the palette's form asks, where the chips were.
      hide();
      lent.palette.askValues(box, chip.title, result.fields, async (values) => {
        const filled = await insertChip(chip.key, chip.detected, values);
        if (filled.ok) lent.palette.imageNotice(filled.images, box);
        return filled.ok ? true : failure(filled.reason);
      });
      return;
    }
    if (!result.ok) {
      if (view.chip(i) === chip) view.showMessage(failure(result.reason));
      return;
    }
    hide();
    lent.palette.imageNotice(result.images, box);
  }

  async function customerMessage(conversationId: string) {
    const my = ++seq;
    view.hide();
    // Known from now on, so typing while the background answers cancels the chips too.
    anchor = hooks.anchor();
    if (!anchor) return;
    const answer = await sendMessage('getSuggestions', { conversationId }).catch(() => null);
    const box = anchor;
    if (my !== seq || !box || !answer?.scripts.length || conversationId !== conversation) return;
    if (!visible(box)) return hide();
    t = translator(answer.locale);
    view.setLabels(labelsFor(t));
    view.show(answer.scripts, box.getBoundingClientRect(), hooks.avoid());
  }

  const follow = () => {
    if (!view.visible || !anchor) return;
    if (!visible(anchor)) return hide();
    view.place(anchor.getBoundingClientRect(), hooks.avoid());
  };

  hideOnAgentTyping(ctx, view, () => anchor, hide);
  ctx.addEventListener(window, 'scroll', follow, { capture: true, passive: true });
  ctx.addEventListener(window, 'resize', follow, { passive: true });
  ctx.onInvalidated(() => view.hide());

  return {
    customerMessage(conversationId) {
      conversation = conversationId;
      void customerMessage(conversationId);
    },
    snapshot(conversationId, lastFrom) {
      if (conversationId !== conversation || lastFrom === 'agent') {
        if (conversationId !== conversation) conversation = conversationId;
        if (view.visible || anchor) hide();
        return;
      }
      follow();
    },
    hide,
  };
}

/** The reply box, the field to insert into and what to keep clear of, from what features share. */
function chipHooks({ target, site }: ChipsShared, { note }: ChipsLent) {
  return {
    /** This frame's reply box: the site rule's input, else the field the agent last focused. */
    anchor: () => site.replyBox() ?? (target.field?.isConnected ? target.field : null),
    /** A chip may be clicked before the box ever had focus: make it the insert target. */
    useField: (el: HTMLElement) => {
      if (el !== target.field) target.adopt(el);
    },
    /** What the row must not cover: the console's send button, our forbidden-phrase note. */
    avoid: (): Rect[] =>
      [site.sendButton()?.getBoundingClientRect() ?? null, note.noteRect()].filter((r) => r !== null),
  };
}

/** A chip's script into the reply box, through the background's one insertion path. */
function insertChip(
  scriptKey: string,
  situationKey: string,
  values?: Record<string, string>,
): Promise<PaletteInsertResult> {
  return sendMessage('insertScript', { scriptKey, via: 'chips', situationKey, ...(values ? { values } : {}) }).catch(
    () => ({
      ok: false as const,
      reason: 'tab-unreachable' as const,
    }),
  );
}

function visible(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return el.isConnected && r.width > 0 && r.height > 0;
}

/**
 * The row goes when the agent starts typing in the box (an input method's first keystroke
 * included), and on Esc, which closes the row and nothing else: the console's own Esc still happens.
 */
function hideOnAgentTyping(
  ctx: ContentScriptContext,
  view: ChipsView,
  anchor: () => HTMLElement | null,
  hide: () => void,
) {
  const typed = (e: Event) => {
    const box = anchor();
    if (fromAgent(e) && box && !view.owns(e.target) && (contains(box, e.target) || editableFromEvent(e) === box))
      hide();
  };
  ctx.addEventListener(window, 'input', typed, { capture: true });
  ctx.addEventListener(window, 'compositionstart', typed, { capture: true });
  ctx.addEventListener(
    window,
    'keydown',
    (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.isComposing && view.visible && fromAgent(e)) hide();
    },
    { capture: true },
  );
}
