/**
 * Pack import and export: spreadsheets (xlsx, csv), outline text pasted from Word or Markdown,
 * and JSON. Pure: no DOM, no browser APIs, no database — runs in Node for the CLI, tests and
 * benchmarks, and in the options page for the import wizard.
 */
export * from './types';
export { readSpreadsheet, tableKindOf } from './read';
export { guessMapping, FIELD_LABELS } from './mapping';
export { convertPlaceholderStyles } from './placeholders';
export { tableToPack, tablesToPack } from './table-import';
export { outlineToPack } from './outline';
export { packToCsv, packToXlsx, packToJson, packToTable } from './export';
