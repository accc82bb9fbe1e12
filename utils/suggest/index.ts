/**
 * Suggested replies (pure): classify the recent conversation into situations and rank scripts.
 * See classify.ts for the signals, lexicon.ts for the customer wording, feedback.ts for how the
 * agent's picks come back into the ranking.
 */
export {
  prepareSuggestLibrary,
  suggestReplies,
  type ChatMessage,
  type DetectedSituation,
  type SuggestedScript,
  type SuggestLibrary,
  type SuggestOptions,
  type SuggestReason,
  type Suggestions,
} from './classify';
export { cleanText, clausesOf, tonesOf, type Clause, type Tone } from './text';
export { pickStatsFrom, type PickEvent } from './feedback';
