/**
 * Dexie schema of the extension's database. It lives in the extension's own origin:
 * background and extension pages open it; content scripts never do (there IndexedDB would
 * belong to the customer-service console's origin) — they ask the background.
 *
 * Every version stays declared here, in order, with its upgrade. Never edit a released
 * version: add the next one. tests/unit/db.test.ts fills a database at v1 and
 * opens it with every version to check nothing is lost.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { ImageType } from '../../scripts-library/images';
import type {
  ForbiddenCategory,
  Pack,
  PackChangeNote,
  PlaceholderDef,
  ReplyPolicy,
} from '../../scripts-library/schema';
import type { ConversationClock, NotifiedPhase, ResponseRecord } from '../deadline';
import type { PackedDocs } from '../library/packed-docs';
import type { CueSource } from '../suggest';
import type { PackSource, ScriptRow, SituationRow } from '../../scripts-library/pack-rows';
import type { SiteRule } from '../../scripts-library/rule-schema';

// What a pack becomes as rows is pack format (scripts-library); the tables store it.
export type { PackSource, ScriptRow, SituationRow };

/** One script named in a "what changed" summary. */
export interface ChangedScript {
  key: string;
  title: string;
}

/** What the last applied update of a subscribed pack changed, until the agent dismisses it. */
export interface PackChange {
  fromVersion: string | null;
  toVersion: string;
  added: ChangedScript[];
  changed: ChangedScript[];
  removed: ChangedScript[];
  /** Exact counts (the lists above keep the first 100 titles each). */
  counts: { added: number; changed: number; removed: number };
  /** Personal copies flagged for review by this update. */
  conflicts: number;
  /** The publisher's release notes of the versions this update brought (newest first). */
  notes?: PackChangeNote[];
  /** This change was the agent's 回退到上一版, not a sync. */
  rollback?: boolean;
  at: number;
}

export interface PackSyncState {
  /** `pending`: written by versions before the `syncing` table; read only to recover from it. */
  status: 'ok' | 'error' | 'pending';
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  /** The cause of the last failure, in Chinese, for logs (the UI shows `errorCode` + `errorDetail`). */
  error?: string;
  etag?: string;
  lastModified?: string;
  /** Added by pack sync (not indexed, so no schema version): see utils/db/sync-apply.ts. */
  errorCode?: string;
  errorDetail?: string;
  /** SHA-256 of the canonical pack last applied: the same content again is not rewritten. */
  appliedHash?: string;
  lastChange?: PackChange;
  /**
   * The agent rolled this pack back from this version: auto-sync leaves it alone until the
   * address serves a newer version than this one.
   */
  pausedAfter?: string;
  /** How long the last applied update took in the background (download to commit), for the benchmark. */
  lastTimings?: { fetchMs: number; applyMs: number };
}

export interface PackRow {
  id: string;
  name: string;
  version: string;
  updatedAt: string;
  author: string;
  description: string;
  locale: string;
  locked: boolean;
  contentHash?: string;
  placeholders: PlaceholderDef[];
  forbidden: ForbiddenCategory[];
  policy?: ReplyPolicy;
  /** Release notes as published, newest first. */
  changes?: PackChangeNote[];
  source: PackSource;
  installedAt: number;
  /** Display order among packs (personal first, then builtin, then others). */
  order: number;
  sync?: PackSyncState;
}

/** One insertion. Ids and times only: never the customer's text. */
export interface UsageRow {
  id?: number;
  scriptKey: string;
  at: number;
  /** Hostname of the console, for per-site stats. */
  site: string;
  /** Where the agent took the script from (not indexed; absent on older rows). */
  via?: 'suggestion' | 'search' | 'palette' | 'panel';
  /** With `via: 'suggestion'`: the situation that was detected, so picks feed back into suggestions. */
  situationKey?: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
  /** Raised on every save (utils/db/revision.ts). Not indexed; missing = 0. */
  rev?: number;
}

/** A console origin the agent enabled at runtime ("enable on this site"). */
export interface SiteRow {
  /** e.g. `https://work.example.com` */
  origin: string;
  enabledAt: number;
}

/** One conversation's reply clock on one console. Ids and timestamps only, never message text. */
export interface ConversationRow {
  /** `${site}|${conversationId}` */
  key: string;
  /** Console hostname. */
  site: string;
  conversationId: string;
  /** What the console shows for it (usually the customer's nickname). */
  title: string;
  clock: ConversationClock;
  /** Ids of messages already applied (newest last, bounded): a replayed thread is a no-op. */
  seen: string[];
  /** Highest phase already notified for the current deadline, so each crossing notifies once. */
  notified: NotifiedPhase | null;
  updatedAt: number;
}

/** A settled (or overdue) wait, for the reply-time statistics. */
export interface ResponseRow extends ResponseRecord {
  key: string;
}

/**
 * Forbidden-phrase warnings shown in the console input, counted per day, site and category.
 * Counts only: never the text that triggered them.
 */
export interface WarningCountRow {
  /** `${day}|${site}|${categoryId}` */
  key: string;
  /** Local date, YYYY-MM-DD. */
  day: string;
  site: string;
  categoryId: string;
  categoryName: string;
  count: number;
  /** Of those, how often the agent sent anyway past a blocking confirm (absent: none). */
  overrides?: number;
}

/** A console rule taught by the agent (or shipped in a pack): wins over the built-in ones. */
export interface SiteRuleRow extends SiteRule {
  createdAt: number;
  /** Shipped in this pack (removed and replaced with it); absent for rules the agent taught. */
  packId?: string;
  /** Raised on every save of this rule (utils/db/revision.ts). Not indexed; missing = 0. */
  rev?: number;
}

/**
 * Up to CHUNK_SIZE (500) scripts of one pack, in pack order. Pack scripts are stored in chunks,
 * not one row each: IndexedDB's cost is per row, and a 50,000-script pack written as 100 rows
 * takes a fraction of a second instead of several. Read and write them through
 * utils/db/script-store.ts only.
 */
export interface ScriptChunkRow {
  /** `${packId}#${n}` */
  key: string;
  packId: string;
  /** Position of the chunk in the pack, from 0. */
  n: number;
  rows: ScriptRow[];
  /** The rows' keys (a multi-entry index), so one script is found without reading the pack. */
  keys: string[];
  /**
   * New whenever the pack's scripts are written (all its chunks get the same one; indexed from
   * v9): a reader holding the library tells that nothing changed from the stamps alone, without
   * reading 200,000 scripts. Chunks written before v9 have none (read in full).
   */
  stamp?: string;
}

/**
 * A pack sync under way. Its own row, not a status on the pack row: when storage is full every
 * write may be refused, but a delete never is — so a sync that fails or is cut off never leaves
 * the pack showing 同步中 (see utils/db/sync-apply.ts).
 */
export interface SyncingRow {
  packId: string;
  at: number;
}

/**
 * One image, stored once however many scripts show it. `owners` says who uses it: `pack:<id>`
 * for a pack (however many of its scripts), `script:<key>` for one of the agent's own rows.
 * The row goes when its last owner does (utils/db/images.ts keeps this inside every write
 * that adds or drops scripts).
 */
export interface ImageRow {
  /** SHA-256 (hex) of the bytes. */
  hash: string;
  blob: Blob;
  type: ImageType;
  width: number;
  height: number;
  bytes: number;
  owners: string[];
}

/** The version of a subscribed pack that the last update replaced: what 回退到上一版 restores. */
export interface PackVersionRow {
  packId: string;
  version: string;
  pack: Pack;
  savedAt: number;
}

/**
 * Where a team lead publishes a pack (a WebDAV folder), with the credentials for it. Kept on this
 * machine only: never exported, never inside a pack, sent only to URLs inside `folderUrl`.
 */
export interface PublishTargetRow {
  packId: string;
  folderUrl: string;
  username: string;
  password: string;
  /** ETag of the pack file as last published from here (conflict check for the next publish). */
  etag?: string;
  lastVersion?: string;
  lastPublishedAt?: number;
  /** For 我的话术 (`personal`, never an id agents can install): the team pack id and name it is published as. */
  publishAs?: { id: string; name: string };
}

export const CHUNK_SIZE = 500;

export const chunkKey = (packId: string, n: number) => `${packId}#${n}`;

/** Rows of one pack cut into chunk rows, in the given order. */
export function toChunks(packId: string, rows: readonly ScriptRow[], size = CHUNK_SIZE): ScriptChunkRow[] {
  const chunks: ScriptChunkRow[] = [];
  for (let i = 0, n = 0; i < rows.length; i += size, n++) {
    const part = rows.slice(i, i + size);
    chunks.push({ key: chunkKey(packId, n), packId, n, rows: part, keys: part.map((r) => r.key) });
  }
  return chunks;
}

/**
 * The background's search index as it was last built, so a background that wakes does not
 * rebuild it, stored as a header and its parts (rows of the same table). The header
 * (`id: 'library'`) is written last and names its generation: a background that died while
 * writing parts leaves a header that still names the previous, complete generation (or none),
 * and the next save deletes the parts no header names. Older layouts (one row holding
 * everything) have no `generation` and are ignored.
 */
export interface IndexSnapshotHeader {
  id: 'library';
  /** The search index's SNAPSHOT_VERSION. */
  version: number;
  /** How the parts are laid out (utils/db/index-snapshot.ts). */
  layout: number;
  /** Parts are `library#${generation}#${n}`. */
  generation: string;
  /** `libraryHashSteps` of the documents. */
  hash: string;
  /** Documents in all (visible scripts). */
  count: number;
  /** `libraryStamp` of the tables the documents were read from, when every chunk had a stamp. */
  stamp?: string;
  /** The library's customer wording (situations' and scripts' cues), for suggestions at once. */
  cues: CueSource[];
  /** Scripts per situation key, for the list before the parts are read. */
  counts: [string, number][];
  /** Parts 0 … docParts-1 hold the documents in library order, the rest the index's arrays. */
  docParts: number;
  parts: number;
  /** The index's arrays in part order: name, element type and full length. */
  arrays: { name: string; type: 'u32' | 'i32' | 'u16'; length: number }[];
  unitCount: number;
}

/** A few thousand documents of the cached library, or a piece of one of the index's arrays. */
export interface IndexSnapshotPart {
  id: string;
  docs?: PackedDocs;
  array?: { name: string; offset: number; data: Uint32Array | Int32Array | Uint16Array };
}

export type IndexSnapshotRow = IndexSnapshotHeader | IndexSnapshotPart;

export const DB_NAME = 'huashu';

type Versioned = (db: Dexie) => void;

/** Versions in order. Index 0 is v1. */
export const VERSIONS: Versioned[] = [
  (db) => {
    db.version(1).stores({
      packs: 'id, order',
      situations: 'key, packId, parentKey',
      scripts: 'key, packId, situationKey, shortcut, origin',
      usage: '++id, scriptKey, at',
      settings: 'key',
      sites: 'origin',
    });
  },
  // v2: reply-deadline tracking (conversations and their response records).
  (db) => {
    db.version(2).stores({
      conversations: 'key, site, updatedAt',
      responses: 'key, site, customerAt',
      siteRules: 'id',
    });
  },
  // v3: personal copies indexed by the pack script they stand in for (sync conflict checks),
  // and per-day counts of forbidden-phrase warnings.
  (db) => {
    db.version(3).stores({
      scripts: 'key, packId, situationKey, shortcut, origin, overrides',
      warnings: 'key, day, site',
    });
  },
  // v4: pack scripts move into chunks of up to 500 (see ScriptChunkRow); `scripts` keeps the
  // agent's own rows only (personal scripts, personal copies, hidden copies).
  (db) => {
    db.version(4)
      .stores({ scriptChunks: 'key, packId, *keys' })
      .upgrade(async (tx) => {
        const packRows = (await tx.table('scripts').where('origin').equals('pack').toArray()) as ScriptRow[];
        const byPack = new Map<string, ScriptRow[]>();
        for (const r of packRows) {
          const list = byPack.get(r.packId);
          if (list) list.push(r);
          else byPack.set(r.packId, [r]);
        }
        for (const [packId, rows] of byPack) {
          rows.sort((a, b) => a.order - b.order);
          await tx.table('scriptChunks').bulkAdd(toChunks(packId, rows));
        }
        await tx.table('scripts').bulkDelete(packRows.map((r) => r.key));
      });
  },
  // v5: syncs under way get their own table (see SyncingRow). Revisions (`rev`) on scripts,
  // situations, settings and site rules are unindexed fields and need no version.
  (db) => {
    db.version(5).stores({ syncing: 'packId' });
  },
  // v6: the background's cached search index (see IndexSnapshotRow). Numbered
  // explicitly: v5 is declared by the revisions work.
  (db) => {
    db.version(6).stores({ indexSnapshots: 'id' });
  },
  // v7: script images, one row per content hash, with the packs and scripts that use it.
  (db) => {
    db.version(7).stores({ images: 'hash, *owners' });
  },
  // v8: publishing and rollback: where each pack is published (with its credentials), and the
  // previous version of each subscribed pack.
  (db) => {
    db.version(8).stores({ packVersions: 'packId', publishTargets: 'packId' });
  },
  // v9: pack chunks indexed by their write stamp (see ScriptChunkRow.stamp), so the background
  // sees that the library is unchanged without reading it. Earlier chunks are left as they are.
  (db) => {
    db.version(9).stores({ scriptChunks: 'key, packId, *keys, stamp' });
  },
];

/** The highest version declared (numbers may skip: each piece of work has its own). */
export const LATEST_VERSION = (() => {
  const probe = new Dexie('version-probe');
  VERSIONS.forEach((declare) => declare(probe));
  return probe.verno;
})();

export class HuashuDB extends Dexie {
  packs!: EntityTable<PackRow, 'id'>;
  situations!: EntityTable<SituationRow, 'key'>;
  /** The agent's own rows only (origin 'personal'); pack scripts are in `scriptChunks`. */
  scripts!: EntityTable<ScriptRow, 'key'>;
  scriptChunks!: EntityTable<ScriptChunkRow, 'key'>;
  usage!: EntityTable<UsageRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  sites!: EntityTable<SiteRow, 'origin'>;
  conversations!: EntityTable<ConversationRow, 'key'>;
  responses!: EntityTable<ResponseRow, 'key'>;
  siteRules!: EntityTable<SiteRuleRow, 'id'>;
  warnings!: EntityTable<WarningCountRow, 'key'>;
  syncing!: EntityTable<SyncingRow, 'packId'>;
  images!: EntityTable<ImageRow, 'hash'>;
  indexSnapshots!: EntityTable<IndexSnapshotRow, 'id'>;
  packVersions!: EntityTable<PackVersionRow, 'packId'>;
  publishTargets!: EntityTable<PublishTargetRow, 'packId'>;

  /** `upTo` exists for the upgrade test: open at an older version, fill, reopen at the latest. */
  constructor(
    name = DB_NAME,
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    super(name, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined);
    const upTo = options.upTo ?? VERSIONS.length;
    VERSIONS.slice(0, upTo).forEach((declare) => declare(this));
  }
}
