/**
 * Suggestion chips: when a customer writes, the console's content script asks for
 * 2–3 scripts to show above the reply box. They come from the background's one library index
 * (the palette's and the panel's ranking), fed by the tab's recent messages (suggest.ts); a
 * click inserts through the one insert path, recording the pick with its detected situation
 * as the panel's `insertSuggestion` does.
 */
import type { Browser } from 'wxt/browser';
import { db } from '../../utils/db';
import { resolveLocale } from '../../utils/i18n';
import type { ChipSuggestions, InsertResult, PaletteInsertResult } from '../../utils/messaging/protocol';
import { settingsFromRows } from '../../utils/settings';
import type { InsertOptions } from './insert-options';
import { fieldsFor, senderTarget } from './library';
import type { LibrarySearch } from './library-search';
import { recentMessagesOf } from './suggest';

type Sender = Browser.runtime.MessageSender;

/** A short row: more would crowd the reply box. */
export const CHIP_LIMIT = 3;

export interface ChipDeps {
  ready: Promise<unknown>;
  library: LibrarySearch;
  insertScript(
    scriptKey: string,
    windowId?: number,
    values?: Record<string, string>,
    opts?: InsertOptions,
  ): Promise<InsertResult>;
}

/** The content-report handlers for the chips (behind index.ts's sender gate). */
export function chipReports({ ready, library, insertScript }: ChipDeps) {
  return {
    getSuggestions: async (
      { conversationId }: { conversationId: string },
      sender: Sender,
    ): Promise<ChipSuggestions> => {
      await ready;
      const settings = settingsFromRows(await db.settings.toArray());
      const locale = resolveLocale(settings.locale, navigator.language);
      const tabId = sender.tab?.id;
      if (!settings.suggestionChips || tabId === undefined) return { scripts: [], locale };
      const recent = await recentMessagesOf(tabId);
      // Another conversation's messages (the agent switched meanwhile) suggest nothing here.
      if (!recent || recent.conversationId !== String(conversationId).slice(0, 200)) return { scripts: [], locale };
      return { scripts: await library.suggestedScripts(recent.messages, CHIP_LIMIT), locale };
    },
    insertChip: async (
      data: { scriptKey: string; situationKey: string; values?: Record<string, string> },
      sender: Sender,
    ): Promise<PaletteInsertResult> => {
      await ready;
      const result = await insertScript(String(data.scriptKey), undefined, data.values ?? {}, {
        target: senderTarget(sender),
        via: 'suggestion',
        situationKey: String(data.situationKey).slice(0, 200),
      });
      if (!result.ok && result.reason === 'needs-values' && result.missing)
        return { ...result, fields: await fieldsFor(result.missing, result.suggestions) };
      return result;
    },
  };
}
