import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { formatDuration } from '../duration';
import { loadScenario } from '../scenario/load';
import type { Scenario, ScenarioInput, Severity } from '../scenario/schema';
import { formatMselTime, humanise, slug } from './columns';
import { parseCsv } from './csv';
import { readRows, type MselProblem, type MselRow } from './rows';

export interface ImportOptions {
  /** Scenario id; default "imported-msel" (the CLI uses the file name). */
  id?: string;
  title?: string;
  severity?: Severity;
}

export type ImportResult =
  | { ok: true; scenario: Scenario; yaml: string; warnings: MselProblem[] }
  | { ok: false; problems: MselProblem[] };

const MINUTE = 60_000;
const ROLE_NAMES: Record<string, string> = {
  ic: 'Incident Commander', comms: 'Communications Lead', ops: 'Operations Lead', scribe: 'Scribe',
  security: 'Security Lead', legal: 'Legal Counsel', support: 'Support Lead',
};
export const SCHEMA_LINE = '# yaml-language-server: $schema=./scenario.schema.json';

/**
 * Turns a master scenario events list (CSV) into a scenario. Rules (docs/msel.md): phases in order of first
 * appearance become states chained by `after` transitions at the time their first row is due; each row is an
 * inject at its time within its phase; declaring the incident resolved in the last phase ends the drill; roles come
 * from the `to` column plus ic and comms; contacts from `page <contact>` in "expected action"; objectives
 * from the objective column plus the standard set. Errors name the row and column.
 */
export function importMsel(text: string, options: ImportOptions = {}): ImportResult {
  const csv = parseCsv(text);
  if (!csv.ok) return { ok: false, problems: [{ message: `line ${csv.line}: ${csv.message}`, severity: 'error' }] };
  const { rows, problems } = readRows(csv.records);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!errors.length && !rows.length) errors.push({ message: 'there are no inject rows under the header', severity: 'error' });
  const phases = phasesOf(rows, errors);
  if (errors.length) return { ok: false, problems: errors };
  const input = build(rows, phases, options);
  const yaml = `${SCHEMA_LINE}\n${toYaml(input)}`;
  const loaded = loadScenario(yaml);
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map((p) => ({ message: `the scenario made from it does not validate: ${p.message}`, severity: 'error' })) };
  return { ok: true, scenario: loaded.scenario, yaml, warnings: problems.filter((p) => p.severity === 'warning') };
}

interface Phase { id: string; start: number; rows: MselRow[] }

/** Phases in order of first appearance; each must start no earlier than the one before and end before the next. */
function phasesOf(rows: MselRow[], errors: MselProblem[]): Phase[] {
  const phases: Phase[] = [];
  for (const row of rows) {
    const phase = phases.find((p) => p.id === row.phase);
    if (phase) phase.rows.push(row);
    else phases.push({ id: row.phase, start: row.time, rows: [row] });
  }
  for (const phase of phases) phase.start = Math.min(...phase.rows.map((r) => r.time));
  phases.forEach((phase, i) => {
    const next = phases[i + 1];
    const prev = phases[i - 1];
    if (prev && phase.start < prev.start) {
      errors.push({ row: phase.rows[0].row, column: 'phase', severity: 'error', message: `phase "${phase.id}" starts at ${formatMselTime(phase.start)}, before phase "${prev.id}" (${formatMselTime(prev.start)}) listed above it; list phases in time order` });
    }
    for (const row of next ? phase.rows : []) {
      if (row.time > next!.start) {
        errors.push({ row: row.row, column: 'time', severity: 'error', message: `${formatMselTime(row.time)} is after phase "${next!.id}" began at ${formatMselTime(next!.start)}; phases play one after another, so move this row into that phase or make it earlier` });
      }
    }
  });
  return phases;
}

function build(rows: MselRow[], phases: Phase[], options: ImportOptions): ScenarioInput {
  const last = Math.max(...rows.map((r) => r.time));
  const durationMs = Math.max(30 * MINUTE, Math.ceil((last + 15 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE);
  const roleIds = [...new Set(['ic', 'comms', ...rows.flatMap((r) => r.to.filter((t) => t !== 'all'))])];
  const contacts = new Map<string, string>();
  for (const row of rows) for (const page of row.actions.pages) if (!contacts.has(page.id)) contacts.set(page.id, page.name === page.id ? humanise(page.id) : page.name);
  const series = [...new Set(rows.flatMap((r) => Object.keys(r.telemetry ?? {})))];
  const final = phases.some((p) => p.id === 'done') ? 'end' : 'done';
  const injectId = new Map<MselRow, string>();
  phases.forEach((phase) => phase.rows.forEach((row, i) => {
    if (row.id) injectId.set(row, row.id);
    else if (row.actions.ack) injectId.set(row, `${phase.id}-${i + 1}`);
  }));
  const objectives = objectivesOf(rows, injectId, durationMs);
  const states: ScenarioInput['states'] = {};
  phases.forEach((phase, i) => {
    const next = phases[i + 1];
    states[phase.id] = {
      injects: [...phase.rows].sort((a, b) => a.time - b.time).map((row) => ({
        ...(injectId.has(row) ? { id: injectId.get(row)! } : {}),
        at: formatDuration(row.time - phase.start),
        ...(row.to.length === 1 && row.to[0] === 'all' ? {} : { to: row.to }),
        // A bare telemetry row keeps the default channel: the drill shows it as a dashboard update.
        ...(row.channel && !(row.channel === 'telemetry' && !row.title) ? { channel: row.channel } : {}),
        ...(row.from ? { from: row.from } : {}),
        ...(row.title ? { title: row.title } : {}),
        ...(row.body ? { body: row.body } : {}),
        ...(row.actions.ack ? { ack: true } : {}),
        ...(row.telemetry ? { telemetry: row.telemetry } : {}),
      })),
      ...(next ? { after: [{ in: formatDuration(next.start - phase.start), goto: next.id }] } : { on: [{ when: { declared: 'resolved' }, goto: final }] }),
    };
  });
  states[final] = { description: 'The incident is resolved.', final: true };
  const id = slug(options.id ?? '') || 'imported-msel';
  return {
    id,
    version: 1,
    title: options.title ?? humanise(id),
    summary: `Imported from an MSEL: ${rows.length} injects in ${phases.length} phase${phases.length === 1 ? '' : 's'}.`,
    severity: options.severity ?? 'SEV2',
    duration: formatDuration(durationMs),
    tags: ['msel'],
    roles: roleIds.map((r) => ({ id: r, name: ROLE_NAMES[r] ?? humanise(r), ...(r === 'ic' || r === 'comms' ? { required: true } : {}) })),
    contacts: [...contacts].map(([c, name]) => ({ id: c, name, responds: '5m' })),
    telemetry: series.map((s) => ({ id: s, title: humanise(s) })),
    objectives,
    initial: phases[0].id,
    states,
  };
}

type ObjectiveInput = NonNullable<ScenarioInput['objectives']>[number];

/** Objectives from the objective column, then the standard ones for whatever the rows did not cover. */
function objectivesOf(rows: MselRow[], injectId: Map<MselRow, string>, durationMs: number): ObjectiveInput[] {
  const out: ObjectiveInput[] = [];
  const ids = new Set<string>();
  const add = (title: string, measure: ObjectiveInput['measure'], target: string | number, weight?: number) => {
    let id = slug(title) || 'objective';
    for (let n = 2; ids.has(id); n++) id = `${slug(title)}-${n}`;
    ids.add(id);
    out.push({ id, title, measure, target, ...(weight ? { weight } : {}) });
  };
  const has = (kind: string, key?: string) => out.some((o) => o.measure.kind === kind && (key === undefined || Object.values(o.measure).includes(key)));
  const after = (row: MselRow, span: number) => formatDuration(row.time + span);
  for (const row of rows) {
    const cell = row.objective;
    if (!cell) continue;
    const { actions } = row;
    if (actions.ack) add(cell.title, { kind: 'ack', inject: injectId.get(row)! }, formatDuration(cell.within ?? (cell.by !== undefined ? Math.max(0, cell.by - row.time) : 5 * MINUTE)));
    else {
      const target = cell.by ?? row.time + (cell.within ?? (actions.declare ? 15 : 10) * MINUTE);
      if (actions.pages.length) add(cell.title, { kind: 'escalated', contact: actions.pages[0].id }, formatDuration(target));
      else if (actions.post) add(cell.title, { kind: 'first-post', channel: actions.post }, formatDuration(target));
      else if (actions.declare) add(cell.title, { kind: 'declared', status: actions.declare }, formatDuration(target));
    }
  }
  for (const row of rows) {
    if (row.actions.ack && !has('ack', injectId.get(row))) add(`"${row.title ?? injectId.get(row)}" is acknowledged`, { kind: 'ack', inject: injectId.get(row)! }, '5m');
    for (const page of row.actions.pages) if (!has('escalated', page.id)) add(`${humanise(page.id)} is paged`, { kind: 'escalated', contact: page.id }, after(row, 10 * MINUTE));
  }
  if (!has('role-filled', 'ic')) add('An incident commander is named', { kind: 'role-filled', role: 'ic' }, '3m', 2);
  if (!has('roles-filled')) add('Every required role is held', { kind: 'roles-filled' }, '8m');
  if (!has('first-post', 'status-page')) add('Customers hear from us', { kind: 'first-post', channel: 'status-page' }, '10m', 3);
  if (!has('cadence', 'status-page')) add('Status updates keep coming', { kind: 'cadence', channel: 'status-page' }, '20m');
  if (!has('rubric', 'status-page')) add('Status posts are plain and own the problem', { kind: 'rubric', channel: 'status-page' }, 70);
  if (!has('declared', 'resolved')) add('The incident is closed', { kind: 'declared', status: 'resolved' }, formatDuration(durationMs - 5 * MINUTE));
  return out;
}

const ONE_LINE_ITEMS = new Set(['roles', 'contacts', 'telemetry', 'objectives', 'on', 'after']);

/** YAML in the style of the bundled scenarios: one line per role, contact, objective and transition. */
function toYaml(input: ScenarioInput): string {
  const doc = new Document(input);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && ONE_LINE_ITEMS.has(String(pair.key.value)) && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      }
    },
    Seq(_, node) {
      if (node.items.every(isScalar)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
