/**
 * Teach mode, the deriving half: from the elements an agent pointed at on an unknown console,
 * selectors that find the same things after a reload, a re-render or the console's next build.
 * DOM in, strings out; no extension APIs.
 *
 * Stability beats brevity. Hand-written hooks (ids, data-*, aria-label, name, placeholder,
 * role, semantic class names) are used first; generated names (CSS modules, styled-components,
 * emotion, React/Ember/Element ids) never, because they change with every build or render;
 * utility classes (Tailwind, Bootstrap) say nothing about what an element is, so they are used
 * only to tell a customer's message from an agent's, where they are often the only difference.
 * Every selector is checked against the page before it is returned.
 */
import {
  conversationIdOf,
  conversationItemId,
  messageList as findMessageList,
  readMessages,
  readUnread,
  textOf,
} from './reader';
import type { SiteRule } from '../../scripts-library/rule-schema';
import { queryRule, queryRuleAll, safeAll, safeFirst, safeIs, type RuleSelector } from './rule-selector';

/** rule-schema's limit for one selector. */
const MAX_SELECTOR_LENGTH = 500;

interface Candidate {
  sel: string;
  /** Lower is more stable. */
  score: number;
}

// ------------------------------------------------------------------ what a name looks like

/** Identifiers usable without escaping (happy-dom and old engines mis-parse escapes). */
const SAFE_IDENT = /^-?[A-Za-z_\u00A0-\uFFFF][\w\u00A0-\uFFFF-]*$/;
const SAFE_ATTR_NAME = /^[a-z_][\w.-]*$/i;

const GENERATED_PREFIX =
  /^(?:sc-|css-|jsx-|emotion-|svelte-|ember|ext-gen|yui_|ng-tns-|jss\d|makeStyles-|tss-|mui-\d)/i;

/** Mixed case that is not camelCase: styled-components' `bdfBwQ`, `AxjAm`. */
function randomCase(seg: string): boolean {
  if (!/[a-z]/.test(seg) || !/[A-Z]/.test(seg)) return false;
  if (/[a-z][A-Z]$/.test(seg)) return true;
  let switches = 0;
  for (let i = 1; i < seg.length; i++) if (/[A-Z]/.test(seg[i]!) !== /[A-Z]/.test(seg[i - 1]!)) switches++;
  return switches >= 3 && seg.length <= 10;
}

/** Build hashes, counters and React ids: `_input_1x2yz`, `sc-bdfBwQ`, `css-1abcd`, `ember123`, `:r3:`. */
function looksGenerated(token: string): boolean {
  if (token.length > 48 || GENERATED_PREFIX.test(token) || /[:«»]/.test(token) || /\d{3,}/.test(token)) return true;
  // CSS modules' `_main_z81`, `Input_box__x8k`: a short hash after an underscore.
  const tail = /_([A-Za-z0-9]{3,})$/.exec(token)?.[1];
  if (tail && /\d/.test(tail) && /[a-z]/i.test(tail)) return true;
  return token
    .split(/[-_]+/)
    .some((seg) => (seg.length >= 4 && /\d/.test(seg) && /[a-z]/i.test(seg)) || randomCase(seg));
}

/** Ids: anything with a digit is presumed to be a counter (`mui-12`, `el-id-1234-5`, `tab3`). */
function looksGeneratedId(id: string): boolean {
  return !SAFE_IDENT.test(id) || /\d/.test(id) || looksGenerated(id);
}

const UTILITY_WORDS = new Set([
  'flex',
  'grid',
  'block',
  'inline',
  'inline-block',
  'inline-flex',
  'inline-grid',
  'contents',
  'table',
  'hidden',
  'relative',
  'absolute',
  'fixed',
  'sticky',
  'static',
  'visible',
  'invisible',
  'collapse',
  'italic',
  'underline',
  'uppercase',
  'lowercase',
  'capitalize',
  'truncate',
  'container',
  'grow',
  'shrink',
  'border',
  'rounded',
  'shadow',
  'transition',
  'antialiased',
  'ring',
  'outline',
  'filter',
  'transform',
  'isolate',
  'clearfix',
  'row',
  'col',
  'sr-only',
  'not-sr-only',
  'group',
  'peer',
  'prose',
]);
const UTILITY_PREFIX =
  /^-?(?:[mp][trblxyse]?|gap(?:-[xy])?|space-[xy]|inset(?:-[xy])?|top|right|bottom|left|start|end|[wh]|min-[wh]|max-[wh]|size|z|order|col(?:-span|-start|-end)?|row(?:-span|-start|-end)?|basis|grow|shrink|flex|grid|grid-cols|grid-rows|auto-cols|auto-rows|text|font|leading|tracking|bg|from|via|to|border(?:-[trblxyse])?|rounded(?:-[trblse]{1,2})?|shadow|ring(?:-offset)?|outline|opacity|blur|brightness|translate-[xy]|rotate|scale(?:-[xy])?|skew-[xy]|origin|duration|delay|ease|transition|items|justify(?:-items|-self)?|self|content|place-(?:items|content|self)|overflow(?:-[xy])?|overscroll(?:-[xy])?|whitespace|break|line-clamp|object|aspect|cursor|select|pointer-events|fill|stroke|divide(?:-[xy])?|decoration|underline-offset|indent|align|list|columns|d|float|clear|animate|backdrop|will-change|snap|touch|resize|appearance|caret|accent|fs|fw|lh|g|gx|gy)-(.+)$/;
/** What follows a utility prefix: a number, a size, a colour, a keyword. `text-message` is not one. */
const UTILITY_VALUE =
  /^(?:-?\d[\w.%]*|[a-z]+-\d+|px|auto|full|screen|min|max|fit|none|xs|sm|md|lg|xl|\dxl|base|center|start|end|between|around|evenly|stretch|baseline|left|right|top|bottom|white|black|transparent|current|inherit|wrap|nowrap|pre|pre-wrap|pre-line|break-spaces|words|all|keep|hidden|visible|scroll|clip|col|row|col-reverse|row-reverse|x|y|t|r|b|l|s|e|thin|light|normal|medium|semibold|bold|extrabold|tight|snug|relaxed|loose|pointer|default|not-allowed|cover|contain|inner|outer|solid|dashed|dotted|ellipsis|initial|y-auto|x-auto|y-hidden|x-hidden|y-scroll|x-scroll)$/;

type ClassKind = 'semantic' | 'utility' | 'generated' | 'state';

/** Transient state: a selector with it stops matching when the element loses hover or focus. */
const STATE_CLASS =
  /^(?:is-|has-)?(?:active|selected|focus(?:ed|-visible|-within)?|hover(?:ed)?|open(?:ed)?|checked|disabled|current|highlight(?:ed)?|expanded|collapsed|show|shown|empty|loading|dragging|dirty|pristine|touched|untouched|valid|invalid)$|^(?:ng|cdk)-|-(?:active|selected|focused|focus|hover|hovered|open|opened|checked|disabled|current)$/;

function classKind(c: string): ClassKind {
  if (/[:[\]/!@]/.test(c)) return 'utility'; // variants and arbitrary values: `md:flex`, `w-[70%]`, `w-1/2`
  if (UTILITY_WORDS.has(c)) return 'utility';
  const m = UTILITY_PREFIX.exec(c);
  if (m && UTILITY_VALUE.test(m[1]!)) return 'utility';
  if (looksGenerated(c)) return 'generated';
  if (STATE_CLASS.test(c)) return 'state';
  return 'semantic';
}

function classesOf(el: Element): string[] {
  return (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && SAFE_IDENT.test(c));
}

/** data-* names that are framework internals, analytics or transient state. */
const SKIP_DATA_NAME =
  /^data-(?:v-|reactid|reactroot|react-|emotion|styled|rbd-|radix-|headlessui-|state$|active$|selected$|focus|hover|highlighted$|open$|disabled$|checked$|expanded$|orientation$|index$|idx$|item-index$|offset|scroll|observed|loaded|lazy|src$|original|aos|gtm|ga-|track|spm|beacon|log-|log$|report|exposure|sc$|darkreader)/;
/** data-* names whose value differs on every element (ids, keys, times): used as presence only. */
const ID_LIKE_DATA =
  /(?:^data-|[-_])(?:id|ids|uuid|guid|key|no|seq|sn|time|timestamp|ts|date|at|created|updated|sent)$|^data-(?:[\w-]*msgid|mid|uid|cid|sid|timestamp)$/;
/** data-* names made to be selected on, or that name what an element is. */
const PREFERRED_DATA =
  /^data-(?:testid|test-id|test|qa|cy|e2e|role|component|name|type|field|area|region|module|block|el|ui|slot|view|kind|part)$/;

function usableValue(value: string, el: Element, freeText: boolean): boolean {
  if (!value || value !== value.trim() || value.length > 60 || /["\\\n\r\f]/.test(value)) return false;
  if (/\d{4,}/.test(value) || /[:«»]r?\d/.test(value)) return false;
  if (value.split(/[\s\-_:./]+/).some((seg) => seg.length >= 5 && /\d/.test(seg) && /[a-z]/i.test(seg))) return false;
  // A label taken from the content (a customer's name, a title) changes with it.
  const text = el.textContent?.trim() ?? '';
  if (text.length >= 2 && (value.includes(text) || (freeText && text.includes(value)))) return false;
  return true;
}

// ------------------------------------------------------------------ candidates for one element

/**
 * Elements inside `container` matching `sel`, with the selector matched against the whole page as
 * `container.querySelectorAll` does in browsers (happy-dom cannot see above the container).
 */
function within(container: Element, sel: string): Element[] {
  return safeAll(container.getRootNode() as ParentNode, sel).filter((e) => e !== container && container.contains(e));
}

/** Same test as the reader applies to customerMessage / agentMessage: the message or something in it. */
function senderMatches(el: Element, sel: string): boolean {
  return safeIs(el, sel) || safeFirst(el, sel) !== null;
}

function tagOf(el: Element): string {
  return SAFE_IDENT.test(el.localName) ? el.localName : '*';
}

/** One-part selectors for the element's stable hooks, most stable first. */
function stableParts(el: Element): Candidate[] {
  const out: Candidate[] = [];
  for (const { name, value } of Array.from(el.attributes)) {
    const n = name.toLowerCase();
    if (!SAFE_ATTR_NAME.test(n)) continue;
    if (n === 'id') {
      if (!looksGeneratedId(value)) out.push({ sel: `#${value}`, score: 0 });
    } else if (n.startsWith('data-')) {
      if (SKIP_DATA_NAME.test(n) || looksGenerated(n.slice(5))) continue;
      if (ID_LIKE_DATA.test(n) || value === '') out.push({ sel: `[${n}]`, score: 5 });
      else if (usableValue(value, el, false))
        out.push({ sel: `[${n}="${value}"]`, score: PREFERRED_DATA.test(n) ? 1 : 2 });
    } else if (n === 'aria-label' || n === 'name' || n === 'placeholder' || n === 'aria-placeholder') {
      if (usableValue(value, el, true)) out.push({ sel: `[${n}="${value}"]`, score: 3 });
    } else if (n === 'role') {
      if (/^[a-z]+$/.test(value)) out.push({ sel: `[role="${value}"]`, score: 4 });
    } else if (n === 'contenteditable') {
      out.push({
        sel: value === 'true' || value === 'plaintext-only' ? `[contenteditable="${value}"]` : '[contenteditable]',
        score: 4.5,
      });
    } else if (n === 'type' && /^[a-z]+$/.test(value) && (el.localName === 'input' || el.localName === 'button')) {
      out.push({ sel: `[type="${value}"]`, score: 5 });
    }
  }
  for (const c of classesOf(el)) if (classKind(c) === 'semantic') out.push({ sel: `.${c}`, score: 3.5 });
  return out.sort((a, b) => a.score - b.score);
}

/** The element's own selectors: single hooks, the tag, then pairs of them, most stable first. */
function ownCandidates(el: Element): Candidate[] {
  const parts = stableParts(el).slice(0, 6);
  const tag = tagOf(el);
  const out: Candidate[] = [...parts, { sel: tag, score: 6 }];
  for (const p of parts) out.push({ sel: `${tag}${p.sel}`, score: p.score + 1 });
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++)
      out.push({ sel: `${parts[i]!.sel}${parts[j]!.sel}`, score: parts[i]!.score + parts[j]!.score + 0.5 });
  return out.sort((a, b) => a.score - b.score);
}

function uniqueIn(root: ParentNode, sel: string, target: Element): boolean {
  if (sel.length > MAX_SELECTOR_LENGTH) return false;
  const found = safeAll(root, sel);
  return found.length === 1 && found[0] === target;
}

function ancestorsWithin(el: Element, root: ParentNode, max: number): Element[] {
  const out: Element[] = [];
  for (let n = el.parentElement; n && n !== (root as unknown) && out.length < max; n = n.parentElement) out.push(n);
  return out;
}

/** `tag`, or `tag.hook` when that is unique among siblings, else `tag:nth-of-type(k)`. */
function positional(n: Element): string {
  const tag = tagOf(n);
  const parent = n.parentElement;
  if (!parent) return tag;
  const siblings = [...parent.children];
  for (const p of stableParts(n)) {
    if (p.score >= 5) break;
    if (siblings.filter((s) => safeIs(s, `${tag}${p.sel}`)).length === 1) return `${tag}${p.sel}`;
  }
  const sameTag = siblings.filter((s) => s.localName === n.localName);
  return sameTag.length === 1 ? tag : `${tag}:nth-of-type(${sameTag.indexOf(n) + 1})`;
}

/** Last resort: a child path from the nearest ancestor with a stable unique hook (or from the top). */
function structuralPath(el: Element, root: ParentNode): string | null {
  const parts: string[] = [];
  for (let n: Element | null = el; n; n = n.parentElement) {
    parts.unshift(positional(n));
    const parent: Element | null = n.parentElement;
    if (!parent || parent === (root as unknown)) {
      const sel = parts.join(' > ');
      return uniqueIn(root, sel, el) ? sel : null;
    }
    const anchor = ownCandidates(parent).find((c) => c.score < 6 && uniqueIn(root, c.sel, parent));
    if (anchor) {
      const sel = `${anchor.sel} > ${parts.join(' > ')}`;
      if (uniqueIn(root, sel, el)) return sel;
    }
  }
  return null;
}

/**
 * A selector matching exactly `el` within `root`, built from the most stable hooks available:
 * the element's own, then an ancestor's plus its own, then a child path with `:nth-of-type`.
 * Null when there is none: `el` is not inside `root` (detached, or in a shadow root `root` cannot
 * see into) or the page is too odd.
 */
export function deriveSelector(el: Element, root: ParentNode = el.ownerDocument): string | null {
  try {
    if (!root || root === (el as unknown) || !(root as Node).contains(el)) return null;
    const own = ownCandidates(el);
    for (const c of own) if (uniqueIn(root, c.sel, el)) return c.sel;

    const anchored: Candidate[] = [];
    ancestorsWithin(el, root, 6).forEach((a, depth) => {
      const anchors = ownCandidates(a)
        .filter((c) => c.score < 6 || depth === 0)
        .slice(0, 4);
      for (const ac of anchors)
        for (const c of own.slice(0, 6))
          anchored.push({
            sel: `${ac.sel}${depth === 0 ? ' > ' : ' '}${c.sel}`,
            score: ac.score + c.score + depth * 0.3,
          });
    });
    anchored.sort((a, b) => a.score - b.score);
    for (const c of anchored.slice(0, 300)) if (uniqueIn(root, c.sel, el)) return c.sel;

    return structuralPath(el, root);
  } catch {
    return null; // never break the console page over a selector
  }
}

/** A shadow root (of any realm), not a document or a detached subtree. */
function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 && 'host' in node;
}

/** `sel` inside `root`, with the path of shadow hosts above it when `root` is a shadow root. */
function withHosts(sel: string, root: Node): RuleSelector | null {
  const hosts: string[] = [];
  for (let r = root; isShadowRoot(r);) {
    const host = r.host;
    const outer = host.getRootNode();
    const hostSel = deriveSelector(host, outer as ParentNode);
    if (!hostSel) return null;
    hosts.unshift(hostSel);
    r = outer;
  }
  return hosts.length ? { hosts, selector: sel } : sel;
}

/**
 * Like `deriveSelector`, for an element anywhere on the page: inside open shadow roots (a web
 * component console) the result is the path of shadow hosts plus the selector inside the last.
 */
export function deriveRuleSelector(el: Element): RuleSelector | null {
  const root = el.getRootNode();
  if (!el.isConnected) return null;
  const sel = deriveSelector(el, root as ParentNode);
  return sel ? withHosts(sel, root) : null;
}

/**
 * The two elements, or the shadow hosts that hold them, in one tree: two messages that are each
 * a web component with its own shadow root are compared as those components.
 */
function liftToCommonRoot(a: Element, b: Element): [Element, Element] | null {
  const roots = (el: Element) => {
    const out: Node[] = [];
    for (let r = el.getRootNode(); ; r = r.host.getRootNode()) {
      out.push(r);
      if (!isShadowRoot(r)) return out;
    }
  };
  const ra = roots(a);
  const rb = roots(b);
  const common = ra.find((r) => rb.includes(r));
  if (!common || (common.nodeType !== 9 && !isShadowRoot(common))) return null;
  const lift = (el: Element) => {
    let cur = el;
    while (cur.getRootNode() !== common) cur = (cur.getRootNode() as ShadowRoot).host;
    return cur;
  };
  return [lift(a), lift(b)];
}

// ------------------------------------------------------------------ messages

export interface MessageSelectors {
  messageList: RuleSelector;
  message: string;
  customerMessage: string;
  agentMessage: string;
  messageText?: RuleSelector;
  messageIdAttribute?: string;
  messageTimeAttribute?: string;
}

/** Why messages could not be taught, for the side panel to explain. */
export type MessageSelectorsFailure =
  | 'not-in-page' // an element is detached or inside a shadow root
  | 'same-message' // both clicks landed on one message (or one inside the other)
  | 'no-message-list' // no selector finds the container
  | 'no-message-selector' // nothing both messages share that picks out messages
  | 'no-sender-difference'; // nothing tells the two senders apart

const SENDERISH =
  /customer|buyer|client|guest|visitor|user|agent|kefu|staff|service|seller|self|mine|\bme\b|own|other|left|right|start|end|send|sent|receiv|incoming|outgoing|\bin\b|\bout\b|from|sender|direction|side|author|owner|reverse|客户|客服|买家|卖家|访客/i;

/** Attribute names that can hold a message's id. */
function idAttributeRank(name: string): number {
  if (/^data-[\w-]*(?:msg|message|record)[\w-]*(?:id|uuid|key)$|^data-(?:msgid|mid)$/.test(name)) return 0;
  if (/user|sender|from|author|buyer|customer|agent|conv|session|chat|shop|seller|group|thread/.test(name)) return -1;
  if (name === 'data-id' || name === 'data-uuid' || name === 'data-guid') return 1;
  if (/^data-[\w-]*(?:-id|uuid|guid)$/.test(name)) return 2;
  if (name === 'data-key') return 3;
  if (name === 'id') return 4;
  return -1;
}

/** The attribute every one of `els` has with a distinct, stable-looking value. */
function idAttributeOf(els: Element[]): string | undefined {
  const first = els[0];
  if (!first) return undefined;
  const names = Array.from(first.attributes, (a) => a.name.toLowerCase())
    .filter((n) => idAttributeRank(n) >= 0)
    .sort((a, b) => idAttributeRank(a) - idAttributeRank(b));
  for (const name of names) {
    const values = els.map((e) => e.getAttribute(name)?.trim() ?? '');
    if (values.some((v) => !v || v.length > 200) || new Set(values).size !== values.length) continue;
    // Element ids must be the console's (`msg-1234`), not a framework's render counter (`:r5:`, `ember12`).
    if (
      name === 'id' &&
      values.some((v) => !/\d$/.test(v) || /[:«»]/.test(v) || GENERATED_PREFIX.test(v) || /^el-id-/.test(v))
    )
      continue;
    return name;
  }
  return undefined;
}

const EPOCH_MS = [946684800000, 4102444800000]; // 2000 … 2100
const EPOCH_S = [946684800, 4102444800];

/** An attribute holding an epoch time (ms, or s) on every one of `els`. */
function timeAttributeOf(els: Element[], idAttribute: string | undefined): string | undefined {
  const first = els[0];
  if (!first) return undefined;
  const inRange = (v: string | null) => {
    if (!v || !/^\d{9,13}(?:\.\d+)?$/.test(v.trim())) return false;
    const n = Number(v);
    return (n >= EPOCH_MS[0]! && n <= EPOCH_MS[1]!) || (n >= EPOCH_S[0]! && n <= EPOCH_S[1]!);
  };
  const names = Array.from(first.attributes, (a) => a.name.toLowerCase())
    .filter((n) => n.startsWith('data-') && n !== idAttribute && els.every((e) => inRange(e.getAttribute(n))))
    .sort(
      (a, b) =>
        Number(!/time|ts$|date|stamp|at$|created|sent/.test(a)) -
        Number(!/time|ts$|date|stamp|at$|created|sent/.test(b)),
    );
  return names[0];
}

interface MessagePaths {
  common: Element;
  pathA: Element[]; // from the common ancestor's child down to the customer element
  pathB: Element[];
}

function pathsBelowCommonAncestor(a: Element, b: Element): MessagePaths | null {
  const upA: Element[] = [];
  for (let n: Element | null = a; n; n = n.parentElement) upA.push(n);
  const upB: Element[] = [];
  for (let n: Element | null = b; n; n = n.parentElement) {
    const i = upA.indexOf(n);
    if (i >= 0) {
      if (i === 0 || upB.length === 0) return null; // one contains the other
      return { common: n, pathA: upA.slice(0, i).reverse(), pathB: upB.reverse() };
    }
    upB.push(n);
  }
  return null;
}

/** A message element's stable shape, to recognise its siblings (e.g. day groups). */
function signature(el: Element): string {
  return [
    el.localName,
    ...stableParts(el)
      .filter((p) => !p.sel.startsWith('#'))
      .map((p) => p.sel),
  ]
    .sort()
    .join('');
}

/** No message inside another, and both picked messages among them. */
function isMessageSelector(list: Element, sel: string, a: Element, b: Element): boolean {
  if (sel.length > MAX_SELECTOR_LENGTH) return false;
  const found = within(list, sel);
  return found.includes(a) && found.includes(b) && !found.some((x) => found.some((y) => x !== y && x.contains(y)));
}

/** A selector both messages share by their own hooks (`[data-role="message"]`, `[data-msgid]`, `.msg`). */
function intrinsicMessageSelector(list: Element, a: Element, b: Element): string | null {
  const shared: Candidate[] = [];
  for (const p of stableParts(a)) {
    if (p.sel.startsWith('#') || p.sel.startsWith('[contenteditable')) continue;
    if (safeIs(b, p.sel)) shared.push(p);
  }
  // Element ids with the console's own prefix: `msg-1001`, `msg-1002`.
  const idA = a.getAttribute('id') ?? '';
  const idB = b.getAttribute('id') ?? '';
  const prefix = /^([A-Za-z][\w-]*?[-_])\d+$/.exec(idA)?.[1];
  if (prefix && idB.startsWith(prefix) && /^\d+$/.test(idB.slice(prefix.length)) && !GENERATED_PREFIX.test(prefix))
    shared.push({ sel: `[id^="${prefix}"]`, score: 2 });
  shared.sort((x, y) => x.score - y.score);
  const tag = a.localName === b.localName ? tagOf(a) : '';
  for (const c of shared) {
    for (const sel of [c.sel, `${tag}${c.sel}`]) if (isMessageSelector(list, sel, a, b)) return sel;
  }
  for (let i = 0; i < shared.length; i++)
    for (let j = i + 1; j < shared.length; j++) {
      const sel = `${shared[i]!.sel}${shared[j]!.sel}`;
      if (isMessageSelector(list, sel, a, b)) return sel;
    }
  return null;
}

/**
 * The common container of two messages in one day group is that group: widen it to the
 * element holding all groups, while the container has look-alike siblings with messages.
 */
function widenToAllGroups(list: Element, message: string): Element {
  let cur = list;
  for (;;) {
    const parent = cur.parentElement;
    if (!parent || parent === cur.ownerDocument.body || parent === cur.ownerDocument.documentElement) return cur;
    const sig = signature(cur);
    const lookAlikes = [...parent.children].filter((s) => s !== cur && signature(s) === sig);
    if (!lookAlikes.some((s) => within(s, message).length > 0)) return cur;
    cur = parent;
  }
}

/**
 * `.msg-list > div` (or `… > div > div` for grouped messages) when messages have no hooks of
 * their own. The list's own hooks come first, even utility classes: unlike `listSel`, they do not
 * depend on the page above the list (a banner inserted there shifts every :nth-of-type).
 */
function structuralMessageSelector(listSel: string, list: Element, a: Element, b: Element): string | null {
  const levels = (m: Element) => {
    const out: Element[] = [];
    for (let n: Element | null = m; n && n !== list; n = n.parentElement) out.unshift(n);
    return out;
  };
  const la = levels(a);
  const lb = levels(b);
  if (la.length !== lb.length) return null;
  const path = la.map((x, i) => (x.localName === lb[i]!.localName ? tagOf(x) : '*')).join(' > ');
  const utility = classesOf(list).filter((c) => classKind(c) === 'utility');
  const prefixes = [
    ...ownCandidates(list)
      .filter((c) => c.score < 6)
      .map((c) => c.sel),
    ...utility.map((c) => `.${c}`),
    ...utility.flatMap((c, i) => utility.slice(i + 1).map((d) => `.${c}.${d}`)),
    listSel,
  ];
  for (const prefix of prefixes) {
    const sel = `${prefix} > ${path}`;
    if (isMessageSelector(list, sel, a, b)) return sel;
  }
  return null;
}

interface SenderPair {
  customer: string;
  agent: string;
  /** 1 same attribute, different values · 2/3 a hook each (semantic / utility) · 4/5 a hook on one side only · 6/7 inside the message · 8 layout. */
  tier: number;
  senderish: boolean;
}

interface Feature {
  sel: string;
  utility: boolean;
  senderish: boolean;
}

/** Hooks of an element usable to tell senders apart: stable attributes and non-generated classes. */
function senderFeatures(el: Element): Feature[] {
  const out: Feature[] = [];
  for (const { name, value } of Array.from(el.attributes)) {
    const n = name.toLowerCase();
    if (
      !n.startsWith('data-') ||
      !SAFE_ATTR_NAME.test(n) ||
      SKIP_DATA_NAME.test(n) ||
      ID_LIKE_DATA.test(n) ||
      looksGenerated(n.slice(5))
    )
      continue;
    if (value === '') out.push({ sel: `[${n}]`, utility: false, senderish: SENDERISH.test(n) });
    else if (usableValue(value, el, false))
      out.push({ sel: `[${n}="${value}"]`, utility: false, senderish: SENDERISH.test(`${n} ${value}`) });
  }
  for (const c of classesOf(el)) {
    const kind = classKind(c);
    if (kind === 'semantic' || kind === 'utility')
      out.push({ sel: `.${c}`, utility: kind === 'utility', senderish: SENDERISH.test(c) });
  }
  return out;
}

function subtreeFeatures(el: Element): Map<string, Feature> {
  const out = new Map<string, Feature>();
  const nodes = [...el.querySelectorAll('*')].slice(0, 120);
  for (const n of nodes) for (const f of senderFeatures(n)) if (!out.has(f.sel)) out.set(f.sel, f);
  return out;
}

const byFeatureQuality = (x: Feature, y: Feature) =>
  Number(y.senderish) - Number(x.senderish) || Number(x.utility) - Number(y.utility);

const NOT_SENDER_ATTR =
  /^(?:class|style|id|href|src|srcset|title|alt|tabindex|lang|dir|hidden|draggable|contenteditable|spellcheck|slot|part|name|width|height|loading|target|rel|for|value|placeholder|type)$/;

function senderPairs(message: string, a: Element, b: Element): SenderPair[] {
  const pairs: SenderPair[] = [];
  // Same attribute, different values: data-from="customer" / "agent".
  for (const { name, value } of Array.from(a.attributes)) {
    const n = name.toLowerCase();
    const other = b.getAttribute(n);
    if (other === null || other === value || !SAFE_ATTR_NAME.test(n) || SKIP_DATA_NAME.test(n) || ID_LIKE_DATA.test(n))
      continue;
    // Web components take attributes of their own (`<chat-message side="incoming">`); HTML's are no sender.
    if (!n.startsWith('data-') && (NOT_SENDER_ATTR.test(n) || n.startsWith('aria-') || n.startsWith('on'))) continue;
    if (!usableValue(value, a, false) || !usableValue(other, b, false)) continue;
    pairs.push({
      customer: `[${n}="${value}"]`,
      agent: `[${n}="${other}"]`,
      tier: 1,
      senderish: SENDERISH.test(`${n} ${value} ${other}`),
    });
  }

  const selfA = senderFeatures(a);
  const selfB = senderFeatures(b);
  const onlyA = selfA
    .filter((f) => !safeIs(b, f.sel))
    .sort(byFeatureQuality)
    .slice(0, 8);
  const onlyB = selfB
    .filter((f) => !safeIs(a, f.sel))
    .sort(byFeatureQuality)
    .slice(0, 8);
  for (const fa of onlyA)
    for (const fb of onlyB)
      pairs.push({
        customer: fa.sel,
        agent: fb.sel,
        tier: fa.utility || fb.utility ? 3 : 2,
        senderish: fa.senderish || fb.senderish,
      });
  // The unmarked side is "a message without the mark"; narrowed by what both picked messages
  // share (their avatar, a class) so a system note without the mark is not taken for a sender.
  const shared = selfA.filter((f) => safeIs(b, f.sel));
  const childTags = [...new Set([...a.children].map((c) => c.localName))].filter(
    (t) => SAFE_IDENT.test(t) && [...b.children].some((c) => c.localName === t),
  );
  const narrowings = [
    '',
    ...shared
      .filter((f) => !f.utility)
      .slice(0, 3)
      .map((f) => f.sel),
    ...childTags.slice(0, 3).map((t) => `:has(> ${t})`),
    ...shared
      .filter((f) => f.utility)
      .slice(0, 3)
      .map((f) => f.sel),
  ];
  const unmarked = (mark: string) => narrowings.map((n) => `${message}${n}:not(${mark})`);
  // A mark on one side only: `.is-self` on the agent's messages, nothing on the customer's.
  for (const fb of onlyB)
    for (const c of unmarked(fb.sel))
      pairs.push({ customer: c, agent: fb.sel, tier: fb.utility ? 5 : 4, senderish: fb.senderish });
  for (const fa of onlyA)
    for (const g of unmarked(fa.sel))
      pairs.push({ customer: fa.sel, agent: g, tier: fa.utility ? 5 : 4, senderish: fa.senderish });

  // Inside the message: an avatar or bubble class that differs (`.bubble-self`, `.avatar-right`).
  const subA = subtreeFeatures(a);
  const subB = subtreeFeatures(b);
  const inA = [...subA.values()]
    .filter((f) => !senderMatches(b, f.sel))
    .sort(byFeatureQuality)
    .slice(0, 6);
  const inB = [...subB.values()]
    .filter((f) => !senderMatches(a, f.sel))
    .sort(byFeatureQuality)
    .slice(0, 6);
  for (const fa of inA)
    for (const fb of inB)
      pairs.push({ customer: fa.sel, agent: fb.sel, tier: 6, senderish: fa.senderish || fb.senderish });
  for (const fb of inB)
    for (const c of unmarked(`:has(${fb.sel})`))
      pairs.push({ customer: c, agent: fb.sel, tier: 7, senderish: fb.senderish });
  for (const fa of inA)
    for (const g of unmarked(`:has(${fa.sel})`))
      pairs.push({ customer: fa.sel, agent: g, tier: 7, senderish: fa.senderish });

  // Layout: which child comes first (the avatar on the customer's side, the bubble on the agent's).
  for (const edge of ['first', 'last'] as const) {
    const ca = edge === 'first' ? a.firstElementChild : a.lastElementChild;
    const cb = edge === 'first' ? b.firstElementChild : b.lastElementChild;
    if (ca && cb && ca.localName !== cb.localName)
      pairs.push({
        customer: `${message}:has(> ${tagOf(ca)}:${edge}-child)`,
        agent: `${message}:has(> ${tagOf(cb)}:${edge}-child)`,
        tier: 8,
        senderish: false,
      });
  }
  return pairs.filter((p) => p.customer.length <= MAX_SELECTOR_LENGTH && p.agent.length <= MAX_SELECTOR_LENGTH);
}

/** The child tags of a message, to tell a sender's message from a system note by its build. */
function childShape(el: Element): string {
  return [...el.children]
    .map((c) => c.localName)
    .sort()
    .join(',');
}

/**
 * The pair that classifies both picked messages right and no message as both. Preferred: few
 * messages left unclassified (system notes may be), none classified that is not built like the
 * picked ones (a system note taken for the customer's), then the more stable kind of hook.
 */
function chooseSenderPair(pairs: SenderPair[], messages: Element[], a: Element, b: Element): SenderPair | null {
  const tolerance = Math.max(1, Math.floor(messages.length / 4));
  const shapes = new Set([childShape(a), childShape(b)]);
  const alike = messages.map((m) => shapes.has(childShape(m)));
  const is = (el: Element, pair: SenderPair) =>
    [senderMatches(el, pair.customer), senderMatches(el, pair.agent)] as const;
  let best: SenderPair | null = null;
  let bestKey: number[] = [];
  candidates: for (const [index, pair] of pairs.entries()) {
    const [aC, aA] = is(a, pair);
    const [bC, bA] = is(b, pair);
    if (!aC || aA || bC || !bA) continue;
    let neither = 0;
    let unlike = 0;
    for (const [i, m] of messages.entries()) {
      const [c, g] = is(m, pair);
      if (c && g) continue candidates;
      if (!c && !g) neither++;
      else if (!alike[i]) unlike++;
    }
    const key = [neither > tolerance ? 1 : 0, unlike, pair.tier, pair.senderish ? 0 : 1, neither, index];
    if (!best || compareKeys(key, bestKey) < 0) {
      best = pair;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(x: number[], y: number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** Where the text is: the element clicked when it has text, else the element with the most own text. */
function textElementOf(message: Element, clicked: Element): Element {
  if (clicked !== message && message.contains(clicked) && clicked.textContent?.trim()) return clicked;
  const ownText = (n: Element) =>
    [...n.childNodes].reduce((sum, c) => sum + (c.nodeType === 3 ? (c.textContent?.trim().length ?? 0) : 0), 0);
  let best = message;
  let bestLength = ownText(message);
  for (const n of message.querySelectorAll('*')) {
    const length = ownText(n);
    if (length > bestLength) {
      best = n;
      bestLength = length;
    }
  }
  return best;
}

function messageTextSelector(a: Element, b: Element, clickedA: Element, clickedB: Element): string | undefined {
  const ta = textElementOf(a, clickedA);
  const tb = textElementOf(b, clickedB);
  if (ta === a || tb === b) return undefined; // the text is the message itself
  const works = (sel: string) =>
    sel.length <= MAX_SELECTOR_LENGTH && safeFirst(a, sel) === ta && safeFirst(b, sel) === tb;
  const shared = ownCandidates(ta).filter((c) => safeIs(tb, c.sel));
  for (const c of shared) if (c.score < 6 && works(c.sel)) return c.sel;
  // A hook on a wrapper inside the message: `.bubble span`.
  for (let p = ta.parentElement; p && p !== a; p = p.parentElement)
    for (const anchor of stableParts(p).filter((x) => x.score < 5))
      for (const c of shared) if (works(`${anchor.sel} ${c.sel}`)) return `${anchor.sel} ${c.sel}`;
  for (const c of shared) if (works(c.sel)) return c.sel;
  // Nested without hooks: the child path from the message, when both bubbles are built alike.
  const path = (m: Element, t: Element) => {
    const out: string[] = [];
    for (let n: Element | null = t; n && n !== m; n = n.parentElement) out.unshift(tagOf(n));
    return out.join(' > ');
  };
  const pa = path(a, ta);
  if (pa === path(b, tb) && works(`:scope > ${pa}`)) return `:scope > ${pa}`;
  return undefined;
}

/**
 * Where the text is; for messages that are web components (the clicks landed inside their
 * shadow roots), the path from the message into its shadow root.
 */
function messageTextIn(a: Element, b: Element, clickedA: Element, clickedB: Element): RuleSelector | undefined {
  if (a.contains(clickedA) && b.contains(clickedB)) return messageTextSelector(a, b, clickedA, clickedB);
  const ra = a.shadowRoot;
  const rb = b.shadowRoot;
  if (!ra || !rb || !ra.contains(clickedA) || !rb.contains(clickedB) || a.localName !== b.localName) return undefined;
  for (const c of ownCandidates(clickedA))
    if (
      c.sel.length <= MAX_SELECTOR_LENGTH &&
      safeFirst(ra, c.sel) === clickedA &&
      safeIs(clickedB, c.sel) &&
      safeFirst(rb, c.sel) === clickedB
    )
      return { hosts: [tagOf(a)], selector: c.sel };
  return undefined;
}

function deriveAtLevel(
  customerEl: Element,
  agentEl: Element,
  common: Element,
  a: Element,
  b: Element,
): MessageSelectors | MessageSelectorsFailure {
  const root = a.getRootNode();
  let intrinsic = intrinsicMessageSelector(common, a, b);
  const list = intrinsic ? widenToAllGroups(common, intrinsic) : common;
  if (intrinsic && !isMessageSelector(list, intrinsic, a, b)) intrinsic = null;
  const listSel = deriveSelector(list, root as ParentNode);
  const listRuleSel = listSel && withHosts(listSel, root);
  if (!listSel || !listRuleSel) return 'no-message-list';
  const message = intrinsic ?? structuralMessageSelector(listSel, list, a, b);
  if (!message) return 'no-message-selector';
  // The latest messages are enough to judge a pair, and keep teaching quick on a long thread.
  const messages = within(list, message).slice(-60);
  const pair = chooseSenderPair(senderPairs(message, a, b), messages, a, b);
  if (!pair) return 'no-sender-difference';

  const out: MessageSelectors = {
    messageList: listRuleSel,
    message,
    customerMessage: pair.customer,
    agentMessage: pair.agent,
  };
  const messageText = messageTextIn(a, b, customerEl, agentEl);
  if (messageText) out.messageText = messageText;
  const senders = messages.filter((m) => senderMatches(m, pair.customer) || senderMatches(m, pair.agent));
  const idAttribute = idAttributeOf(senders);
  if (idAttribute) out.messageIdAttribute = idAttribute;
  const timeAttribute = timeAttributeOf(senders, idAttribute);
  if (timeAttribute) out.messageTimeAttribute = timeAttribute;
  return out;
}

/**
 * Selectors for the message list from one customer message and one agent message the agent
 * pointed at (or anything inside them). The messages are the nearest ancestors of the two that
 * are siblings — or, where the console wraps each message, the level that carries a message id.
 * `customerMessage` / `agentMessage` are checked on a message element the way the reader checks
 * them; they are chosen so that no message of the open thread is both.
 */
export function deriveMessageSelectors(
  customerEl: Element,
  agentEl: Element,
): MessageSelectors | { error: MessageSelectorsFailure } {
  try {
    if (!customerEl.isConnected || !agentEl.isConnected) return { error: 'not-in-page' };
    const lifted = liftToCommonRoot(customerEl, agentEl);
    if (!lifted) return { error: 'not-in-page' };
    const paths = pathsBelowCommonAncestor(...lifted);
    if (!paths) return { error: 'same-message' };
    const { common, pathA, pathB } = paths;

    // Where each message is wrapped (Chatwoot: li > div[data-message-id]), the id carrier is the message.
    const levels = [0];
    if (!idAttributeOf([pathA[0]!, pathB[0]!])) {
      for (let k = 1; k < Math.min(pathA.length, pathB.length); k++) {
        if (idAttributeOf([pathA[k]!, pathB[k]!])) {
          levels.unshift(k);
          break;
        }
      }
    }
    let failure: MessageSelectorsFailure = 'no-message-selector';
    for (const k of levels) {
      const result = deriveAtLevel(customerEl, agentEl, common, pathA[k]!, pathB[k]!);
      if (typeof result !== 'string') return result;
      failure = result;
    }
    return { error: failure };
  } catch {
    return { error: 'not-in-page' };
  }
}

// ------------------------------------------------------------------ the open conversation

const CONVERSATION_ID_ATTR =
  /^data-(?:[\w-]*[-_])?(?:conv|conversation|session|chat|dialog|dialogue|thread|ticket|room|buyer|customer|contact|visitor)(?:[-_]?(?:id|uid|key|no|nick))?$|^data-(?:cid|sid)$/;
const CONVERSATION_PARAM =
  /^(?:conv|conversation|session|chat|dialog|thread|ticket|room|buyer|customer|contact|visitor)(?:[-_]?(?:id|uid|key|no|nick))?$|^(?:cid|sid)$/i;
const CONVERSATION_SEGMENT = /^(?:conversations?|sessions?|chats?|dialogs?|threads?|tickets?|rooms?|c)$/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `[?&]sessionId=([^&#]+)` or `/conversations/([^/?#]+)` when the URL names the conversation. */
function conversationUrlPattern(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const hashQuery = u.hash.includes('?') ? u.hash.slice(u.hash.indexOf('?') + 1) : '';
  for (const params of [u.searchParams, new URLSearchParams(hashQuery)])
    for (const [key, value] of params)
      if (value && CONVERSATION_PARAM.test(key)) return `[?&]${escapeRegExp(key)}=([^&#]+)`;
  const segments = `${u.pathname}/${u.hash.replace(/^#/, '').split('?')[0]}`.split('/').filter(Boolean);
  for (let i = 0; i < segments.length - 1; i++) {
    if (
      CONVERSATION_SEGMENT.test(segments[i]!) &&
      /\d/.test(segments[i + 1]!) &&
      /^[\w-]{1,80}$/.test(segments[i + 1]!)
    )
      return `/${escapeRegExp(segments[i]!)}/([^/?#]+)`;
  }
  return undefined;
}

/**
 * The rule's `conversationTitle` and `conversationId` from the title the agent pointed at: an
 * id-like attribute on the title or near it, else the URL when it names the conversation, else
 * the title's text. Null when the title has no selector.
 */
export function deriveConversation(
  titleEl: Element,
  url: string,
): Pick<SiteRule, 'conversationTitle' | 'conversationId'> | null {
  const conversationTitle = deriveRuleSelector(titleEl);
  if (!conversationTitle) return null;
  let n: Element | null = titleEl;
  for (let depth = 0; n && depth < 4; depth++, n = n.parentElement) {
    for (const { name, value } of Array.from(n.attributes)) {
      if (!CONVERSATION_ID_ATTR.test(name) || !value.trim() || value.length > 200) continue;
      const selector = n === titleEl ? conversationTitle : deriveRuleSelector(n);
      if (selector) return { conversationTitle, conversationId: { selector, attribute: name } };
    }
  }
  const urlPattern = conversationUrlPattern(url);
  if (urlPattern) return { conversationTitle, conversationId: { urlPattern } };
  return { conversationTitle, conversationId: { selector: conversationTitle } };
}

// ------------------------------------------------------------------ the conversation list

export type ConversationListSelectors = NonNullable<SiteRule['conversationList']>;

/** Siblings built like `el` (same tag and stable hooks): the other items of a list. */
function lookAlikes(el: Element): Element[] {
  const parent = el.parentElement;
  if (!parent) return [el];
  // The open conversation carries a class the others lack (`on`, `current`): sharing one hook is enough.
  const hooks = (n: Element) =>
    stableParts(n)
      .filter((p) => !p.sel.startsWith('#'))
      .map((p) => p.sel);
  const own = hooks(el);
  return [...parent.children].filter(
    (s) =>
      s.localName === el.localName &&
      (own.length === 0 ? hooks(s).length === 0 : hooks(s).some((h) => own.includes(h))),
  );
}

/**
 * The list item an element belongs to: the nearest ancestor (itself included) that has at least
 * one look-alike sibling with content of its own — a conversation, not the name line inside one.
 */
function listItemOf(el: Element, mustContain: readonly Element[]): Element | null {
  let n: Element | null = el;
  for (let depth = 0; n && depth < 10; depth++, n = n.parentElement) {
    if (!mustContain.every((m) => n!.contains(m))) continue;
    const items = lookAlikes(n);
    if (items.length >= 2 && items.every((i) => i.querySelector('*') !== null)) return n;
  }
  return null;
}

/** A selector finding exactly `items` (every conversation of the list, not one more). */
function itemSelector(items: Element[]): RuleSelector | null {
  const first = items[0]!;
  const root = first.getRootNode() as ParentNode;
  const same = (sel: string) => {
    const found = safeAll(root, sel);
    return found.length === items.length && items.every((i) => found.includes(i));
  };
  const shared = stableParts(first).filter(
    (p) => !p.sel.startsWith('#') && p.score < 5 && items.every((i) => safeIs(i, p.sel)),
  );
  const own = [...shared.map((p) => p.sel), ...shared.map((p) => `${tagOf(first)}${p.sel}`)];
  for (const sel of own) if (same(sel)) return withHosts(sel, root as Node);
  const parentSel = first.parentElement && deriveSelector(first.parentElement, root);
  if (!parentSel) return null;
  for (const sel of [...own, tagOf(first)].map((x) => `${parentSel} > ${x}`))
    if (sel.length <= MAX_SELECTOR_LENGTH && same(sel)) return withHosts(sel, root as Node);
  return null;
}

/** A selector for `el` inside `item`, that also finds the same part in the other items when they have it. */
function partSelector(item: Element, el: Element, others: Element[], required: boolean): string | null {
  const first = (scope: Element, sel: string) => safeFirst(scope, sel);
  const ok = (sel: string) =>
    sel.length <= MAX_SELECTOR_LENGTH &&
    first(item, sel) === el &&
    (!required || others.every((o) => first(o, sel) !== null));
  for (const c of ownCandidates(el)) if (c.score < 6 && ok(c.sel)) return c.sel;
  const path: string[] = [];
  for (let n: Element | null = el; n && n !== item; n = n.parentElement) path.unshift(positional(n));
  const structural = `:scope > ${path.join(' > ')}`;
  return ok(structural) ? structural : null;
}

/** The attribute naming each item's conversation: distinct on every item. */
function itemIdAttribute(items: Element[]): string | undefined {
  const names = Array.from(items[0]!.attributes, (a) => a.name.toLowerCase())
    .filter((n) => CONVERSATION_ID_ATTR.test(n) || idAttributeRank(n) >= 0)
    .sort((a, b) => Number(!CONVERSATION_ID_ATTR.test(a)) - Number(!CONVERSATION_ID_ATTR.test(b)));
  for (const name of names) {
    const values = items.map((e) => e.getAttribute(name)?.trim() ?? '');
    if (values.every((v) => v && v.length <= 200) && new Set(values).size === values.length) return name;
  }
  return undefined;
}

/**
 * The conversation list from what the agent pointed at: a conversation in it (anywhere on the
 * item), optionally its name and an unread badge (which may be on another item). Null when no
 * repeated item is found around the click.
 */
export function deriveConversationList(
  itemEl: Element,
  titleEl?: Element,
  unreadEl?: Element,
): ConversationListSelectors | null {
  try {
    const item = listItemOf(itemEl, titleEl && itemEl.contains(titleEl) ? [titleEl] : []);
    if (!item) return null;
    const items = lookAlikes(item);
    const sel = itemSelector(items);
    if (!sel) return null;
    const out: ConversationListSelectors = { item: sel };
    const titleItem = titleEl && items.find((i) => i.contains(titleEl));
    const title =
      titleItem &&
      partSelector(
        titleItem,
        titleEl!,
        items.filter((i) => i !== titleItem),
        true,
      );
    if (title) out.title = title;
    const unreadItem = unreadEl && items.find((i) => i.contains(unreadEl) && i !== unreadEl);
    const unread = unreadItem && partSelector(unreadItem, unreadEl!, [], false);
    if (unread) out.unread = unread;
    const idAttribute = itemIdAttribute(items);
    if (idAttribute) out.idAttribute = idAttribute;
    return out;
  } catch {
    return null;
  }
}

/**
 * The open conversation and the list must name a conversation the same way, or one customer
 * becomes two rows (waiting in the list, answered when open). When the item attribute names it
 * differently from the open conversation, both are named by their titles' text.
 */
export function alignConversationIds(rule: SiteRule, doc: Document, url: string): SiteRule {
  const list = rule.conversationList;
  if (!list) return rule;
  const openId = conversationIdOf(rule, doc, url);
  if (openId && queryRuleAll(doc, list.item).some((i) => conversationItemId(rule, i) === openId)) return rule;
  if (!list.title || !rule.conversationTitle) return rule;
  const { idAttribute: _unused, ...byTitle } = list;
  return { ...rule, conversationId: { selector: rule.conversationTitle }, conversationList: byTitle };
}

// ------------------------------------------------------------------ preview

export interface RulePreview {
  inputFound: boolean;
  /** The conversation list, when taught: conversations found, of them unread (other than the open one). */
  list?: { items: number; unread: number; titles: string[] };
  /** Elements the `message` selector finds in the list (system notes included). */
  messages: number;
  /** Of the last 50 the reader reads, those it takes for the customer's / the agent's. */
  customer: number;
  agent: number;
  conversationId: string | null;
  title: string;
}

/** What a rule finds on the page, read through the reader, for the agent to check before saving. */
export function previewRule(rule: SiteRule, doc: Document, url: string): RulePreview {
  const list = findMessageList(rule, doc);
  const seen = list ? readMessages(rule, list) : [];
  const conversationId = conversationIdOf(rule, doc, url);
  const items = rule.conversationList ? queryRuleAll(doc, rule.conversationList.item) : [];
  return {
    inputFound: queryRule(doc, rule.input) !== null,
    ...(rule.conversationList
      ? {
          list: {
            items: items.length,
            unread: readUnread(rule, doc, conversationId ?? '').length,
            titles: items
              .slice(0, 3)
              .map((i) => textOf(i, rule.conversationList?.title) || (conversationItemId(rule, i) ?? '')),
          },
        }
      : {}),
    messages: list ? queryRuleAll(list, rule.message).length : 0,
    customer: seen.filter((m) => m.from === 'customer').length,
    agent: seen.filter((m) => m.from === 'agent').length,
    conversationId,
    title: textOf(doc, rule.conversationTitle),
  };
}
