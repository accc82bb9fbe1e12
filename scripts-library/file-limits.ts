/**
 * The largest pack file the extension reads: an import from disk, a sync from the team's
 * address, and so what a publish may write (a bigger file would publish, then fail on every
 * agent's machine). 50 MB holds a 50,000-script pack several times over; a library near the
 * 200,000-script cap is published as several packs.
 */
export const MAX_PACK_FILE_MB = 50;
export const MAX_PACK_FILE_BYTES = MAX_PACK_FILE_MB * 1024 * 1024;
