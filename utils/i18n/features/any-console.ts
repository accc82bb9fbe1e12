/** UI text: teaching any console (its conversation list) and how a reply clock was started. Merged in ../messages.ts. */
export const zhCN = {
  teachList: '会话列表',
  teachListFound: '{items} 个会话，其中 {unread} 个有未读（{titles}）',
  teachListNotFound: '没能识别：请点在列表里一个会话的客户名称上',
  teachListSkipped: '未设置（不在打开状态的会话不会计时）',
  clockBasisMessage: '按消息时间计时',
  clockBasisSeen: '按首次看到计时',
  clockBasisSeenHint: '这个工作台的消息没有时间，从话术助手第一次看到这条消息（或未读标记）时开始计时',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  teachList: 'Conversation list',
  teachListFound: '{items} conversations, {unread} with unread messages ({titles})',
  teachListNotFound: 'Not recognised: click the customer’s name on a conversation in the list',
  teachListSkipped: 'Not set (conversations that are not open get no clock)',
  clockBasisMessage: 'Timed from the message time',
  clockBasisSeen: 'Timed from when first seen',
  clockBasisSeenHint:
    'This console shows no message times: the clock runs from when the assistant first saw the message (or its unread badge)',
};
