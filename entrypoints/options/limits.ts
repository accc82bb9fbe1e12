/** The largest file the options page reads for an import (pack files, tables, console rules). */
export const MAX_IMPORT_MB = 50;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
