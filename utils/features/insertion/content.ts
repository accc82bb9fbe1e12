/**
 * Inserting a script into this frame's reply field when the background asks (the panel, the
 * palette or a chip picked it), through the editor chain; and the small requests around it:
 * the draft's text, focusing the field again, "are you there". An insertion never fails as a
 * rejected message: the background would take that for a closed tab and forget the field.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { GetDataType } from '@webext-core/messaging';
import { draftText, editorKindOf } from '../../dom/editable';
import { deliverImages } from '../../insertion/images';
import { chainPreferring, insertIntoEditor } from '../../insertion/inserters';
import { InsertLedger } from '../../insertion/once';
import type { InsertResult, Protocol } from '../../messaging/protocol';
import type { KeyPress } from '../palette/key-press';
import { answer, type Shared } from '../shared';

type InsertTextData = GetDataType<Protocol['insertText']>;

export interface InsertionHooks {
  /** Runs our own insertion so the inline trigger does not take its input events for typing. */
  ownInsertion<T>(run: () => Promise<T>, press?: KeyPress): Promise<T>;
  /** The text went into `el`: check it for forbidden phrases now. */
  inserted(el: HTMLElement): void;
}

export function startInsertion(ctx: ContentScriptContext, shared: Shared, hooks: InsertionHooks): void {
  const ledger = new InsertLedger();
  answer(ctx, 'insertText', ({ data }) =>
    ledger.run(data.requestId, () => insertHere(shared, hooks, data).catch(failedInsertion)),
  );
  answer(ctx, 'ping', () => 'pong');
  answer(ctx, 'readDraft', () => {
    const field = shared.target.field;
    return field?.isConnected ? draftText(field) : '';
  });
  answer(ctx, 'focusField', () => shared.target.restoreFocus());
}

async function insertHere(shared: Shared, hooks: InsertionHooks, data: InsertTextData): Promise<InsertResult> {
  const { target, site } = shared;
  const el = target.field;
  if (!el) return { ok: false, reason: 'no-target' };
  // The field still has the keyboard (the inline list, a quick Enter after typing): its live
  // caret is the truth; `selectionchange` may not have told us of the last keystrokes yet.
  target.takeLiveCaret(el);
  // A picture-only script has no text to insert: only its pictures go in.
  const result: InsertResult =
    !data.text && data.images?.length
      ? { ok: true, kind: editorKindOf(el) ?? 'contenteditable' }
      : await hooks.ownInsertion(
          () =>
            insertIntoEditor(
              {
                el,
                text: data.text,
                selection: target.selection,
                replaceAll: data.mode === 'replace-draft',
                ...(data.caret !== undefined ? { caret: data.caret } : {}),
                // The inline trigger and query (`/退货`) the script replaces.
                ...(data.replaceBefore ? { replaceBefore: data.replaceBefore } : {}),
              },
              // A site rule may name the editor to try first on its console.
              chainPreferring(site.rule?.inserter),
            ),
          data.press,
        );
  if (!result.ok) return result;
  target.inserted(el);
  hooks.inserted(el);
  if (!data.images?.length) return result;
  // The text is in: a picture that cannot be pasted is the agent's to copy, not a failed insertion.
  const images = await deliverImages(el, data.images, site.attachmentInput()).catch(() => 'copy-needed' as const);
  return { ...result, images };
}

/** Something around the editors failed: the field is still there, so say what went wrong. */
function failedInsertion(error: unknown): InsertResult {
  return { ok: false, reason: 'rejected', detail: error instanceof Error ? error.message : String(error) };
}
