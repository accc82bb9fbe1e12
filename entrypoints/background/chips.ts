/**
 * Suggestion chips: when a customer writes, the console's content script asks for 2–3 scripts
 * to show above the reply box. They come from the background's one library index (the
 * palette's and the panel's ranking), fed by the tab's recent messages (suggest.ts); a click
 * inserts through the one insert path (`insertScript` via `chips`).
 */
import { readSettings } from '../../utils/db/settings';
import { resolveLocale } from '../../utils/i18n';
import type { BackgroundDeps, HandlerGroup } from './handlers';
import { recentMessagesOf } from './suggest';

/** A short row: more would crowd the reply box. */
export const CHIP_LIMIT = 3;

export const chipHandlers = ({ db, ready, library }: BackgroundDeps) =>
  ({
    getSuggestions: async ({ conversationId }, sender) => {
      await ready;
      const settings = await readSettings(db);
      const locale = resolveLocale(settings.locale, navigator.language);
      const tabId = sender.tab?.id;
      if (!settings.suggestionChips || tabId === undefined) return { scripts: [], locale };
      const recent = await recentMessagesOf(tabId);
      // Another conversation's messages (the agent switched meanwhile) suggest nothing here.
      if (!recent || recent.conversationId !== String(conversationId).slice(0, 200)) return { scripts: [], locale };
      return { scripts: await library.suggestedScripts(recent.messages, CHIP_LIMIT), locale };
    },
  }) satisfies HandlerGroup;
