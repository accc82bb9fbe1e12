/**
 * The ordered chain of inserters, one per editor kind (`editors/`): each answers "not mine"
 * (null) or inserts and reports how it went; the first that claims the element does the work,
 * and plain contenteditable is the final fallback. A site rule can put the inserter it knows
 * a console needs first (`chainPreferring`).
 *
 * The rule for all of them: the text enters through the editor's own input path, so whatever
 * owns the field (React, Vue, the editor's model, the console's own code) sees it as typed or
 * pasted — and the editor's undo has it. See each file for how that editor takes it.
 */
import { ckeditor5Inserter } from './editors/ckeditor5';
import { contentEditableInserter } from './editors/contenteditable';
import { draftInserter } from './editors/draft';
import { lexicalInserter } from './editors/lexical';
import { nativeFieldInserter } from './editors/native-field';
import { proseMirrorInserter } from './editors/prosemirror';
import { quillInserter } from './editors/quill';
import { slateInserter } from './editors/slate';
import type { Inserter, InsertOutcome, InsertRequest } from './request';

export { contentEditableInserter, nativeFieldInserter };
export type { Inserter, InsertOutcome, InsertRequest };

/** Ordered: native fields, then rich editors by their DOM markers, then any contenteditable. */
export const DEFAULT_CHAIN: readonly Inserter[] = [
  nativeFieldInserter,
  proseMirrorInserter,
  lexicalInserter,
  draftInserter,
  slateInserter,
  quillInserter,
  ckeditor5Inserter,
  contentEditableInserter,
];

export type InserterName = (typeof DEFAULT_CHAIN)[number]['name'];

/** The default chain with `name` tried first (a site rule's choice); unknown names change nothing. */
export function chainPreferring(name: string | undefined): readonly Inserter[] {
  const first = DEFAULT_CHAIN.find((i) => i.name === name);
  return first ? [first, ...DEFAULT_CHAIN.filter((i) => i !== first)] : DEFAULT_CHAIN;
}

/** Windows line ends from a pasted pack would double every line break in some editors. */
function normalizeLineEnds(req: InsertRequest): InsertRequest {
  if (!req.text.includes('\r')) return req;
  const norm = (s: string) => s.replace(/\r\n?/g, '\n');
  return {
    ...req,
    text: norm(req.text),
    ...(req.caret !== undefined ? { caret: norm(req.text.slice(0, req.caret)).length } : {}),
  };
}

export async function insertIntoEditor(
  req: InsertRequest,
  chain: readonly Inserter[] = DEFAULT_CHAIN,
): Promise<InsertOutcome> {
  if (!req.el.isConnected) return { ok: false, reason: 'target-gone' };
  const request = normalizeLineEnds(req);
  let failed: string | null = null;
  for (const inserter of chain) {
    try {
      const result = await inserter.insert(request);
      if (result) return result;
    } catch (error) {
      // An editor we guessed wrong (or one whose internals changed) throws: the next inserter,
      // down to plain contenteditable, may still get the text in. The field is still there.
      failed ??= `${inserter.name}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { ok: false, reason: 'rejected', detail: failed ?? 'no inserter accepts this element' };
}
