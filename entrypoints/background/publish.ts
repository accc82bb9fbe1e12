/**
 * Publishing (team leads) and rollback (agents), for the options page.
 *
 * 发布 reads the pack as the lead sees it (their edits in place), publishes it to the pack's
 * WebDAV folder (utils/publish), then installs the published version here as a subscription to
 * its address — so the lead's next sync sees what another lead publishes, and the lead's copies
 * that went out as the pack's text are not flagged against themselves.
 * Credentials live in `publishTargets`, on this machine only; they are sent only to URLs inside
 * the folder (the WebDAV client builds every URL) and never reach a page again.
 */
import { computeContentHash } from '../../scripts-library/hash';
import type { HuashuDB } from '../../utils/db';
import { PERSONAL_PACK_ID } from '../../scripts-library/pack-rows';
import type { PublishFailure } from '../../utils/messaging/protocol';
import { NotPublishableError, packForPublishing } from '../../utils/db/publish-source';
import { ID_PATTERN } from '../../scripts-library/io/ids';
import { reservedPackIdError } from '../../scripts-library/schema';
import { applyPackUpdate, NoPreviousVersionError, PackIdTakenError, rollbackPack } from '../../utils/db/sync-apply';
import {
  previewPublish,
  publishedVersions,
  publishPack,
  PublishInvalidError,
  republishVersion,
  type ImageBytes,
  type PublishResult,
} from '../../utils/publish/publish';
import { davClient, DavError, normaliseFolderUrl } from '../../utils/publish/webdav';
import type { BackgroundDeps, HandlerGroup } from './handlers';

const TIMEOUT_MS = 30_000;

async function targetFor(db: HuashuDB, packId: string) {
  const target = await db.publishTargets.get(packId);
  if (!target) throw new DavError('not-allowed-url', '还没有设置发布位置');
  return {
    target,
    client: davClient(target, { fetch: (...args) => globalThis.fetch(...args), timeoutMs: TIMEOUT_MS }),
    // 我的话术 goes out under the team pack id chosen for it.
    publishedId: target.publishAs?.id ?? packId,
  };
}

/** A valid team pack id and name for 我的话术, or why not. */
function publishAsProblem(as: { id: string; name: string } | undefined): string | null {
  if (!as || !as.name.trim()) return '请填写团队话术包的 ID 和名称';
  if (!ID_PATTERN.test(as.id)) return `话术包 ID「${as.id}」无效：只能用字母、数字和 . _ -，以字母或数字开头`;
  return reservedPackIdError(as.id)?.message ?? (as.name.trim().length > 60 ? '名称最多 60 个字' : null);
}

/** The pictures this machine stores, for uploading the ones the folder lacks. */
const storedImageBytes =
  (db: HuashuDB): ImageBytes =>
  async (ref) => {
    const row = await db.images.get(ref.hash);
    return row ? new Uint8Array(await row.blob.arrayBuffer()) : null;
  };

/** Every failure as a code the page translates, and a detail to show with it. */
function failure(e: unknown): PublishFailure {
  if (e instanceof DavError) return { ok: false, code: e.code, detail: e.detail };
  if (e instanceof PublishInvalidError) return { ok: false, code: 'invalid', detail: e.errors.slice(0, 3).join('；') };
  if (e instanceof NotPublishableError) return { ok: false, code: e.code, detail: e.message };
  if (e instanceof NoPreviousVersionError) return { ok: false, code: 'no-previous', detail: e.message };
  if (e instanceof PackIdTakenError) return { ok: false, code: 'id-taken', detail: e.holder };
  return { ok: false, code: 'failed', detail: (e as Error)?.message ?? String(e) };
}

/**
 * After a publish: this machine now holds the published version, subscribed to its address —
 * except for 我的话术, whose scripts stay the lead's own (installing the team pack beside them
 * would show every script twice).
 */
async function adopt(db: HuashuDB, packId: string, folded: string[], done: PublishResult) {
  if (packId !== PERSONAL_PACK_ID)
    await applyPackUpdate(
      db,
      done.pack,
      { url: done.url },
      {
        hash: await computeContentHash(done.pack),
        ...(done.etag ? { etag: done.etag } : {}),
        adopt: { dropCopies: folded },
      },
    );
  await db.publishTargets.update(packId, {
    ...(done.etag ? { etag: done.etag } : {}),
    lastVersion: done.pack.version,
    lastPublishedAt: Date.now(),
  });
}

export const publishHandlers = ({ db, ready }: BackgroundDeps) =>
  ({
    savePublishTarget: async (input) => {
      await ready;
      const folder = normaliseFolderUrl(input.folderUrl);
      if (!folder.ok) return { ok: false, code: 'not-allowed-url', detail: folder.detail };
      const personal = input.packId === PERSONAL_PACK_ID;
      const asProblem = personal ? publishAsProblem(input.publishAs) : null;
      if (asProblem) return { ok: false, code: 'invalid', detail: asProblem };
      const before = await db.publishTargets.get(input.packId);
      // An empty password field keeps the saved one (the page never sees it again).
      const password = input.password || (before && before.folderUrl === folder.url ? before.password : '');
      await db.publishTargets.put({
        ...(before ?? {}),
        packId: input.packId,
        folderUrl: folder.url,
        username: input.username.trim(),
        password,
        ...(personal ? { publishAs: { id: input.publishAs!.id, name: input.publishAs!.name.trim() } } : {}),
      });
      return { ok: true };
    },
    previewPublish: async ({ packId }) => {
      await ready;
      try {
        const { client, target } = await targetFor(db, packId);
        const source = await packForPublishing(db, packId, target);
        return { ok: true, preview: await previewPublish(client, source.pack), edits: source.folded.length };
      } catch (e) {
        return failure(e);
      }
    },
    publishPack: async ({ packId, notes, expectEtag }) => {
      await ready;
      try {
        const { client, target } = await targetFor(db, packId);
        const source = await packForPublishing(db, packId, target);
        const done = await publishPack(client, source.pack, notes, { expectEtag, images: storedImageBytes(db) });
        await adopt(db, packId, source.folded, done);
        return { ok: true, version: done.pack.version, url: done.url };
      } catch (e) {
        return failure(e);
      }
    },
    publishedVersions: async ({ packId }) => {
      await ready;
      try {
        const { client, publishedId } = await targetFor(db, packId);
        const { current, versions } = await publishedVersions(client, publishedId);
        return { ok: true, current: current?.version ?? null, versions };
      } catch (e) {
        return failure(e);
      }
    },
    republishVersion: async ({ packId, version, notes }) => {
      await ready;
      try {
        const { client, publishedId } = await targetFor(db, packId);
        const done = await republishVersion(client, publishedId, version, notes, { images: storedImageBytes(db) });
        await adopt(db, packId, [], done);
        return { ok: true, version: done.pack.version, url: done.url };
      } catch (e) {
        return failure(e);
      }
    },
    rollbackPack: async ({ packId }) => {
      await ready;
      try {
        const change = await rollbackPack(db, packId);
        return { ok: true, version: change.toVersion };
      } catch (e) {
        return failure(e);
      }
    },
  }) satisfies HandlerGroup;
