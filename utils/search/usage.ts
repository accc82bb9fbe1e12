/** Usage statistics from the usage table, for ranking. Pure: the caller reads the rows. */
import { USAGE_HALF_LIFE_DAYS } from './ranking';
import type { UsageStats } from './types';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Per script: how many uses, the last one, and `frecency` — each use counting half as much
 * every two weeks, so last month's favourite gives way to this week's.
 */
export function usageStatsFrom(
  events: Iterable<{ scriptKey: string; at: number }>,
  now = Date.now(),
  halfLifeDays = USAGE_HALF_LIFE_DAYS,
): Map<string, UsageStats> {
  const out = new Map<string, UsageStats>();
  for (const e of events) {
    const weight = Math.pow(0.5, Math.max(0, now - e.at) / DAY / halfLifeDays);
    const s = out.get(e.scriptKey);
    if (!s) out.set(e.scriptKey, { count: 1, lastUsedAt: e.at, frecency: weight });
    else {
      s.count++;
      s.lastUsedAt = Math.max(s.lastUsedAt, e.at);
      s.frecency = (s.frecency ?? 0) + weight;
    }
  }
  return out;
}
