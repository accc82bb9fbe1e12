/**
 * `readSpreadsheet` for the options page: in a Web Worker where there is one (the extension
 * page), else on the calling thread (tests in happy-dom). Same results and the same errors.
 */
import { readSpreadsheet, SpreadsheetError } from '../../scripts-library/io/read';
import type { Table } from '../../scripts-library/io/types';
import type { ReadReply, ReadRequest } from './spreadsheet-worker';

export function readSpreadsheetOffThread(data: ArrayBuffer, fileName: string, opts: { sheet?: string } = {}): Promise<Table> {
  if (typeof Worker === 'undefined') return readSpreadsheet(data, fileName, opts);
  return new Promise<Table>((resolve, reject) => {
    const worker = new Worker(new URL('./spreadsheet-worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = (e: MessageEvent<ReadReply>) => {
      done();
      const r = e.data;
      if (r.ok) resolve(r.table);
      else reject(r.messageEn !== undefined ? new SpreadsheetError(r.message, r.messageEn) : new Error(r.message));
    };
    worker.onerror = (e) => {
      done();
      e.preventDefault();
      // The worker could not start (it should always): read here instead.
      readSpreadsheet(data, fileName, opts).then(resolve, reject);
    };
    // A copy, not a transfer: the wizard keeps the bytes to read another sheet.
    const request: ReadRequest = { data, fileName, ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}) };
    worker.postMessage(request);
  });
}
