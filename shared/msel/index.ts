/**
 * MSEL import and export: the master scenario events list that exercise planners keep in a spreadsheet,
 * as RFC 4180 CSV, mapped to and from Firedrill scenarios. Pure: callers read and write the files.
 */
export { importMsel, SCHEMA_LINE, type ImportOptions, type ImportResult } from './import';
export { exportMsel, type ExportResult } from './export';
export { formatMselProblem, type MselProblem } from './rows';
export { parseCsv, formatCsv, type CsvRecord } from './csv';
export { COLUMNS, parseMselTime, formatMselTime } from './columns';
