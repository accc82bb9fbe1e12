import type { Table, TableKind } from './types';

export function tableKindOf(fileName: string): TableKind | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' || ext === 'txt' || ext === 'tsv' ? 'csv' : null;
}

/** Read an xlsx or csv file into text. Rejects with a message for a file it cannot read. */
export async function readSpreadsheet(_data: ArrayBuffer | Uint8Array, _fileName: string, _opts?: { sheet?: string }): Promise<Table> {
  throw new Error('not implemented yet');
}
