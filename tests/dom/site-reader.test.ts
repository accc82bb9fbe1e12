import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHATWOOT_RULE,
  DEMO_CONSOLE_MARKER,
  DEMO_CONSOLE_RULE,
  GENERIC_RULE,
  isStaticConsoleOrigin,
  STATIC_CONSOLE_MATCHES,
  storeManifest,
} from '../../utils/sites/builtin';
import { matchPatternToRegExp, ruleForPage, rulesForUrl } from '../../utils/sites/match';
import { snapshot, watchConversation, type ConversationSnapshot } from '../../utils/sites/reader';

function consoleHtml(conversationId: string, messages: [string, 'customer' | 'agent' | 'system', number][]) {
  return `
    <header data-role="current-conversation" data-conversation-id="${conversationId}">王女士</header>
    <div data-role="message-list">
      ${messages.map(([id, from, at]) => `<div data-role="message" data-from="${from}" data-message-id="${id}" data-time="${at}"><span data-role="message-text">文字${id}</span></div>`).join('')}
    </div>
    <div data-role="composer" contenteditable="true"></div>`;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('choosing a rule', () => {
  it('matches patterns like the browser does, any port when none is given', () => {
    expect(matchPatternToRegExp('http://localhost/*').test('http://localhost:5174/?schedule=off')).toBe(true);
    expect(matchPatternToRegExp('https://*.example.com/*').test('https://work.example.com/chat')).toBe(true);
    expect(matchPatternToRegExp('https://*.example.com/*').test('https://example.com.evil.net/')).toBe(false);
    const demoPage = (selector: string) => selector === DEMO_CONSOLE_MARKER;
    expect(ruleForPage(rulesForUrl('http://127.0.0.1:5174/', [DEMO_CONSOLE_RULE, CHATWOOT_RULE]), demoPage)?.id).toBe(
      'builtin.demo-console',
    );
    expect(
      ruleForPage(
        rulesForUrl('https://app.chatwoot.com/app/accounts/1/conversations/42', [DEMO_CONSOLE_RULE, CHATWOOT_RULE]),
        () => false,
      )?.id,
    ).toBe('builtin.chatwoot');
    expect(rulesForUrl('https://qianniu.example/', [DEMO_CONSOLE_RULE, CHATWOOT_RULE])).toEqual([]);
  });

  it('gives the demo console rule only to a page that carries its marker, not to any local web app', () => {
    const candidates = rulesForUrl('http://localhost:3000/admin', [DEMO_CONSOLE_RULE, CHATWOOT_RULE, GENERIC_RULE]);
    expect(ruleForPage(candidates, () => false)?.id).toBe('builtin.generic');
    document.head.innerHTML = '<meta name="huashu-demo-console" content="1">';
    expect(ruleForPage(candidates, (s) => document.querySelector(s) !== null)?.id).toBe('builtin.demo-console');
    document.head.innerHTML = '';
  });
});

describe('what the manifest asks for', () => {
  const manifest = {
    permissions: ['storage', ...STATIC_CONSOLE_MATCHES],
    content_scripts: [{ matches: STATIC_CONSOLE_MATCHES, js: ['content-scripts/content.js'] }],
  };

  it('the store build has no access to localhost: only the built-in consoles', () => {
    const store = storeManifest(manifest);
    expect(store.content_scripts[0]!.matches).toEqual(['https://app.chatwoot.com/*']);
    expect(store.permissions).toEqual(['storage', 'https://app.chatwoot.com/*']);
    expect(JSON.stringify(store)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('"enable on this site" is not offered where the manifest already runs us, and is everywhere else', () => {
    expect(isStaticConsoleOrigin('http://127.0.0.1:5174', STATIC_CONSOLE_MATCHES)).toBe(true);
    expect(isStaticConsoleOrigin('http://127.0.0.1:5174', storeManifest(manifest).content_scripts[0]!.matches)).toBe(
      false,
    );
    expect(isStaticConsoleOrigin('https://app.chatwoot.com', STATIC_CONSOLE_MATCHES)).toBe(true);
    expect(isStaticConsoleOrigin('https://console.example.test', STATIC_CONSOLE_MATCHES)).toBe(false);
  });
});

describe('reading a conversation', () => {
  it('gives ids, senders and times of messages, skipping system notes', () => {
    const t = 1_795_540_000_000;
    document.body.innerHTML = consoleHtml('c1', [
      ['m1', 'customer', t],
      ['m2', 'system', t + 50],
      ['m3', 'agent', t + 100],
      ['m4', 'customer', t + 200],
    ]);
    expect(snapshot(DEMO_CONSOLE_RULE, document, 'http://localhost/')).toEqual({
      conversationId: 'c1',
      title: '王女士',
      messages: [
        { id: 'm1', from: 'customer', at: t },
        { id: 'm3', from: 'agent', at: t + 100 },
        { id: 'm4', from: 'customer', at: t + 200 },
      ],
    });
  });

  it('reads epoch seconds as seconds', () => {
    document.body.innerHTML = consoleHtml('c1', [['m1', 'customer', 1_795_540_000]]);
    expect(snapshot(DEMO_CONSOLE_RULE, document, 'http://localhost/')?.messages[0]?.at).toBe(1_795_540_000_000);
  });

  it('never carries message text in the snapshot', () => {
    document.body.innerHTML = consoleHtml('c1', [['m1', 'customer', 100]]);
    expect(JSON.stringify(snapshot(DEMO_CONSOLE_RULE, document, 'http://localhost/'))).not.toContain('文字');
  });

  it('takes the conversation id from the URL when the rule says so', () => {
    document.body.innerHTML =
      '<ul><li><div data-message-id="7" class="flex justify-start">hi</div></li><li><div data-message-id="8" class="flex justify-end">ok</div></li></ul>';
    const snap = snapshot(CHATWOOT_RULE, document, 'https://app.chatwoot.com/app/accounts/1/conversations/42');
    expect(snap?.conversationId).toBe('42');
    expect(snap?.messages.map((m) => [m.id, m.from])).toEqual([
      ['7', 'customer'],
      ['8', 'agent'],
    ]);
  });

  it('survives a malformed taught selector', () => {
    document.body.innerHTML = consoleHtml('c1', [['m1', 'customer', 100]]);
    expect(
      snapshot({ ...DEMO_CONSOLE_RULE, message: '[[[', customerMessage: '::bad' }, document, 'http://localhost/')
        ?.messages,
    ).toEqual([]);
  });
});

describe('the generic fallback', () => {
  it('reads a chat that follows the ARIA chat-log pattern, skipping unmarked messages', () => {
    document.head.innerHTML = '<title>客服 · 张先生</title>';
    document.body.innerHTML = `
      <div role="log">
        <div class="msg incoming" data-id="1">你好</div>
        <div class="msg">系统：会话已接入</div>
        <div class="msg outgoing">您好</div>
      </div><textarea></textarea>`;
    const rule = ruleForPage(
      rulesForUrl('https://work.example.com/chat/42?x=1', [DEMO_CONSOLE_RULE, CHATWOOT_RULE, GENERIC_RULE]),
      () => false,
    )!;
    expect(rule.id).toBe('builtin.generic');
    const snap = snapshot(rule, document, 'https://work.example.com/chat/42?x=1');
    expect(snap?.conversationId).toBe('https://work.example.com/chat/42');
    expect(snap?.title).toBe('客服 · 张先生');
    expect(snap?.messages.map((m) => m.from)).toEqual(['customer', 'agent']);
  });

  it('does nothing on a page without a chat log', () => {
    document.body.innerHTML = '<div class="msg incoming">你好</div><textarea></textarea>';
    expect(snapshot(GENERIC_RULE, document, 'https://work.example.com/')).toBeNull();
  });
});

describe('conversations not on screen', () => {
  it('reads unread badges from the list, not for the open conversation', () => {
    document.body.innerHTML = `
      <ul data-role="conversation-list">
        <li data-role="conversation" data-conversation-id="c1"><span data-role="conversation-title">王女士</span><span data-role="unread">2</span></li>
        <li data-role="conversation" data-conversation-id="c2"><span data-role="conversation-title">李先生</span></li>
        <li data-role="conversation" data-conversation-id="c3"><span data-role="conversation-title">小鹿</span><span data-role="unread">1</span></li>
      </ul>${consoleHtml('c3', [['m1', 'customer', 100]])}`;
    expect(snapshot(DEMO_CONSOLE_RULE, document, 'http://localhost/')?.unread).toEqual([
      { conversationId: 'c1', title: '王女士', count: 2 },
    ]);
  });
});

describe('watching', () => {
  let abort: AbortController;
  afterEach(() => abort.abort());

  it('reports new messages in one batch and conversation switches', async () => {
    document.body.innerHTML = consoleHtml('c1', [['m1', 'customer', 100]]);
    abort = new AbortController();
    const seen: ConversationSnapshot[] = [];
    watchConversation(
      DEMO_CONSOLE_RULE,
      document,
      () => 'http://localhost/',
      (s) => seen.push(s),
      abort.signal,
      10,
    );
    expect(seen).toHaveLength(1);
    const list = document.querySelector('[data-role="message-list"]')!;
    for (const id of ['m2', 'm3']) {
      list.insertAdjacentHTML(
        'beforeend',
        `<div data-role="message" data-from="agent" data-message-id="${id}" data-time="200"></div>`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(2);
    expect(seen[1]!.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);

    document.body.innerHTML = consoleHtml('c2', [['n1', 'customer', 500]]);
    await new Promise((r) => setTimeout(r, 1100));
    expect(seen.at(-1)!.conversationId).toBe('c2');
  });
});
