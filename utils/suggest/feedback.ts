/**
 * The agent's picks feed back into suggestions. An insertion from the suggestion block is
 * stored as a usage row with `via: 'suggestion'` and the situation that was detected
 * (`situationKey`); from those rows, per detected situation, how much each script was chosen
 * (frecency, as the search's usage boost). Pure: the caller reads the rows.
 */
import { usageStatsFrom, type UsageStats } from '../search';

export interface PickEvent {
  scriptKey: string;
  at: number;
  situationKey?: string;
  via?: string;
}

export function pickStatsFrom(events: Iterable<PickEvent>, now = Date.now()): Map<string, Map<string, UsageStats>> {
  const bySituation = new Map<string, PickEvent[]>();
  for (const e of events) {
    if (e.via !== 'suggestion' || !e.situationKey) continue;
    let list = bySituation.get(e.situationKey);
    if (!list) bySituation.set(e.situationKey, (list = []));
    list.push(e);
  }
  const out = new Map<string, Map<string, UsageStats>>();
  for (const [situation, list] of bySituation) out.set(situation, usageStatsFrom(list, now));
  return out;
}
