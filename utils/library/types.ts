/** What the library service answers: the shapes every list (panel, palette, inline list, chips) shows. */
import type { ScriptImageRef } from '../../scripts-library/images';
import type { ChatMessage, SuggestReason } from '../suggest';

export type Ranges = readonly (readonly [number, number])[];

/**
 * One script as a list shows it. Other features add optional fields (a thumbnail, an insert id
 * …); the lists pass items through whole.
 */
export interface LibraryItem {
  key: string;
  title: string;
  /** The full script text (text only, never HTML). */
  body: string;
  purpose: string;
  /** Situation names joined with ' / '. */
  situation: string;
  shortcut?: string;
  /** Offsets of the matched parts, for highlighting. */
  highlights?: { title?: Ranges; body?: Ranges; purpose?: Ranges };
  /** The query is exactly this script's shortcut code (`/th1`): it inserts at once. */
  exactShortcut?: boolean;
  /** Suggested for the customer's latest message (shown first while nothing is typed). */
  suggested?: boolean;
  /** Pictures sent with the script: thumbnails in the panel. */
  images?: ScriptImageRef[];
}

/** A suggested script: the situation it is suggested for, and why. */
export interface LibrarySuggestion extends LibraryItem {
  detected: string;
  reason: SuggestReason;
}

export interface PanelViewRequest {
  query: string;
  /** The selected situation and everything below it; omitted for the whole library. */
  situationKeys?: string[];
  /** The open conversation's latest messages: suggestions, and the detected situation's boost. */
  messages?: ChatMessage[];
  /** The window of the list to return (a search's or the browse list's). */
  offset: number;
  limit: number;
  /** The version the page already has counts for: they are not sent again. */
  knownVersion?: number;
}

export interface PanelView {
  /** False while the background is still building or restoring the index. */
  ready: boolean;
  /** Changes whenever content or usage changed: the page asks again for what it shows. */
  version: number;
  /** Items in the whole list (the page shows a scroll area this long). */
  total: number;
  offset: number;
  items: LibraryItem[];
  /** Visible scripts in the library. */
  libraryTotal: number;
  /** Scripts per situation key, when the page's `knownVersion` is not current. */
  counts?: Record<string, number>;
  suggestions?: { situations: { id: string; name: string }[]; items: LibrarySuggestion[] };
}
