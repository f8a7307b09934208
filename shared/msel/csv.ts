/**
 * A small RFC 4180 reader and writer: comma-separated fields, optional double quotes, `""` for a quote inside
 * a quoted field, CRLF or LF line ends, and line breaks inside quoted fields. Enough for the CSV that
 * spreadsheets export; no dependencies.
 */

/** One record with its 1-based position: `row` counts records the way a spreadsheet numbers rows. */
export interface CsvRecord { row: number; line: number; fields: string[] }

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/** Parses CSV text into records. A byte-order mark is ignored; a final line break does not add a record. */
export function parseCsv(text: string): CsvResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push({ row: records.length + 1, line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field === '') {
      // A quoted field: runs to the next lone quote, which must end the field.
      const start = line;
      i++;
      for (;;) {
        if (i >= src.length) return { ok: false, line: start, message: 'a quoted field is never closed; add the missing " at its end' };
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (src[i] === '\n') line++;
        field += src[i++];
      }
      if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        return { ok: false, line, message: 'text follows the closing quote of a field; put the whole field in quotes and double any " inside it' };
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length) endRecord();
  return { ok: true, records };
}

/** Quotes a field when it holds a comma, a quote, a line break or edge spaces. */
function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes records as CSV with CRLF line ends (RFC 4180), ending with a line break. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
