/** UI text: Suggested replies (issue 7). Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {
  suggestTitle: '推荐回复',
  suggestDetected: '识别为：',
  suggestHint: '根据客户最新消息推荐 · 点击或 Enter 插入',
  suggestReasonCue: '客户说了“{word}”',
  suggestReasonSearch: '与客户原话相近',
  suggestReasonToneAngry: '客户情绪激动',
  suggestReasonToneUpset: '客户情绪低落',
  suggestReasonTonePleased: '客户表示满意',
  suggestReasonContext: '承接前面的对话',
  suggestReasonPicked: '你在这个情景下常选这条',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  suggestTitle: 'Suggested replies',
  suggestDetected: 'Detected:',
  suggestHint: 'From the customer’s latest message · click or Enter inserts',
  suggestReasonCue: 'Customer said “{word}”',
  suggestReasonSearch: 'Close to the customer’s words',
  suggestReasonToneAngry: 'Customer sounds angry',
  suggestReasonToneUpset: 'Customer sounds upset',
  suggestReasonTonePleased: 'Customer sounds pleased',
  suggestReasonContext: 'Follows the conversation so far',
  suggestReasonPicked: 'You often pick this here',
};
