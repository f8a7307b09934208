import { CHANNELS, type InjectChannel } from '../scenario/schema';
import { readActions, readObjective, type ExpectedActions, type ObjectiveCell } from './actions';
import { CHANNEL_LIST, columnOf, parseMselTime, slug, timeHint, type Column } from './columns';
import type { CsvRecord } from './csv';

/** A problem in an MSEL file, located by spreadsheet row (the header is row 1) and column. */
export interface MselProblem { row?: number; column?: string; message: string; severity: 'error' | 'warning' }

/** `row 7, column "time": "7 minutes" is not a time; write T+07:00 or 7`. */
export function formatMselProblem(p: MselProblem): string {
  const where = [p.row !== undefined ? `row ${p.row}` : '', p.column ? `column "${p.column}"` : ''].filter(Boolean).join(', ');
  return `${p.severity === 'warning' ? 'warning: ' : ''}${where ? `${where}: ` : ''}${p.message}`;
}

/** One MSEL row, read and checked. */
export interface MselRow {
  row: number;
  time: number;
  phase: string;
  channel?: InjectChannel;
  from?: string;
  to: string[];
  title?: string;
  body?: string;
  actions: ExpectedActions;
  objective?: ObjectiveCell;
  id?: string;
  telemetry?: Record<string, number[]>;
}

const REQUIRED: Column[] = ['time', 'phase', 'title'];
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Reads the header and every non-blank row; problems name the row and column. */
export function readRows(records: CsvRecord[]): { rows: MselRow[]; problems: MselProblem[] } {
  const problems: MselProblem[] = [];
  const error = (row: number, column: string | undefined, message: string) => problems.push({ row, ...(column ? { column } : {}), message, severity: 'error' });
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [{ message: `the file is empty; its first row names the columns (${REQUIRED.join(', ')}, …)`, severity: 'error' }] };
  if (header.fields.length === 1 && /[;\t]/.test(header.fields[0])) {
    return { rows: [], problems: [{ row: header.row, message: 'the header is one cell with ";" or tabs in it; save the sheet as CSV with commas (in Excel: "CSV UTF-8 (Comma delimited)")', severity: 'error' }] };
  }
  const index = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const column = columnOf(name);
    if (!name.trim()) return;
    if (!column) problems.push({ row: header.row, column: name.trim(), message: 'is not a column Firedrill reads; it is ignored', severity: 'warning' });
    else if (index.has(column)) error(header.row, name.trim(), `repeats the "${column}" column; keep one`);
    else index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    error(header.row, undefined, `the header has no ${missing.map((c) => `"${c}"`).join(' or ')} column; the first row must name the columns (time, phase, channel, from, to, title, body, expected action, objective)`);
    return { rows: [], problems };
  }
  const rows: MselRow[] = [];
  const ids = new Map<string, number>();
  let phase: string | undefined;
  for (const record of data) {
    if (record.fields.every((f) => !f.trim())) continue;
    const cell = (c: Column) => (index.has(c) ? (record.fields[index.get(c)!] ?? '').trim() : '');
    const at = record.row;
    const before = problems.length;
    if (record.fields.length > header.fields.length && record.fields.slice(header.fields.length).some((f) => f.trim())) {
      error(at, undefined, `this row has ${record.fields.length} cells but the header names ${header.fields.length}; put any cell that contains a comma in double quotes`);
    }
    const timeText = cell('time');
    const time = parseMselTime(timeText);
    if (!timeText) error(at, 'time', `is empty; give every row a time, like T+07:00 or 7`);
    else if (time === undefined) error(at, 'time', `"${timeText}" is not a time; ${timeHint(timeText)}`);
    const phaseText = cell('phase');
    if (phaseText) {
      phase = slug(phaseText);
      if (!phase) error(at, 'phase', `"${phaseText}" has no letters or digits to name a state by`);
    } else if (!phase) error(at, 'phase', 'is empty on the first row; name the phase (a blank phase repeats the row above)');
    const channelText = cell('channel').toLowerCase();
    if (channelText && !(CHANNELS as readonly string[]).includes(channelText)) error(at, 'channel', `"${cell('channel')}" is not a channel; use one of ${CHANNEL_LIST}`);
    const telemetry = readTelemetry(cell('telemetry'));
    if (typeof telemetry === 'string') error(at, 'telemetry', telemetry);
    const title = cell('title');
    if (!title && !(telemetry && typeof telemetry === 'object')) error(at, 'title', 'is empty; every inject needs a title (or telemetry values)');
    const id = cell('id');
    if (id && !ID.test(id)) error(at, 'id', `"${id}" is not an id; ids are lower-case kebab-case, like "first-page"`);
    else if (id && ids.has(id)) error(at, 'id', `"${id}" is already the id of row ${ids.get(id)}; ids must be unique`);
    else if (id) ids.set(id, at);
    const objectiveText = cell('objective');
    const objective = objectiveText ? readObjective(objectiveText) : undefined;
    if (objective && 'error' in objective) error(at, 'objective', objective.error);
    const actions = readActions(cell('expected action'));
    if (objective && !('error' in objective) && !actions.ack && !actions.pages.length && !actions.post && !actions.declare) {
      error(at, 'objective', `Firedrill cannot measure "${objectiveText}" on its own; say in "expected action" what the team should do: acknowledge, page <contact>, post status page, or declare mitigated/resolved`);
    }
    if (problems.length > before || time === undefined || !phase) continue;
    const to = cell('to').split(/[;,]/).map((r) => r.trim()).filter(Boolean);
    const roles = to.some((r) => /^(all|everyone)$/i.test(r)) ? ['all'] : to.map(slug).filter(Boolean);
    rows.push({
      row: at, time, phase, to: roles.length ? roles : ['all'], actions,
      ...(channelText ? { channel: channelText as InjectChannel } : {}),
      ...(cell('from') ? { from: cell('from') } : {}),
      ...(title ? { title } : {}),
      ...(cell('body') ? { body: cell('body') } : {}),
      ...(objective && !('error' in objective) ? { objective } : {}),
      ...(id ? { id } : {}),
      ...(telemetry && typeof telemetry === 'object' ? { telemetry } : {}),
    });
  }
  return { rows, problems };
}

/** `checkout-errors: 2 5 18; queue: 40` → series values; a string says what is wrong. */
function readTelemetry(text: string): Record<string, number[]> | string | undefined {
  if (!text) return undefined;
  const out: Record<string, number[]> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^:=]+)[:=](.*)$/.exec(part);
    const values = match?.[2].trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (!match || !slug(match[1]) || !values?.length || values.some((v) => !Number.isFinite(v))) {
      return `"${part}" is not telemetry; write "series: 2 5 18", several separated by ";"`;
    }
    out[slug(match[1])] = values;
  }
  return out;
}
