/**
 * Publishing a pack to the team's WebDAV folder, for the options page (through the background)
 * and `npm run pack -- publish`. Pure over a `DavClient`: runs in Node and in the browser.
 *
 * The folder holds, per pack:
 *   <id>.json                      the published pack — the address agents subscribe to
 *   history/<id>/<version>.json    every version ever published, for republishing an old one
 *   images/<hash>.<ext>            its scripts' pictures, shared by every pack in the folder
 * A hosted pack names its pictures and embeds none: agents fetch the ones they lack by hash, so
 * a sync after one picture changed downloads one picture. A name that is a content hash never
 * changes meaning, so a picture the folder has is never uploaded again, and pictures go up
 * before the files that name them.
 * A publish writes the history file first and the pack file last, with `If-Match` on the ETag
 * it was prepared against: agents never fetch a half-published version, and a second team lead
 * who published meanwhile is not overwritten unseen. Servers that ignore `If-Match` on PUT
 * (nginx's dav module does) are covered by reading the ETag again just before the write — a
 * smaller window, not none; the README says so.
 */
import { MAX_PACK_FILE_BYTES } from '../../scripts-library/file-limits';
import { computeContentHash } from '../../scripts-library/hash';
import {
  base64ToBytes,
  imageFileName,
  imageRefsOf,
  verifyImageBytes,
  type ScriptImageRef,
} from '../../scripts-library/images';
import { validatePack, type Pack, type PackChangeNote } from '../../scripts-library/schema';
import { diffScripts, packToRows, type ScriptDiff } from '../../scripts-library/pack-rows';
import { compareVersions } from '../sync/fetch-pack';
import { DavError, type DavClient } from './webdav';

/** How many release notes a pack carries (newest first); older ones stay in the history files. */
export const MAX_CHANGE_NOTES = 50;

export const packFileName = (packId: string) => `${packId}.json`;
/** `+` (build metadata) is not a safe file-name character everywhere: it becomes `_`. */
export const historyFileName = (packId: string, version: string) =>
  `history/${packId}/${version.replace(/\+/g, '_')}.json`;

/** 1.2.3 → 1.2.4; 2026.11.24 → 2026.11.25; a pre-release/build suffix is dropped. */
export function bumpVersion(version: string): string {
  const core = version.split(/[-+]/)[0]!;
  const parts = core.split('.').map(Number);
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + 1;
  return parts.join('.');
}

/**
 * The version a publish writes: the local pack's own version when it is ahead of what is
 * published (or nothing is), else one step past the published one.
 */
export function nextVersion(local: string, published: string | null): string {
  if (published === null || compareVersions(local, published) > 0) return local;
  return bumpVersion(published);
}

export interface Published {
  pack: Pack | null;
  etag: string | null;
}

/** What is published now. A file that is not a valid pack is reported, never overwritten blindly. */
export async function readPublished(client: DavClient, packId: string): Promise<Published> {
  const file = await client.get(packFileName(packId));
  if (!file) return { pack: null, etag: null };
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    throw new DavError('http', `${packFileName(packId)} 不是有效的 JSON，发布前请检查文件夹`);
  }
  const v = validatePack(json);
  if (!v.ok) throw new DavError('http', `${packFileName(packId)}：${v.errors[0]?.message ?? '不是有效的话术包'}`);
  if (v.pack.id !== packId) throw new DavError('http', `${packFileName(packId)} 里是话术包 ${v.pack.id}`);
  return { pack: v.pack, etag: file.etag };
}

export interface ChangeSummary {
  counts: { added: number; changed: number; removed: number };
  /** Up to 20 titles each. */
  added: string[];
  changed: string[];
  removed: string[];
}

function summarise(diff: ScriptDiff, before: Pack | null, after: Pack): ChangeSummary {
  const titles = new Map<string, string>();
  for (const s of before?.scripts ?? []) titles.set(`${after.id}/${s.id}`, s.title);
  for (const s of after.scripts) titles.set(`${after.id}/${s.id}`, s.title);
  const list = (keys: string[]) => keys.slice(0, 20).map((k) => titles.get(k) ?? k);
  return {
    counts: { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length },
    added: list(diff.added),
    changed: list(diff.changed),
    removed: list(diff.removed),
  };
}

/** Scripts added, changed and removed from `before` (null: nothing published yet) to `after`. */
export function packChanges(before: Pack | null, after: Pack): ChangeSummary {
  const rows = (p: Pack) => packToRows(p, { kind: 'builtin' }, 0).scripts;
  return summarise(diffScripts(before ? rows(before) : [], rows(after)), before, after);
}

export interface PublishPreview {
  packId: string;
  /** The address agents subscribe to. */
  url: string;
  fromVersion: string | null;
  toVersion: string;
  /** The ETag the publish must still find (null: nothing published yet). */
  etag: string | null;
  changes: ChangeSummary;
  /** Release notes already published, newest first. */
  history: PackChangeNote[];
  /** The pack's pictures, and how many of them the folder lacks (what 发布 will upload). */
  images: { total: number; upload: number };
}

/** A picture's bytes by hash, from wherever the publisher keeps them (the database, files beside a pack). */
export type ImageBytes = (ref: ScriptImageRef) => Promise<Uint8Array | null>;

const imagePath = (ref: ScriptImageRef) => `images/${imageFileName(ref)}`;
/** HEAD and PUT requests under way at once. */
const IMAGE_REQUESTS = 4;

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The pack's pictures the folder does not have yet (one HEAD each). */
async function imagesToUpload(client: DavClient, pack: Pack): Promise<ScriptImageRef[]> {
  const refs = [...imageRefsOf(pack.scripts).values()];
  const missing: ScriptImageRef[] = [];
  await eachLimited(refs, IMAGE_REQUESTS, async (ref) => {
    if ((await client.etag(imagePath(ref))) === null) missing.push(ref);
  });
  return missing;
}

/**
 * Upload the pictures the folder lacks, each checked against its hash first. A picture with no
 * bytes here stops the publish before any pack file is written (agents would fail to sync it).
 */
async function uploadImages(client: DavClient, missing: ScriptImageRef[], bytesOf: ImageBytes): Promise<void> {
  if (!missing.length) return;
  const found = await Promise.all(missing.map(async (ref) => ({ ref, bytes: await bytesOf(ref) })));
  const problems: string[] = [];
  for (const { ref, bytes } of found) {
    const check = bytes ? await verifyImageBytes(bytes, ref) : null;
    if (!check?.ok) problems.push(`图片 ${imageFileName(ref)}：${check ? check.message : '本机没有这张图片'}`);
  }
  if (problems.length) throw new PublishInvalidError(problems);
  await client.mkcol('images');
  await eachLimited(found, IMAGE_REQUESTS, async ({ ref, bytes }) => {
    try {
      await client.put(imagePath(ref), bytes!, { ifNoneMatch: '*', contentType: ref.type });
    } catch (e) {
      // Another lead uploaded the same picture meanwhile: same hash, same bytes.
      if (!(e instanceof DavError && e.code === 'conflict')) throw e;
    }
  });
}

/** The dry run: what 发布 would change, against what is published now. Writes nothing. */
export async function previewPublish(client: DavClient, local: Pack): Promise<PublishPreview> {
  const published = await readPublished(client, local.id);
  return {
    packId: local.id,
    url: client.url(packFileName(local.id)),
    fromVersion: published.pack?.version ?? null,
    toVersion: nextVersion(local.version, published.pack?.version ?? null),
    etag: published.etag,
    changes: packChanges(published.pack, local),
    history: published.pack?.changes ?? [],
    images: { total: imageRefsOf(local.scripts).size, upload: (await imagesToUpload(client, local)).length },
  };
}

const day = (now: Date) => now.toISOString().slice(0, 10);

/** The pack as it will be published: next version, today's date, notes on top, content hash. */
export async function packToPublish(local: Pack, published: Pack | null, notes: string, now: Date): Promise<Pack> {
  const version = nextVersion(local.version, published?.version ?? null);
  const earlier = (published?.changes ?? local.changes ?? []).filter((c) => c.version !== version);
  // Hosted: pictures are files beside the pack, never embedded (see uploadImages).
  const { contentHash: _old, images: _embedded, ...rest } = local;
  const draft = {
    ...rest,
    version,
    updatedAt: now.toISOString(),
    changes: [{ version, date: day(now), notes: notes.trim().slice(0, 2000) }, ...earlier].slice(0, MAX_CHANGE_NOTES),
  };
  // Checked as agents' extensions will check it when they sync (reserved ids included).
  const v = validatePack(draft, { install: true });
  if (!v.ok) throw new PublishInvalidError(v.errors.map((e) => e.message));
  return { ...v.pack, contentHash: await computeContentHash(v.pack) };
}

/** The pack would not be accepted by agents' extensions: nothing was uploaded. */
export class PublishInvalidError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.slice(0, 3).join('；'));
    this.name = 'PublishInvalidError';
  }
}

export interface PublishResult {
  pack: Pack;
  url: string;
  etag: string | null;
  fromVersion: string | null;
}

export interface PublishOptions {
  /** The bytes of the pack's pictures the folder lacks; without it, those the pack embeds. */
  images?: ImageBytes;
  /**
   * The ETag the team lead previewed against (`null`: nothing was published then). When the
   * published file has changed since, the publish stops with 'conflict'. Omitted: against
   * whatever is published at the start of this call.
   */
  expectEtag?: string | null;
  now?: Date;
  /** The largest pack file agents will take (tests make it small); MAX_PACK_FILE_BYTES by default. */
  maxBytes?: number;
}

/**
 * 发布: version bump, release notes, validation, then the history file, then the pack file
 * (`If-Match` the ETag it was prepared against, or `If-None-Match: *` for a first publish).
 */
export async function publishPack(
  client: DavClient,
  local: Pack,
  notes: string,
  opts: PublishOptions = {},
): Promise<PublishResult> {
  const published = await readPublished(client, local.id);
  const conflict = () => new DavError('conflict', packFileName(local.id), 412);
  if (opts.expectEtag !== undefined && opts.expectEtag !== published.etag) throw conflict();
  const pack = await packToPublish(local, published.pack, notes, opts.now ?? new Date());
  const body = JSON.stringify(pack, null, 1);
  const maxBytes = opts.maxBytes ?? MAX_PACK_FILE_BYTES;
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new PublishInvalidError([
      `话术包文件有 ${mb(bytes)} MB，超过同事同步能接收的 ${mb(maxBytes)} MB：请拆成几个包再发布`,
    ]);
  }
  const embedded: ImageBytes = async (ref) => {
    const data = local.images?.[ref.hash];
    return data === undefined ? null : base64ToBytes(data);
  };
  await uploadImages(client, await imagesToUpload(client, pack), opts.images ?? embedded);

  await client.mkcol('history');
  await client.mkcol(`history/${local.id}`);
  // A version number is published once: a history file that exists means someone published
  // this version meanwhile.
  await client.put(historyFileName(pack.id, pack.version), body, { ifNoneMatch: '*' });

  // Servers that ignore If-Match on PUT still get a last look before the pack file is replaced.
  if ((await client.etag(packFileName(pack.id))) !== published.etag) throw conflict();
  const etag = await client.put(
    packFileName(pack.id),
    body,
    published.etag ? { ifMatch: published.etag } : { ifNoneMatch: '*' },
  );
  return {
    pack,
    url: client.url(packFileName(pack.id)),
    etag: etag ?? (await client.etag(packFileName(pack.id))),
    fromVersion: published.pack?.version ?? null,
  };
}

/** Published versions still in the folder's history, newest first (from the pack's notes). */
export async function publishedVersions(
  client: DavClient,
  packId: string,
): Promise<{ current: Pack | null; versions: PackChangeNote[] }> {
  const published = await readPublished(client, packId);
  return { current: published.pack, versions: published.pack?.changes ?? [] };
}

/**
 * Republish an earlier version's content as a new version (agents never take an older version
 * number, so going back is a step forward). The release notes keep the whole story.
 */
export async function republishVersion(
  client: DavClient,
  packId: string,
  version: string,
  notes: string,
  opts: PublishOptions = {},
): Promise<PublishResult> {
  const file = await client.get(historyFileName(packId, version));
  if (!file) throw new DavError('http', `${historyFileName(packId, version)}：没有这个版本`, 404);
  const v = validatePack(JSON.parse(file.text) as unknown);
  if (!v.ok || v.pack.id !== packId)
    throw new DavError('http', `${historyFileName(packId, version)} 不是这个话术包的有效版本`);
  const current = await readPublished(client, packId);
  // The old content with today's history of notes (the old file carries the notes of its time).
  const content: Pack = {
    ...v.pack,
    version: current.pack?.version ?? v.pack.version,
    changes: current.pack?.changes ?? v.pack.changes ?? [],
  };
  return publishPack(client, content, notes, opts);
}
