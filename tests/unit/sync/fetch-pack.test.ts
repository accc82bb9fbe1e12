/**
 * fetchPack against a real HTTP server on 127.0.0.1 (Node's own fetch): what a subscription
 * gets for each thing a publisher's server may do.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackUrl, compareVersions, fetchPack, type FetchPackOptions } from '../../../utils/sync/fetch-pack';
import { startPackServer, type PackServer } from '../../e2e/pack-server';
import { TEAM_PACK_ID, teamPack, V1_SCRIPTS, withHash } from '../../fixtures/sync-packs';

let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(async () => {
  await server?.close();
});

const opts = (extra: Partial<FetchPackOptions> = {}): FetchPackOptions => ({
  fetch,
  timeoutMs: 2000,
  maxBytes: 256 * 1024,
  ...extra,
});

describe('fetchPack', () => {
  it('gets, validates and hashes a pack, then costs one conditional request that answers 304 with no body', async () => {
    server.set('/a.json', {
      kind: 'pack',
      body: JSON.stringify(await withHash(teamPack('1.0'))),
      lastModified: 'Tue, 24 Nov 2026 01:00:00 GMT',
    });
    const first = await fetchPack(server.url('/a.json'), {}, opts());
    expect(first.kind).toBe('updated');
    if (first.kind !== 'updated') return;
    expect(first.pack.id).toBe(TEAM_PACK_ID);
    expect(first.pack.scripts).toHaveLength(V1_SCRIPTS.length);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.etag).toBeTruthy();
    expect(first.lastModified).toBe('Tue, 24 Nov 2026 01:00:00 GMT');

    const before = server.hits('/a.json').length;
    const second = await fetchPack(
      server.url('/a.json'),
      { etag: first.etag!, lastModified: first.lastModified! },
      opts(),
    );
    expect(second.kind).toBe('unchanged');
    const hits = server.hits('/a.json').slice(before);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      status: 304,
      bodyBytes: 0,
      ifNoneMatch: first.etag,
      ifModifiedSince: first.lastModified,
    });
    expect(hits[0]!.cookie).toBeUndefined();
  });

  it('reports an HTTP error with its status', async () => {
    server.set('/500.json', { kind: 'status', status: 500 });
    expect(await fetchPack(server.url('/500.json'), {}, opts())).toMatchObject({
      kind: 'error',
      code: 'http',
      status: 500,
      detail: expect.stringContaining('500'),
    });
  });

  it('gives up on a server that never answers after the timeout', async () => {
    server.set('/hang.json', { kind: 'hang' });
    const res = await fetchPack(server.url('/hang.json'), {}, opts({ timeoutMs: 300 }));
    expect(res).toMatchObject({ kind: 'error', code: 'timeout' });
  });

  it('stops reading an endless body without Content-Length at the size cap', async () => {
    server.set('/big.json', { kind: 'endless', bytes: 50 * 1024 * 1024 });
    const res = await fetchPack(server.url('/big.json'), {}, opts({ maxBytes: 200 * 1024 }));
    expect(res).toMatchObject({ kind: 'error', code: 'too-large' });
    // The client hung up: the server got nowhere near sending all of it.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.hits('/big.json')[0]!.bodyBytes).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    server.set('/declared.json', { kind: 'pack', body: JSON.stringify(teamPack('1.0')) });
    expect(await fetchPack(server.url('/declared.json'), {}, opts({ maxBytes: 512 }))).toMatchObject({
      kind: 'error',
      code: 'too-large',
    });
  });

  it('never takes damaged text or a reserved id from the network', async () => {
    // A lone surrogate goes out as the bytes of U+FFFD: the pack was damaged before it was served.
    const damaged = JSON.stringify(teamPack('1.0')).replace('您好', '您\uD800好');
    server.set('/damaged.json', { kind: 'raw', body: damaged });
    const res = await fetchPack(server.url('/damaged.json'), {}, opts());
    expect(res).toMatchObject({ kind: 'error', code: 'not-json' });
    expect(res.kind === 'error' && res.detail).toContain('替换字符');
    server.set('/personal.json', { kind: 'raw', body: JSON.stringify({ ...teamPack('1.0'), id: 'personal' }) });
    const reserved = await fetchPack(server.url('/personal.json'), {}, opts());
    expect(reserved).toMatchObject({ kind: 'error', code: 'invalid' });
    expect(reserved.kind === 'error' && reserved.detail).toContain('保留给个人话术');
  });

  it('names the parser error for malformed JSON', async () => {
    server.set('/broken.json', { kind: 'raw', body: '{"schemaVersion":1,"id":"team.aftersale",' });
    expect(await fetchPack(server.url('/broken.json'), {}, opts())).toMatchObject({ kind: 'error', code: 'not-json' });
  });

  it('names the failing script for a pack that does not validate', async () => {
    const bad = teamPack('1.0', [{ ...V1_SCRIPTS[0]!, shortcut: 'NOT OK' }]);
    server.set('/invalid.json', { kind: 'raw', body: JSON.stringify(bad) });
    const res = await fetchPack(server.url('/invalid.json'), {}, opts());
    expect(res).toMatchObject({ kind: 'error', code: 'invalid' });
    expect(res.kind === 'error' && res.detail).toContain('wl-cuijian');
  });

  it('refuses a pack whose content does not match its contentHash', async () => {
    const signed = await withHash(teamPack('1.0'));
    const tampered = {
      ...signed,
      scripts: signed.scripts.map((s, i) => (i === 0 ? { ...s, body: `${s.body}（被改过）` } : s)),
    };
    server.set('/tampered.json', { kind: 'raw', body: JSON.stringify(tampered) });
    expect(await fetchPack(server.url('/tampered.json'), {}, opts())).toMatchObject({
      kind: 'error',
      code: 'hash-mismatch',
    });
  });

  it('refuses another pack at a subscribed URL, and an older version', async () => {
    server.set('/v.json', { kind: 'raw', body: JSON.stringify(teamPack('1.2')) });
    expect(await fetchPack(server.url('/v.json'), {}, opts({ expectId: 'team.other' }))).toMatchObject({
      kind: 'error',
      code: 'id-mismatch',
    });
    expect(await fetchPack(server.url('/v.json'), {}, opts({ minVersion: '1.10' }))).toMatchObject({
      kind: 'error',
      code: 'older-version',
    });
    expect((await fetchPack(server.url('/v.json'), {}, opts({ expectId: TEAM_PACK_ID, minVersion: '1.2' }))).kind).toBe(
      'updated',
    );
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startPackServer();
    const url = closed.url('/gone.json');
    await closed.close();
    expect(await fetchPack(url, {}, opts())).toMatchObject({ kind: 'error', code: 'network' });
  });

  it('never throws, whatever the body (random text, random JSON)', async () => {
    const bodyArb = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.json({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ ...teamPack('1.0'), scripts: v })),
      fc.constantFrom('', 'null', '[]', '{}', '\uFEFF{}', '<html><script>alert(1)</script></html>'),
    );
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.constantFrom(200, 203, 404, 500), async (body, status) => {
        const fakeFetch = (async () => new Response(body, { status })) as typeof fetch;
        const res = await fetchPack(
          'https://packs.example.com/p.json',
          {},
          { fetch: fakeFetch, timeoutMs: 1000, maxBytes: 1024 * 1024 },
        );
        expect(['updated', 'error']).toContain(res.kind);
        if (status !== 200 && status !== 203) expect(res).toMatchObject({ code: 'http' });
      }),
      { numRuns: 150 },
    );
  });
});

describe('URL policy', () => {
  it('takes https anywhere and http only on this machine', () => {
    expect(checkPackUrl('https://packs.example.com/team.json').ok).toBe(true);
    expect(checkPackUrl('http://localhost:8080/p.json').ok).toBe(true);
    expect(checkPackUrl('http://127.0.0.1:9/p.json').ok).toBe(true);
    expect(checkPackUrl('http://[::1]:9/p.json').ok).toBe(true);
    expect(checkPackUrl('http://packs.example.com/p.json').ok).toBe(false);
    expect(checkPackUrl('ftp://packs.example.com/p.json').ok).toBe(false);
    expect(checkPackUrl('https://user:secret@packs.example.com/p.json').ok).toBe(false);
    expect(checkPackUrl('not a url').ok).toBe(false);
    expect(checkPackUrl('javascript:alert(1)').ok).toBe(false);
  });

  it('refuses a plain-http URL without making a request', async () => {
    let called = 0;
    const spy = (async () => {
      called++;
      return new Response('{}');
    }) as typeof fetch;
    expect(
      await fetchPack('http://packs.example.com/p.json', {}, { fetch: spy, timeoutMs: 1000, maxBytes: 1000 }),
    ).toMatchObject({ kind: 'error', code: 'not-allowed-url' });
    expect(called).toBe(0);
  });

  it('orders versions numerically', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('2026.11.24', '2026.11.3')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.2.0-beta', '1.3')).toBeLessThan(0);
  });
});
