/**
 * Attaches to a console page (every frame) and starts the in-page features, each in its own
 * folder under utils/features/. Never opens the database; page text goes only to the background
 * (the last few messages, for suggestions), never to the network.
 *
 * The order matters where features listen to the same events: the insert field adopts a field
 * before the forbidden-phrase check reads it, and the palette's keys come before the chips'.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startChips } from '../../utils/features/chips/content';
import { startComplianceNote } from '../../utils/features/compliance-note/content';
import { startConversationWatch } from '../../utils/features/conversation-watch/content';
import { startInsertField } from '../../utils/features/insert-field/content';
import { startInsertion } from '../../utils/features/insertion/content';
import { startPalette } from '../../utils/features/palette/content';
import { startSendButton } from '../../utils/features/send-button/content';
import type { Shared } from '../../utils/features/shared';
import { startSiteRule } from '../../utils/features/site-rule/content';
import { startTeach } from '../../utils/features/teach/content';
import { STATIC_CONSOLE_MATCHES } from '../../utils/sites/builtin';
import { PageRule } from '../../utils/sites/page-rule';

export default defineContentScript({
  matches: STATIC_CONSOLE_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const shared: Shared = { target: startInsertField(ctx), site: new PageRule(document) };
    const note = startComplianceNote(ctx, shared);
    const palette = startPalette(ctx, shared);
    startInsertion(ctx, shared, { ownInsertion: palette.ownInsertion, inserted: note.inserted });
    const chips = startChips(ctx, shared, { palette, note });
    startSiteRule(ctx, shared, startConversationWatch(ctx, shared, chips));
    startSendButton(ctx, shared, note);
    startTeach(ctx);
  },
});
