/** Saves generated content (CSV, JSON, xlsx bytes) as a file download from an extension page. */
export function downloadFile(fileName: string, content: string | Uint8Array | Blob, type: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(content instanceof Blob ? content : new Blob([content as BlobPart], { type }));
  a.download = fileName;
  a.click();
  // Revoked after the click has been handled: revoking at once can cancel a large download.
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
