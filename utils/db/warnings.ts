/** Forbidden-phrase warning counts (table `warnings`). Written by the background only. */
import type { HuashuDB } from './schema';

/** `YYYY-MM-DD` in the agent's local time: "today" is the agent's day, as in the reply stats. */
export function localDay(at = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * One more warning for a category on a site today, or (`override`) one more send past a
 * blocking confirm. Counts only: the text that triggered it is never handed in.
 */
export async function countWarning(
  db: HuashuDB,
  site: string,
  categoryId: string,
  categoryName: string,
  override: boolean,
  day = localDay(),
) {
  const key = `${day}|${site}|${categoryId}`;
  await db.transaction('rw', db.warnings, async () => {
    const row = await db.warnings.get(key);
    if (override) {
      // An override follows a warning already counted; the row is there unless the day turned.
      await db.warnings.put({
        key,
        day,
        site,
        categoryId,
        categoryName,
        count: row?.count ?? 1,
        overrides: (row?.overrides ?? 0) + 1,
      });
    } else {
      await db.warnings.put({
        ...(row ?? { key, day, site, categoryId, overrides: 0 }),
        categoryName,
        count: (row?.count ?? 0) + 1,
      });
    }
  });
}
