/** The agent's settings as stored, unknown or malformed values falling back to the defaults. */
import { settingsFromRows, type Settings } from '../settings';
import type { HuashuDB } from './schema';

export async function readSettings(db: HuashuDB): Promise<Settings> {
  return settingsFromRows(await db.settings.toArray());
}
