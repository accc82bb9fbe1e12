/**
 * The shared flow of the rich-editor inserters (`editors/`): put the DOM selection where the
 * text goes and let the editor see it, hand the text to the editor through an input event it
 * handles itself, wait for it to render, then place the caret for `{光标}`.
 *
 * An editor that does not take the event makes the inserter decline, and the chain's plain
 * contenteditable inserter tries `execCommand` instead.
 */
import { caretSteps, moveCaretBack, placeSelection, rendered } from './place-caret';
import type { Inserter, RichEditorName } from './request';

export interface RichEditorSpec {
  name: RichEditorName;
  /** Is this editing host one of ours? DOM markers only: page-world properties are invisible here. */
  matches(el: HTMLElement): boolean;
  /** The editor actually found (TipTap is ProseMirror with its own markers). */
  editorOf?(el: HTMLElement): RichEditorName;
  /** Hands `text` to the editor at its selection; true when the editor took it. */
  deliver(el: HTMLElement, text: string): boolean;
  /** Caret steps the tail of the text spans once this editor has laid it out. */
  caretSteps?(tail: string): number;
}

export function richEditorInserter(spec: RichEditorSpec): Inserter {
  return {
    name: spec.name,
    async insert(req) {
      const { el, text } = req;
      if (!spec.matches(el)) return null;
      const sel = await placeSelection(req, { settle: true });
      if (!sel) return null;
      const render = rendered(el);
      if (!spec.deliver(el, text)) return null;
      await render.done;
      if (req.caret !== undefined && req.caret >= 0 && req.caret < text.length) {
        await moveCaretBack(el, (spec.caretSteps ?? caretSteps)(text.slice(req.caret)), { settle: true });
      }
      return { ok: true, kind: 'contenteditable', editor: spec.editorOf?.(el) ?? spec.name };
    },
  };
}
