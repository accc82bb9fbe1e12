import type { ColumnMapping, ImportField } from './types';

export const FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {} as never;

export function guessMapping(headers: string[]): ColumnMapping {
  return headers.map(() => 'ignore');
}
