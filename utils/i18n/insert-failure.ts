import type { InsertFailure } from '../messaging/protocol';
import type { MessageKey } from './messages';

/** What the agent is told when an insertion fails, wherever they picked the script. */
export const INSERT_FAILURE_TEXT: Record<InsertFailure, MessageKey> = {
  'no-target': 'failNoTarget',
  'target-gone': 'failTargetGone',
  'unreachable-frame': 'failUnreachableFrame',
  'tab-unreachable': 'failTabUnreachable',
  rejected: 'failRejected',
  'needs-values': 'failRejected', // the placeholder form asks instead; never shown
};
