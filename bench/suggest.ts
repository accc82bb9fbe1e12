/**
 * Suggestions benchmark: quality on the labeled customer messages (top-1 / top-3 suggested
 * scripts of a right situation, as tests/unit/suggest/quality.test.ts checks) and on the
 * held-out sets and the developer's own examples; the
 * search engine alone on the whole message as the baseline; and the time to classify one message (the conversation before it included),
 * on the default pack and on a synthetic library of 50,000 scripts.
 */
import { loadDefaultPack } from '../scripts-library/default-pack';
import {
  conversationOf,
  DEV4_MESSAGES,
  evaluateSuggestions,
  HOLDOUT2_MESSAGES,
  HOLDOUT3_MESSAGES,
  HOLDOUT4_MESSAGES,
  HOLDOUT_MESSAGES,
  LABELED_MESSAGES,
} from '../tests/unit/suggest/labeled-set';
import { cueSourcesFromPack, docsFromPack } from '../utils/library/search-docs';
import { createSearchIndex, type SearchDoc } from '../utils/search';
import { prepareSuggestLibrary, suggestReplies, type Suggestions } from '../utils/suggest';
import { syntheticLibrary } from './synthetic-library';
import type { BenchFigure } from './types';

const ROUNDS = 5;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function timings(docs: SearchDoc[], label: string): BenchFigure[] {
  // The default pack's wording: the synthetic library uses its situation tree.
  const lib = prepareSuggestLibrary(createSearchIndex(docs), docs, cueSourcesFromPack(loadDefaultPack()));
  const conversations = LABELED_MESSAGES.map(conversationOf);
  for (const c of conversations) suggestReplies(c, lib); // warm-up
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const c of conversations) {
      const start = performance.now();
      suggestReplies(c, lib);
      times.push(performance.now() - start);
    }
  times.sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 1000) / 1000;
  return [
    { name: `classify p50 (${label})`, value: ms(quantile(times, 0.5)), unit: 'ms/message' },
    { name: `classify p95 (${label})`, value: ms(quantile(times, 0.95)), unit: 'ms/message' },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const pack = loadDefaultPack();
  const docs = docsFromPack(pack);
  const lib = prepareSuggestLibrary(createSearchIndex(docs), docs, cueSourcesFromPack(pack));
  const situationOf = new Map(docs.map((d) => [d.key, d.situationId]));
  const index = createSearchIndex(docs);
  const searchOnly = (text: string): Suggestions => ({
    situations: [],
    scripts: index.search(text, { limit: 5 }).map((hit) => ({
      key: hit.key,
      situationId: situationOf.get(hit.key)!,
      detected: situationOf.get(hit.key)!,
      score: hit.score,
      reason: { kind: 'search', text },
    })),
  });
  const pct = (x: number) => Math.round(x * 1000) / 10;
  const figures: BenchFigure[] = [];
  for (const [name, set] of [
    ['labeled', LABELED_MESSAGES],
    ['held-out', HOLDOUT_MESSAGES],
    ['held-out 2', HOLDOUT2_MESSAGES],
    ['held-out 3', HOLDOUT3_MESSAGES],
    ['developer examples (round 4)', DEV4_MESSAGES],
    ['held-out 4 (independent)', HOLDOUT4_MESSAGES],
  ] as const) {
    const ours = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), set);
    const base = evaluateSuggestions((m) => searchOnly(m.text), set);
    figures.push(
      { name: `${name} messages`, value: ours.messages, unit: 'messages' },
      { name: `${name} top-1`, value: pct(ours.top1), unit: '%' },
      { name: `${name} top-3`, value: pct(ours.top3), unit: '%' },
      { name: `${name} top-1 (search alone)`, value: pct(base.top1), unit: '%' },
      { name: `${name} top-3 (search alone)`, value: pct(base.top3), unit: '%' },
    );
  }
  figures.push(...timings(docs, 'default pack'), ...timings(syntheticLibrary(50_000), '50,000 scripts'));
  return figures;
}
