import { schemaFindings } from './issues';
import { showValue, type Finding, type Path, type ScenarioProblem } from './problems';
import { Scenario } from './schema';
import { readSource, type Position } from './source';
import { validateScenario } from './validate';

export type { Path, ScenarioProblem } from './problems';

/** A scenario and its warnings, or every problem (errors and warnings) sorted by position. */
export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: ScenarioProblem[] }
  | { ok: false; problems: ScenarioProblem[] };

export interface LoadOptions {
  /** 'json' additionally holds the text to strict JSON syntax (no comments, no trailing commas). */
  format?: 'yaml' | 'json';
}

/**
 * Parses and validates scenario text, YAML or JSON. Every problem names its 1-based line and column and says
 * in words what is wrong and, where it can guess, what the author meant. Checks run in layers: syntax, then
 * the schema, then (only once the schema passes) the semantic checks of validate.ts, because those read a
 * well-typed scenario.
 */
export function loadScenario(text: string, options: LoadOptions = {}): LoadResult {
  const source = readSource(text, options.format ?? 'yaml');
  const problems = [...source.problems];
  const place = (finding: Finding): ScenarioProblem => ({
    ...source.locate(finding.path, finding.at),
    message: finding.message,
    path: finding.path,
    severity: finding.severity,
  });
  let scenario: Scenario | undefined;
  const value = source.value;
  if (!problems.some(isError) || value !== undefined) {
    if (value === null || value === undefined) {
      problems.push(place({ path: [], message: 'the file is empty: a scenario starts with id, version, title, summary, …', severity: 'error' }));
    } else if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(place({ path: [], message: `a scenario is a map of keys (id, version, title, …), not ${showValue(value)}`, severity: 'error' }));
    } else {
      const parsed = Scenario.safeParse(value);
      if (parsed.success) {
        scenario = parsed.data;
        const where = (path: Path) => `line ${source.locate(path).line}`;
        problems.push(...validateScenario(parsed.data, { where }).map(place));
      } else {
        problems.push(...schemaFindings(parsed.error.issues, value).map(place));
      }
    }
  }
  const sorted = sortProblems(problems);
  if (scenario && !sorted.some(isError)) return { ok: true, scenario, warnings: sorted };
  return { ok: false, problems: sorted };
}

/** Where `path` is written in scenario text (for checks made outside the loader, such as the file name). */
export function locateInScenario(text: string, path: Path, options: LoadOptions = {}): Position {
  return readSource(text, options.format ?? 'yaml').locate(path);
}

function isError(problem: ScenarioProblem): boolean {
  return problem.severity === 'error';
}

/** By position, errors before warnings at the same place, each distinct problem once. */
function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.col - b.col || Number(a.severity === 'warning') - Number(b.severity === 'warning'))
    .filter((p) => {
      const key = `${p.line}:${p.col}:${p.severity}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
