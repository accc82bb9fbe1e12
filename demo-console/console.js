// Demo agent workbench (客服工作台) for 话术助手: a fake chat console served on
// localhost for `npm start` and the end-to-end tests.
//
// It behaves like a framework-driven console on purpose: the draft of each
// conversation lives in the model below and is updated ONLY from `input`
// events on the composer. Sending posts the model's text, not the DOM's, so
// an inserter that changes the DOM without firing `input` is caught exactly
// as it would be on a real React/Vue console.
//
// Query parameters:
//   ?schedule=off  no simulated customer messages at all (tests use this)
//   ?speed=10      the schedule runs 10× faster
//   ?seed=N        deterministic schedule (which customer, which text, when)
//
// Test hooks — window.demoConsole:
//   pushCustomerMessage(conversationId, text) → message id
//       appends a customer message now; bumps the unread badge unless that
//       conversation is open (then it is appended to the thread).
//   getDraft()                 → the model's draft text of the open conversation
//   getMessages(conversationId) → [{ id, from, text, time }] from the model
//                                 (defaults to the open conversation)
//   openConversation(id)       → opens a conversation (saves/restores drafts)
//   currentConversationId()    → id of the open conversation

import { AGENT, CUSTOMERS, GENERIC_NUDGES } from './customers.js';

const MINUTE = 60_000;
const WARN_AFTER_MS = 1 * MINUTE;
const OVERDUE_AFTER_MS = 3 * MINUTE; // the common "3-minute reply rate"

// ---------------------------------------------------------------- options

const params = new URLSearchParams(location.search);
const scheduleEnabled = params.get('schedule') !== 'off';
const speed = positiveNumber(params.get('speed'), 1);
const seed =
  params.has('seed') && Number.isFinite(Number(params.get('seed')))
    ? Number(params.get('seed')) >>> 0
    : (Math.random() * 2 ** 32) >>> 0;

function positiveNumber(value, fallback) {
  const n = Number(value);
  return value !== null && Number.isFinite(n) && n > 0 ? n : fallback;
}

// ------------------------------------------------------------------ model

/** @type {Map<string, Conversation>} */
const conversations = new Map();
/** Conversation ids in list order (newcomers go on top). */
const order = [];
let currentId = null;
let messageSeq = 0;

/**
 * @typedef {{ url: string, name: string }} Picture
 * @typedef {{ id: string, from: 'customer'|'agent'|'system', text: string, time: number, images?: Picture[] }} Message
 * @typedef {{ info: object, messages: Message[], draft: string, attachments: Picture[], unread: number,
 *             pending: string[] }} Conversation
 */

function createConversation(info, now) {
  const conv = { info, messages: [], draft: '', attachments: [], unread: 0, pending: [...(info.followUps ?? [])] };
  for (const h of info.history) {
    conv.messages.push(newMessage(h.from, h.text, now - Math.round(h.minutesAgo * MINUTE)));
  }
  // Customer messages after the agent's last reply have not been read yet.
  conv.unread = trailingCustomerMessages(conv).length;
  return conv;
}

function newMessage(from, text, time, images) {
  messageSeq += 1;
  return { id: `m${messageSeq}`, from, text, time, ...(images?.length ? { images } : {}) };
}

function trailingCustomerMessages(conv) {
  const out = [];
  for (let i = conv.messages.length - 1; i >= 0; i -= 1) {
    const m = conv.messages[i];
    if (m.from === 'agent') break;
    if (m.from === 'customer') out.unshift(m);
  }
  return out;
}

/** Time the customer has been waiting for a reply, or null when answered. */
function waitingSince(conv) {
  return trailingCustomerMessages(conv)[0]?.time ?? null;
}

function lastVisibleMessage(conv) {
  for (let i = conv.messages.length - 1; i >= 0; i -= 1) {
    if (conv.messages[i].from !== 'system') return conv.messages[i];
  }
  return null;
}

function addMessage(conv, from, text, time = Date.now(), images = []) {
  const msg = newMessage(from, text, time, images);
  conv.messages.push(msg);
  if (conv.info.id === currentId) {
    appendMessageElement(msg, conv);
    scrollThreadToEnd();
  } else if (from === 'customer') {
    conv.unread += 1;
  }
  updateConversationItem(conv);
  updateHeaderWaiting();
  updateTitle();
  return msg;
}

// --------------------------------------------------------- editable → text

const BLOCK_TAGS = new Set([
  'DIV',
  'P',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TABLE',
  'TR',
]);

/**
 * Plain text of a contenteditable, the way the agent sees it:
 * `<div>`/`<p>` blocks and `<br>` are line breaks (never doubled), a trailing
 * placeholder `<br>` adds nothing, `&nbsp;` is a space.
 *
 * Lines model: a `<br>` (or a literal "\n" where pre-wrap renders it) ends the
 * current line; a block boundary ends it only if it has content, so
 * `a<div>b</div>`, `<div>a</div><div>b</div>` and `<div>a<br></div><div>b</div>`
 * are all "a\nb", while `a<div><br></div><div>b</div>` is "a\n\nb".
 */
function textFromEditable(root) {
  // A literal "\n" is a line break only where CSS preserves it; elsewhere the
  // agent sees a space (as innerText would report).
  const newlineBreaks = /^(pre|pre-wrap|pre-line|break-spaces)\b/.test(getComputedStyle(root).whiteSpace);
  const lines = [];
  let line = '';
  let open = false;
  const endLine = () => {
    lines.push(line);
    line = '';
    open = false;
  };
  const endBlock = () => {
    if (open) endLine();
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        let data = child.data.replace(/[\u200b\ufeff]/g, '').replace(/\u00a0/g, ' ');
        if (!newlineBreaks) data = data.replace(/\r?\n/g, ' ');
        const parts = data.split('\n');
        parts.forEach((part, i) => {
          if (i > 0) endLine();
          if (part) {
            line += part;
            open = true;
          }
        });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName;
        if (tag === 'BR') {
          endLine();
        } else if (tag === 'IMG') {
          const alt = child.getAttribute('alt');
          if (alt) {
            line += alt;
            open = true;
          }
        } else if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'TEMPLATE') {
          const block = BLOCK_TAGS.has(tag);
          if (block) endBlock();
          walk(child);
          if (block) endBlock();
        }
      }
    }
  };
  walk(root);
  if (open) lines.push(line);
  return lines.join('\n');
}

/** The inverse, used to restore a saved draft: lines joined by `<br>`. */
function setComposerText(text) {
  const nodes = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    if (i > 0) nodes.push(document.createElement('br'));
    // Spaces the normal white-space would collapse are kept as &nbsp;.
    if (l) nodes.push(document.createTextNode(l.replace(/^ | $| (?= )/g, '\u00a0')));
  });
  // An empty last line needs a placeholder <br> to be rendered.
  if (text && lines[lines.length - 1] === '') nodes.push(document.createElement('br'));
  composer.replaceChildren(...nodes);
}

// ---------------------------------------------------------------- the DOM

const $ = (selector) => document.querySelector(selector);
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const listEl = $('[data-role="conversation-list"]');
const countEl = $('[data-role="conversation-count"]');
const searchEl = $('[data-role="conversation-search"]');
const headerNameEl = $('[data-role="current-conversation"]');
const headerLevelEl = $('[data-role="current-level"]');
const headerWaitEl = $('[data-role="current-waiting"]');
const headerSourceEl = $('[data-role="current-source"]');
const threadEl = $('[data-role="message-list"]');
const composer = $('[data-role="composer"]');
const sendButton = $('[data-role="send"]');
const draftLengthEl = $('[data-role="draft-length"]');
const attachmentsEl = $('[data-role="attachments"]');

/** @type {Map<string, { root: HTMLElement, last: HTMLElement, time: HTMLElement, wait: HTMLElement, badgeSlot: HTMLElement }>} */
const itemEls = new Map();

const AVATAR_COLOURS = ['#4f7cff', '#f08a24', '#19a974', '#d9485f', '#8e5cf7', '#0fa5b7', '#c4912b', '#5b6b82'];

function avatarFor(nickname) {
  let hash = 0;
  for (const ch of nickname) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return { initial: Array.from(nickname)[0] ?? '?', colour: AVATAR_COLOURS[hash % AVATAR_COLOURS.length] };
}

function fillAvatar(node, nickname) {
  const { initial, colour } = avatarFor(nickname);
  node.textContent = initial.toUpperCase();
  node.style.background = colour;
}

const pad = (n) => String(n).padStart(2, '0');
function clock(time, withSeconds) {
  const d = new Date(time);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withSeconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}
function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

function createConversationItem(conv) {
  const { id, nickname, memberLevel } = conv.info;
  const root = el('li', 'conv');
  root.dataset.role = 'conversation';
  root.dataset.conversationId = id;
  root.setAttribute('role', 'option');
  root.setAttribute('aria-selected', 'false');
  root.tabIndex = 0;

  const avatar = el('span', 'avatar');
  avatar.setAttribute('aria-hidden', 'true');
  fillAvatar(avatar, nickname);

  const main = el('div', 'conv-main');
  const row1 = el('div', 'conv-row');
  const title = el('span', 'conv-title', nickname);
  title.dataset.role = 'conversation-title';
  const time = el('time', 'conv-time');
  row1.append(title, time);

  const row2 = el('div', 'conv-row');
  const last = el('span', 'conv-preview');
  last.dataset.role = 'last-message';
  const badgeSlot = el('span', 'badge-slot');
  row2.append(last, badgeSlot);

  const row3 = el('div', 'conv-row conv-row-meta');
  const wait = el('span', 'wait-pill');
  wait.dataset.role = 'waiting';
  const level = el('span', 'conv-level', memberLevel);
  row3.append(wait, level);

  main.append(row1, row2, row3);
  root.append(avatar, main);
  itemEls.set(id, { root, last, time, wait, badgeSlot });
  return root;
}

function updateConversationItem(conv) {
  const refs = itemEls.get(conv.info.id);
  if (!refs) return;
  const active = conv.info.id === currentId;
  refs.root.classList.toggle('active', active);
  refs.root.setAttribute('aria-selected', String(active));

  const last = lastVisibleMessage(conv);
  // "我：" for the agent's own replies comes from CSS so the hook holds only the text.
  refs.last.textContent = last ? last.text.replace(/\s*\n\s*/g, ' ') : '';
  refs.last.classList.toggle('from-agent', last?.from === 'agent');
  refs.time.textContent = last ? clock(last.time) : '';
  if (last) refs.time.dateTime = new Date(last.time).toISOString();

  // The unread badge is absent (not just empty) when there is nothing unread.
  const badge = refs.badgeSlot.querySelector('[data-role="unread"]');
  if (conv.unread > 0) {
    const node = badge ?? refs.badgeSlot.appendChild(el('span', 'badge'));
    node.dataset.role = 'unread';
    node.textContent = String(conv.unread);
    node.title = `${conv.unread} 条未读`;
  } else {
    badge?.remove();
  }
  updateWaiting(refs.wait, conv);
}

function updateWaiting(node, conv, now = Date.now()) {
  const since = waitingSince(conv);
  if (since === null) {
    node.hidden = true;
    node.textContent = '';
    node.classList.remove('is-warning', 'is-overdue');
    return;
  }
  const waited = now - since;
  node.hidden = false;
  node.textContent = `等待 ${duration(waited)}`;
  node.classList.toggle('is-warning', waited >= WARN_AFTER_MS && waited < OVERDUE_AFTER_MS);
  node.classList.toggle('is-overdue', waited >= OVERDUE_AFTER_MS);
}

function updateHeaderWaiting() {
  const conv = conversations.get(currentId);
  if (conv) updateWaiting(headerWaitEl, conv);
}

function appendMessageElement(msg, conv) {
  const row = el('div', `msg msg-${msg.from}`);
  row.dataset.role = 'message';
  row.dataset.from = msg.from;
  row.dataset.messageId = msg.id;
  row.dataset.time = String(msg.time);

  const text = el('div', msg.from === 'system' ? 'system-text' : 'bubble', msg.text);
  text.dataset.role = 'message-text';
  if (msg.images) {
    const pictures = el('div', 'msg-images');
    for (const p of msg.images) pictures.append(pictureElement(p, 'message-image'));
    text.append(pictures);
  }

  if (msg.from === 'system') {
    const time = el('time', 'system-time', clock(msg.time, true));
    row.append(text, time);
  } else {
    const name = msg.from === 'agent' ? `${AGENT.name}（${AGENT.workId}）` : conv.info.nickname;
    const avatar = el('span', 'avatar avatar-sm');
    avatar.setAttribute('aria-hidden', 'true');
    if (msg.from === 'agent') {
      avatar.classList.add('avatar-agent');
      avatar.textContent = AGENT.avatar;
    } else {
      fillAvatar(avatar, conv.info.nickname);
    }
    const body = el('div', 'msg-body');
    const meta = el('div', 'msg-meta');
    const time = el('time', 'msg-time', clock(msg.time, true));
    time.dateTime = new Date(msg.time).toISOString();
    meta.append(el('span', 'msg-name', name), time);
    body.append(meta, text);
    row.append(avatar, body);
  }
  threadEl.append(row);
}

function pictureElement(picture, role) {
  const img = el('img', 'picture');
  img.src = picture.url;
  img.alt = picture.name;
  img.dataset.role = role;
  return img;
}

/** Pictures pasted into the composer, waiting to go with the next message (like a console's upload tray). */
function renderAttachments(conv) {
  attachmentsEl.replaceChildren(...conv.attachments.map((p) => pictureElement(p, 'attachment')));
  attachmentsEl.hidden = conv.attachments.length === 0;
}

function scrollThreadToEnd() {
  threadEl.scrollTop = threadEl.scrollHeight;
}

function renderThread(conv) {
  threadEl.replaceChildren();
  for (const msg of conv.messages) appendMessageElement(msg, conv);
  scrollThreadToEnd();
}

function setText(role, text) {
  $(`[data-role="${role}"]`).textContent = text;
}

function renderCustomerPanel(conv) {
  const i = conv.info;
  fillAvatar($('[data-role="customer-avatar"]'), i.nickname);
  setText('customer-name', i.nickname);
  setText('member-level', i.memberLevel);
  setText('customer-type', i.customerType);
  setText('customer-phone', i.phone);
  setText('customer-source', i.source);
  setText('order-id', i.orderId || '暂无订单');
  setText('order-status', i.orderStatus);
  $('[data-role="order-status"]').dataset.status = i.orderStatus;
  setText('product', i.product);
  setText('order-amount', i.amount || '—');
  setText('receiver', i.receiver ? `${i.receiver}  ${i.phone}` : '—');
  setText('address', i.address || '—');
}

function renderHeader(conv) {
  headerNameEl.textContent = conv.info.nickname;
  headerNameEl.dataset.conversationId = conv.info.id;
  headerLevelEl.textContent = conv.info.memberLevel;
  headerSourceEl.textContent = `来自「${conv.info.source}」`;
  updateHeaderWaiting();
}

function updateDraftLength(conv) {
  const n = Array.from(conv.draft).length;
  draftLengthEl.textContent = n ? `${n} 字` : '';
}

function updateTitle() {
  let unread = 0;
  for (const c of conversations.values()) unread += c.unread;
  document.title = `${unread ? `(${unread}) ` : ''}客服工作台 · 话术助手演示`;
  countEl.textContent = String(order.length);
}

function placeCaretAtEnd() {
  const range = document.createRange();
  range.selectNodeContents(composer);
  range.collapse(false);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

// ---------------------------------------------------------------- actions

function openConversation(id) {
  const conv = conversations.get(id);
  if (!conv) throw new Error(`unknown conversation: ${id}`);
  if (id !== currentId) {
    // The old conversation's draft is already in the model (kept current by
    // `input` events); the composer now shows the new one's.
    const previous = conversations.get(currentId);
    currentId = id;
    if (previous) updateConversationItem(previous);
    conv.unread = 0;
    updateConversationItem(conv);
    renderHeader(conv);
    renderThread(conv);
    renderCustomerPanel(conv);
    setComposerText(conv.draft);
    renderAttachments(conv);
    updateDraftLength(conv);
    updateTitle();
  }
  composer.focus();
  placeCaretAtEnd();
}

function sendDraft() {
  const conv = conversations.get(currentId);
  if (!conv) return;
  const text = conv.draft.trim();
  if (!text && !conv.attachments.length) return;
  addMessage(conv, 'agent', text, Date.now(), conv.attachments);
  conv.draft = '';
  conv.attachments = [];
  renderAttachments(conv);
  composer.replaceChildren();
  updateDraftLength(conv);
  composer.focus();
}

function joinConversation(info, now = Date.now()) {
  const conv = createConversation(info, now);
  conversations.set(info.id, conv);
  order.unshift(info.id);
  listEl.prepend(createConversationItem(conv));
  updateConversationItem(conv);
  applySearch();
  updateTitle();
  return conv;
}

function applySearch() {
  const q = searchEl.value.trim().toLowerCase();
  for (const [id, refs] of itemEls) {
    const { nickname, orderId } = conversations.get(id).info;
    refs.root.hidden = q !== '' && !nickname.toLowerCase().includes(q) && !orderId.includes(q);
  }
}

// ------------------------------------------------------------- listeners

composer.addEventListener('input', (event) => {
  const conv = conversations.get(currentId);
  if (!conv) return;
  conv.draft = textFromEditable(composer);
  // Chrome leaves a lone <br> behind when everything is deleted; drop it so
  // the CSS :empty placeholder comes back (never while an IME is composing).
  if (conv.draft === '' && !event.isComposing && composer.firstChild && composer.textContent === '') {
    composer.replaceChildren();
  }
  updateDraftLength(conv);
});

composer.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  // Enter that confirms an IME candidate must never send.
  if (event.isComposing || event.keyCode === 229) return;
  if (event.shiftKey) return; // the browser inserts the line break
  event.preventDefault();
  sendDraft();
});

// Like most real consoles, pasting drops formatting: the clipboard's plain
// text goes in through insertText, which fires `input` like typing does.
// Pasted pictures become attachments sent with the next message.
composer.addEventListener('paste', (event) => {
  const conv = conversations.get(currentId);
  const pictures = [...(event.clipboardData?.files ?? [])].filter((f) => /^image\/(png|jpeg|webp|gif)$/.test(f.type));
  const text = event.clipboardData?.getData('text/plain');
  if (!pictures.length && !text) return;
  event.preventDefault();
  if (conv && pictures.length) {
    conv.attachments.push(...pictures.map((f) => ({ url: URL.createObjectURL(f), name: f.name })));
    renderAttachments(conv);
  }
  if (text) document.execCommand('insertText', false, text.replace(/\r\n?/g, '\n'));
});

sendButton.addEventListener('click', sendDraft);

listEl.addEventListener('click', (event) => {
  const item = event.target.closest('[data-role="conversation"]');
  if (item) openConversation(item.dataset.conversationId);
});
listEl.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const item = event.target.closest('[data-role="conversation"]');
  if (!item) return;
  event.preventDefault();
  openConversation(item.dataset.conversationId);
});

searchEl.addEventListener('input', applySearch);

// ---------------------------------------------------------------- schedule

/** Small seeded PRNG (mulberry32) so `?seed=N` replays the same day. */
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startSchedule(latecomers) {
  const random = mulberry32(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  let step = 0;

  const fire = () => {
    const arriving = latecomers.find((info) => info.arrivesAtStep === step);
    if (arriving) {
      joinConversation(arriving);
      return;
    }
    const withPending = order.map((id) => conversations.get(id)).filter((c) => c.pending.length > 0);
    if (withPending.length > 0) {
      const conv = pick(withPending);
      addMessage(conv, 'customer', conv.pending.shift());
    } else {
      addMessage(conversations.get(pick(order)), 'customer', pick(GENERIC_NUDGES));
    }
  };

  const next = () => {
    const delay = (20_000 + random() * 40_000) / speed;
    setTimeout(() => {
      fire();
      step += 1;
      next();
    }, delay);
  };
  next();
}

// ------------------------------------------------------------------ start

setText('shop-name', AGENT.shop);
setText('agent-name', AGENT.name);
setText('agent-avatar', AGENT.avatar);
setText('agent-id', `工号 ${AGENT.workId}`);

const startedAt = Date.now();
for (const info of CUSTOMERS.filter((c) => c.arrivesAtStep === undefined)) {
  const conv = createConversation(info, startedAt);
  conversations.set(info.id, conv);
  order.push(info.id);
  listEl.append(createConversationItem(conv));
}
for (const conv of conversations.values()) updateConversationItem(conv);
openConversation(order[0]);

setInterval(() => {
  const now = Date.now();
  for (const [id, refs] of itemEls) updateWaiting(refs.wait, conversations.get(id), now);
  updateHeaderWaiting();
}, 1000);

if (scheduleEnabled) startSchedule(CUSTOMERS.filter((c) => c.arrivesAtStep !== undefined));

window.demoConsole = Object.freeze({
  pushCustomerMessage(conversationId, text) {
    const conv = conversations.get(conversationId);
    if (!conv) throw new Error(`unknown conversation: ${conversationId}`);
    return addMessage(conv, 'customer', String(text)).id;
  },
  getDraft: () => conversations.get(currentId)?.draft ?? '',
  getMessages: (conversationId = currentId) =>
    (conversations.get(conversationId)?.messages ?? []).map((m) => ({ ...m })),
  openConversation,
  currentConversationId: () => currentId,
});
