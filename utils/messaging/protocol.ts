/**
 * The one message protocol between background, content scripts and extension pages.
 * Only the background answers `BackgroundMessages` (page requests, content reports and
 * `insertScript`); only content scripts answer `ContentCommands`. The background checks who is
 * asking (`ASKED_BY` below, `sender.ts`).
 */
import type { LibraryItem, PanelView, PanelViewRequest } from '../library/types';
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PackError } from '../../scripts-library/schema';
import type { ComplianceRules } from '../compliance/rules';
import type { ScriptDiff } from '../../scripts-library/pack-rows';
import type { LibraryEdit, LibraryEditResult, SettingSaveResult } from '../db/editing';
import type { PackChange } from '../db/schema';
import type { SettingKey, Settings } from '../settings';
import type { ConversationSnapshot, MessageText } from '../sites/reader';
import type { SiteRule } from '../../scripts-library/rule-schema';
import type { FetchPackErrorCode } from '../sync/fetch-pack';
import type { KeyPress } from '../features/palette/key-press';
import type { PackChangeNote } from '../../scripts-library/schema';
import type { PublishPreview } from '../publish/publish';
import type { ScriptImageRef } from '../../scripts-library/images';

/** What kind of field the agent last focused in a console, as the content script saw it. */
export type EditorKind = 'textarea' | 'input' | 'contenteditable';

export interface FocusReport {
  kind: EditorKind;
  /** The field sits in a frame the extension cannot reach (cross-origin iframe without access). */
  unreachableFrame?: boolean;
  /** A short human label for the field: aria-label, placeholder, or the tag. */
  label: string;
}

export interface InsertTarget {
  tabId: number;
  frameId: number;
  windowId: number;
  kind: EditorKind | 'unreachable-frame';
  label: string;
  /** Page title and hostname, for "will insert into …". */
  title: string;
  host: string;
  at: number;
  /** The conversation open in that tab, when its site rule can tell. */
  conversationKey?: string;
}

export type InsertFailure =
  /** No console field has been focused yet. */
  | 'no-target'
  /** The field that had focus is gone (page reloaded, conversation switched, element removed). */
  | 'target-gone'
  /** The field is in a cross-origin frame we have no access to. */
  | 'unreachable-frame'
  /** The tab no longer has our content script (closed, navigated away, extension reloaded). */
  | 'tab-unreachable'
  /** The editor refused the text (read-only, maxlength…). */
  | 'rejected'
  /** Placeholders still without a value: the panel asks the agent, then inserts again with `values`. */
  | 'needs-values';

export type InsertResult =
  | {
      ok: true;
      kind: EditorKind;
      /** The rich editor that took the text, when it was one. */
      editor?: 'prosemirror' | 'tiptap' | 'lexical' | 'draft' | 'slate' | 'quill' | 'ckeditor5';
      truncated?: boolean;
      /** Insert-and-send was on and the send button was pressed. */
      sent?: boolean;
      /** This request id had already been inserted: nothing was inserted again. */
      repeated?: boolean;
      /** Inserted, but the usage row could not be written (storage full). */
      notRecorded?: 'quota';
      /** The script's pictures: taken by the console's paste, put on the clipboard, or the caller must copy them (see ImageDelivery). */
      images?: ImageDelivery;
    }
  | {
      ok: false;
      reason: InsertFailure;
      detail?: string;
      /** With `needs-values`: the placeholder names… */
      missing?: string[];
      /** …and values read from the page to pre-fill the form with (the agent confirms them). */
      suggestions?: Record<string, string>;
    };

/**
 * How a script's pictures reached the console: `pasted` (its paste handler took the files),
 * `attached` (it ignores pasted files, but its site rule names its attachment input, which got
 * them), `copied` (it ignores pasted files, so the first picture is on the clipboard for Ctrl+V), or
 * `copy-needed` (the page could not write the clipboard — no focus or user gesture there — so
 * the panel, which has both, puts it there).
 */
export type ImageDelivery = 'pasted' | 'attached' | 'copied' | 'copy-needed';

/** A small copy of a stored picture for the in-page lists: bytes as base64 (messages carry JSON). */
export interface Thumbnail {
  type: string;
  base64: string;
}

/** A script picture on its way to the console's paste: bytes as base64 (messages carry JSON). */
export interface PastedImage {
  name: string;
  type: string;
  base64: string;
}

/** The tab the panel sits beside, and whether our content script runs there. */
export interface ActiveTabStatus {
  tabId: number;
  /** `https://host` when known (the agent clicked our toolbar icon on that tab, or we have access). */
  origin: string | null;
  /** A page we can never run on (browser or extension pages, files). */
  restricted: boolean;
  /** Our content script runs in the tab now (maybe only until it leaves the site). */
  attached: boolean;
  /** The content script runs there by itself: a built-in console, or one the agent enabled. */
  enabled: boolean;
}

export type ImportResult =
  | { ok: true; packId: string; name: string; version: string; diff: ScriptDiff }
  /** `quota`: the browser refused the write for lack of space (nothing was written). */
  | { ok: false; errors: PackError[]; code?: 'quota' };

/** What teach mode derived on the page, for the agent to check before saving. */
export type TeachResult =
  | {
      status: 'ready';
      rule: SiteRule;
      preview: {
        inputFound: boolean;
        messages: number;
        customer: number;
        agent: number;
        title: string;
        /** The conversation list: what it finds; null when pointed at but not readable; absent when skipped. */
        list?: { items: number; unread: number; titles: string[] } | null;
      };
      tabId?: number;
    }
  | { status: 'failed'; reason: string }
  | { status: 'cancelled' };

/** Session-storage key of the last teach-mode result: the panel shows it until saved or discarded. */
export const TEACH_RESULT_KEY = 'teachResult';

export interface SiteAccessResult {
  ok: boolean;
  error?: string;
}

/**
 * Suggestions: the last messages of the conversation open in a tab, text included. Kept in the
 * background's memory and in `storage.session` (cleared when the browser closes; never in the
 * database, never sent anywhere), under RECENT_MESSAGES_KEY by tab id.
 */
export interface RecentMessages {
  tabId: number;
  conversationId: string;
  messages: MessageText[];
  /** When the background received them. */
  at: number;
}
export const RECENT_MESSAGES_KEY = 'recentMessages';
/**
 * Reply clocks the background could not write (storage full), by conversation key: kept in
 * `storage.session` so they keep running and the panel shows them, with a notice that they are
 * not saved. Gone once a write succeeds again.
 */
export const UNSAVED_CLOCKS_KEY = 'unsavedClocks';
/** `storage.session`: the library service's version, bumped when what lists show may have changed. */
export const LIBRARY_VERSION_KEY = 'libraryVersion';
/**
 * The side panel asks for its list on every keystroke, over one long-lived port of this name
 * (`runtime.connect`) rather than one-shot messages: a one-shot message opens and closes a
 * channel through the browser each time, about four times the round trip of a port message,
 * and far more with a list of results in the answer. Only our own pages may connect.
 */
export const LIBRARY_VIEW_PORT = 'libraryView';
/** A request on the library port; the answer carries the same id. */
export interface LibraryViewAsk {
  id: number;
  view: PanelViewRequest;
}
export type LibraryViewAnswer = { id: number; view: PanelView } | { id: number; error: string };
// Palette and inline trigger
/** One script in the palette or inline list: what the list and its preview show (the library service's item). */
export type PaletteHit = LibraryItem & { highlights: NonNullable<LibraryItem['highlights']> };

export interface PaletteSearchResult {
  hits: PaletteHit[];
  /** False while the background is still building the index (first search after a start). */
  ready: boolean;
}

export interface PaletteConfig {
  hotkey: string;
  triggers: string[];
  locale: 'zh-CN' | 'en';
}

/** A placeholder the palette asks for before inserting. */
export interface PaletteField {
  name: string;
  label: string;
  example: string;
  initial: string;
}

export type PaletteInsertResult = InsertResult & { fields?: PaletteField[] };
/** Why a sync did not apply, as a code the pages translate, with its cause. */
export type PackSyncErrorCode =
  /** Fetching and checking the pack file. */
  | FetchPackErrorCode
  | 'permission'
  | 'id-taken'
  | 'not-subscribed'
  | 'write-failed'
  /** An image the new version needs failed to download or check. */
  | 'image-failed'
  /** The background stopped (browser or extension restart) while this pack was syncing. */
  | 'interrupted'
  /** The browser refused the write for lack of space. */
  | 'quota';

/** One pack's sync: applied, nothing new, or refused (the previous version stays in use). */
export type PackSyncOutcome =
  | { ok: true; packId: string; name: string; version: string; result: 'updated' | 'unchanged'; change?: PackChange }
  | { ok: false; packId?: string; url: string; code: PackSyncErrorCode; detail: string };

// Publishing (team leads) and rollback
export interface PublishTargetInput {
  packId: string;
  folderUrl: string;
  username: string;
  /** Empty: keep the saved password. */
  password: string;
  /** 我的话术 only: the team pack id and name it is published as. */
  publishAs?: { id: string; name: string };
}
/** Failure codes: DavErrorCode, or 'invalid' | 'not-found' | 'builtin' | 'personal' | 'no-previous' | 'id-taken' | 'failed'. */
export type PublishFailure = { ok: false; code: string; detail: string };
export type PublishPreviewOutcome = { ok: true; preview: PublishPreview; edits: number } | PublishFailure;
export type PublishOutcome = { ok: true; version: string; url: string } | PublishFailure;

// Suggestion chips
/** One chip near the reply box: a script suggested for the customer's latest message. */
export interface ChipScript {
  key: string;
  title: string;
  /** The script's own situation, names joined with ' / '. */
  situation: string;
  /** The detected situation it is suggested for (recorded with the usage, as the panel does). */
  detected: string;
  /** Its pictures: a thumbnail on the chip. */
  images?: ScriptImageRef[];
}

export interface ChipSuggestions {
  /** Empty when the setting is off or nothing fits. */
  scripts: ChipScript[];
  locale: 'zh-CN' | 'en';
}

interface PageRequests {
  /** Where an insertion would go right now. */
  getInsertTarget(data: { windowId?: number }): InsertTarget | null;
  /** The active tab of the panel's window: can we run there, and does the agent need to enable it? */
  getActiveTabStatus(data: { windowId: number }): ActiveTabStatus | null;
  /** Record that the agent copied a script (the copy fallback), for ranking. */
  recordCopy(data: { scriptKey: string }): void;
  importPackText(data: { text: string; fileName: string }): ImportResult;
  removePack(data: { packId: string }): { ok: boolean; error?: string };
  /** `base`: the revision the page's form started from (a save over a newer one is refused as stale). */
  saveSetting<K extends SettingKey>(data: { key: K; value: Settings[K]; base?: number }): SettingSaveResult;
  /** After the page obtained the host permission: register the content script there. */
  enableSite(data: { origin: string; tabId?: number }): SiteAccessResult;
  disableSite(data: { origin: string }): SiteAccessResult;
  /**
   * "Enable on this site" for a tab whose address we may not read (the panel was not opened
   * with the toolbar icon there): the browser asks the agent in its own toolbar, and the site is
   * enabled once allowed. `unsupported`: this browser has no such request (Firefox).
   */
  requestSiteAccess(data: { tabId: number }): { ok: true } | { ok: false; reason: 'unsupported' | 'not-here' };
  /** Teach mode: point at the console's parts in the tab beside the panel. */
  startTeach(data: { windowId?: number }): { ok: boolean };
  /** Save a console rule taught in the page (teach mode) or edited by hand. */
  /** `base`: the revision an edit of an existing rule started from; a rule saved elsewhere meanwhile is refused (`stale`). */
  saveSiteRule(data: {
    rule: SiteRule;
    base?: number;
  }): { ok: true; rev: number } | { ok: false; error: string; code?: 'stale' | 'quota' };
  /** Import console rules from a JSON file (an array of rules, or one rule). */
  importSiteRules(data: { text: string }): { ok: true; count: number } | { ok: false; error: string };
  deleteSiteRule(data: { id: string }): void;
  /** The panel is open: refresh badge and notifications now (alarms alone fire every 30 s at best). */
  refreshDeadlines(): void;
  /** Open a waiting conversation in its console tab (where the site rule can click it). */
  switchConversation(data: { key: string }): { ok: boolean };
  // Pack editor: every edit of scripts and personal situations from the options page.
  editLibrary(data: LibraryEdit): LibraryEditResult;
  // Pack sync
  /** Subscribe to a pack URL (https; http only for this machine): first sync and install. */
  subscribePack(data: { url: string }): PackSyncOutcome;
  /** Sync one subscribed pack now, or all of them. */
  syncPacks(data: { packId?: string }): PackSyncOutcome[];
  /** The agent has read what the last update changed. */
  dismissPackChanges(data: { packId: string }): void;
  /**
   * Start the background if it was stopped, and answer once it has reported what a stopped one
   * left unfinished (a sync marked as running) as interrupted.
   */
  backgroundReady(): boolean;
  // Library service (the side panel's list comes over its own port: LIBRARY_VIEW_PORT)
  /** 存为话术: the text in the reply box the agent last focused (empty when none or unreachable). */
  readReplyDraft(data: { windowId?: number }): string;
  // Publishing and rollback
  /** Where a pack is published, with credentials (kept on this machine only). */
  savePublishTarget(data: PublishTargetInput): { ok: true } | PublishFailure;
  /** Dry run: what 发布 would change against what is published now. */
  previewPublish(data: { packId: string }): PublishPreviewOutcome;
  /** 发布: against the ETag the preview saw (null: nothing was published then). */
  publishPack(data: { packId: string; notes: string; expectEtag: string | null }): PublishOutcome;
  /** Versions kept in the folder's history, newest first. */
  publishedVersions(data: {
    packId: string;
  }): { ok: true; current: string | null; versions: PackChangeNote[] } | PublishFailure;
  /** Publish an earlier version's content again, as the next version. */
  republishVersion(data: { packId: string; version: string; notes: string }): PublishOutcome;
  /** 回退到上一版 of a subscribed pack; auto-sync pauses until a newer version is published. */
  rollbackPack(data: { packId: string }): { ok: true; version: string } | PublishFailure;
}

interface ContentReports {
  /** The agent focused an editable field in this frame. */
  editorFocused(data: FocusReport): void;
  /**
   * The site rules for this frame's URL, taught rules first, then built-in ones; the page picks
   * the first whose page marker it has (`ruleForPage`).
   */
  getSiteRules(): SiteRule[];
  /** The open conversation and its messages (ids, senders, times — never text). */
  conversationSnapshot(data: ConversationSnapshot): void;
  /** Teach mode finished on the page. */
  teachResult(data: TeachResult): void;
  // Suggestions
  /** A new customer message in the open conversation: the last few messages with their text. */
  recentMessages(data: { conversationId: string; messages: MessageText[] }): void;

  // Palette and inline trigger
  /** Search the library the way the side panel does (same index, same ranking, usage included). */
  searchScripts(data: { query: string; limit: number }): PaletteSearchResult;
  /** The hotkey, trigger characters and language for the in-page UI. */
  getPaletteConfig(): PaletteConfig;
  /** The in-page hotkey was pressed in this frame: open the palette in the tab's top frame. */
  requestPalette(): boolean;
  /** The palette closed without inserting: give focus back to the field (it may be in another frame). */
  paletteClosed(): void;

  // Compliance (forbidden phrases)
  /** Forbidden-phrase categories of every installed pack, to check the draft as the agent types. */
  getComplianceRules(): ComplianceRules;
  /** A warning appeared for a category in a draft (once per crossing), or the agent sent anyway. Counts only, never text. */
  complianceWarning(data: { categoryId: string; categoryName: string; override?: boolean }): void;

  // Suggestion chips
  /** Chips for the customer's latest message in this tab's open conversation (2–3, or none). */
  getSuggestions(data: { conversationId: string }): ChipSuggestions;

  // Script pictures in the in-page lists
  /** Small copies of stored pictures by content hash (at most 24; unknown hashes are left out). */
  getThumbnails(data: { hashes: string[] }): Record<string, Thumbnail>;
}

interface ContentCommands {
  /**
   * Insert text into the field this frame last had focused. `caret`: where the caret should
   * end up, as an offset into `text` (from `{光标}`); by default right after the text.
   * `replaceBefore`: the inline trigger and query (`/退货`) typed just before the caret, removed
   * with the insertion when it is really there. `press`: the key press that picked the script
   * in our UI (maybe in another frame): its keyup, keypress and line break that land in this
   * frame once the field has focus again are not the console's.
   */
  insertText(data: {
    text: string;
    mode: Settings['insertMode'];
    caret?: number;
    replaceBefore?: string;
    images?: PastedImage[];
    press?: KeyPress;
    requestId?: string;
  }): InsertResult;
  ping(): 'pong';
  /** Click the conversation in the console's list. */
  openConversation(data: { conversationId: string }): boolean;
  /** What the site rule can read for placeholders: the customer's name, the order number. */
  readPageValues(): { customerName?: string; orderId?: string };
  /** The text of the field this frame last had focused (the agent's own draft; empty when none). */
  readDraft(): string;
  /** Start teach mode's picker on this page. */
  beginTeach(): boolean;
  /** A rule was saved: read the site rule again. */
  reloadSiteRule(): void;
  /** Insert-and-send: press the console's send button (site rule), as the agent would. */
  pressSend(): boolean;

  // Palette and inline trigger
  /** Open (or close, when open) the search palette in this frame; false when it cannot here. */
  openPalette(): boolean;
  /** Focus this frame's reply field again and put its caret back. */
  focusField(): boolean;

  // Compliance (forbidden phrases)
  /** The packs' forbidden-phrase lists changed: fetch the rules again. */
  reloadComplianceRules(): void;
}

/**
 * Where an insertion was asked for. One insert path serves them all (placeholders, pictures,
 * usage, insert-and-send); `via` says who may ask (INSERT_ASKERS), which field the text goes
 * into, and what the usage row records. `values`: placeholder values the agent filled in.
 */
export type InsertRequest = { scriptKey: string; values?: Record<string, string> } &
  /**
   * The side panel's list: into the field the agent last focused (the panel's window first).
   * `requestId`: the same id again (a retry after no answer) never inserts twice (see utils/insertion/once.ts).
   */
  (
    | { via: 'panel'; windowId?: number; requestId?: string }
    /** A suggestion in the panel: as `panel`, and the usage row records the situation it was suggested for. */
    | { via: 'suggestion'; situationKey: string; windowId?: number; requestId?: string }
    /**
     * The palette: into the field the agent last focused in the asking tab (maybe another frame).
     * `press`: the key press (Enter, Tab, Space) that picked it, whose rest the field's frame swallows too.
     */
    | { via: 'palette'; press?: KeyPress }
    /** The inline list: into the asking frame's field, removing the trigger and query (`/退货`) typed before the caret. */
    | { via: 'inline'; replaceBefore?: string; press?: KeyPress }
    /** A chip: into the asking frame's field, recorded as a pick of a suggestion for `situationKey`. */
    | { via: 'chips'; situationKey: string }
    /** The better script a forbidden-phrase warning names: it replaces the draft. */
    | { via: 'compliance' }
  );
export type InsertVia = InsertRequest['via'];

interface InsertRequests {
  /** Insert a script into a console field. In-page callers (palette, inline, chips) get the placeholder form's `fields` with `needs-values`. */
  insertScript(data: InsertRequest): PaletteInsertResult;
}

/** Messages the background answers (the rest are content commands). */
export type BackgroundMessages = PageRequests & ContentReports & InsertRequests;
export type BackgroundMessage = keyof BackgroundMessages;
export type Protocol = BackgroundMessages & ContentCommands;

/** Who may send a message: our extension pages, or our content scripts. */
export type Asker = 'page' | 'content';

/** Who may ask for each kind of insertion; anyone else is ignored. */
export const INSERT_ASKERS = {
  panel: 'page',
  suggestion: 'page',
  palette: 'content',
  inline: 'content',
  chips: 'content',
  compliance: 'content',
} as const satisfies Record<InsertVia, Asker>;

/**
 * Every message the background answers, once, with who may send it (`via`: the request's `via`
 * says, see INSERT_ASKERS). `satisfies` makes a declared message missing here (it would never
 * be listened to), one listed without being declared, or one listed under the wrong sender a
 * type error: the list checks itself.
 */
const ASKED_BY = {
  insertScript: 'via',
  getInsertTarget: 'page',
  getActiveTabStatus: 'page',
  recordCopy: 'page',
  importPackText: 'page',
  removePack: 'page',
  saveSetting: 'page',
  enableSite: 'page',
  disableSite: 'page',
  requestSiteAccess: 'page',
  switchConversation: 'page',
  refreshDeadlines: 'page',
  startTeach: 'page',
  saveSiteRule: 'page',
  importSiteRules: 'page',
  deleteSiteRule: 'page',
  editLibrary: 'page',
  subscribePack: 'page',
  syncPacks: 'page',
  dismissPackChanges: 'page',
  backgroundReady: 'page',
  readReplyDraft: 'page',
  savePublishTarget: 'page',
  previewPublish: 'page',
  publishPack: 'page',
  publishedVersions: 'page',
  republishVersion: 'page',
  rollbackPack: 'page',
  editorFocused: 'content',
  getSiteRules: 'content',
  conversationSnapshot: 'content',
  teachResult: 'content',
  recentMessages: 'content',
  searchScripts: 'content',
  getPaletteConfig: 'content',
  requestPalette: 'content',
  paletteClosed: 'content',
  getComplianceRules: 'content',
  complianceWarning: 'content',
  getSuggestions: 'content',
  getThumbnails: 'content',
} as const satisfies Record<keyof PageRequests, 'page'> &
  Record<keyof ContentReports, 'content'> &
  Record<keyof InsertRequests, 'via'>;
export const BACKGROUND_MESSAGES = Object.keys(ASKED_BY) as BackgroundMessage[];

/** Who may send this message with this data; undefined: nobody (an insertion of no known kind). */
export function askerOf(type: BackgroundMessage, data: unknown): Asker | undefined {
  const asker = ASKED_BY[type];
  if (asker !== 'via') return asker;
  const via = (data as { via?: unknown } | null | undefined)?.via;
  return typeof via === 'string' && Object.hasOwn(INSERT_ASKERS, via) ? INSERT_ASKERS[via as InsertVia] : undefined;
}

/**
 * Every command the content script answers. `satisfies` makes a declared command missing here
 * (or one listed without being declared) a type error; a DOM test starts the content script and
 * checks that its features answer exactly these.
 */
const CONTENT_COMMAND_NAMES = {
  insertText: true,
  ping: true,
  openConversation: true,
  readPageValues: true,
  readDraft: true,
  beginTeach: true,
  reloadSiteRule: true,
  pressSend: true,
  openPalette: true,
  focusField: true,
  reloadComplianceRules: true,
} as const satisfies Record<keyof ContentCommands, true>;
export const CONTENT_COMMANDS = Object.keys(CONTENT_COMMAND_NAMES) as (keyof ContentCommands)[];

const messaging = defineExtensionMessaging<Protocol>({
  // Errors only: debug logging would print every message, including script text, to the console.
  logger: { debug() {}, log() {}, warn: console.warn, error: console.error },
});
export const { onMessage, removeAllListeners } = messaging;

/** How long a request waits for its answer; these do real work (download, a whole pack write). */
const DEFAULT_TIMEOUT_MS = 15_000;
const LONG_TIMEOUT_MS: Partial<Record<keyof Protocol, number>> = {
  syncPacks: 180_000,
  subscribePack: 120_000,
  importPackText: 120_000,
  editLibrary: 120_000,
  previewPublish: 120_000,
  publishPack: 180_000,
  publishedVersions: 120_000,
  republishVersion: 180_000,
  rollbackPack: 120_000,
};

/**
 * A request that got no answer. `timeout`: nothing came back in time. `disconnected`: the other
 * side went away (the service worker was stopped, the tab closed, the extension reloaded) — the
 * work may or may not have been done. `failed`: the other side threw.
 */
export class RequestError extends Error {
  constructor(
    readonly kind: 'timeout' | 'disconnected' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const DISCONNECTED =
  /message (port|channel) closed|Receiving end does not exist|Could not establish connection|Extension context invalidated|port closed/i;

/**
 * Every request has a timeout and one kind of rejection (`RequestError`), so a page always has
 * something true to say when the background does not answer.
 */
export const sendMessage = ((type: keyof Protocol, data: unknown, arg?: unknown) => {
  const ms = LONG_TIMEOUT_MS[type] ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestError('timeout', `${type}: no answer in ${ms} ms`)), ms);
  });
  const sent = (messaging.sendMessage as (t: keyof Protocol, d: unknown, a?: unknown) => Promise<unknown>)(
    type,
    data,
    arg,
  ).catch((e: unknown) => {
    const message = (e as Error)?.message ?? String(e);
    throw new RequestError(DISCONNECTED.test(message) ? 'disconnected' : 'failed', message);
  });
  return Promise.race([sent, timeout]).finally(() => clearTimeout(timer));
}) as typeof messaging.sendMessage;
