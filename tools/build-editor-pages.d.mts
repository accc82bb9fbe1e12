export const PAGES_DIR: string;
export const OUT_DIR: string;
export function buildEditorPages(options?: { force?: boolean }): Promise<{ outDir: string; built: boolean }>;
