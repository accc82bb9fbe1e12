/** The one shared database instance for the extension's own pages and background. */
import { HuashuDB } from './schema';

export const db = new HuashuDB();
export type { HuashuDB };
export * from './schema';
