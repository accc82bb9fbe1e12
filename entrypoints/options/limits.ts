import { MAX_PACK_FILE_MB } from '../../scripts-library/file-limits';

/** The largest file the options page reads for an import (pack files, tables, console rules). */
export const MAX_IMPORT_MB = MAX_PACK_FILE_MB;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
/** A .zip of a sheet and its pictures: 500 pictures of up to 2 MB fit. */
export const MAX_ZIP_IMPORT_MB = 300;
export const MAX_ZIP_IMPORT_BYTES = MAX_ZIP_IMPORT_MB * 1024 * 1024;
