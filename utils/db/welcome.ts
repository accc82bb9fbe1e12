/**
 * The welcome (onboarding) tab opens once per browser profile. `runtime.onInstalled` alone is not
 * enough: Chrome reports `install` again at every browser start for an extension loaded unpacked
 * from a folder (how a team may deploy its own build), and the agent would be welcomed every
 * morning. The claim is one transaction, so two starts racing cannot both open it.
 */
import type { SettingKey } from '../settings';
import type { HuashuDB } from './schema';

export const WELCOME_KEY: SettingKey = 'onboardingShown';

/** True exactly once for this database: the caller opens the welcome tab. */
export async function claimWelcome(db: HuashuDB): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    if (await db.settings.get(WELCOME_KEY)) return false;
    await db.settings.put({ key: WELCOME_KEY, value: true });
    return true;
  });
}
