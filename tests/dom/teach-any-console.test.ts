/**
 * Teaching consoles whose parts live in open shadow roots (web components), and the
 * conversation list: what is derived finds the same elements through the one rule-selector
 * helper the reader, inserter target, chips and forbidden-phrase check use.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  alignConversationIds,
  deriveConversation,
  deriveConversationList,
  deriveMessageSelectors,
  deriveRuleSelector,
  previewRule,
  type MessageSelectors,
} from '../../utils/sites/derive-selector';
import { readMessages, readMessageTexts, readUnread, snapshot } from '../../utils/sites/reader';
import { siteRuleSchema, type SiteRule } from '../../scripts-library/rule-schema';
import { hasRuleMatch, isRuleTarget, queryRule, queryRuleAll } from '../../utils/sites/rule-selector';

const CONVERSATIONS = [
  { name: '陈女士', unread: 0 },
  { name: '刘先生', unread: 2 },
  { name: '赵小姐', unread: 0 },
];

/** <support-app> (shadow) → <chat-thread> (shadow): list of conversations, messages, a textarea. */
function webComponentConsole() {
  document.body.innerHTML = '<support-app></support-app>';
  const app = document.querySelector('support-app')!;
  const outer = app.attachShadow({ mode: 'open' });
  const aside = document.createElement('aside');
  aside.className = 'sidebar';
  for (const c of CONVERSATIONS) {
    const item = document.createElement('div');
    item.className = 'conv';
    const name = document.createElement('span');
    name.className = 'conv-name';
    name.textContent = c.name;
    item.append(name);
    if (c.unread) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(c.unread);
      item.append(badge);
    }
    aside.append(item);
  }
  const thread = document.createElement('chat-thread');
  outer.append(aside, thread);
  const inner = thread.attachShadow({ mode: 'open' });
  const header = document.createElement('header');
  header.className = 'peer';
  header.textContent = '陈女士';
  const list = document.createElement('ul');
  list.className = 'messages';
  for (const [from, text] of [
    ['them', '你好，在吗'],
    ['me', '在的，请问有什么可以帮您'],
    ['them', '我的订单还没发货'],
  ] as const) {
    const li = document.createElement('li');
    li.className = `bubble ${from}`;
    const p = document.createElement('p');
    p.textContent = text;
    li.append(p);
    list.append(li);
  }
  const textarea = document.createElement('textarea');
  textarea.className = 'composer';
  inner.append(header, list, textarea);
  return { app, thread, header, list, textarea, aside, bubbles: [...list.children] };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('selectors through shadow roots', () => {
  it('derives a host path for the reply box and finds it again through the helper', () => {
    const page = webComponentConsole();
    const input = deriveRuleSelector(page.textarea)!;
    expect(input).toEqual({ hosts: ['support-app', 'chat-thread'], selector: expect.any(String) });
    expect(queryRuleAll(document, input)).toEqual([page.textarea]);
    expect(isRuleTarget(page.textarea, input)).toBe(true);
    // Plain document queries cannot see it: the reason the helper exists.
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('teaches the messages, title and list of a web-component console, and reads them', () => {
    const page = webComponentConsole();
    const [customer, agent] = page.bubbles;
    const messages = deriveMessageSelectors(
      customer!.querySelector('p')!,
      agent!.querySelector('p')!,
    ) as MessageSelectors;
    expect(messages).not.toHaveProperty('error');
    expect(typeof messages.messageList).toBe('object');
    const conversation = deriveConversation(page.header, 'https://help.example.com/console')!;
    const list = deriveConversationList(
      page.aside.querySelector('.conv-name')!,
      page.aside.querySelector('.conv-name')!,
      page.aside.querySelector('.badge')!,
    )!;
    expect(list).toMatchObject({ unread: '.badge', title: '.conv-name' });
    const rule: SiteRule = alignConversationIds(
      {
        id: 'taught.x',
        name: 'x',
        matches: ['https://help.example.com/*'],
        input: deriveRuleSelector(page.textarea)!,
        ...messages,
        ...conversation,
        conversationList: list,
      },
      document,
      'https://help.example.com/console',
    );
    expect(siteRuleSchema.safeParse(rule).success).toBe(true);

    const found = queryRule(document, rule.messageList)!;
    expect(readMessages(rule, found).map((m) => m.from)).toEqual(['customer', 'agent', 'customer']);
    expect(readMessageTexts(rule, found).at(-1)?.text).toBe('我的订单还没发货');
    const snap = snapshot(rule, document, 'https://help.example.com/console')!;
    expect(snap.conversationId).toBe('陈女士');
    expect(readUnread(rule, document, snap.conversationId)).toEqual([
      { conversationId: '刘先生', title: '刘先生', count: 2 },
    ]);
    expect(previewRule(rule, document, 'https://help.example.com/console')).toMatchObject({
      inputFound: true,
      customer: 2,
      agent: 1,
      title: '陈女士',
      list: { items: 3, unread: 1, titles: ['陈女士', '刘先生', '赵小姐'] },
    });
  });

  it('lifts messages that are web components of their own to the components', () => {
    document.body.innerHTML = '<main class="thread"></main>';
    const main = document.querySelector('main')!;
    const inner: Element[] = [];
    for (const side of ['incoming', 'outgoing', 'incoming']) {
      const msg = document.createElement('chat-message');
      msg.setAttribute('side', side);
      const root = msg.attachShadow({ mode: 'open' });
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = side === 'incoming' ? '请问多久到货' : '三天内送达';
      root.append(text);
      inner.push(text);
      main.append(msg);
    }
    const m = deriveMessageSelectors(inner[0]!, inner[1]!) as MessageSelectors;
    expect(m).not.toHaveProperty('error');
    expect(String(m.message)).toContain('chat-message');
    expect(m.messageText).toEqual({ hosts: ['chat-message'], selector: '.text' });
    const rule = {
      id: 't',
      name: 't',
      matches: ['https://x/*'],
      input: 'textarea',
      conversationId: { urlPattern: 'x' },
      ...m,
    } as SiteRule;
    expect(readMessageTexts(rule, queryRule(document, rule.messageList)!).map((x) => [x.from, x.text])).toEqual([
      ['customer', '请问多久到货'],
      ['agent', '三天内送达'],
      ['customer', '请问多久到货'],
    ]);
  });

  it('never throws on a malformed selector or a host without a shadow root', () => {
    webComponentConsole();
    expect(queryRuleAll(document, '[[bad')).toEqual([]);
    expect(queryRule(document, { hosts: ['main'], selector: 'textarea' })).toBeNull();
    expect(hasRuleMatch(document.body, { hosts: ['support-app'], selector: ')(' })).toBe(false);
  });
});

describe('the rule format', () => {
  const base = {
    id: 'taught.x',
    name: 'x',
    matches: ['https://x.example.com/*'],
    messageList: 'ul',
    message: 'li',
    customerMessage: '.l',
    agentMessage: '.r',
    conversationId: {},
  };
  it('takes a CSS selector or a path of shadow hosts plus a selector, nothing else', () => {
    expect(siteRuleSchema.safeParse({ ...base, input: 'textarea' }).success).toBe(true);
    expect(
      siteRuleSchema.safeParse({ ...base, input: { hosts: ['app-shell', 'chat-box'], selector: 'textarea' } }).success,
    ).toBe(true);
    expect(siteRuleSchema.safeParse({ ...base, input: { hosts: [], selector: 'textarea' } }).success).toBe(false);
    expect(siteRuleSchema.safeParse({ ...base, input: { hosts: ['a'] } }).success).toBe(false);
    expect(siteRuleSchema.safeParse({ ...base, input: { hosts: Array(9).fill('a'), selector: 'b' } }).success).toBe(
      false,
    );
    expect(siteRuleSchema.safeParse({ ...base, input: ['a', 'b'] }).success).toBe(false);
  });
});

describe('the conversation list', () => {
  it('names conversations by their titles when its ids differ from the open conversation’s', () => {
    document.body.innerHTML = `
      <ul class="chats"><li class="chat" data-chat-id="1"><b class="nick">甲</b><i class="dot">0</i></li>
      <li class="chat" data-chat-id="2"><b class="nick">乙</b><i class="dot">3</i></li>
      <li class="chat" data-chat-id="3"><b class="nick">丙</b><i class="dot" hidden>1</i></li></ul>
      <header data-session-id="s-1"><h2 class="peer">甲</h2></header><ol class="log"><li class="in">你好</li></ol>`;
    const list = deriveConversationList(
      document.querySelector('.nick')!,
      document.querySelector('.nick')!,
      document.querySelectorAll('.dot')[1],
    )!;
    expect(list).toEqual({ item: '.chat', title: '.nick', unread: '.dot', idAttribute: 'data-chat-id' });
    const conversation = deriveConversation(document.querySelector('.peer')!, 'https://x.example.com/')!;
    expect(conversation.conversationId).toEqual({ selector: '[data-session-id]', attribute: 'data-session-id' });
    const rule = alignConversationIds(
      {
        id: 't',
        name: 't',
        matches: ['https://x.example.com/*'],
        input: 'textarea',
        messageList: '.log',
        message: 'li',
        customerMessage: '.in',
        agentMessage: '.out',
        ...conversation,
        conversationList: list,
      },
      document,
      'https://x.example.com/',
    );
    expect(rule.conversationId).toEqual({ selector: conversation.conversationTitle });
    expect(rule.conversationList).toEqual({ item: '.chat', title: '.nick', unread: '.dot' });
    // A badge that says 0, or that the console hides, is not unread.
    expect(readUnread(rule, document, '甲')).toEqual([{ conversationId: '乙', title: '乙', count: 3 }]);
  });
});
