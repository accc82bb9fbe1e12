/**
 * The reply-time policy in force: the team's (from the most specific pack that carries one —
 * a subscribed or imported team pack before the built-in default), tightened by the agent's
 * own settings. Pure.
 */
import { replyPolicySchema, type ReplyPolicy } from '../../scripts-library/schema';
import { tightenPolicy } from '../deadline';
import type { PackRow } from './schema';

export const FALLBACK_POLICY: ReplyPolicy = replyPolicySchema.parse({});

export function teamPolicy(
  packs: readonly Pick<PackRow, 'policy' | 'source' | 'order' | 'installedAt'>[],
): ReplyPolicy {
  const rank = (p: Pick<PackRow, 'source'>) => (p.source.kind === 'url' ? 0 : p.source.kind === 'file' ? 1 : 2);
  const withPolicy = packs.filter((p) => p.policy).sort((a, b) => rank(a) - rank(b) || b.installedAt - a.installedAt);
  return withPolicy[0]?.policy ?? FALLBACK_POLICY;
}

export function effectivePolicy(
  packs: readonly Pick<PackRow, 'policy' | 'source' | 'order' | 'installedAt'>[],
  agentOverrides: Partial<ReplyPolicy>,
): ReplyPolicy {
  return tightenPolicy(teamPolicy(packs), agentOverrides);
}
