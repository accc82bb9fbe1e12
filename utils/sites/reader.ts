/**
 * Reads a console page through its site rule: the open conversation and its messages as ids,
 * senders and times. DOM only; runs in the content script. Message text is read only where a
 * caller asks for it (suggestions, in the page) and never stored.
 */
import { MAX_MESSAGE_CHARS, RECENT_MESSAGES } from '../suggest/recent';
import type { SiteRule } from '../../scripts-library/rule-schema';
import { hasRuleMatch, queryRule, queryRuleAll, ruleText, type RuleSelector } from './rule-selector';

export interface SeenMessage {
  id: string;
  from: 'customer' | 'agent';
  /** Epoch ms from the page when the console shows it; null otherwise (first seen is used). */
  at: number | null;
}

export interface ConversationSnapshot {
  conversationId: string;
  title: string;
  /** The last messages of the open conversation, oldest first. */
  messages: SeenMessage[];
  /** Other conversations the console's list marks unread (where the rule can read the list). */
  unread?: { conversationId: string; title: string; count: number }[];
}

const MAX_MESSAGES = 50;

export function conversationIdOf(rule: SiteRule, doc: Document, url: string): string | null {
  const { selector, attribute, urlPattern } = rule.conversationId;
  if (urlPattern) {
    try {
      const m = new RegExp(urlPattern).exec(url);
      if (m) return m[1] ?? m[0];
    } catch {
      /* fall through to the selector */
    }
  }
  const el = queryRule(doc, selector);
  if (!el) return null;
  const value = attribute ? el.getAttribute(attribute) : el.textContent;
  return value?.trim() || null;
}

export function textOf(doc: ParentNode, selector: RuleSelector | undefined): string {
  return ruleText(doc, selector);
}

/**
 * A stable id for a message without one: a hash of its sender and text, and which occurrence of
 * that hash it is from the top. New messages below and a re-render keep the ids of the others.
 */
function fallbackIds(els: readonly Element[]): string[] {
  const counts = new Map<string, number>();
  return els.map((el) => {
    let h = 2166136261;
    const text = el.textContent ?? '';
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    const hash = (h >>> 0).toString(36);
    const n = (counts.get(hash) ?? 0) + 1;
    counts.set(hash, n);
    return `${hash}:${n}`;
  });
}

function messageIds(rule: SiteRule, els: readonly Element[]): string[] {
  const fallback = fallbackIds(els);
  return els.map((el, i) => (rule.messageIdAttribute && el.getAttribute(rule.messageIdAttribute)) || fallback[i]!);
}

export function messageList(rule: SiteRule, doc: Document): Element | null {
  return queryRule(doc, rule.messageList);
}

export function readMessages(rule: SiteRule, list: Element): SeenMessage[] {
  const nodes = queryRuleAll(list, rule.message);
  const ids = messageIds(rule, nodes);
  const out: SeenMessage[] = [];
  nodes.forEach((el, index) => {
    const from = hasRuleMatch(el, rule.customerMessage)
      ? 'customer'
      : hasRuleMatch(el, rule.agentMessage)
        ? 'agent'
        : null;
    if (!from) return; // system notes, date separators
    const id = ids[index]!;
    const rawTime = rule.messageTimeAttribute ? Number(el.getAttribute(rule.messageTimeAttribute)) : NaN;
    // Consoles write epoch seconds or milliseconds; before 1973 in ms means it was seconds.
    const at = Number.isFinite(rawTime) && rawTime > 0 ? (rawTime < 1e11 ? rawTime * 1000 : rawTime) : null;
    out.push({ id, from, at });
  });
  return out.slice(-MAX_MESSAGES);
}

/** One message with its text, for suggestions: read in the page, kept in memory, never stored. */
export interface MessageText {
  id: string;
  from: 'customer' | 'agent';
  text: string;
  at: number | null;
}

/**
 * The text of the last `count` messages (customer and agent), at most `maxChars` each: what
 * suggestions read. The rule's `messageText` selector when it has one, else the message's text.
 */
export function readMessageTexts(
  rule: SiteRule,
  list: Element,
  count = RECENT_MESSAGES,
  maxChars = MAX_MESSAGE_CHARS,
): MessageText[] {
  const seen = readMessages(rule, list);
  const nodes = queryRuleAll(list, rule.message);
  const ids = messageIds(rule, nodes);
  const byId = new Map(nodes.map((el, i) => [ids[i]!, el]));
  return seen.slice(-count).flatMap((m) => {
    const el = byId.get(m.id);
    if (!el) return [];
    const text = (rule.messageText ? textOf(el, rule.messageText) : '') || el.textContent?.trim() || '';
    return text ? [{ ...m, text: text.slice(0, maxChars) }] : [];
  });
}

/** Conversations in the console's list with an unread count, other than the open one. */
/** The conversation a list item stands for: its id attribute, else its title's text. */
export function conversationItemId(rule: SiteRule, item: Element): string | null {
  const list = rule.conversationList;
  if (!list) return null;
  const id = list.idAttribute ? item.getAttribute(list.idAttribute) : textOf(item, list.title);
  return id?.trim() || null;
}

/** The list item of a conversation, to open it. */
export function conversationItem(rule: SiteRule, doc: Document, conversationId: string): Element | null {
  const list = rule.conversationList;
  return (
    (list && queryRuleAll(doc, list.item).find((item) => conversationItemId(rule, item) === conversationId)) || null
  );
}

/**
 * How many unread messages a badge says: its number, or 1 for a bare dot. A badge the console
 * keeps in the page but hides, or that says 0, is not unread.
 */
function unreadCount(badge: Element | null): number {
  if (!badge || badge.hasAttribute('hidden') || (badge as HTMLElement).style?.display === 'none') return 0;
  const text = badge.textContent?.trim() ?? '';
  const n = Number.parseInt(text.replace(/\D+/g, ''), 10);
  return Number.isFinite(n) ? n : 1;
}

/** Conversations in the console's list with an unread count, other than the open one. */
export function readUnread(rule: SiteRule, doc: Document, openId: string): NonNullable<ConversationSnapshot['unread']> {
  const list = rule.conversationList;
  if (!list?.unread) return [];
  const out: NonNullable<ConversationSnapshot['unread']> = [];
  for (const item of queryRuleAll(doc, list.item)) {
    const id = conversationItemId(rule, item);
    if (!id || id === openId) continue;
    const count = unreadCount(queryRule(item, list.unread));
    if (count > 0) out.push({ conversationId: id, title: textOf(item, list.title) || id, count });
  }
  return out;
}

export function snapshot(rule: SiteRule, doc: Document, url: string): ConversationSnapshot | null {
  const conversationId = conversationIdOf(rule, doc, url);
  const list = messageList(rule, doc);
  if (!conversationId || !list) return null;
  const unread = readUnread(rule, doc, conversationId);
  return {
    conversationId,
    title: textOf(doc, rule.conversationTitle) || conversationId,
    messages: readMessages(rule, list),
    ...(unread.length ? { unread } : {}),
  };
}

/**
 * Calls `onChange` with a snapshot whenever the open conversation or its messages change.
 * Only the message list is observed (re-found when the console swaps it on a conversation
 * switch); mutations are batched so a burst of DOM work costs one read.
 */
export function watchConversation(
  rule: SiteRule,
  doc: Document,
  getUrl: () => string,
  onChange: (snap: ConversationSnapshot) => void,
  signal: AbortSignal,
  batchMs = 150,
): void {
  let observed: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let last = '';
  const listObserver = new MutationObserver(() => schedule());

  const emit = () => {
    const list = messageList(rule, doc);
    if (list !== observed) {
      listObserver.disconnect();
      observed = list;
      if (list)
        listObserver.observe(list, {
          childList: true,
          subtree: true,
          attributes: true,
          attributeFilter: rule.messageIdAttribute ? [rule.messageIdAttribute] : [],
        });
    }
    const snap = snapshot(rule, doc, getUrl());
    if (!snap) return;
    const key = `${snap.conversationId}|${snap.messages.map((m) => m.id + m.from).join(',')}|${(snap.unread ?? []).map((u) => u.conversationId + u.count).join(',')}`;
    if (key === last) return;
    last = key;
    onChange(snap);
  };
  // Leading and trailing edge: the first mutation of a burst is read at once (a message that
  // arrives just before the agent switches conversation is not lost), the rest once at the end.
  const schedule = () => {
    if (timer !== undefined) {
      dirty = true;
      return;
    }
    emit();
    const settle = () => {
      if (dirty) {
        dirty = false;
        emit();
        timer = setTimeout(settle, batchMs);
      } else timer = undefined;
    };
    timer = setTimeout(settle, batchMs);
  };

  // Conversation switches replace the list element, change an attribute or only the URL, and
  // unread badges change in the conversation list: a once-a-second read catches all of them
  // without observing the rest of the page (emit() skips it when nothing changed).
  const poll = setInterval(() => {
    if (timer === undefined) emit();
  }, 1000);

  signal.addEventListener('abort', () => {
    listObserver.disconnect();
    clearInterval(poll);
    if (timer !== undefined) clearTimeout(timer);
  });
  emit();
}
