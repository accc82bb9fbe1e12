export const INSTALL_HINT: Record<string, string>;
export function findChromium(): string | null;
export const QUIET_FLAGS: string[];
