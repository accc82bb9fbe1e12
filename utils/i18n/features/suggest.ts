/** UI text: Suggested replies (issue 7). Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {
} as const;

export const en: Record<keyof typeof zhCN, string> = {
};
