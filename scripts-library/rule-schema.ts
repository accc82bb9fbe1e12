/**
 * Site rules as data: for a console, where its reply box, messages, conversation and send
 * button are. Built-in rules live in `builtin.ts`; teach mode writes new ones; packs may ship
 * them. Pure: zod only.
 */
import { z } from 'zod';

const selector = z.string().trim().min(1).max(500);
/**
 * A CSS selector, or the path through open shadow roots to it (see rule-selector.ts): each
 * host found inside the previous host's shadow root, then `selector` inside the last.
 */
const ruleSelector = z.union([selector, z.object({ hosts: z.array(selector).min(1).max(8), selector })]);

export const siteRuleSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  name: z.string().trim().min(1).max(60),
  /** Match patterns, e.g. `https://work.example.com/*`. */
  matches: z
    .array(z.string().regex(/^(https?|\*):\/\/[^/]+\/.*$/))
    .min(1)
    .max(20),
  /**
   * A CSS selector the page itself must match for the rule to apply (e.g. a `<meta>` the console
   * carries), for consoles whose address says too little — any page on localhost, say.
   */
  pageMarker: z.string().trim().min(1).max(200).optional(),
  /** The reply box. */
  input: ruleSelector,
  /** The element that holds the current conversation's messages: the only part observed. */
  messageList: ruleSelector,
  /** One message (inside messageList). */
  message: ruleSelector,
  /** A message matching this is the customer's (checked on the message element). */
  customerMessage: ruleSelector,
  /** A message matching this is the agent's. */
  agentMessage: ruleSelector,
  /** Where the message text is, inside a message (read only in the page, for suggestions). */
  messageText: ruleSelector.optional(),
  /** Attribute on the message holding a stable id / epoch-ms time, when the console has them. */
  messageIdAttribute: z.string().max(60).optional(),
  messageTimeAttribute: z.string().max(60).optional(),
  /** The open conversation: an element whose attribute (or text) identifies it. */
  conversationId: z.object({
    selector: ruleSelector.optional(),
    attribute: z.string().max(60).optional(),
    urlPattern: z.string().max(300).optional(),
  }),
  conversationTitle: ruleSelector.optional(),
  customerName: ruleSelector.optional(),
  orderId: ruleSelector.optional(),
  sendButton: ruleSelector.optional(),
  /**
   * The console's own file input for attachments (often hidden behind a paperclip button): where
   * a script's pictures go when the reply box ignores pasted files, before the clipboard.
   */
  attachmentInput: ruleSelector.optional(),
  /** Which inserter to try first on this console (e.g. 'quill'), when detection alone picks wrong. */
  inserter: z
    .enum(['native-field', 'prosemirror', 'lexical', 'draft', 'slate', 'quill', 'ckeditor5', 'contenteditable'])
    .optional(),
  /** The conversation list, to see waiting conversations that are not open and to switch to them. */
  conversationList: z
    .object({
      item: ruleSelector,
      /** The attribute on an item naming its conversation; without one, the item's title text names it. */
      idAttribute: z.string().max(60).optional(),
      title: ruleSelector.optional(),
      unread: ruleSelector.optional(),
    })
    .optional(),
});

export type SiteRule = z.output<typeof siteRuleSchema>;
