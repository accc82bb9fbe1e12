/**
 * The import wizard's worker: one `ImportSession` (utils/import/session.ts) per wizard run. The
 * file's bytes come in transferred; the page gets back only what it shows. Reading, converting
 * and writing a 50,000-row sheet makes a few hundred MB of short-lived objects, all collected
 * here, off the page's thread and heap.
 */
import { db } from '../../utils/db';
import { ImportSession } from '../../utils/import/session';
import type { WorkerReply, WorkerRequest } from './import-client';

const session = new ImportSession(db);

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const { id, method, arg } = e.data;
  let reply: WorkerReply;
  try {
    // Dispatch by name; the client types each call.
    reply = { id, ok: true, value: await (session[method] as (a: unknown) => Promise<unknown>).call(session, arg) };
  } catch (err) {
    reply = { id, ok: false, message: (err as Error).message || String(err) };
  }
  self.postMessage(reply);
};
