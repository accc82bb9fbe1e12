/**
 * The one way in-page features apply this console's site rule to the page: its reply box, its
 * send button, the values scripts can fill in, and "is this field the reply box". Every query
 * goes through rule-selector.ts, so a malformed taught selector finds nothing instead of
 * throwing. Before a rule is known (or on a console without one) every answer is "none".
 * DOM only.
 */
import { editableOf } from '../dom/editable';
import { conversationItem } from './reader';
import type { SiteRule } from '../../scripts-library/rule-schema';
import { isRuleTarget, queryRule, queryRuleAll, ruleText, type RuleSelector } from './rule-selector';

export class PageRule {
  /** The rule that applies to this page, once the background has said which. */
  rule: SiteRule | null = null;

  constructor(private readonly doc: Document) {}

  /** The first element `selector` finds in this page. */
  query(selector: RuleSelector | undefined): HTMLElement | null {
    return queryRule(this.doc, selector) as HTMLElement | null;
  }

  /** The element the rule names as the reply box, as it names it. */
  input(): HTMLElement | null {
    return this.query(this.rule?.input);
  }

  /** The reply box as insertions see it (a rich editor's outermost editable element). */
  replyBox(): HTMLElement | null {
    const input = this.input();
    return editableOf(input) ?? input;
  }

  /** `el` is the reply box the rule names (the one its send button sends). */
  isReplyBox(el: HTMLElement): boolean {
    return isRuleTarget(el, this.rule?.input);
  }

  /** The console's file input for attachments: where pictures go when pasting them is ignored. */
  attachmentInput(): HTMLInputElement | null {
    const input = this.query(this.rule?.attachmentInput);
    return input instanceof HTMLInputElement ? input : null;
  }

  /** The console's send button, enabled or not (other UI keeps clear of it). */
  sendButton(): HTMLElement | null {
    return this.query(this.rule?.sendButton);
  }

  /** The send button when the agent could press it now. */
  enabledSendButton(): HTMLElement | null {
    const button = this.sendButton();
    return button && !(button as HTMLButtonElement).disabled ? button : null;
  }

  /** The send button `target` is (or is inside: an icon), wherever it lives (a shadow root too). */
  sendButtonAround(target: Element): HTMLElement | null {
    const found = queryRuleAll(this.doc, this.rule?.sendButton).find((b) => b === target || b.contains(target));
    return (found as HTMLElement | undefined) ?? null;
  }

  /** The values a script's `{客户名}` / `{订单号}` can take from the page; absent when not shown. */
  pageValues(): { customerName?: string; orderId?: string } {
    if (!this.rule) return {};
    const customerName = ruleText(this.doc, this.rule.customerName);
    const orderId = ruleText(this.doc, this.rule.orderId);
    return { ...(customerName ? { customerName } : {}), ...(orderId ? { orderId } : {}) };
  }

  /**
   * Where an agent clicks to open a conversation in the list: the customer's name. Kits that
   * wrap each item (chatscope's li > div) listen on the inner element, which a click on the
   * wrapper never reaches.
   */
  conversationOpener(conversationId: string): HTMLElement | null {
    const rule = this.rule;
    const item = rule && conversationItem(rule, this.doc, conversationId);
    if (!rule || !item) return null;
    return (queryRule(item, rule.conversationList?.title) ?? item) as HTMLElement;
  }
}
