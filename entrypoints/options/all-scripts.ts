/**
 * One live read of every script for the whole options page. The editor and the packs section
 * both need all scripts; with a 50,000-script pack installed, each separate live query read and
 * deserialised every chunk again after every write. Here one Dexie liveQuery is shared by all
 * mounted users and stopped when the last one unmounts.
 */
import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';
import { db } from '../../utils/db';
import type { ScriptRow } from '../../utils/db/schema';
import { allScripts } from '../../utils/db/script-store';

let current: ScriptRow[] | undefined;
let subscription: Subscription | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  subscription ??= liveQuery(() => allScripts(db)).subscribe({
    next: (rows) => {
      current = rows;
      for (const l of listeners) l();
    },
    error: (e: unknown) => console.error('allScripts', e),
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    subscription?.unsubscribe();
    subscription = null;
    current = undefined;
  };
}

/** Every script (undefined until the first read), kept current with the database. */
export function useAllScripts(): ScriptRow[] | undefined {
  return useSyncExternalStore(subscribe, () => current);
}
