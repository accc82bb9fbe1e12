/**
 * What the in-page features of one frame share. Each feature is started by the content script
 * as `start…(ctx, shared, …)`; what one feature lends another (the palette's form to the chips,
 * the send guard to the send button) is passed by name where it is started, so the list in
 * entrypoints/content shows every dependency.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, type Protocol } from '../messaging/protocol';
import type { PageRule } from '../sites/page-rule';
import type { InsertField } from './insert-field/content';

export interface Shared {
  /** The reply field insertions go to in this frame, and where its caret was. */
  target: InsertField;
  /** This console's site rule, applied to this page. */
  site: PageRule;
}

type Answer<K extends keyof Protocol> = Parameters<typeof onMessage<K>>[1];

/** Answers message `type` from the background for as long as this content script lives. */
export function answer<K extends keyof Protocol>(ctx: ContentScriptContext, type: K, handler: Answer<K>): void {
  ctx.onInvalidated(onMessage(type, handler));
}
