import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deriveConversation,
  deriveMessageSelectors,
  deriveSelector,
  previewRule,
  type MessageSelectors,
} from '../../utils/sites/derive-selector';
import { messageList, readMessages } from '../../utils/sites/reader';
import type { SiteRule } from '../../scripts-library/rule-schema';
import { queryRule, queryRuleAll, type RuleSelector } from '../../utils/sites/rule-selector';

type From = 'customer' | 'agent' | 'system';

/** A 10-message thread (plus a system note) with customer and agent interleaved irregularly. */
const THREAD: [From, string][] = [
  ['customer', '你好，我想问一下这件衬衫有没有 M 码'],
  ['agent', '亲，您好！M 码有货的哦'],
  ['customer', '什么时候发货？'],
  ['customer', '今天能发吗'],
  ['system', '客服 小美 接入会话'],
  ['agent', '今天下午五点前下单当天发货'],
  ['agent', '请问还有其他问题吗？'],
  ['customer', '好的，那我拍了'],
  ['agent', '感谢支持～'],
  ['customer', '地址写错了能改吗'],
  ['agent', '可以的，我帮您备注'],
];
const SENDERS = THREAD.filter(([from]) => from !== 'system').map(([from]) => from);

function ruleFrom(m: MessageSelectors, extra: Partial<SiteRule>): SiteRule {
  return {
    id: 'taught.test',
    name: '测试',
    matches: ['https://work.example.com/*'],
    input: 'textarea',
    conversationId: { urlPattern: 'x' },
    ...m,
    ...extra,
  };
}

/** Senders the reader sees on the page through the derived selectors, oldest first. */
function sendersRead(m: MessageSelectors): string[] {
  const rule = ruleFrom(m, {});
  const list = messageList(rule, document);
  expect(list).not.toBeNull();
  return readMessages(rule, list!).map((x) => x.from);
}

function matchesExactly(sel: RuleSelector | null | undefined, el: Element | null) {
  expect(sel).toBeTruthy();
  const found = queryRuleAll(document, sel!);
  expect(found.length).toBe(1);
  expect(found[0]).toBe(el);
}

// ---------------------------------------------------------------- fixtures

/** The bundled demo console: its real static markup, with messages rendered as console.js does. */
function demoConsole() {
  loadPage('index.html');
  const title = document.querySelector('[data-role="current-conversation"]')!;
  title.textContent = '王女士';
  title.setAttribute('data-conversation-id', 'c1');
  const list = document.querySelector('[data-role="message-list"]')!;
  THREAD.forEach(([from, text], i) => {
    const time = 1718000000000 + i * 60000;
    const bubble = `<div class="${from === 'system' ? 'system-text' : 'bubble'}" data-role="message-text">${text}</div>`;
    const inner =
      from === 'system'
        ? `${bubble}<time class="system-time">10:0${i}</time>`
        : `<span class="avatar avatar-sm${from === 'agent' ? ' avatar-agent' : ''}" aria-hidden="true">${from === 'agent' ? '美' : '王'}</span>
           <div class="msg-body"><div class="msg-meta"><span class="msg-name">${from === 'agent' ? '小美（0327）' : '王女士'}</span><time class="msg-time">10:0${i}</time></div>${bubble}</div>`;
    list.insertAdjacentHTML(
      'beforeend',
      `<div class="msg msg-${from}" data-role="message" data-from="${from}" data-message-id="m${i + 1}" data-time="${time}">${inner}</div>`,
    );
  });
}

function loadPage(file: string) {
  const html = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../demo-console', file), 'utf8');
  document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
}

/** Generated names that change with every build or render, from a seed. */
function hashes(seed: number) {
  let n = seed * 7919 + 17;
  const next = () => {
    n = (n * 48271) % 2147483647;
    return n;
  };
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const hash = () =>
    `${letters[next() % letters.length]}${next() % 10}${letters[next() % letters.length]}${next() % 10}`;
  const sc = () => `sc-${'AbCdEfGhJkMnPqRsTuVwXyZ'.slice(next() % 10, (next() % 10) + 5)}Q`;
  let id = seed * 100;
  return { hash, sc, rid: () => `:r${(id++).toString(36)}:` };
}

/**
 * A React + Tailwind console: generated classes and ids everywhere, customer and agent told apart
 * only by `justify-start` / `justify-end` (`mark: 'justify'`) or an `is-self` class, or by nothing
 * but which side the avatar is on (`mark: 'layout'`).
 */
function tailwindConsole(seed: number, mark: 'justify' | 'is-self' | 'layout') {
  const { hash, sc, rid } = hashes(seed);
  const row = (from: From, text: string) => {
    if (from === 'system')
      return `<div id="${rid()}" class="flex justify-center my-2 _sys_${hash()}"><span class="text-xs text-gray-400">${text}</span></div>`;
    const side =
      mark === 'justify'
        ? from === 'agent'
          ? 'justify-end'
          : 'justify-start'
        : mark === 'is-self' && from === 'agent'
          ? 'is-self'
          : '';
    const avatar = `<img class="w-8 h-8 rounded-full _avatar_${hash()}" src="data:," alt="">`;
    const bubble = `<div class="max-w-[70%] rounded-lg px-3 py-2 ${from === 'agent' ? 'bg-blue-500 text-white' : 'bg-gray-100'} _bubble_${hash()} ${sc()}">${text}</div>`;
    return `<div id="${rid()}" class="flex mb-4 gap-2 ${side} _row_${hash()} ${sc()}">${from === 'agent' ? bubble + avatar : avatar + bubble}</div>`;
  };
  document.body.innerHTML = `
    <div id="root"><div class="flex h-screen _app_${hash()}">
      <aside class="w-64 border-r overflow-y-auto _side_${hash()}">
        <ul>${['王女士', '李先生', '小鹿'].map((name) => `<li class="flex items-center gap-2 px-3 py-2 _item_${hash()}"><img class="w-8 h-8 rounded-full" src="data:," alt=""><div class="flex-1">${name}</div></li>`).join('')}</ul>
      </aside>
      <main class="flex flex-1 flex-col _main_${hash()}">
        <header class="flex items-center px-4 h-12 border-b _head_${hash()}"><h2 id="${rid()}" class="text-lg font-semibold _title_${hash()}">王女士</h2></header>
        <div class="flex-1 overflow-y-auto px-4 py-2 _list_${hash()} ${sc()}">${THREAD.map(([from, text]) => row(from, text)).join('')}</div>
        <div class="border-t p-3 _composer_${hash()}"><textarea id="${rid()}" class="w-full resize-none _input_${hash()}" rows="3"></textarea><button class="px-4 py-1 bg-blue-500 ${sc()}">发送</button></div>
      </main>
    </div></div>`;
  const rows = [...document.querySelectorAll('main > div:nth-of-type(1) > div')];
  const messageRows = rows.filter((_, i) => THREAD[i]![0] !== 'system');
  return {
    textarea: document.querySelector('textarea')!,
    title: document.querySelector('h2')!,
    rows,
    customerBubble: messageRows[0]!.querySelector('div')!,
    agentBubble: messageRows[1]!.querySelector('div')!,
  };
}

/** A Qianniu-like console: BEM classes, text three levels inside the bubble, epoch-second times. */
function nestedConsole() {
  document.body.innerHTML = `
    <div class="im-container">
      <div class="im-header"><span class="im-header__nick" data-buyer-nick="tb_wang88">王女士</span></div>
      <ul class="chat-list">
        ${THREAD.map(([from, text], i) =>
          from === 'system'
            ? `<li class="chat-tip">${text}</li>`
            : `<li class="chat-item chat-item--${from === 'agent' ? 'right' : 'left'}" data-msgid="${9000 + i}" data-ts="${1718000000 + i * 60}">
                <div class="chat-avatar"></div>
                <div class="chat-content">
                  <div class="chat-nick">${from === 'agent' ? '小美' : '王女士'}</div>
                  <div class="chat-bubble"><div><div><span>${text}</span></div></div></div>
                  <div class="chat-status"><span>已读</span></div>
                </div>
              </li>`,
        ).join('')}
      </ul>
      <div class="editor-wrap"><div class="ql-editor" contenteditable="true" data-placeholder="请输入"><p><br></p></div></div>
    </div>`;
  const spans = [...document.querySelectorAll('.chat-bubble span')];
  return { customerText: spans[0]!, agentText: spans[1]! };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

// ---------------------------------------------------------------- deriveSelector

describe('deriveSelector', () => {
  it('prefers stable hooks and skips generated ids and classes', () => {
    document.body.innerHTML = `
      <div id=":r1:" class="_wrap_1x2yz sc-bdfBwQ">
        <div id="chat-input" class="css-1abcd">a</div>
        <div id="ember123" data-testid="reply-box" class="flex mb-4">b</div>
        <textarea id="el-id-1234-5" aria-label="输入回复内容" class="w-full px-2 _input_9k3j"></textarea>
        <input name="keyword" class="search-box sc-AxjAm">
        <div class="msg-list flex">c</div>
      </div>`;
    const [byId, byTestId, byLabel, byName, byClass] = [
      '#chat-input',
      '[data-testid]',
      'textarea',
      'input',
      '.msg-list',
    ].map((s) => document.querySelector(s)!);
    expect(deriveSelector(byId!)).toBe('#chat-input');
    expect(deriveSelector(byTestId!)).toBe('[data-testid="reply-box"]');
    expect(deriveSelector(byLabel!)).toBe('[aria-label="输入回复内容"]');
    expect(deriveSelector(byName!)).toBe('[name="keyword"]');
    expect(deriveSelector(byClass!)).toBe('.msg-list');
  });

  it('climbs to an ancestor with a hook when the element has none of its own', () => {
    document.body.innerHTML = `
      <section data-role="composer"><div class="flex _a_x8k2"><textarea class="w-full"></textarea></div></section>
      <section data-role="search"><div class="flex"><textarea class="w-full"></textarea></div></section>`;
    const target = document.querySelectorAll('textarea')[0]!;
    const sel = deriveSelector(target);
    expect(sel).toBe('[data-role="composer"] textarea');
    matchesExactly(sel, target);
  });

  it('falls back to :nth-of-type, still unique', () => {
    document.body.innerHTML = `<div class="flex"><div class="p-2"><span>a</span><span>b</span></div><div class="p-2"><span>c</span><span>d</span></div></div>`;
    const target = document.querySelectorAll('span')[3]!;
    const sel = deriveSelector(target);
    expect(sel).toContain(':nth-of-type');
    matchesExactly(sel, target);
  });

  it('does not use a label taken from the content', () => {
    document.body.innerHTML = `<h2 aria-label="王女士" class="title-main">王女士</h2><h2 aria-label="李先生">李先生</h2>`;
    expect(deriveSelector(document.querySelector('h2')!)).toBe('.title-main');
  });

  it('copes with SVG, detached nodes and shadow roots', () => {
    document.body.innerHTML = `<button data-role="send"><svg viewBox="0 0 10 10"><path d="M0 0h10"></path></svg></button><div id="host"></div>`;
    const path = document.querySelector('path')!;
    matchesExactly(deriveSelector(path), path);

    expect(deriveSelector(document.createElement('div'))).toBeNull();

    const shadow = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div class="inner-editor" contenteditable="true"></div>';
    const inner = shadow.querySelector('div')!;
    expect(deriveSelector(inner)).toBeNull(); // the document cannot see into it
    expect(deriveSelector(inner, shadow)).toBe('.inner-editor');
  });
});

// ---------------------------------------------------------------- the demo console

describe('teaching the demo console', () => {
  it('derives what the built-in rule says', () => {
    demoConsole();
    const bubbles = [...document.querySelectorAll('[data-role="message-text"]')];
    const m = deriveMessageSelectors(bubbles[0]!, bubbles[1]!);
    expect(m).toEqual({
      messageList: '[data-role="message-list"]',
      message: '[data-role="message"]',
      customerMessage: '[data-from="customer"]',
      agentMessage: '[data-from="agent"]',
      messageText: '[data-role="message-text"]',
      messageIdAttribute: 'data-message-id',
      messageTimeAttribute: 'data-time',
    });
    expect(sendersRead(m as MessageSelectors)).toEqual(SENDERS);

    expect(deriveSelector(document.querySelector('.composer')!)).toBe('[data-role="composer"]');
    expect(deriveSelector(document.querySelector('.send')!)).toBe('[data-role="send"]');
    expect(deriveConversation(document.querySelector('.chat-name')!, 'http://localhost:5174/')).toEqual({
      conversationTitle: '[data-role="current-conversation"]',
      conversationId: { selector: '[data-role="current-conversation"]', attribute: 'data-conversation-id' },
    });
  });

  it('climbs from anywhere inside a message to the message', () => {
    demoConsole();
    const names = [...document.querySelectorAll('.msg-name')];
    const m = deriveMessageSelectors(names[0]!, document.querySelectorAll('.avatar-agent')[0]!) as MessageSelectors;
    expect(m.message).toBe('[data-role="message"]');
    expect(m.customerMessage).toBe('[data-from="customer"]');
    expect(sendersRead(m)).toEqual(SENDERS);
  });

  it('previews what the taught rule finds', () => {
    demoConsole();
    const bubbles = [...document.querySelectorAll('[data-role="message-text"]')];
    const m = deriveMessageSelectors(bubbles[0]!, bubbles[1]!) as MessageSelectors;
    const conversation = deriveConversation(document.querySelector('.chat-name')!, 'http://localhost/')!;
    const rule = ruleFrom(m, { input: deriveSelector(document.querySelector('.composer')!)!, ...conversation });
    expect(previewRule(rule, document, 'http://localhost/')).toEqual({
      inputFound: true,
      messages: 11,
      customer: 5,
      agent: 5,
      conversationId: 'c1',
      title: '王女士',
    });
    expect(previewRule({ ...rule, input: '#nope', message: '[[bad' }, document, 'http://localhost/')).toEqual({
      inputFound: false,
      messages: 0,
      customer: 0,
      agent: 0,
      conversationId: 'c1',
      title: '王女士',
    });
  });
});

// ---------------------------------------------------------------- generated-class consoles

describe('teaching a Tailwind console with generated names', () => {
  for (const mark of ['justify', 'is-self', 'layout'] as const) {
    it(`tells customer from agent on every message (${mark}) and survives a re-render`, () => {
      const first = tailwindConsole(1, mark);
      const m = deriveMessageSelectors(first.customerBubble, first.agentBubble) as MessageSelectors;
      expect(m).not.toHaveProperty('error');
      const all = JSON.stringify(m);
      expect(all).not.toMatch(/_row_|_bubble_|sc-|:r/); // nothing generated
      if (mark === 'justify') expect([m.customerMessage, m.agentMessage]).toEqual(['.justify-start', '.justify-end']);
      if (mark === 'is-self') expect(m.agentMessage).toBe('.is-self');
      expect(m.messageIdAttribute).toBeUndefined(); // React's :rN: ids change with every render
      expect(sendersRead(m)).toEqual(SENDERS);
      const input = deriveSelector(first.textarea)!;
      matchesExactly(input, first.textarea);

      // Same markup, new build: every generated class and id is different.
      const second = tailwindConsole(2, mark);
      expect(document.body.innerHTML).not.toContain(first.rows[0]!.className);
      expect(sendersRead(m)).toEqual(SENDERS);
      matchesExactly(input, second.textarea);
      const list = queryRule(document, m.messageList)!;
      expect([...list.querySelectorAll(m.message)]).toEqual(second.rows);
    });
  }

  it('keeps the conversation list out of the messages', () => {
    const page = tailwindConsole(3, 'justify');
    const m = deriveMessageSelectors(page.customerBubble, page.agentBubble) as MessageSelectors;
    const list = queryRule(document, m.messageList)!;
    expect(list.querySelectorAll(m.message)).toHaveLength(THREAD.length);
    expect(list.querySelector('li')).toBeNull();
  });

  it('takes the conversation id from the URL when the page has none', () => {
    const page = tailwindConsole(4, 'justify');
    const conversation = deriveConversation(page.title, 'https://work.example.com/im/chat?sessionId=88231&tab=1')!;
    expect(conversation.conversationId).toEqual({ urlPattern: '[?&]sessionId=([^&#]+)' });
    matchesExactly(conversation.conversationTitle!, page.title);
    expect(deriveConversation(page.title, 'https://work.example.com/app/conversations/42')!.conversationId).toEqual({
      urlPattern: '/conversations/([^/?#]+)',
    });
    // Neither: the title's text identifies the conversation.
    expect(deriveConversation(page.title, 'https://work.example.com/shop/12345/im')!.conversationId).toEqual({
      selector: conversation.conversationTitle,
    });

    const m = deriveMessageSelectors(page.customerBubble, page.agentBubble) as MessageSelectors;
    const rule = ruleFrom(m, { input: deriveSelector(page.textarea)!, ...conversation });
    expect(previewRule(rule, document, 'https://work.example.com/im/chat?sessionId=88231')).toEqual({
      inputFound: true,
      messages: THREAD.length,
      customer: 5,
      agent: 5,
      conversationId: '88231',
      title: '王女士',
    });
  });
});

describe('teaching other console shapes', () => {
  it('finds text nested three levels inside the bubble, BEM sides, ids and epoch-second times', () => {
    const { customerText, agentText } = nestedConsole();
    const m = deriveMessageSelectors(customerText, agentText) as MessageSelectors;
    expect(m).toEqual({
      messageList: '.chat-list',
      message: '.chat-item',
      customerMessage: '.chat-item--left',
      agentMessage: '.chat-item--right',
      messageText: '.chat-bubble span',
      messageIdAttribute: 'data-msgid',
      messageTimeAttribute: 'data-ts',
    });
    expect(sendersRead(m)).toEqual(SENDERS);
    const items = [...document.querySelectorAll(m.message)];
    expect(items.map((el) => queryRule(el, m.messageText)?.textContent)).toEqual(
      THREAD.filter(([f]) => f !== 'system').map(([, t]) => t),
    );

    expect(deriveSelector(document.querySelector('.ql-editor')!)).toBe('[data-placeholder="请输入"]');
    expect(deriveConversation(document.querySelector('.im-header__nick')!, 'https://qn.example.com/')).toEqual({
      conversationTitle: '.im-header__nick',
      conversationId: { selector: '.im-header__nick', attribute: 'data-buyer-nick' },
    });
  });

  it('teaches the unknown console page used by the end-to-end tests', () => {
    loadPage('other-console.html');
    const spans = [...document.querySelectorAll('.bubble span')];
    const m = deriveMessageSelectors(spans[0]!, spans[1]!) as MessageSelectors;
    expect(m.message).toBe('.msg-row');
    expect(m.agentMessage).toBe('.is-self');
    expect(m.messageText).toBe('.bubble span');
    expect(JSON.stringify(m)).not.toMatch(/sc-msgs|_main_|:r7:/);
    matchesExactly(m.messageList, document.querySelector('.sc-msgs-Xy12'));
    expect(sendersRead(m)).toEqual(['customer', 'agent']);
    expect(deriveSelector(document.querySelector('textarea')!)).toBe('[placeholder="输入回复…"]');
    expect(deriveSelector(document.querySelector('.send-btn')!)).toBe('.send-btn');
    expect(
      deriveConversation(document.querySelector('.chat-header .name')!, 'http://127.0.0.1:5174/other-console.html'),
    ).toEqual({
      conversationTitle: '.name',
      conversationId: { selector: '.name' },
    });
  });

  it('uses the wrapped element carrying the message id (Chatwoot)', () => {
    document.body.innerHTML = `<ul class="conversation-panel">${THREAD.map(
      ([from, text], i) =>
        `<li><div data-message-id="${100 + i}" class="flex ${from === 'agent' ? 'justify-end' : from === 'customer' ? 'justify-start' : 'justify-center'}"><div class="message-bubble"><p>${text}</p></div></div></li>`,
    ).join('')}</ul>`;
    const ps = [...document.querySelectorAll('p')];
    const m = deriveMessageSelectors(ps[0]!, ps[1]!) as MessageSelectors;
    expect(m.message).toBe('[data-message-id]');
    expect([m.customerMessage, m.agentMessage]).toEqual(['.justify-start', '.justify-end']);
    expect(m.messageIdAttribute).toBe('data-message-id');
    expect(m.messageList).toBe('.conversation-panel');
    expect(sendersRead(m)).toEqual(SENDERS);
  });

  it('widens the list to all day groups when both messages are in one', () => {
    document.body.innerHTML = `<div class="thread">${[0, 1]
      .map(
        (day) =>
          `<section class="day-group">${THREAD.slice(day * 5, day * 5 + 5)
            .map(([from, text]) => `<div class="msg" data-sender="${from}">${text}</div>`)
            .join('')}</section>`,
      )
      .join('')}</div>`;
    const msgs = [...document.querySelectorAll('.msg')];
    const m = deriveMessageSelectors(msgs[0]!, msgs[1]!) as MessageSelectors;
    expect(m.messageList).toBe('.thread');
    expect([m.customerMessage, m.agentMessage]).toEqual(['[data-sender="customer"]', '[data-sender="agent"]']);
    expect(document.querySelector('.thread')!.querySelectorAll(m.message)).toHaveLength(10);
  });

  it('says why when it cannot', () => {
    demoConsole();
    const bubble = document.querySelector('.bubble')!;
    expect(deriveMessageSelectors(bubble, bubble)).toEqual({ error: 'same-message' });
    expect(deriveMessageSelectors(bubble, bubble.closest('[data-role="message"]')!)).toEqual({ error: 'same-message' });
    expect(deriveMessageSelectors(document.createElement('div'), bubble)).toEqual({ error: 'not-in-page' });
    // Two customer messages: nothing tells them apart as senders.
    const customers = [...document.querySelectorAll('[data-from="customer"] .bubble')];
    expect(deriveMessageSelectors(customers[0]!, customers[1]!)).toEqual({ error: 'no-sender-difference' });
  });
});
