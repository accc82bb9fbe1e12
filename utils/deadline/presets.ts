/**
 * Ready-made reply-time policies, and the rule that an agent may only make the team's
 * deadlines stricter.
 */
import { replyPolicySchema, type ReplyPolicy } from '../../scripts-library/schema';
import { serviceHoursCover } from './service-hours';

export type PolicyPresetId =
  'team-default' | 'three-minute-rate' | 'thirty-second' | 'douyin-3-minute' | 'jd-30-second' | '24h-follow-up';

export interface PolicyPreset {
  id: PolicyPresetId;
  /** zh-CN, shown in the options page. */
  label: string;
  description: string;
  policy: ReplyPolicy;
}

export const POLICY_PRESETS: Readonly<Record<PolicyPresetId, PolicyPreset>> = {
  // The team rules in shared/domain.md say "first contact within 5 minutes". Their other
  // number, "reply again within 15 minutes when another team is needed", is a promise the
  // agent makes in words, so it lives on the handover scripts as `effect.followUpMinutes`,
  // not here. Every further message gets 3 minutes because that is what the platforms'
  // "3 分钟回复率" scores, and the same as the default pack's policy.
  'team-default': {
    id: 'team-default',
    label: '团队默认',
    description: '首次回复 5 分钟、后续回复 3 分钟，提前 1 分钟提醒；只在 09:00–23:00 服务时间内计时。',
    policy: {
      firstReplySeconds: 300,
      nextReplySeconds: 180,
      warnBeforeSeconds: 60,
      serviceHours: { start: '09:00', end: '23:00' },
    },
  },
  'three-minute-rate': {
    id: 'three-minute-rate',
    label: '3 分钟回复率',
    description: '平台常见考核：每条客户消息 3 分钟内回复，提前 1 分钟提醒；全天计时。',
    policy: { firstReplySeconds: 180, nextReplySeconds: 180, warnBeforeSeconds: 60, serviceHours: null },
  },
  'thirty-second': {
    id: 'thirty-second',
    label: '30 秒响应',
    description: '部分平台按 30 秒响应率考核：每条客户消息 30 秒内回复，提前 10 秒提醒；全天计时。',
    policy: { firstReplySeconds: 30, nextReplySeconds: 30, warnBeforeSeconds: 10, serviceHours: null },
  },
  // The platforms' public rules (shared/domain.md; they change, so they are data here and in
  // packs): 抖店 scores the share of customer messages a person answers within 3 minutes,
  // per message, 08:00–23:00.
  'douyin-3-minute': {
    id: 'douyin-3-minute',
    label: '抖店 3 分钟人工回复率',
    description: '抖店（飞鸽）：每条客户消息 3 分钟内人工回复，按条计算，08:00–23:00 计时，提前 1 分钟提醒。',
    policy: {
      firstReplySeconds: 180,
      nextReplySeconds: 180,
      warnBeforeSeconds: 60,
      serviceHours: { start: '08:00', end: '23:00' },
    },
  },
  // 京东 咚咚 scores a 30-second answer rate 9:00–23:00 (besides its 3-minute rate and the
  // average response time): the 30 seconds is the stricter clock, so the one to run.
  'jd-30-second': {
    id: 'jd-30-second',
    label: '京东 30 秒应答率',
    description:
      '京东（咚咚）：客户消息 30 秒内应答，09:00–23:00 计时，提前 10 秒提醒；同时考核 3 分钟回复率和平均响应时长。',
    policy: {
      firstReplySeconds: 30,
      nextReplySeconds: 30,
      warnBeforeSeconds: 10,
      serviceHours: { start: '09:00', end: '23:00' },
    },
  },
  // After-sale: the customer is owed an answer within 24 hours of writing, day or night;
  // warn an hour ahead (the longest warning the pack format allows).
  '24h-follow-up': {
    id: '24h-follow-up',
    label: '售后 24 小时跟进',
    description: '售后跟进：24 小时内回复客户，提前 1 小时提醒；全天计时。',
    policy: { firstReplySeconds: 86_400, nextReplySeconds: 86_400, warnBeforeSeconds: 3_600, serviceHours: null },
  },
};

/** Pack format limits (replyPolicySchema): a deadline shorter than 10 s is not a deadline. */
const MIN_DEADLINE_SECONDS = 10;
const MAX_WARN_SECONDS = 3_600;

const validSeconds = (value: number | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * The team's policy with an agent's personal overrides, which may only make it stricter:
 * shorter deadlines, and service hours that cover at least the team's (a clock that pauses
 * less). The warning lead is a personal preference and is taken as is, within the format's
 * range; it never moves a deadline.
 */
export function tightenPolicy(team: ReplyPolicy, overrides: Partial<ReplyPolicy>): ReplyPolicy {
  const shorter = (teamSeconds: number, mine: number | undefined) =>
    validSeconds(mine) ? Math.min(teamSeconds, Math.max(MIN_DEADLINE_SECONDS, Math.round(mine))) : teamSeconds;
  // Overrides come from a form, not a validated pack: malformed hours are ignored.
  const hours =
    overrides.serviceHours === undefined
      ? undefined
      : replyPolicySchema.shape.serviceHours.safeParse(overrides.serviceHours).data;
  return {
    firstReplySeconds: shorter(team.firstReplySeconds, overrides.firstReplySeconds),
    nextReplySeconds: shorter(team.nextReplySeconds, overrides.nextReplySeconds),
    warnBeforeSeconds: validSeconds(overrides.warnBeforeSeconds)
      ? Math.min(MAX_WARN_SECONDS, Math.max(0, Math.round(overrides.warnBeforeSeconds)))
      : team.warnBeforeSeconds,
    serviceHours: hours !== undefined && serviceHoursCover(hours, team.serviceHours) ? hours : team.serviceHours,
  };
}
