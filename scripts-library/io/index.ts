/**
 * Pack import and export: spreadsheets (xlsx, csv), outline text pasted from Word or Markdown,
 * and JSON. Pure: no DOM, no browser APIs, no database — runs in Node for the CLI, tests and
 * benchmarks, and in the options page for the import wizard.
 */
export * from './types';
export { readSpreadsheet, readText, tableKindOf, SpreadsheetError } from './read';
export { decodeFileText, textProblem, type DecodedText, type TextEncodingName } from './text';
export { guessMapping, normalizeHeader, FIELD_LABELS, LEVEL_FIELDS } from './mapping';
export { convertPlaceholderStyles, declarePlaceholders, INVENTED_PLACEHOLDERS } from './placeholders';
export { tableToPack, tablesToPack, parseMinutes } from './table-import';
export { outlineToPack } from './outline';
export { packToCsv, packToXlsx, packToJson, packToTable, packToZip, ExportError, MAX_SHEET_LEVELS } from './export';
export { scriptIdFor, situationIdFor } from './ids';
export { filesToPack, sourceKindOf, situationNameFromFile } from './files';
export { packFromJson } from './json';
