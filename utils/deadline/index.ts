/**
 * Reply-deadline policy and clock arithmetic. Pure: functions of (stored state, policy, now),
 * no timers, no Date.now(), no DOM or browser APIs, so every view derives the same countdown
 * from the same timestamps and everything tests in plain Node.
 */
export {
  applyEvent,
  applyEventAndReport,
  emptyClock,
  MAX_UNANSWERED,
  pendingWaits,
  PROMISE_KEPT_AFTER_MS,
  type ClockEvent,
  type ConversationClock,
  type DeadlineKind,
  type FollowUpPromise,
  type PendingWait,
  type SettledWait,
} from './clock';
export { currentDeadline, dueAtOf, remainingMs, warningStartsAt, type Deadline } from './deadline';
export { POLICY_PRESETS, tightenPolicy, type PolicyPreset, type PolicyPresetId } from './presets';
export {
  addServiceTime,
  isInServiceHours,
  localUtcOffsetMinutes,
  serviceTimeBetween,
  type ServiceHours,
  type UtcOffsetMinutes,
  type ZoneOptions,
} from './service-hours';
export {
  dailyStats,
  responseRecordKey,
  statsToCsv,
  toResponseRecord,
  type DailyStatsOptions,
  type DailyStatsRow,
  type ResponseRecord,
} from './stats';
export {
  clockStatus,
  deadlineKey,
  formatBadgeText,
  formatRemaining,
  nextAlarmAt,
  phaseCrossing,
  trackNotification,
  type ClockPhase,
  type ClockStatus,
  type NotifiedPhase,
} from './status';
export { threadEvents, type ThreadMessage } from './thread';
export { rankByUrgency, type RankedConversation } from './urgency';
