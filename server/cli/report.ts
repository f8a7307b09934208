import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DrillEvent } from '../../shared/drill/events';
import { Scenario } from '../../shared/scenario/schema';
import { timelineCsv } from '../../shared/report/csv';
import { reportHtml } from '../../shared/report/html';
import { compareRuns, renderReport, score, type RunComparison } from '../../shared/scoring';
import { describeZodError } from '../validation';
import { formatProblem, loadScenarioFile } from '../scenario-files';
import { describeLocation, openStore, parseStoreLocation } from '../store/open-store';
import { argReader } from './args';

const USAGE = [
  'Usage: npm run firedrill -- report <drill-id> [--format md|html|json|csv] [--db path]',
  '       npm run firedrill -- report --log <file.json> [--format md|html|json|csv]',
  '',
  'Prints the after-action report of a drill: Markdown (md, the default: the one-page summary first), the same as',
  'one standalone HTML page (html), the full scorecard (json) or the timeline (csv). From a store, the summary',
  'compares the drill with the earlier finished runs of its scenario.',
  '--db     the store: a SQLite file or a postgres:// URL (default: $FIREDRILL_DATABASE_URL, else $FIREDRILL_DB,',
  '         else data/firedrill.db)',
  '--log    a drill log file: {"scenario": "<scenario file, relative to the log>" or {...}, "events": [...]}',
].join('\n');

/** Where the CLI looks for the store when `--db` is not given. */
export const DEFAULT_DB = 'data/firedrill.db';

/** What a report is made from. */
export interface ReportInput {
  scenario: Scenario;
  events: DrillEvent[];
  drillId?: string;
  /** The scenario's finished runs compared (from a store), for the summary's change since the previous run. */
  runs?: RunComparison;
}

export type ReportFormat = 'md' | 'html' | 'json' | 'csv';
const FORMATS: readonly ReportFormat[] = ['md', 'html', 'json', 'csv'];

/** A mistake the user can fix; printed without a stack trace, exit code 2. */
export class ReportUsageError extends Error {}

/**
 * `report`: the after-action report of a stored drill (or a log file) on stdout. Exits 0 on success, 1 when
 * the drill or file cannot be read, 2 on a usage mistake.
 */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    const options = parseArgs(args);
    const input = options.log ? readLogFile(options.log) : await readFromStore(options.db, options.drillId as string);
    process.stdout.write(formatReport(input, options.format));
    return 0;
  } catch (error) {
    if (error instanceof ReportUsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error((error as Error).message);
    return 1;
  }
}

interface ReportArgs { drillId?: string; log?: string; db: string; format: ReportFormat }

export function parseArgs(args: string[]): ReportArgs {
  const out: ReportArgs = { db: defaultStore(), format: 'md' };
  const read = argReader(args, (message) => new ReportUsageError(message));
  for (let arg = read.next(); arg !== undefined; arg = read.next()) {
    if (arg === '--format') {
      const format = read.value(arg);
      if (!FORMATS.includes(format as ReportFormat)) throw new ReportUsageError(`--format is md, html, json or csv, not "${format}".`);
      out.format = format as ReportFormat;
    } else if (arg === '--db') out.db = read.value(arg);
    else if (arg === '--log') out.log = read.value(arg);
    else if (arg.startsWith('--')) throw new ReportUsageError(`Unknown option ${arg}.`);
    else if (out.drillId) throw new ReportUsageError(`One drill at a time: got "${out.drillId}" and "${arg}".`);
    else out.drillId = arg;
  }
  if (!out.drillId && !out.log) throw new ReportUsageError('Name a drill id, or a log file with --log.');
  if (out.drillId && out.log) throw new ReportUsageError('Give a drill id or --log, not both.');
  return out;
}

/** The report text: Markdown, HTML, the scorecard as JSON or the timeline as CSV. Ends with a newline. */
export function formatReport(input: ReportInput, format: ReportFormat): string {
  const card = score(input.scenario, input.events, input.drillId ? { drillId: input.drillId } : {});
  const startsAt = input.scenario['starts-at'];
  if (format === 'json') return `${JSON.stringify(card, null, 2)}\n`;
  if (format === 'csv') return timelineCsv(card, startsAt);
  const md = renderReport(card, { startsAt, runs: input.runs });
  return format === 'html' ? reportHtml(md, `After-action report: ${card.scenario.title}`) : md;
}

/** The store the CLI reads when none is given: the server's (`FIREDRILL_DATABASE_URL`, else `FIREDRILL_DB`). */
export function defaultStore(): string {
  return process.env.FIREDRILL_DATABASE_URL?.trim() || process.env.FIREDRILL_DB?.trim() || DEFAULT_DB;
}

/** Reads a drill and its scenario (as it was when the drill was created) from a store (SQLite file or PostgreSQL). */
export async function readFromStore(db: string, drillId: string): Promise<ReportInput> {
  const location = parseStoreLocation(db);
  if (location.engine === 'sqlite' && !existsSync(location.file)) throw new Error(`There is no drill store at ${db}. Pass --db <path>, or --log <file.json> for a saved log.`);
  const store = await openStore(location);
  try {
    const drill = await store.getDrill(drillId);
    if (!drill) throw new Error(`There is no drill "${drillId}" in ${describeLocation(location)}.`);
    const finished = await store.listFinishedDrills(drill.scenarioId);
    const runs = compareRuns(finished.slice(-20).map((f) => score(f.drill.scenario, f.events, f.drill.id === drillId ? { drillId } : {})));
    return { scenario: drill.scenario, events: await store.events(drillId), drillId, runs };
  } finally {
    await store.close();
  }
}

/** Reads `{scenario, events, drillId?}`; a scenario given as a path is read relative to the log file. */
export function readLogFile(file: string): ReportInput {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the log ${file}: ${(error as Error).message}`);
  }
  const log = data as { scenario?: unknown; events?: unknown; drillId?: unknown };
  if (!log || typeof log !== 'object' || !Array.isArray(log.events)) throw new Error(`${file}: expected {"scenario": ..., "events": [...]}.`);
  const bad = log.events.findIndex((e) => !isEventLike(e));
  if (bad >= 0) throw new Error(`${file}: events[${bad}] is not a drill event (it needs seq, t, by and type).`);
  return {
    scenario: scenarioOf(file, log.scenario),
    events: log.events as DrillEvent[],
    ...(typeof log.drillId === 'string' ? { drillId: log.drillId } : {}),
  };
}

function scenarioOf(file: string, scenario: unknown): Scenario {
  if (typeof scenario === 'string') {
    const path = resolve(dirname(file), scenario);
    const loaded = loadScenarioFile(path);
    if (!loaded.scenario) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    return loaded.scenario;
  }
  if (!scenario || typeof scenario !== 'object') throw new Error(`${file}: "scenario" must be a scenario file path or an inline scenario.`);
  const parsed = Scenario.safeParse(scenario);
  if (!parsed.success) throw new Error(`${file}: the inline scenario is not valid: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

function isEventLike(e: unknown): boolean {
  const x = e as Partial<DrillEvent> | null;
  return !!x && typeof x === 'object' && Number.isInteger(x.seq) && typeof x.t === 'number' && typeof x.type === 'string' && !!x.by && typeof x.by === 'object';
}
