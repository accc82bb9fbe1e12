/** An insert request id is done once: a retry answers the first outcome and inserts nothing. */
import { describe, expect, it } from 'vitest';
import { InsertLedger } from '../../utils/insertion/once';
import type { InsertResult } from '../../utils/messaging/protocol';

describe('InsertLedger', () => {
  it('inserts once per id, also when the retry arrives while the first is running', async () => {
    const ledger = new InsertLedger();
    let inserted = 0;
    const insert = async (): Promise<InsertResult> => {
      inserted++;
      return { ok: true, kind: 'textarea' };
    };
    const [a, b] = await Promise.all([ledger.run('r1', insert), ledger.run('r1', insert)]);
    expect(a).toEqual({ ok: true, kind: 'textarea' });
    expect(b).toEqual({ ok: true, kind: 'textarea', repeated: true });
    expect(await ledger.run('r1', insert)).toMatchObject({ repeated: true });
    expect(inserted).toBe(1);
    await ledger.run('r2', insert);
    await ledger.run(undefined, insert);
    await ledger.run(undefined, insert);
    expect(inserted).toBe(4);
  });

  it('lets a retry try again after a failure (nothing was inserted)', async () => {
    const ledger = new InsertLedger();
    const results: InsertResult[] = [
      { ok: false, reason: 'no-target' },
      { ok: true, kind: 'input' },
    ];
    let calls = 0;
    const insert = async () => results[calls++]!;
    expect(await ledger.run('x', insert)).toMatchObject({ ok: false });
    await Promise.resolve();
    expect(await ledger.run('x', insert)).toEqual({ ok: true, kind: 'input' });
    expect(calls).toBe(2);
  });
});
