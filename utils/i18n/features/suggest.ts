/** UI text: Suggested replies. Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {
  suggestTitle: '推荐回复',
  suggestDetected: '识别为：',
  suggestHint: '根据客户最新消息推荐 · 点击或 Enter 插入',
  suggestReasonCue: '客户说了“{word}”',
  suggestReasonSearch: '与客户原话相近',
  suggestReasonContext: '承接前面的对话',
  suggestReasonPicked: '你在这个情景下常选这条',
  // Suggestion chips beside the console's reply box
  chipsTitle: '推荐',
  chipsHint: '{situation} · 点击插入',
  chipsClose: '收起推荐（Esc）',
  chipsSetting: '客户发来消息时，在回复框上方显示 2–3 条推荐话术',
  chipsSettingHint: '点一下即插入；开始打字、插入后、切换会话或按 Esc 时收起，下一条客户消息再出现。',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  suggestTitle: 'Suggested replies',
  suggestDetected: 'Detected:',
  suggestHint: 'From the customer’s latest message · click or Enter inserts',
  suggestReasonCue: 'Customer said “{word}”',
  suggestReasonSearch: 'Close to the customer’s words',
  suggestReasonContext: 'Follows the conversation so far',
  suggestReasonPicked: 'You often pick this here',
  chipsTitle: 'Suggested',
  chipsHint: '{situation} · click to insert',
  chipsClose: 'Hide suggestions (Esc)',
  chipsSetting: 'When a customer writes, show 2–3 suggested scripts above the reply box',
  chipsSettingHint:
    'One click inserts; they hide when you start typing, after an insertion, on switching conversation or with Esc, and come back for the next customer message.',
};
