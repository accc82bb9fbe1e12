/** UI text: Pack import, export and column mapping. Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {} as const;

export const en: Record<keyof typeof zhCN, string> = {};
