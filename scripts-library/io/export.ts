import type { Pack } from '../schema';
import type { Table } from './types';

export function packToTable(_pack: Pack): Table {
  return { headers: [], rows: [] };
}
export function packToCsv(_pack: Pack): string {
  return '';
}
export async function packToXlsx(_pack: Pack): Promise<Uint8Array> {
  return new Uint8Array();
}
export async function packToJson(_pack: Pack): Promise<string> {
  return '';
}
