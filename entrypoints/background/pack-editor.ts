/** Background side of the script editor: the options page's edits, applied in the database. */
import { db } from '../../utils/db';
import { applyEdit, type LibraryEdit, type LibraryEditResult } from '../../utils/db/editing';

export function packEditorHandlers(ready: Promise<unknown>) {
  return {
    editLibrary: async (edit: LibraryEdit): Promise<LibraryEditResult> => {
      await ready;
      return applyEdit(db, edit);
    },
  };
}
