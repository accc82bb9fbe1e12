/**
 * The labeled customer messages (tests/fixtures/customer-messages.json) and how suggestions
 * are scored on them. Shared by the quality test and the benchmark, so both report the same.
 */
import set from '../../fixtures/customer-messages.json';
import type { ChatMessage, Suggestions } from '../../../utils/suggest';

export interface LabeledMessage {
  text: string;
  kind: string;
  /** Situation ids of the default pack (no pack prefix) whose scripts are right. */
  situations: string[];
  /** Earlier messages, oldest first; a plain string is the customer's (holdout4 writes them so). */
  context?: (ChatMessage | string)[];
}

export const LABELED_PACK_ID: string = set.pack;
export const LABELED_MESSAGES = set.messages as LabeledMessage[];

export function conversationOf(m: LabeledMessage): ChatMessage[] {
  return [
    ...(m.context ?? []).map((c): ChatMessage => (typeof c === 'string' ? { from: 'customer', text: c } : c)),
    { from: 'customer', text: m.text },
  ];
}

export interface SuggestQuality {
  messages: number;
  /** First suggested script is of a right situation. */
  top1: number;
  /** One of the first three suggested scripts is. */
  top3: number;
  /** The first detected situation is right. */
  situationTop1: number;
  byKind: Record<string, { messages: number; top1: number; top3: number }>;
  misses: { text: string; kind: string; want: string[]; got: string[] }[];
}

const local = (id: string) => id.slice(id.lastIndexOf('/') + 1);

export function evaluateSuggestions(
  suggest: (m: LabeledMessage) => Suggestions,
  messages = LABELED_MESSAGES,
): SuggestQuality {
  let top1 = 0;
  let top3 = 0;
  let sit1 = 0;
  const byKind: SuggestQuality['byKind'] = {};
  const misses: SuggestQuality['misses'] = [];
  for (const m of messages) {
    const s = suggest(m);
    const got = s.scripts.map((x) => local(x.situationId));
    const k = (byKind[m.kind] ??= { messages: 0, top1: 0, top3: 0 });
    k.messages++;
    if (got[0] && m.situations.includes(got[0])) {
      top1++;
      k.top1++;
    }
    if (got.slice(0, 3).some((g) => m.situations.includes(g))) {
      top3++;
      k.top3++;
    } else misses.push({ text: m.text, kind: m.kind, want: m.situations, got: got.slice(0, 3) });
    if (s.situations[0] && m.situations.includes(local(s.situations[0].id))) sit1++;
  }
  const n = messages.length;
  return { messages: n, top1: top1 / n, top3: top3 / n, situationTop1: sit1 / n, byKind, misses };
}

import holdout from '../../fixtures/customer-messages-holdout.json';
/** Written after the classifier and never used to tune it: the honest estimate. */
export const HOLDOUT_MESSAGES = holdout.messages as LabeledMessage[];

import holdout2 from '../../fixtures/customer-messages-holdout2.json';
/** Written before the lexicon was broadened for generalisation, without reading the classifier, and never used to tune it. */
export const HOLDOUT2_MESSAGES = holdout2.messages as LabeledMessage[];
/** Both held-out sets: the floor test's set. */
export const HELD_OUT_MESSAGES: LabeledMessage[] = [...HOLDOUT_MESSAGES, ...HOLDOUT2_MESSAGES];

import holdout3 from '../../fixtures/customer-messages-holdout3.json';
/**
 * Written by someone who never read the classifier, its lexicon or the other sets, and never
 * used to tune them: the most independent estimate. Not in HELD_OUT_MESSAGES (whose floor was
 * set before this set existed); it has its own floor test.
 */
export const HOLDOUT3_MESSAGES = holdout3.messages as LabeledMessage[];

import holdout4 from '../../fixtures/customer-messages-holdout4.json';
/**
 * Written for this round by a helper who never saw the code, the pack or the other sets, before
 * any tuning, in the style of real chats (several sentences, emoji, typos, shorthand, mixed
 * topics), labeled with the default pack's situations including the ones agents meet most. Never
 * used to tune: only its figures are read, never its misses.
 */
export const HOLDOUT4_MESSAGES = holdout4.messages as LabeledMessage[];

import dev4 from '../../fixtures/customer-messages-dev4.json';
/** The developer's own examples for this round's situations and chat habits: tuned on, optimistic. */
export const DEV4_MESSAGES = dev4.messages as LabeledMessage[];

import dev5 from '../../fixtures/customer-messages-dev5.json';
/**
 * The developer's fifth set, written before this round's tuning and weighted to the kinds that
 * missed most (indirect requests, follow-ups): tuned on, optimistic. Held-out 4 stays untouched.
 */
export const DEV5_MESSAGES = dev5.messages as LabeledMessage[];

import dev6 from '../../fixtures/customer-messages-dev6.json';
/**
 * The sixth development set: 420 messages written by a separate writer who saw only the situation
 * names and the domain notes (never the code, the cues, the scripts or the other sets), weighted to
 * indirect requests. Measured on the code before round 6 (85.5 % top-3, 70.0 % top-1), then tuned
 * on: optimistic since.
 */
export const DEV6_MESSAGES = dev6.messages as LabeledMessage[];

import holdout5 from '../../fixtures/customer-messages-holdout5.json';
/**
 * Written during round 5 by a helper who saw only the list of situation names and the domain
 * notes (never the code, the cues, the scripts or the other sets), and kept out of the developers'
 * reach until their tuning was finished: the least optimistic figure we have.
 */
export const HOLDOUT5_MESSAGES = holdout5.messages as LabeledMessage[];
