import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { loadScenario, locateInScenario } from '../shared/scenario/load';
import type { Scenario } from '../shared/scenario/schema';

/** A problem found in a scenario file, printed as `file:line:col: message` (warnings: `file:line:col: warning: message`). */
export interface ScenarioFileProblem { file: string; line: number; col: number; message: string; severity: 'error' | 'warning' }

/** The format a file is read as: `.json` files are held to strict JSON, everything else is YAML. */
export function formatOf(file: string): 'yaml' | 'json' {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

/**
 * Loads and validates one scenario file (YAML or JSON). `scenario` is set when the file has no errors;
 * `problems` holds its errors and warnings, sorted by position. A file whose name does not match its id gets
 * a warning: people look for `partner-db-down` in `partner-db-down.yaml`.
 */
export function loadScenarioFile(file: string): { scenario?: Scenario; problems: ScenarioFileProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { problems: [{ file, line: 1, col: 1, message: `cannot read the file: ${reason}`, severity: 'error' }] };
  }
  const format = formatOf(file);
  const result = loadScenario(text, { format });
  const problems = (result.ok ? result.warnings : result.problems).map((p) => ({ file, line: p.line, col: p.col, message: p.message, severity: p.severity }));
  if (!result.ok) return { problems };
  const name = basename(file);
  const stem = name.slice(0, name.length - extname(name).length);
  if (stem !== result.scenario.id) {
    const at = locateInScenario(text, ['id'], { format });
    problems.push({
      file, ...at, severity: 'warning',
      message: `id "${result.scenario.id}" does not match the file name "${name}"; rename the file to "${result.scenario.id}${extname(name)}" or change the id`,
    });
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
  }
  return { scenario: result.scenario, problems };
}

/** True for the files of a folder that are scenarios (not the JSON Schema that sits beside them). */
export function isScenarioFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name) && !name.endsWith('.schema.json');
}

export interface ScenarioDir { scenarios: Scenario[]; problems: ScenarioFileProblem[]; files: Record<string, string> }

/**
 * Loads every scenario in a folder; a bad file is reported and skipped, never fatal. Two files with the same
 * scenario id cannot both be offered, so the second (by file name) is reported and skipped. `files` names the
 * file each scenario came from, by id.
 */
export function loadScenarioDir(dir: string): ScenarioDir {
  const steps = scenarioDirSteps(dir);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `loadScenarioDir`, letting the event loop run between two files: `npm start` reads the folder once its port is
 * open (a file takes about 25 ms to parse and validate), so that a restarted server answers its drills' sockets
 * meanwhile.
 */
export async function loadScenarioDirAsync(dir: string): Promise<ScenarioDir> {
  const steps = scenarioDirSteps(dir);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The folder's files one at a time: yields after each. */
function* scenarioDirSteps(dir: string): Generator<void, ScenarioDir> {
  const files = readdirSync(dir).filter(isScenarioFileName).sort();
  const scenarios: Scenario[] = [];
  const problems: ScenarioFileProblem[] = [];
  const owners = new Map<string, string>();
  for (const name of files) {
    const file = join(dir, name);
    const loaded = loadScenarioFile(file);
    yield;
    problems.push(...loaded.problems);
    if (!loaded.scenario) continue;
    const owner = owners.get(loaded.scenario.id);
    if (owner) {
      const at = locateInScenario(readFileSync(file, 'utf8'), ['id'], { format: formatOf(file) });
      problems.push({ file, ...at, severity: 'error', message: `scenario id "${loaded.scenario.id}" is already used by ${owner}; this file is skipped` });
      continue;
    }
    owners.set(loaded.scenario.id, name);
    scenarios.push(loaded.scenario);
  }
  return { scenarios, problems, files: Object.fromEntries(owners) };
}

/** One problem as a line for a terminal or a log. */
export function formatProblem(p: ScenarioFileProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
