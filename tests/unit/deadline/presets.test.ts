import { describe, expect, it } from 'vitest';
import { replyPolicySchema, type ReplyPolicy } from '../../../scripts-library/schema';
import { POLICY_PRESETS, tightenPolicy } from '../../../utils/deadline';
import defaultPack from '../../../scripts-library/packs/default.json';

describe('POLICY_PRESETS', () => {
  it('are valid pack policies with a Chinese label and a one-line description', () => {
    for (const [id, preset] of Object.entries(POLICY_PRESETS)) {
      expect(preset.id).toBe(id);
      expect(replyPolicySchema.parse(preset.policy)).toEqual(preset.policy);
      expect(preset.label).toMatch(/\p{Script=Han}/u);
      expect(preset.description).not.toMatch(/\n/);
    }
  });

  it('the team default matches the default pack and the team rules (5-minute first reply, 09:00–23:00)', () => {
    const team = POLICY_PRESETS['team-default'].policy;
    expect(team).toEqual({
      firstReplySeconds: 300,
      nextReplySeconds: 180,
      warnBeforeSeconds: 60,
      serviceHours: { start: '09:00', end: '23:00' },
    });
    expect((defaultPack as { policy?: ReplyPolicy }).policy).toEqual(team);
  });

  it('cover the platform scores and after-sale follow-up', () => {
    expect(POLICY_PRESETS['three-minute-rate'].policy).toMatchObject({
      firstReplySeconds: 180,
      nextReplySeconds: 180,
      warnBeforeSeconds: 60,
    });
    expect(POLICY_PRESETS['thirty-second'].policy).toMatchObject({
      firstReplySeconds: 30,
      nextReplySeconds: 30,
      warnBeforeSeconds: 10,
    });
    expect(POLICY_PRESETS['24h-follow-up'].policy).toMatchObject({
      firstReplySeconds: 86_400,
      nextReplySeconds: 86_400,
    });
  });

  it('carry the platforms’ public rules with their service hours (抖店 3 minutes 08:00–23:00, 京东 30 seconds 9:00–23:00)', () => {
    expect(POLICY_PRESETS['douyin-3-minute'].policy).toEqual({
      firstReplySeconds: 180,
      nextReplySeconds: 180,
      warnBeforeSeconds: 60,
      serviceHours: { start: '08:00', end: '23:00' },
    });
    expect(POLICY_PRESETS['jd-30-second'].policy).toEqual({
      firstReplySeconds: 30,
      nextReplySeconds: 30,
      warnBeforeSeconds: 10,
      serviceHours: { start: '09:00', end: '23:00' },
    });
  });
});

describe('tightenPolicy', () => {
  const team = POLICY_PRESETS['team-default'].policy;

  it('lets an agent shorten deadlines', () => {
    expect(tightenPolicy(team, { firstReplySeconds: 120, nextReplySeconds: 60 })).toMatchObject({
      firstReplySeconds: 120,
      nextReplySeconds: 60,
    });
  });

  it('never lengthens them', () => {
    expect(tightenPolicy(team, { firstReplySeconds: 900, nextReplySeconds: 86_400 })).toEqual(team);
  });

  it('ignores nonsense and keeps deadlines within the pack format', () => {
    expect(tightenPolicy(team, { firstReplySeconds: Number.NaN, nextReplySeconds: -5 })).toMatchObject({
      firstReplySeconds: 300,
      nextReplySeconds: 10,
    });
    expect(tightenPolicy(team, { warnBeforeSeconds: 99_999 }).warnBeforeSeconds).toBe(3_600);
  });

  it('takes the warning lead as a personal preference', () => {
    expect(tightenPolicy(team, { warnBeforeSeconds: 120 }).warnBeforeSeconds).toBe(120);
    expect(tightenPolicy(team, { warnBeforeSeconds: 0 }).warnBeforeSeconds).toBe(0);
  });

  it('accepts service hours that cover the team’s (the clock pauses less), refuses narrower ones', () => {
    expect(tightenPolicy(team, { serviceHours: null }).serviceHours).toBeNull();
    expect(tightenPolicy(team, { serviceHours: { start: '08:00', end: '23:30' } }).serviceHours).toEqual({
      start: '08:00',
      end: '23:30',
    });
    expect(tightenPolicy(team, { serviceHours: { start: '08:00', end: '01:00' } }).serviceHours).toEqual({
      start: '08:00',
      end: '01:00',
    });
    expect(tightenPolicy(team, { serviceHours: { start: '10:00', end: '22:00' } }).serviceHours).toEqual(
      team.serviceHours,
    );
    expect(tightenPolicy(team, { serviceHours: { start: '20:00', end: '02:00' } }).serviceHours).toEqual(
      team.serviceHours,
    );
    expect(tightenPolicy(team, { serviceHours: { start: '25:00', end: '23:00' } }).serviceHours).toEqual(
      team.serviceHours,
    );
    const allDayTeam = { ...team, serviceHours: null };
    expect(tightenPolicy(allDayTeam, { serviceHours: { start: '09:00', end: '23:00' } }).serviceHours).toBeNull();
  });

  it('is always at least as strict as the team, whatever the agent asks', () => {
    const asks: Partial<ReplyPolicy>[] = [
      {},
      { firstReplySeconds: 1 },
      { nextReplySeconds: 1e9 },
      { firstReplySeconds: 299.6 },
    ];
    for (const ask of asks) {
      const mine = tightenPolicy(team, ask);
      expect(mine.firstReplySeconds).toBeLessThanOrEqual(team.firstReplySeconds);
      expect(mine.nextReplySeconds).toBeLessThanOrEqual(team.nextReplySeconds);
      expect(replyPolicySchema.safeParse(mine).success).toBe(true);
    }
  });
});
