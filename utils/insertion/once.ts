/**
 * Insertions are exactly-once from the agent's view. Each insert request carries an id; the
 * content script remembers what it did for the last ids, so a retry of an id already handled
 * (the panel never heard back: the background was stopped, or the answer timed out) answers
 * what happened the first time instead of inserting again. Pure: no DOM.
 */
import type { InsertResult } from '../messaging/protocol';

/** Enough for any retry the agent could make; old ids go first. */
const REMEMBERED = 64;

export class InsertLedger {
  private readonly done = new Map<string, Promise<InsertResult>>();

  /**
   * Run `insert` once for `id`. A second call with the same id (also while the first is still
   * running) gets the first one's result, marked `repeated`, and inserts nothing. No id: always run.
   */
  run(id: string | undefined, insert: () => Promise<InsertResult>): Promise<InsertResult> {
    if (!id) return insert();
    const first = this.done.get(id);
    if (first) return first.then((r) => (r.ok ? { ...r, repeated: true } : r));
    const job = insert();
    this.done.set(id, job);
    // A failed attempt inserted nothing: a retry may try again.
    void job.then(
      (r) => !r.ok && this.done.delete(id),
      () => this.done.delete(id),
    );
    while (this.done.size > REMEMBERED) this.done.delete(this.done.keys().next().value!);
    return job;
  }
}
