/**
 * The labeled relevance set (tests/fixtures/search-relevance.json) and how it is scored.
 * Shared by the relevance test and the benchmark, so both report the same figures.
 */
import relevance from '../../fixtures/search-relevance.json';

export interface LabeledQuery {
  q: string;
  kind: string;
  /** Situation ids (without the pack prefix) whose scripts are right answers. */
  relevant: string[];
}

export const RELEVANCE_PACK_ID: string = relevance.pack;
export const LABELED_QUERIES: LabeledQuery[] = relevance.queries;

export interface RelevanceReport {
  queries: number;
  top1: number;
  top5: number;
  mrr: number;
  byKind: Record<string, { queries: number; top1: number; top5: number }>;
  /** Queries without a right answer in the top 5, with what came first instead. */
  misses: { q: string; kind: string; relevant: string[]; got: string[] }[];
}

/**
 * `situationsOf(q)` returns the situation ids (pack prefix removed) of the hits in rank
 * order; rank of the first right one gives top-1, top-5 and reciprocal rank (0 past 10).
 */
export function evaluateRelevance(situationsOf: (q: string) => string[], queries = LABELED_QUERIES): RelevanceReport {
  let top1 = 0;
  let top5 = 0;
  let rr = 0;
  const byKind: RelevanceReport['byKind'] = {};
  const misses: RelevanceReport['misses'] = [];
  for (const item of queries) {
    const got = situationsOf(item.q);
    const rank = got.findIndex((s) => item.relevant.includes(s)) + 1;
    const k = (byKind[item.kind] ??= { queries: 0, top1: 0, top5: 0 });
    k.queries++;
    if (rank === 1) {
      top1++;
      k.top1++;
    }
    if (rank >= 1 && rank <= 5) {
      top5++;
      k.top5++;
    } else misses.push({ q: item.q, kind: item.kind, relevant: item.relevant, got: got.slice(0, 3) });
    if (rank >= 1 && rank <= 10) rr += 1 / rank;
  }
  const n = queries.length;
  return { queries: n, top1: top1 / n, top5: top5 / n, mrr: rr / n, byKind, misses };
}

/** `default.zh-CN/sol-quality` → `sol-quality`. */
export function localSituation(situationId: string): string {
  return situationId.slice(situationId.indexOf('/') + 1);
}
