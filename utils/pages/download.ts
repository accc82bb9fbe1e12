/** Saves generated content (CSV, JSON) as a file download from an extension page. */
export function downloadFile(fileName: string, content: string, type: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([content], { type }));
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(a.href);
}
