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
import type { PublishFailure } from '../../utils/messaging/protocol';
import { NotPublishableError, packForPublishing } from '../../utils/db/publish-source';
import { applyPackUpdate, NoPreviousVersionError, PackIdTakenError, rollbackPack } from '../../utils/db/sync-apply';
import {
  previewPublish,
  publishedVersions,
  publishPack,
  PublishInvalidError,
  republishVersion,
  type PublishResult,
} from '../../utils/publish/publish';
import { davClient, DavError, normaliseFolderUrl } from '../../utils/publish/webdav';
import type { BackgroundDeps, HandlerGroup } from './handlers';

const TIMEOUT_MS = 30_000;

async function clientFor(db: HuashuDB, packId: string) {
  const target = await db.publishTargets.get(packId);
  if (!target) throw new DavError('not-allowed-url', '还没有设置发布位置');
  return davClient(target, { fetch: (...args) => globalThis.fetch(...args), timeoutMs: TIMEOUT_MS });
}

/** Every failure as a code the page translates, and a detail to show with it. */
function failure(e: unknown): PublishFailure {
  if (e instanceof DavError) return { ok: false, code: e.code, detail: e.detail };
  if (e instanceof PublishInvalidError) return { ok: false, code: 'invalid', detail: e.errors.slice(0, 3).join('；') };
  if (e instanceof NotPublishableError) return { ok: false, code: e.code, detail: e.message };
  if (e instanceof NoPreviousVersionError) return { ok: false, code: 'no-previous', detail: e.message };
  if (e instanceof PackIdTakenError) return { ok: false, code: 'id-taken', detail: e.holder };
  return { ok: false, code: 'failed', detail: (e as Error)?.message ?? String(e) };
}

/** After a publish: this machine now holds the published version, subscribed to its address. */
async function adopt(db: HuashuDB, packId: string, folded: string[], done: PublishResult) {
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
      const before = await db.publishTargets.get(input.packId);
      // An empty password field keeps the saved one (the page never sees it again).
      const password = input.password || (before && before.folderUrl === folder.url ? before.password : '');
      await db.publishTargets.put({
        ...(before ?? {}),
        packId: input.packId,
        folderUrl: folder.url,
        username: input.username.trim(),
        password,
      });
      return { ok: true };
    },
    previewPublish: async ({ packId }) => {
      await ready;
      try {
        const [client, source] = await Promise.all([clientFor(db, packId), packForPublishing(db, packId)]);
        return { ok: true, preview: await previewPublish(client, source.pack), edits: source.folded.length };
      } catch (e) {
        return failure(e);
      }
    },
    publishPack: async ({ packId, notes, expectEtag }) => {
      await ready;
      try {
        const [client, source] = await Promise.all([clientFor(db, packId), packForPublishing(db, packId)]);
        const done = await publishPack(client, source.pack, notes, { expectEtag });
        await adopt(db, packId, source.folded, done);
        return { ok: true, version: done.pack.version, url: done.url };
      } catch (e) {
        return failure(e);
      }
    },
    publishedVersions: async ({ packId }) => {
      await ready;
      try {
        const { current, versions } = await publishedVersions(await clientFor(db, packId), packId);
        return { ok: true, current: current?.version ?? null, versions };
      } catch (e) {
        return failure(e);
      }
    },
    republishVersion: async ({ packId, version, notes }) => {
      await ready;
      try {
        const client = await clientFor(db, packId);
        const done = await republishVersion(client, packId, version, notes);
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
