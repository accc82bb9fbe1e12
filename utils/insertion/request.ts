/**
 * What the chain is asked to do and what each inserter answers. Shared by the chain
 * (`inserters.ts`) and the per-editor inserters (`editors/`).
 */
import type { EditorKind, InsertResult } from '../messaging/protocol';
import type { SavedSelection } from '../dom/selection';

export interface InsertRequest {
  el: HTMLElement;
  text: string;
  selection: SavedSelection;
  /** Replace the whole draft instead of inserting at the caret. */
  replaceAll: boolean;
  /** Offset into `text` where the caret should end up (`{光标}`); default: after the text. */
  caret?: number;
  /**
   * Text the agent typed just before the caret to call the script up (an inline trigger such
   * as `/退货`): removed with the insertion when it is really there, left alone otherwise.
   */
  replaceBefore?: string;
}

/** The rich editors the chain knows by their DOM markers. */
export type RichEditorName = 'prosemirror' | 'tiptap' | 'lexical' | 'draft' | 'slate' | 'quill' | 'ckeditor5';

/**
 * An `InsertResult`, plus which rich editor took the text when it was one (`kind` stays
 * `'contenteditable'` for them, which is what the protocol knows).
 */
export type InsertOutcome = InsertResult & { editor?: RichEditorName };

export interface Inserter {
  /** For site rules that pick an inserter for a console, and for logs. */
  name: string;
  /** `null`: "not mine", the chain asks the next one. */
  insert(req: InsertRequest): Promise<InsertOutcome | null>;
}

export type { EditorKind };
