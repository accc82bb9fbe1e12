import { describe, expect, it } from 'vitest';
import { bytesToBase64, describeImage, imageFileName, type ScriptImageRef } from '../../../scripts-library/images';
import { validatePack, type Pack } from '../../../scripts-library/schema';
import { fetchPackImages, imageUrl } from '../../../utils/sync/fetch-images';
import { makePng } from '../../fixtures/images';

const PACK_URL = 'https://packs.example.com/team/pack.json';

async function images(n: number) {
  const out: { ref: ScriptImageRef; bytes: Uint8Array }[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = makePng(16, 16, [i * 20, 100, 200]);
    const d = await describeImage(bytes);
    if (!d.ok) throw new Error(d.message);
    out.push({ ref: d.ref, bytes });
  }
  return out;
}

function pack(refs: ScriptImageRef[], embed: Record<string, string> = {}): Pack {
  const r = validatePack({
    schemaVersion: 1,
    id: 'p',
    name: 'p',
    version: '1',
    updatedAt: '2026-12-01T00:00:00Z',
    author: 'a',
    situations: [{ id: 's', name: 's' }],
    scripts: refs.map((ref, i) => ({ id: `x${i}`, situation: 's', title: 't', body: '', images: [ref] })),
    ...(Object.keys(embed).length ? { images: embed } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.pack;
}

/** A server holding `files` by URL, counting requests and the most at once. */
function server(files: Map<string, Uint8Array>) {
  const asked: string[] = [];
  let active = 0;
  let peak = 0;
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 5));
    active--;
    const body = files.get(url);
    return body ? new Response(body as Uint8Array<ArrayBuffer>, { status: 200 }) : new Response('no', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, asked, peak: () => peak };
}

const decode = async () => ({ width: 16, height: 16 });

describe('fetching the images a synced pack lacks', () => {
  it('fetches only the missing hashes, from images/<hash>.<ext> beside the pack, at most 4 at once', async () => {
    const all = await images(10);
    const files = new Map(all.map((i) => [imageUrl(PACK_URL, i.ref), i.bytes]));
    expect(imageUrl(PACK_URL, all[0]!.ref)).toBe(`https://packs.example.com/team/images/${imageFileName(all[0]!.ref)}`);
    const s = server(files);
    const missing = all.slice(0, 9).map((i) => i.ref);
    const res = await fetchPackImages(pack(all.map((i) => i.ref)), PACK_URL, missing, {
      fetch: s.fetch,
      decode,
      timeoutMs: 1000,
    });
    expect(res.ok && res.fetched).toBe(9);
    expect(s.asked).toHaveLength(9);
    expect(s.peak()).toBeLessThanOrEqual(4);
    expect(s.peak()).toBeGreaterThan(1);
  });

  it('one failing image fails the whole set (the caller keeps the previous version)', async () => {
    const all = await images(3);
    const files = new Map(all.slice(0, 2).map((i) => [imageUrl(PACK_URL, i.ref), i.bytes]));
    const s = server(files);
    const res = await fetchPackImages(
      pack(all.map((i) => i.ref)),
      PACK_URL,
      all.map((i) => i.ref),
      { fetch: s.fetch, decode, timeoutMs: 1000 },
    );
    expect(res).toMatchObject({ ok: false });
    expect(!res.ok && res.detail).toContain('HTTP 404');
  });

  it('a server that sends other bytes under a hash, or SVG, is refused', async () => {
    const [a, b] = await images(2);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    for (const body of [b!.bytes, svg]) {
      const s = server(new Map([[imageUrl(PACK_URL, a!.ref), body]]));
      const res = await fetchPackImages(pack([a!.ref]), PACK_URL, [a!.ref], {
        fetch: s.fetch,
        decode,
        timeoutMs: 1000,
      });
      expect(res.ok).toBe(false);
    }
  });

  it('images the pack embeds are not fetched', async () => {
    const [a] = await images(1);
    const s = server(new Map());
    const res = await fetchPackImages(pack([a!.ref], { [a!.ref.hash]: bytesToBase64(a!.bytes) }), PACK_URL, [a!.ref], {
      fetch: s.fetch,
      decode,
      timeoutMs: 1000,
    });
    expect(res.ok && res.blobs.size).toBe(1);
    expect(s.asked).toHaveLength(0);
  });
});
