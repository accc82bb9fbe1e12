/**
 * Every script in the extension's database, read from one of its pages (same origin). Runs in the
 * page: pass it to `page.evaluate` (Playwright in Chromium, Puppeteer in Firefox alike).
 */
import type { ScriptRow } from '../../utils/db/schema';

export type StoredScript = Pick<
  ScriptRow,
  'key' | 'packId' | 'title' | 'body' | 'purpose' | 'keywords' | 'tags' | 'shortcut' | 'situationKey'
>;

export function readStoredScripts(): Promise<StoredScript[]> {
  return new Promise<StoredScript[]>((resolve, reject) => {
    const req = indexedDB.open('huashu');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      // The agent's rows are in `scripts`; pack scripts in `scriptChunks`, up to 500 a row.
      const tx = req.result.transaction(['scripts', 'scriptChunks']);
      const all = tx.objectStore('scripts').getAll();
      const chunks = tx.objectStore('scriptChunks').getAll();
      tx.oncomplete = () => {
        resolve([
          ...(all.result as StoredScript[]),
          ...(chunks.result as { rows: StoredScript[] }[]).flatMap((c) => c.rows),
        ]);
        req.result.close();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
