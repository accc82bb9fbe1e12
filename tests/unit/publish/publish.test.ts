/**
 * Publishing to a WebDAV folder, against an in-memory WebDAV server that behaves like a strict
 * one (ETags, If-Match / If-None-Match, 409 for a missing parent, 401): version bumps, release
 * notes, the pack file written last, conflicts between two team leads, failures that leave the
 * published version untouched, republishing an old version, and the credential boundary.
 */
import { describe, expect, it } from 'vitest';
import { computeContentHash } from '../../../scripts-library/hash';
import { validatePack, type Pack, type PackInput } from '../../../scripts-library/schema';
import {
  historyFileName,
  nextVersion,
  packFileName,
  previewPublish,
  publishPack,
  PublishInvalidError,
  republishVersion,
} from '../../../utils/publish/publish';
import { davClient, DavError, normaliseFolderUrl, safeName } from '../../../utils/publish/webdav';
import { teamPack, V1_SCRIPTS } from '../../fixtures/sync-packs';
import { makePng } from '../../fixtures/images';
import { bytesToBase64, describeImage, imageFileName, type ScriptImageRef } from '../../../scripts-library/images';

const FOLDER = 'https://dav.example.com/dav/team/';

function valid(input: PackInput): Pack {
  const v = validatePack(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.pack;
}

interface FakeOptions {
  user?: string;
  password?: string;
  /** Ignore If-Match on PUT, as nginx's dav module does. */
  ignoreIfMatch?: boolean;
  /** Fail (network error) on the n-th PUT. */
  failPut?: number;
}

/** An in-memory WebDAV folder at FOLDER; records every request. */
function fakeDav(opts: FakeOptions = {}) {
  const files = new Map<string, { body: string; etag: string }>();
  const dirs = new Set<string>(['/dav/team']);
  const log: { method: string; path: string; headers: Record<string, string> }[] = [];
  let n = 0;
  let puts = 0;
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    log.push({ method, path: decodeURIComponent(url.pathname), headers });
    let path = decodeURIComponent(url.pathname);
    const expected = `Basic ${Buffer.from(`${opts.user ?? 'lead'}:${opts.password ?? 'secret'}`).toString('base64')}`;
    if (headers.Authorization !== expected) return new Response('', { status: 401 });
    const parent = path.replace(/\/[^/]*\/?$/, '');
    const file = files.get(path);
    switch (method) {
      case 'GET':
        // Weak, as nginx makes it when it gzips the body.
        return file
          ? new Response(file.body, { status: 200, headers: { etag: `W/${file.etag}` } })
          : new Response('', { status: 404 });
      case 'HEAD':
        return file
          ? new Response(null, { status: 200, headers: { etag: file.etag } })
          : new Response(null, { status: 404 });
      case 'MKCOL':
        if (!path.endsWith('/')) return new Response('', { status: 409 });
        path = path.slice(0, -1);
        if (dirs.has(path)) return new Response('', { status: 405 });
        if (!dirs.has(parent)) return new Response('', { status: 409 });
        dirs.add(path);
        return new Response('', { status: 201 });
      case 'PUT': {
        puts++;
        if (opts.failPut === puts) throw new TypeError('Failed to fetch');
        if (!dirs.has(parent)) return new Response('', { status: 409 });
        if (headers['If-None-Match'] === '*' && file) return new Response('', { status: 412 });
        if (!opts.ignoreIfMatch && headers['If-Match'] && headers['If-Match'] !== file?.etag)
          return new Response('', { status: 412 });
        const etag = `"e${++n}"`;
        files.set(path, { body: String(init.body), etag });
        return file
          ? new Response(null, { status: 204, headers: { etag } })
          : new Response('', { status: 201, headers: { etag } });
      }
    }
    return new Response('', { status: 405 });
  }) as typeof globalThis.fetch;
  return { files, dirs, log, fetch };
}

const clientOf = (dav: ReturnType<typeof fakeDav>, password = 'secret') =>
  davClient({ folderUrl: FOLDER, username: 'lead', password }, { fetch: dav.fetch, timeoutMs: 1000 });

const published = (dav: ReturnType<typeof fakeDav>, id = 'team.aftersale') =>
  JSON.parse(dav.files.get(`/dav/team/${id}.json`)!.body) as Pack;

describe('publishing to a WebDAV folder', () => {
  it('a first publish writes the history file, then the pack file, with notes, hash and today', async () => {
    const dav = fakeDav();
    const local = valid(teamPack('1.0.0'));
    const done = await publishPack(clientOf(dav), local, '第一版：物流和退换货', {
      expectEtag: null,
      now: new Date('2026-12-07T10:00:00Z'),
    });
    expect(done.pack.version).toBe('1.0.0');
    expect(done.url).toBe(`${FOLDER}team.aftersale.json`);
    const puts = dav.log.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts).toEqual(['/dav/team/history/team.aftersale/1.0.0.json', '/dav/team/team.aftersale.json']);
    const live = published(dav);
    expect(live.changes).toEqual([{ version: '1.0.0', date: '2026-12-07', notes: '第一版：物流和退换货' }]);
    expect(live.contentHash).toBe(await computeContentHash(valid(live)));
    expect(validatePack(live).ok).toBe(true);
  });

  it('the next publish bumps the version, keeps the earlier notes and shows the diff first', async () => {
    const dav = fakeDav();
    const client = clientOf(dav);
    await publishPack(client, valid(teamPack('1.0.0')), '第一版');
    const edited = valid(
      teamPack('1.0.0', [
        ...V1_SCRIPTS.slice(1),
        { id: 'wl-new', title: '催发货回复', body: '亲，仓库今天安排发出，发出后会第一时间同步单号给您。' },
      ]),
    );
    const preview = await previewPublish(client, edited);
    expect(preview).toMatchObject({
      fromVersion: '1.0.0',
      toVersion: '1.0.1',
      changes: { counts: { added: 1, changed: 0, removed: 1 }, added: ['催发货回复'], removed: ['物流催件回复'] },
    });
    const done = await publishPack(client, edited, '新增催发货', { expectEtag: preview.etag });
    expect(done.pack.version).toBe('1.0.1');
    expect(published(dav).changes!.map((c) => [c.version, c.notes])).toEqual([
      ['1.0.1', '新增催发货'],
      ['1.0.0', '第一版'],
    ]);
    expect(dav.files.has('/dav/team/history/team.aftersale/1.0.0.json')).toBe(true);
    expect(dav.files.has('/dav/team/history/team.aftersale/1.0.1.json')).toBe(true);
  });

  it('a local version ahead of the published one is published as it is', () => {
    expect(nextVersion('2.0.0', '1.4.2')).toBe('2.0.0');
    expect(nextVersion('1.0.0', '1.4.2')).toBe('1.4.3');
    expect(nextVersion('1.0.0', null)).toBe('1.0.0');
    expect(nextVersion('2026.12.7', '2026.12.7')).toBe('2026.12.8');
  });

  it('a second team lead who published after the preview is not overwritten (412 from the server)', async () => {
    const dav = fakeDav();
    const a = clientOf(dav);
    await publishPack(a, valid(teamPack('1.0.0')), 'v1');
    const previewA = await previewPublish(a, valid(teamPack('1.0.0')));
    // Lead B publishes in between.
    await publishPack(clientOf(dav), valid(teamPack('1.0.0', V1_SCRIPTS.slice(0, 2))), 'B 的修改');
    const before = dav.files.get('/dav/team/team.aftersale.json')!.body;
    await expect(
      publishPack(a, valid(teamPack('1.0.0')), 'A 的修改', { expectEtag: previewA.etag }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(dav.files.get('/dav/team/team.aftersale.json')!.body).toBe(before);
  });

  it('a server that ignores If-Match still does not lose the other lead’s version when it changed before our last look', async () => {
    const dav = fakeDav({ ignoreIfMatch: true });
    const a = clientOf(dav);
    await publishPack(a, valid(teamPack('1.0.0')), 'v1');
    const previewA = await previewPublish(a, valid(teamPack('1.0.0')));
    await publishPack(clientOf(dav), valid(teamPack('1.0.0', V1_SCRIPTS.slice(0, 2))), 'B');
    await expect(publishPack(a, valid(teamPack('1.0.0')), 'A', { expectEtag: previewA.etag })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(published(dav).changes![0]!.notes).toBe('B');
  });

  it('a connection lost before the pack file is written leaves the published version whole', async () => {
    const dav = fakeDav();
    await publishPack(clientOf(dav), valid(teamPack('1.0.0')), 'v1');
    const before = dav.files.get('/dav/team/team.aftersale.json')!.body;
    // PUTs: v1 history (1), v1 pack (2), v2 history (3), v2 pack (4) — the 4th fails.
    const flaky = fakeDav({ failPut: 2 });
    for (const [k, v] of dav.files) flaky.files.set(k, v);
    for (const d of dav.dirs) flaky.dirs.add(d);
    await expect(
      publishPack(clientOf(flaky), valid(teamPack('1.0.0', V1_SCRIPTS.slice(1))), 'v2'),
    ).rejects.toMatchObject({ code: 'network' });
    expect(flaky.files.get('/dav/team/team.aftersale.json')!.body).toBe(before);
  });

  it('wrong password → auth, missing folder → folder-missing, an invalid pack uploads nothing', async () => {
    const dav = fakeDav();
    await expect(publishPack(clientOf(dav, 'wrong'), valid(teamPack('1.0.0')), '')).rejects.toMatchObject({
      code: 'auth',
    });
    const missing = davClient(
      { folderUrl: 'https://dav.example.com/dav/nope/', username: 'lead', password: 'secret' },
      { fetch: dav.fetch, timeoutMs: 1000 },
    );
    await expect(publishPack(missing, valid(teamPack('1.0.0')), '')).rejects.toMatchObject({ code: 'folder-missing' });
    const broken = { ...valid(teamPack('1.0.0')), name: '' } as Pack;
    await expect(publishPack(clientOf(dav), broken, '')).rejects.toBeInstanceOf(PublishInvalidError);
    expect(dav.log.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('a pack file bigger than agents can sync is refused before anything is uploaded', async () => {
    const dav = fakeDav();
    const pack = valid(teamPack('1.0.0'));
    const size = new TextEncoder().encode(JSON.stringify(pack, null, 1)).length;
    const refused = publishPack(clientOf(dav), pack, '', { maxBytes: Math.floor(size / 2) });
    await expect(refused).rejects.toBeInstanceOf(PublishInvalidError);
    await expect(refused).rejects.toThrow(/超过同事同步能接收的/);
    expect(dav.log.filter((r) => r.method === 'PUT')).toEqual([]);
    // The same pack under a cap it fits: published.
    await expect(publishPack(clientOf(dav), pack, '', { maxBytes: size * 2 })).resolves.toMatchObject({
      fromVersion: null,
    });
  });

  it('a server that never answers times out with a clear code', async () => {
    const hang = (async (_: RequestInfo | URL, init: RequestInit = {}) =>
      new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof fetch;
    const client = davClient({ folderUrl: FOLDER, username: 'a', password: 'b' }, { fetch: hang, timeoutMs: 50 });
    await expect(publishPack(client, valid(teamPack('1.0.0')), '')).rejects.toMatchObject({ code: 'timeout' });
  });

  it('republishing an earlier version publishes its content as the next version, notes kept', async () => {
    const dav = fakeDav();
    const client = clientOf(dav);
    await publishPack(client, valid(teamPack('1.0.0')), 'v1');
    await publishPack(client, valid(teamPack('1.0.0', V1_SCRIPTS.slice(0, 1))), '删掉了三条（错误）');
    const done = await republishVersion(client, 'team.aftersale', '1.0.0', '恢复 1.0.0 的内容');
    expect(done.pack.version).toBe('1.0.2');
    expect(published(dav).scripts.map((s) => s.id)).toEqual(V1_SCRIPTS.map((s) => s.id));
    expect(published(dav).changes!.map((c) => c.version)).toEqual(['1.0.2', '1.0.1', '1.0.0']);
  });

  it('credentials go only to the folder: names cannot climb out, redirects are refused, URLs checked', async () => {
    expect(() => safeName('../other.json')).toThrow(DavError);
    expect(() => safeName('history/../../x')).toThrow(DavError);
    expect(() => safeName('https://evil.example/x')).toThrow(DavError);
    expect(historyFileName('p', '1.0.0+build')).toBe('history/p/1.0.0_build.json');
    expect(packFileName('p')).toBe('p.json');
    expect(normaliseFolderUrl('http://dav.example.com/team').ok).toBe(false);
    expect(normaliseFolderUrl('https://user:pw@dav.example.com/team').ok).toBe(false);
    expect(normaliseFolderUrl('https://dav.example.com/team?x=1#y')).toEqual({
      ok: true,
      url: 'https://dav.example.com/team/',
    });
    const seen: RequestInit[] = [];
    const spy = (async (_u: RequestInfo | URL, init: RequestInit = {}) => {
      seen.push(init);
      return new Response('', { status: 404 });
    }) as typeof fetch;
    await davClient({ folderUrl: FOLDER, username: '组长', password: 'pw' }, { fetch: spy, timeoutMs: 100 }).get(
      'p.json',
    );
    expect(seen[0]).toMatchObject({ redirect: 'error', credentials: 'omit', referrerPolicy: 'no-referrer' });
    // A Chinese user name is sent as UTF-8 in Basic auth.
    expect((seen[0]!.headers as Record<string, string>).Authorization).toBe(
      `Basic ${Buffer.from('组长:pw').toString('base64')}`,
    );
  });
});

describe('publishing a pack with pictures', () => {
  async function picture(rgb: [number, number, number]) {
    const bytes = makePng(20, 10, rgb);
    const d = await describeImage(bytes, '尺码表');
    if (!d.ok) throw new Error(d.message);
    return { ref: d.ref, bytes, file: `/dav/team/images/${imageFileName(d.ref)}` };
  }
  const withPictures = (version: string, refs: ScriptImageRef[], embed: Record<string, string> = {}) =>
    valid(
      teamPack(
        version,
        V1_SCRIPTS.map((s, i) => (refs[i] ? { ...s, images: [refs[i]] } : s)),
        Object.keys(embed).length ? { images: embed } : {},
      ),
    );

  it('uploads only the pictures the folder lacks, before the files that name them; the pack embeds none', async () => {
    const dav = fakeDav();
    const client = clientOf(dav);
    const [a, b] = [await picture([255, 0, 0]), await picture([0, 0, 255])];
    const first = withPictures('1.0.0', [a.ref], { [a.ref.hash]: bytesToBase64(a.bytes) });
    expect((await previewPublish(client, first)).images).toEqual({ total: 1, upload: 1 });
    await publishPack(client, first, '第一版');
    const puts = () => dav.log.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts()).toEqual([a.file, '/dav/team/history/team.aftersale/1.0.0.json', '/dav/team/team.aftersale.json']);
    expect(published(dav).images).toBeUndefined();
    expect(published(dav).scripts[0]!.images![0]!.hash).toBe(a.ref.hash);

    // The next version adds a picture: only that one goes up, from wherever the publisher keeps it.
    dav.log.length = 0;
    const second = withPictures('1.0.0', [a.ref, b.ref]);
    expect((await previewPublish(client, second)).images).toEqual({ total: 2, upload: 1 });
    dav.log.length = 0;
    await publishPack(client, second, '加一张图', {
      images: async (ref) => (ref.hash === b.ref.hash ? b.bytes : null),
    });
    expect(puts()).toEqual([b.file, '/dav/team/history/team.aftersale/1.0.1.json', '/dav/team/team.aftersale.json']);
  });

  it('a picture with no bytes here, or bytes that are not it, stops the publish before anything is written', async () => {
    const dav = fakeDav();
    const [a, b] = [await picture([255, 0, 0]), await picture([0, 0, 255])];
    await expect(publishPack(clientOf(dav), withPictures('1.0.0', [a.ref]), '缺图')).rejects.toThrow(
      PublishInvalidError,
    );
    await expect(
      publishPack(clientOf(dav), withPictures('1.0.0', [a.ref]), '错图', { images: async () => b.bytes }),
    ).rejects.toThrow(/与它的哈希不符/);
    expect(dav.log.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
