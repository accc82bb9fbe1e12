/**
 * The import wizard's session, off the page's thread: the calls of `ImportSessionApi` sent to
 * a module worker (import-worker.ts) that reads, converts and writes. Where there is no Worker
 * (tests in happy-dom) the same session runs in-thread.
 */
import { db } from '../../utils/db';
import { ImportSession, type ImportSessionApi } from '../../utils/import/session';

type Method = 'open' | 'chooseSheet' | 'preview' | 'install';
export interface WorkerRequest {
  id: number;
  method: Method;
  arg: unknown;
}
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

class WorkerSession implements ImportSessionApi {
  private next = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.value);
      else p.reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(new Error(e.message || 'import worker failed'));
    };
  }

  private call<T>(method: Method, arg: unknown, transfer: Transferable[] = []): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, arg } satisfies WorkerRequest, transfer);
    });
  }

  private failAll(e: Error) {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  // The bytes move to the worker (transferred, not copied); it keeps them to read another sheet.
  open: ImportSessionApi['open'] = (input) => this.call('open', input, 'data' in input ? [input.data] : []);
  chooseSheet: ImportSessionApi['chooseSheet'] = (sheet) => this.call('chooseSheet', sheet);
  preview: ImportSessionApi['preview'] = (req) => this.call('preview', req);
  install: ImportSessionApi['install'] = (req) => this.call('install', req);
  close() {
    this.failAll(new Error('closed'));
    this.worker.terminate();
  }
}

/** A new import session: in a worker on extension pages, in-thread elsewhere. */
export function openImportSession(): ImportSessionApi {
  if (typeof Worker === 'undefined') return new ImportSession(db);
  return new WorkerSession(new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }));
}
