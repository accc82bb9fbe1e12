/**
 * Options of the background's one insert path (panel, suggestions, palette, inline list, chips,
 * a warning's better script). Its own module so the handler files can name it without importing
 * the background entry point.
 */
import type { UsageRow } from '../../utils/db/schema';
import type { InsertTarget } from '../../utils/messaging/protocol';
import type { KeyPress } from '../../utils/features/palette/key-press';
import type { Settings } from '../../utils/settings';

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
