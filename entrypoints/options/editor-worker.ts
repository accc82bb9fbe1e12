/**
 * The options page's editor worker: one `EditorFeed` holding every script row off the page's
 * thread and heap. The page asks for windows (editor-client.ts); a change of the rows is
 * announced as `{ changed: version }`.
 */
import { db } from '../../utils/db';
import { EditorFeed } from './editor-feed';
import type { EditorWorkerReply, EditorWorkerRequest } from './editor-client';

const feed = new EditorFeed(db, (version) => self.postMessage({ changed: version } satisfies EditorWorkerReply));

self.onmessage = async (e: MessageEvent<EditorWorkerRequest>) => {
  const { id, method, args } = e.data;
  let reply: EditorWorkerReply;
  try {
    // Dispatch by name; the client types each call.
    reply = { id, ok: true, value: await (feed[method] as (...a: unknown[]) => Promise<unknown>)(...args) };
  } catch (err) {
    reply = { id, ok: false, message: (err as Error).message || String(err) };
  }
  self.postMessage(reply);
};
