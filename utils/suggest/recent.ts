/**
 * How much of a conversation suggestions read: the page sends no more, the background keeps no
 * more, the classifier looks at no more. Customer text stays on the machine either way.
 */
export const RECENT_MESSAGES = 6;
/** Characters of each message. */
export const MAX_MESSAGE_CHARS = 500;
