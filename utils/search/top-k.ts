/**
 * The best `k` of a stream by score, ties broken by key so equal scores always come out in
 * the same order (a list that reshuffles between keystrokes is hard to pick from). A min-heap
 * in parallel arrays: most offers lose to the root and cost one comparison.
 *
 * Documents numbered below `keyOrdered` are numbered in key order (the index's base segment):
 * between two of them the numbers decide, and strings are compared only for the few added
 * since. A broad query at 200,000 scripts ties thousands of scripts, each compared with the root.
 */
export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(
    private readonly k: number,
    private readonly keyOrdered: number,
    private readonly keyOf: (d: number) => string,
  ) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** (da, sa) ranks below (db, sb). */
  private below(da: number, sa: number, db: number, sb: number): boolean {
    if (sa !== sb) return sa < sb;
    if (da < this.keyOrdered && db < this.keyOrdered) return da > db;
    return this.keyOf(da) > this.keyOf(db);
  }

  /** The score a new document must reach to enter, once `k` are held (-Infinity before). */
  get threshold(): number {
    return this.n < this.k ? -Infinity : this.scores[0]!;
  }

  offer(d: number, score: number): void {
    const { docs, scores } = this;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.below(d, score, docs[parent]!, scores[parent]!)) break;
        docs[i] = docs[parent]!;
        scores[i] = scores[parent]!;
        i = parent;
      }
      docs[i] = d;
      scores[i] = score;
      return;
    }
    if (score < scores[0]! || !this.below(docs[0]!, scores[0]!, d, score)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const m = r < this.n && this.below(docs[r]!, scores[r]!, docs[l]!, scores[l]!) ? r : l;
      if (!this.below(docs[m]!, scores[m]!, d, score)) break;
      docs[i] = docs[m]!;
      scores[i] = scores[m]!;
      i = m;
    }
    docs[i] = d;
    scores[i] = score;
  }

  sorted(): { d: number; score: number }[] {
    const out: { d: number; score: number }[] = [];
    for (let i = 0; i < this.n; i++) out.push({ d: this.docs[i]!, score: this.scores[i]! });
    return out.sort((a, b) =>
      this.below(a.d, a.score, b.d, b.score) ? 1 : this.below(b.d, b.score, a.d, a.score) ? -1 : 0,
    );
  }
}
