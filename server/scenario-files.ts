import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../shared/scenario/load';
import type { Scenario } from '../shared/scenario/schema';

/** A problem found in a scenario file, printed as `file:line:col: message`. */
export interface ScenarioFileProblem { file: string; line: number; col: number; message: string; severity: 'error' | 'warning' }

/** Loads and validates one scenario file (YAML or JSON). */
export function loadScenarioFile(file: string): { scenario?: Scenario; problems: ScenarioFileProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, line: 1, col: 1, message: `cannot read file: ${(error as Error).message}`, severity: 'error' }] };
  }
  const result = loadScenario(text);
  if (!result.ok) return { problems: result.problems.map((p) => ({ file, line: p.line, col: p.col, message: p.message, severity: 'error' })) };
  return { scenario: result.scenario, problems: [] };
}

/** Loads every scenario in a folder; a bad file is reported and skipped, never fatal. */
export function loadScenarioDir(dir: string): { scenarios: Scenario[]; problems: ScenarioFileProblem[] } {
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json')).sort();
  const scenarios: Scenario[] = [];
  const problems: ScenarioFileProblem[] = [];
  for (const name of files) {
    const loaded = loadScenarioFile(join(dir, name));
    problems.push(...loaded.problems);
    if (loaded.scenario) scenarios.push(loaded.scenario);
  }
  return { scenarios, problems };
}

export function formatProblem(p: ScenarioFileProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
