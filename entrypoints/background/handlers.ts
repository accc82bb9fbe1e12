/**
 * The one shape of the background's message handlers: each feature gives a group,
 * `(deps) => { message: handler }`, whose handlers take their data, sender and answer types from
 * the protocol (a group `satisfies HandlerGroup`, so nothing is retyped by hand). Here the groups
 * are put together and gated by sender; a test checks that every message the protocol declares
 * has exactly one handler, and every handler a declared message.
 */
import type { GetDataType, GetReturnType, MaybePromise } from '@webext-core/messaging';
import { browser, type Browser } from 'wxt/browser';
import type { HuashuDB } from '../../utils/db';
import {
  askerOf,
  BACKGROUND_MESSAGES,
  onMessage,
  type BackgroundMessage,
  type Protocol,
} from '../../utils/messaging/protocol';
import { isOwnContentScript, isOwnExtensionPage } from '../../utils/messaging/sender';
import { chipHandlers } from './chips';
import { complianceHandlers } from './compliance';
import { deadlineHandlers } from './deadlines';
import { insertHandlers } from './insert';
import { libraryHandlers } from './library';
import type { LibrarySearch } from './library-search';
import { packEditorHandlers } from './pack-editor';
import { publishHandlers } from './publish';
import { siteAccessHandlers } from './site-access';
import { siteRuleHandlers } from './site-rules';
import { suggestHandlers } from './suggest';
import { packSyncHandlers } from './sync';
import { thumbnailHandlers } from './thumbnails';

export type Sender = Browser.runtime.MessageSender;
export type Handler<K extends BackgroundMessage> = (
  data: GetDataType<Protocol[K]>,
  sender: Sender,
) => MaybePromise<GetReturnType<Protocol[K]>>;
export type Handlers = { [K in BackgroundMessage]: Handler<K> };
/** One feature's handlers. */
export type HandlerGroup = Partial<Handlers>;

/** What handlers share: the database, when it is ready, and the one library service. */
export interface BackgroundDeps {
  db: HuashuDB;
  /** The personal and built-in packs exist (after a fresh install, once they are written). */
  ready: Promise<unknown>;
  /** What a stopped background left marked as syncing is reported: syncs may start. */
  syncReady: Promise<unknown>;
  library: LibrarySearch;
}

/** Every feature's handlers; each message belongs to exactly one group. */
export const HANDLER_GROUPS = {
  insertion: insertHandlers,
  library: libraryHandlers,
  chips: chipHandlers,
  suggestions: suggestHandlers,
  compliance: complianceHandlers,
  deadlines: deadlineHandlers,
  siteRules: siteRuleHandlers,
  siteAccess: siteAccessHandlers,
  packEditor: packEditorHandlers,
  packSync: packSyncHandlers,
  publish: publishHandlers,
  thumbnails: thumbnailHandlers,
} as const;

export function backgroundHandlers(deps: BackgroundDeps): Handlers {
  return Object.assign({}, ...Object.values(HANDLER_GROUPS).map((group) => group(deps))) as Handlers;
}

// A message without a handler in any group is a type error here, as well as a failing test.
type Covered = {
  [G in keyof typeof HANDLER_GROUPS]: keyof ReturnType<(typeof HANDLER_GROUPS)[G]>;
}[keyof typeof HANDLER_GROUPS];
const _everyMessageHandled: Record<BackgroundMessage, true> = {} as Record<Covered, true>;
void _everyMessageHandled;

/**
 * One gate for every message: page requests only from our own pages, reports only from our own
 * content scripts, an insertion only from who its `via` says may ask. Anything else is dropped
 * unanswered.
 */
export function listen(handlers: Handlers) {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const allowed = { page: isOwnExtensionPage, content: isOwnContentScript } as const;
  const gate = <K extends BackgroundMessage>(type: K) =>
    onMessage(type, ({ data, sender }) => {
      const asker = askerOf(type, data);
      if (!asker || !allowed[asker](sender, browser.runtime.id, extensionOrigin)) {
        console.warn('话术助手: ignored', type, 'from', sender.url);
        return undefined as GetReturnType<Protocol[K]>;
      }
      return (handlers[type] as Handler<K>)(data, sender);
    });
  for (const type of BACKGROUND_MESSAGES) gate(type);
}
