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

/** One row by key (undefined when there is none). `[table, key]`: page.evaluate passes one argument. */
export function readRow([table, key]: readonly [string, IDBValidKey]): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('huashu');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(table, 'readonly');
      const got = tx.objectStore(table).get(key);
      tx.oncomplete = () => {
        req.result.close();
        resolve(got.result);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Writes one row straight into a table (test-only settings such as shorter sync limits). */
export function putRow([table, row]: readonly [string, unknown]): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('huashu');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(table, 'readwrite');
      tx.objectStore(table).put(row);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
