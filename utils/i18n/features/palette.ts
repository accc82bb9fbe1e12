/** UI text: Hotkey palette and inline trigger (issue 4). Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {
} as const;

export const en: Record<keyof typeof zhCN, string> = {
};
