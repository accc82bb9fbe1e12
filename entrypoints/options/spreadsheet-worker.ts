/**
 * Reads a spreadsheet off the options page's main thread. Unzipping and parsing a 50,000-row
 * xlsx makes a few hundred MB of short-lived objects; here they are collected in the worker's
 * own heap and the page only receives the finished table (text rows).
 */
import { readSpreadsheet, SpreadsheetError } from '../../scripts-library/io/read';

export interface ReadRequest {
  data: ArrayBuffer;
  fileName: string;
  sheet?: string;
}
export type ReadReply = { ok: true; table: Awaited<ReturnType<typeof readSpreadsheet>> } | { ok: false; message: string; messageEn?: string };

self.onmessage = async (e: MessageEvent<ReadRequest>) => {
  const { data, fileName, sheet } = e.data;
  let reply: ReadReply;
  try {
    reply = { ok: true, table: await readSpreadsheet(data, fileName, sheet === undefined ? {} : { sheet }) };
  } catch (err) {
    reply = err instanceof SpreadsheetError ? { ok: false, message: err.message, messageEn: err.messageEn } : { ok: false, message: (err as Error).message };
  }
  self.postMessage(reply);
};
