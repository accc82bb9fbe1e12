import { describe, expect, it } from 'vitest';
import { usageBoost, usageStatsFrom } from '../../../utils/search';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 24);

describe('usage', () => {
  it('counts uses, keeps the last, and lets each use fade by half in two weeks', () => {
    const stats = usageStatsFrom(
      [
        { scriptKey: 'a', at: now - 14 * DAY },
        { scriptKey: 'a', at: now },
        { scriptKey: 'b', at: now - 28 * DAY },
      ],
      now,
    );
    expect(stats.get('a')).toEqual({ count: 2, lastUsedAt: now, frecency: 1.5 });
    expect(stats.get('b')!.frecency).toBeCloseTo(0.25);
  });

  it('boosts frequent and recent use, within 0…1', () => {
    expect(usageBoost(undefined, now)).toBe(0);
    const often = usageBoost({ count: 20, lastUsedAt: now }, now);
    const once = usageBoost({ count: 1, lastUsedAt: now }, now);
    const long = usageBoost({ count: 20, lastUsedAt: now - 60 * DAY }, now);
    expect(often).toBeGreaterThan(once);
    expect(often).toBeGreaterThan(long);
    expect(often).toBeLessThanOrEqual(1);
  });
});
