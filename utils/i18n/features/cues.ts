/** UI text: customer wording (客户常说) in the editor, and 存为话术 in the panel. Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {
  cuesTitle: '客户常说',
  cuesCount: '{count} 个说法',
  cuesPlaceholder: '包邮吗、包游、运费多少\n没发货、还没发 #可否认\nre:满[0-9]+减[0-9]+',
  cuesHint:
    '客户会怎么说这个情景：一行一组，用顿号分开；#0.5 表示只是提示，#可否认 表示“没有…”时不算；re: 开头是规则。推荐回复会按这些说法识别客户消息。',
  cuesReadOnly: '这是话术包自带的客户说法，由发布者维护；可在“我的话术”的情景里添加自己的说法。',
  cuesSave: '保存客户常说',
  cuesSaved: '客户常说已保存',
  saveAsTitle: '存为话术',
  saveAsHint: '把回复框里的话（或你刚发出的消息）存成自己的话术',
  saveAsEmpty: '回复框里没有文字，也没有你发出的消息',
  saveAsFromDraft: '来自回复框',
  saveAsFromSent: '来自你刚发出的消息',
  saveAsPlaceholders: '可换成占位符（下次插入时再填）：',
  saveAsSituation: '情景',
  saveAsName: '标题',
  saveAsSave: '保存到我的话术',
  saveAsSaved: '已存为话术「{title}」',
  saveAsCancel: '取消',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  cuesTitle: 'Customers say',
  cuesCount: '{count} phrases',
  cuesPlaceholder: 'free shipping?, 包邮吗, 包游\n没发货 #可否认\nre:满[0-9]+减[0-9]+',
  cuesHint:
    'How customers put this situation: one group a line, separated by 、; #0.5 makes it a hint, #可否认 means "没有…" does not count; lines starting with re: are patterns. Suggestions read customer messages with these.',
  cuesReadOnly: 'This pack’s own wording, kept by its publisher; add your own in a situation of My scripts.',
  cuesSave: 'Save wording',
  cuesSaved: 'Customer wording saved',
  saveAsTitle: 'Save as script',
  saveAsHint: 'Keep what is in the reply box (or the message you just sent) as one of your scripts',
  saveAsEmpty: 'The reply box is empty and you have sent no message',
  saveAsFromDraft: 'From the reply box',
  saveAsFromSent: 'From the message you sent',
  saveAsPlaceholders: 'Turn into placeholders (filled when inserting):',
  saveAsSituation: 'Situation',
  saveAsName: 'Title',
  saveAsSave: 'Save to My scripts',
  saveAsSaved: 'Saved as “{title}”',
  saveAsCancel: 'Cancel',
};
