/**
 * Teach mode in the page: the agent points at the reply box, a customer message, an agent
 * message and the conversation title; we derive a rule (utils/sites/derive-selector) and send
 * it with a preview of what it finds. Saving happens in the panel. Runs in the top frame only:
 * the overlay needs the whole page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { editableAround } from '../../dom/editable';
import { sendMessage, type TeachResult } from '../../messaging/protocol';
import {
  alignConversationIds,
  deriveConversation,
  deriveConversationList,
  deriveMessageSelectors,
  deriveRuleSelector,
  previewRule,
} from '../../sites/derive-selector';
import type { SiteRule } from '../../../scripts-library/rule-schema';
import { answer } from '../shared';
import { startPicker } from './picker';

const FAILURES: Record<string, string> = {
  'not-in-page': '所选元素不在同一页面中（可能在内嵌框架或封闭的组件里）',
  'same-message': '两次点到了同一条消息：请分别点一条客户消息和一条客服消息',
  'no-message-list': '找不到消息列表',
  'no-message-selector': '找不到能代表“一条消息”的共同结构',
  'no-sender-difference': '看不出客户消息和客服消息的区别：请点在消息气泡本身上',
};

/**
 * The console's file input for attachments under a click: the input itself, the one a <label>
 * opens, or the only one near the paperclip button clicked (consoles hide the input and show a
 * button). Null when there is none or it is ambiguous.
 */
export function attachmentInput(el: Element): Element | null {
  const isFileInput = (n: Element | null | undefined) =>
    n?.tagName === 'INPUT' && (n as HTMLInputElement).type === 'file' ? n : null;
  const control = isFileInput(el) ?? isFileInput(el.closest('label')?.control);
  if (control) return control;
  // From the icon inside the button up to the part of the console that holds the input.
  let n: Element | null = el;
  for (let depth = 0; n && depth < 6; n = n.parentElement, depth++) {
    const inputs = n.querySelectorAll('input[type="file"]');
    if (inputs.length) return inputs.length === 1 ? inputs[0]! : null;
  }
  return null;
}

export function buildRule(
  picked: Record<string, Element>,
  loc: Location,
): { rule: SiteRule; listFound?: boolean } | { error: string } {
  const input = picked.input && deriveRuleSelector(picked.input);
  if (!input) return { error: '无法为输入框生成稳定的选择器' };
  const messages = deriveMessageSelectors(picked.customer!, picked.agent!);
  if ('error' in messages) return { error: FAILURES[messages.error] ?? messages.error };
  const conversation = deriveConversation(picked.title!, loc.href);
  if (!conversation) return { error: '无法为会话标题生成稳定的选择器' };
  const rule: SiteRule = {
    id: `taught.${loc.host}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64),
    name: loc.hostname,
    // The whole console: its conversations live under many paths. No port: as browsers match.
    matches: [`${loc.protocol}//${loc.hostname}/*`],
    input,
    ...messages,
    ...conversation,
  };
  const attachment = picked.attachment && deriveRuleSelector(picked.attachment);
  if (attachment) rule.attachmentInput = attachment;
  if (!picked.listTitle) return { rule };
  // The list is optional: a console whose list cannot be read still gets its open conversation.
  const conversationList = deriveConversationList(picked.listTitle, picked.listTitle, picked.listUnread);
  if (!conversationList) return { rule, listFound: false };
  return {
    rule: alignConversationIds({ ...rule, conversationList }, picked.listTitle.ownerDocument, loc.href),
    listFound: true,
  };
}

let active: { stop(): void } | null = null;

export function startTeach(ctx: ContentScriptContext): void {
  answer(ctx, 'beginTeach', () => {
    if (window !== window.top) return false;
    startTeaching(ctx.signal);
    return true;
  });
}

function startTeaching(signal: AbortSignal) {
  active?.stop();
  const report = (result: TeachResult) => void sendMessage('teachResult', result).catch(() => undefined);
  active = startPicker({
    doc: document,
    signal,
    steps: [
      // A click on a rich editor's inner paragraph points at the editor.
      { key: 'input', label: '点击回复输入框', resolve: editableAround },
      { key: 'customer', label: '点击一条客户发来的消息' },
      { key: 'agent', label: '点击一条客服（你）发出的消息' },
      { key: 'title', label: '点击会话标题（客户昵称）' },
      // The list lets conversations that are not open get clocks when their customer writes.
      { key: 'listTitle', label: '点击左侧会话列表里任一会话的客户名称（没有会话列表就跳过）', optional: true },
      { key: 'listUnread', label: '点击会话列表里的一个未读标记（红点或数字；现在没有未读就跳过）', optional: true },
      // Only on consoles that have a file input: where pictures go when pasting them is ignored.
      ...(document.querySelector('input[type="file"]')
        ? [
            {
              key: 'attachment',
              label: '点击发送图片或附件的按钮（曲别针、图片图标；不需要就跳过）',
              optional: true,
              resolve: attachmentInput,
            },
          ]
        : []),
    ],
    onCancel: () => {
      active = null;
      report({ status: 'cancelled' });
    },
    onDone: (picked) => {
      active = null;
      try {
        report(teachResultFor(picked));
      } catch (error) {
        // A page whose structure defeats the derivation: the panel says so instead of waiting.
        report({ status: 'failed', reason: error instanceof Error ? error.message : String(error) });
      }
    },
  });
}

/** The rule the agent's picks make, with a preview of what it finds on this page. */
function teachResultFor(picked: Record<string, Element>): TeachResult {
  const built = buildRule(picked, location);
  if ('error' in built) return { status: 'failed', reason: built.error };
  const p = previewRule(built.rule, document, location.href);
  return {
    status: 'ready',
    rule: built.rule,
    preview: {
      inputFound: p.inputFound,
      messages: p.messages,
      customer: p.customer,
      agent: p.agent,
      title: p.title,
      // null: the agent pointed at a list that could not be read; absent: skipped.
      ...(built.listFound === undefined ? {} : { list: p.list ?? null }),
    },
  };
}
