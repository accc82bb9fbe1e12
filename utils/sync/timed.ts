/**
 * One request (or a request and its body) with a time limit, for the pack sync and the WebDAV
 * publisher: `work` gets a signal that aborts at the limit, and an abort by the limit comes out
 * as `TimedOut`, telling a slow server apart from a failing one. Pure: no browser APIs.
 */
export class TimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'TimedOut';
  }
}

export async function timed<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await work(controller.signal);
  } catch (e) {
    throw timedOut ? new TimedOut(timeoutMs) : e;
  } finally {
    clearTimeout(timer);
  }
}
