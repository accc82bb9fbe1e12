/**
 * The one insert path: every insertion (panel, panel suggestion, palette, inline list, chip, a
 * warning's better script) fills placeholders, sends the text and pictures to the console
 * field, records the use, starts a promised follow-up's clock and presses send where the agent
 * turned insert-and-send on. The `insertScript` request's `via` says which field and what the
 * usage row records; the other handlers here follow the field the agent focused.
 */
import { placeholdersIn } from '../../scripts-library/schema';
import type { HuashuDB, UsageRow } from '../../utils/db';
import { pastedImages } from '../../utils/db/images';
import { isQuotaError } from '../../utils/db/quota';
import { getScript } from '../../utils/db/script-store';
import { readSettings } from '../../utils/db/settings';
import { fillPlaceholders, pageValues, profileValues } from '../../utils/insertion/placeholders';
import { placeholderFields } from '../../utils/library/fields';
import {
  INSERT_ASKERS,
  sendMessage,
  type InsertRequest,
  type InsertResult,
  type InsertTarget,
  type PaletteInsertResult,
} from '../../utils/messaging/protocol';
import { hostOf } from '../../utils/messaging/sender';
import type { KeyPress } from '../../utils/features/palette/key-press';
import type { Settings } from '../../utils/settings';
import { currentConversationOf, onFollowUpPromised } from './deadlines';
import type { BackgroundDeps, HandlerGroup, Sender } from './handlers';
import { currentTarget, forgetTab, rememberTarget, senderTarget, tabTarget } from './insert-targets';

export interface InsertOptions {
  /** An explicit field (the inline list's frame); by default the field last focused. */
  target?: InsertTarget | null;
  /** The trigger text (`/退货`) to remove before the caret. */
  replaceBefore?: string;
  /** Go into the usage row, so picks feed back into ranking. */
  via?: UsageRow['via'];
  situationKey?: string;
  /** Overrides the agent's insert mode (a warning's better script replaces the draft). */
  mode?: Settings['insertMode'];
  /** The page's id for this insertion: a retry with the same id never inserts twice. */
  requestId?: string;
  /** The key press that picked the script in our in-page UI; the field's frame swallows its rest. */
  press?: KeyPress;
}

export async function insertScript(
  db: HuashuDB,
  scriptKey: string,
  windowId?: number,
  values: Record<string, string> = {},
  opts: InsertOptions = {},
): Promise<InsertResult> {
  const { target: explicitTarget, replaceBefore, mode, press, requestId, ...usage } = opts;
  const [script, settings, target] = await Promise.all([
    getScript(db, scriptKey),
    readSettings(db),
    explicitTarget !== undefined ? explicitTarget : currentTarget(windowId),
  ]);
  if (!script) return { ok: false, reason: 'rejected', detail: 'script not found' };
  if (!target) return { ok: false, reason: 'no-target' };
  if (target.kind === 'unreachable-frame') return { ok: false, reason: 'unreachable-frame' };
  const page = placeholdersIn(script.body).length
    ? pageValues(await sendMessage('readPageValues', undefined, { tabId: target.tabId, frameId: 0 }).catch(() => ({})))
    : { values: {}, suggestions: {} };
  const { text, missing, caret } = fillPlaceholders(script.body, {
    ...profileValues(settings.profile),
    ...page.values,
    ...values,
  });
  // Never insert a reply with `{订单号}` still in it: the panel asks for the values first.
  if (missing.length) return { ok: false, reason: 'needs-values', missing, suggestions: page.suggestions };
  const images = await pastedImages(db, script.images ?? []);
  let result: InsertResult;
  try {
    result = await sendMessage(
      'insertText',
      {
        text,
        mode: mode ?? settings.insertMode,
        ...(caret !== null ? { caret } : {}),
        ...(replaceBefore ? { replaceBefore } : {}),
        ...(images.length ? { images } : {}),
        ...(press ? { press } : {}),
        ...(requestId ? { requestId } : {}),
      },
      { tabId: target.tabId, frameId: target.frameId },
    );
  } catch {
    // Tab closed or navigated away, or the content script is from an older extension load.
    await forgetTab(target.tabId);
    return { ok: false, reason: 'tab-unreachable' };
  }
  if (!result) return { ok: false, reason: 'tab-unreachable' };
  if (!result.ok) return result;
  // A retry of an insertion already done: it was recorded the first time.
  if (result.repeated) return result;
  // The text is in the reply box whatever happens next: a failed write must not turn that
  // into a failure (the agent would insert again).
  try {
    await db.usage.add({ scriptKey, at: Date.now(), site: target.host, ...usage });
  } catch (e) {
    if (!isQuotaError(e)) console.error('话术助手: recording usage failed', e);
    result = { ...result, notRecorded: 'quota' };
  }
  // "我会在 15 分钟内回复您" is itself a deadline.
  if (script.effect)
    await onFollowUpPromised(db, target.tabId, script.effect.followUpMinutes).catch((e: unknown) =>
      console.error('话术助手: follow-up deadline', e),
    );
  // Insert-and-send only where the agent turned it on for this console, never by default.
  if (settings.insertAndSendHosts.includes(target.host)) {
    const sent = await sendMessage('pressSend', undefined, { tabId: target.tabId, frameId: 0 }).catch(() => false);
    return { ...result, sent };
  }
  return result;
}

/** Labels and examples for the placeholders a script still needs, as the panel's form shows them. */
async function fieldsFor(db: HuashuDB, missing: string[], suggestions: Record<string, string> = {}) {
  return placeholderFields(await db.packs.toArray(), missing, suggestions);
}

const bounded = (s: unknown, max: number) => String(s).slice(0, max);
const boundedPress = (press: KeyPress) => ({ key: bounded(press.key, 16), code: bounded(press.code, 32) });

/** Where a request's text goes, and what its usage row records. */
async function insertionOf(
  request: InsertRequest,
  sender: Sender,
): Promise<{ windowId?: number; opts: InsertOptions }> {
  const requestId = 'requestId' in request && request.requestId ? { requestId: bounded(request.requestId, 100) } : {};
  switch (request.via) {
    case 'panel':
      return { windowId: request.windowId, opts: requestId };
    case 'suggestion':
      return {
        windowId: request.windowId,
        opts: { via: 'suggestion', situationKey: bounded(request.situationKey, 200), ...requestId },
      };
    case 'palette':
      return {
        opts: {
          target: await tabTarget(sender.tab!.id!),
          via: 'palette',
          ...(request.press ? { press: boundedPress(request.press) } : {}),
        },
      };
    case 'inline':
      return {
        opts: {
          target: senderTarget(sender),
          via: 'palette',
          ...(request.replaceBefore ? { replaceBefore: request.replaceBefore.slice(0, 64) } : {}),
          ...(request.press ? { press: boundedPress(request.press) } : {}),
        },
      };
    case 'chips':
      return {
        opts: { target: senderTarget(sender), via: 'suggestion', situationKey: bounded(request.situationKey, 200) },
      };
    case 'compliance':
      return { windowId: sender.tab?.windowId, opts: { mode: 'replace-draft' } };
  }
}

export const insertHandlers = ({ db, ready }: BackgroundDeps) =>
  ({
    insertScript: async (request, sender): Promise<PaletteInsertResult> => {
      await ready;
      const { windowId, opts } = await insertionOf(request, sender);
      const result = await insertScript(db, String(request.scriptKey), windowId, request.values ?? {}, opts);
      // In-page lists ask for missing values themselves: give them the form's fields.
      const inPage = INSERT_ASKERS[request.via] === 'content' && request.via !== 'compliance';
      if (inPage && !result.ok && result.reason === 'needs-values' && result.missing)
        return { ...result, fields: await fieldsFor(db, result.missing, result.suggestions) };
      return result;
    },
    getInsertTarget: async ({ windowId }) => {
      const target = await currentTarget(windowId);
      if (!target) return null;
      const conversationKey = await currentConversationOf(target.tabId);
      return conversationKey ? { ...target, conversationKey } : target;
    },
    readReplyDraft: async ({ windowId }) => {
      const target = await currentTarget(windowId);
      if (!target || target.kind === 'unreachable-frame') return '';
      return sendMessage('readDraft', undefined, { tabId: target.tabId, frameId: target.frameId }).catch(() => '');
    },
    recordCopy: async ({ scriptKey }) => {
      await db.usage.add({ scriptKey, at: Date.now(), site: '' });
    },
    editorFocused: async (data, sender) => {
      const tab = sender.tab!;
      await rememberTarget({
        tabId: tab.id!,
        frameId: sender.frameId ?? 0,
        windowId: tab.windowId ?? -1,
        kind: data.unreachableFrame ? 'unreachable-frame' : data.kind,
        label: data.label,
        title: tab.title ?? '',
        host: hostOf(tab.url ?? sender.url),
        at: Date.now(),
      });
    },
  }) satisfies HandlerGroup;
