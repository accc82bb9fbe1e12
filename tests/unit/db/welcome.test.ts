import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { HuashuDB } from '../../../utils/db/schema';
import { claimWelcome } from '../../../utils/db/welcome';

const freshDb = (factory = new IDBFactory()) => new HuashuDB(`w${Math.random()}`, { indexedDB: factory, IDBKeyRange });

it('opens the welcome tab once per profile, however often the browser reports an install', async () => {
  const factory = new IDBFactory();
  const name = `w${Math.random()}`;
  const first = new HuashuDB(name, { indexedDB: factory, IDBKeyRange });
  expect(await claimWelcome(first)).toBe(true);
  expect(await claimWelcome(first)).toBe(false);
  first.close();
  // A browser restart: the same database opened again.
  const again = new HuashuDB(name, { indexedDB: factory, IDBKeyRange });
  expect(await claimWelcome(again)).toBe(false);
  again.close();
});

it('two starts racing for it: only one wins', async () => {
  const db = freshDb();
  const results = await Promise.all([claimWelcome(db), claimWelcome(db), claimWelcome(db)]);
  expect(results.filter(Boolean)).toHaveLength(1);
  db.close();
});
