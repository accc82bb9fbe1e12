/**
 * Who is asking. The background answers only its own extension: its pages for page
 * requests, its content scripts (running in a tab) for content reports.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

export function isOwnExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  // A content script's sender.url is the web page; only our own pages have our origin.
  return url.startsWith(extensionOrigin);
}

export function isOwnContentScript(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && sender.tab?.id !== undefined && !(sender.url ?? '').startsWith(extensionOrigin);
}

/** The host of a sender's page or tab (`''` when there is none or it is not a URL). */
export function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}
