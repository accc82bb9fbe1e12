/**
 * Insert-and-send: the background asks this frame to press the console's send button (named by
 * the site rule), as the agent would, after the send guard has had its say.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ComplianceNote } from '../compliance-note/content';
import { answer, type Shared } from '../shared';

export function startSendButton(ctx: ContentScriptContext, shared: Shared, guard: ComplianceNote): void {
  answer(ctx, 'pressSend', () => {
    const button = shared.site.enabledSendButton();
    return button ? guard.pressSend(button) : false;
  });
}
