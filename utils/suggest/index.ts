/**
 * Suggested replies (pure): classify the recent conversation into situations and rank scripts.
 * See classify.ts for the signals, reading.ts for the generic reading rules (the customer wording is the library's own: situations' `cues`), feedback.ts for how the
 * agent's picks come back into the ranking.
 */
export {
  prepareSuggestLibrary,
  suggestReplies,
  type ChatMessage,
  type CueSource,
  type DetectedSituation,
  type SuggestedScript,
  type SuggestLibrary,
  type SuggestOptions,
  type SuggestReason,
  type Suggestions,
} from './classify';
export { cleanText, clausesOf, expandShorthand, type Clause } from './text';
export { pickStatsFrom, type PickEvent } from './feedback';
