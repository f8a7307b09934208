import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { locateInScenario } from '../../shared/scenario/load';
import { scenarioInjects } from '../../shared/scenario/model';
import type { Scenario } from '../../shared/scenario/schema';
import { formatOf, formatProblem, isScenarioFileName, loadScenarioFile, type ScenarioFileProblem } from '../scenario-files';

const USAGE = 'Usage: npm run firedrill -- validate <files or folders...>';

/**
 * `validate <files...>`: prints every problem as `path:line:col: message` (editors and CI annotate those),
 * warnings as `path:line:col: warning: message`, and one `ok` line per good file. Exits 1 when any file has
 * an error, 2 when there is nothing to check.
 */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const files = args.flatMap(expand);
  if (files.length === 0) {
    console.error(`${USAGE}\n\nName at least one scenario file, e.g. scenarios/partner-db-down.yaml, or a folder.`);
    return 2;
  }
  let failed = false;
  const owners = new Map<string, string>();
  for (const file of files) {
    const { scenario, problems } = loadScenarioFile(file);
    if (scenario) {
      // The server offers one scenario per id; a second file with the same id would be skipped there.
      const owner = owners.get(scenario.id);
      if (owner) problems.push(duplicateId(file, scenario.id, owner));
      else owners.set(scenario.id, file);
    }
    for (const problem of problems) console.log(formatProblem(problem));
    const errors = problems.some((p) => p.severity === 'error');
    if (errors || !scenario) failed = true;
    else console.log(`ok  ${file} — ${scenario.title} (${counts(scenario)})`);
  }
  return failed ? 1 : 0;
}

/** A folder stands for the scenario files in it, so `validate scenarios` checks the whole collection. */
function expand(arg: string): string[] {
  try {
    if (statSync(arg).isDirectory()) return readdirSync(arg).filter(isScenarioFileName).sort().map((name) => join(arg, name));
  } catch {
    // A path that does not exist is reported by the loader with the other problems.
  }
  return [arg];
}

function duplicateId(file: string, id: string, owner: string): ScenarioFileProblem {
  const at = locateInScenario(readFileSync(file, 'utf8'), ['id'], { format: formatOf(file) });
  return { file, ...at, severity: 'error', message: `scenario id "${id}" is already used by ${owner}` };
}

function counts(scenario: Scenario): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    plural(Object.keys(scenario.states).length, 'state'),
    plural(scenarioInjects(scenario).size, 'inject'),
    plural(scenario.objectives.length, 'objective'),
  ].join(', ');
}
