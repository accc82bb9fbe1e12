/**
 * What the palette and the inline list share in one frame: the one list view (open as the
 * palette or as the inline list), the agent's palette settings, and the state of the key press
 * and the insertion under way, which decide whose a key or an input event is.
 */
import { translator, type Translate } from '../../i18n';
import { sendMessage, type PaletteConfig, type PaletteHit } from '../../messaging/protocol';
import { DEFAULT_TRIGGERS } from '../inline-trigger/trigger';
import { DEFAULT_HOTKEY, parseHotkey, type Hotkey } from './hotkey';
import type { KeyPress } from './key-press';
import { PaletteView, type ViewEvents, type ViewLabels } from './view';
import { base64ToBytes } from '../../../scripts-library/images';
import { PageThumbnails } from '../../ui-kit/thumbnails';

export class ListSession {
  config: PaletteConfig = { hotkey: DEFAULT_HOTKEY, triggers: [...DEFAULT_TRIGGERS], locale: 'zh-CN' };
  hotkey: Hotkey = parseHotkey(DEFAULT_HOTKEY)!;
  t: Translate = translator(this.config.locale);
  readonly view: PaletteView;
  /**
   * True from the agent's compositionstart to compositionend, and for the task right after it.
   * Only a trusted compositionstart sets it; the compositionend that ends it may come untrusted
   * (Chrome builds it so when a commit arrives as text, e.g. CDP `Input.insertText`), so it ends
   * a composition the agent started, and does nothing else.
   */
  composing = false;
  /** Our own insertions running in this frame. */
  inserting = 0;
  /** The Enter, Tab or Space we took: the rest of that key press is ours as well. */
  taken: KeyPress | null = null;
  /** A pick is on its way to the background: the list's keys insert nothing more until it is back. */
  picking = false;
  /** Numbers searches: an answer to an older one is dropped. */
  private seq = 0;

  /** Script pictures for our in-page lists (one cache for the palette and the chips). */
  readonly thumbnails = new PageThumbnails(fetchThumbnails);

  constructor(doc: Document, events: ViewEvents) {
    this.view = new PaletteView(doc, labelsFor(this.t), events, this.thumbnails);
  }

  /** The agent's settings from the background (they may change in the options page meanwhile). */
  loadConfig(): Promise<void> {
    return (
      sendMessage('getPaletteConfig')
        .then((c) => {
          if (!c) return;
          this.config = c;
          this.hotkey = parseHotkey(c.hotkey) ?? this.hotkey;
          this.t = translator(c.locale);
          this.view.setLabels(labelsFor(this.t));
        })
        // No background at the moment: the settings we have stay, the next focus asks again.
        .catch(() => undefined)
    );
  }

  /** A new search; `current()` is false once a newer one has started. */
  search(query: string, limit: number): { answer: Promise<{ hits: PaletteHit[] }>; current: () => boolean } {
    const my = ++this.seq;
    const answer = sendMessage('searchScripts', { query, limit }).catch(() => ({
      hits: [] as PaletteHit[],
      ready: false,
    }));
    return { answer, current: () => my === this.seq };
  }

  /** Keys that are the agent's typing, not ours: while an input method composes. */
  isComposing(e: KeyboardEvent | InputEvent): boolean {
    return e.isComposing || (e as KeyboardEvent).keyCode === 229 || this.composing;
  }
}

function labelsFor(t: Translate): ViewLabels {
  return {
    searchPlaceholder: t('paletteSearchPlaceholder'),
    paletteHint: t('paletteHint'),
    inlineHint: t('paletteInlineHint'),
    exactSpace: t('paletteExactSpace'),
    noResults: t('paletteNoResults'),
    purpose: t('palettePurpose'),
    fill: t('paletteFill'),
    confirm: t('paletteConfirm'),
    cancel: t('paletteCancel'),
    required: t('paletteRequired'),
    suggested: t('paletteSuggested'),
  };
}

/** Thumbnails from the background (the content script has no database), as Blobs. */
async function fetchThumbnails(hashes: string[]): Promise<Record<string, Blob>> {
  const found = await sendMessage('getThumbnails', { hashes });
  const out: Record<string, Blob> = {};
  for (const [hash, thumb] of Object.entries(found ?? {})) {
    const bytes = base64ToBytes(thumb.base64);
    if (bytes) out[hash] = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: thumb.type });
  }
  return out;
}
