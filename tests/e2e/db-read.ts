/**
 * Reading the extension's database from one of its pages (same origin), for tests that check
 * what really got written. Each function runs in the page: pass it to `page.evaluate`.
 */

/** Every row of one table. */
export function readTable(table: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('huashu');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(table, 'readonly');
      const all = tx.objectStore(table).getAll();
      tx.oncomplete = () => {
        req.result.close();
        resolve(all.result);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
