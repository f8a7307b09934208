import { readDraft } from './draft';
import { schemaFindings } from './issues';
import { showValue, type Finding, type Path, type ScenarioProblem } from './problems';
import { Scenario } from './schema';
import { readSource, type Position } from './source';
import { validateScenario } from './validate';

export type { Path, ScenarioProblem } from './problems';

/**
 * A scenario and its warnings, or every problem (errors and warnings) sorted by position. A file that is a map
 * with errors also gives its `draft` (for an editor's live statechart): the parts that are well-formed, or the
 * whole scenario when only the whole-file checks fail.
 * `locate` says where a path of the scenario (or draft) is written in the text.
 */
export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: ScenarioProblem[]; locate: Locate }
  | { ok: false; problems: ScenarioProblem[]; draft?: Scenario; locate: Locate };

/** Where a path of the loaded scenario is written: the key itself with `at: 'key'`, else its value. */
export type Locate = (path: Path, at?: 'key') => Position;

export interface LoadOptions {
  /** 'json' additionally holds the text to strict JSON syntax (no comments, no trailing commas). */
  format?: 'yaml' | 'json';
}

/**
 * Parses and validates scenario text, YAML or JSON. Every problem names its 1-based line and column and says
 * in words what is wrong and, where it can guess, what the author meant. Syntax comes first (a file that does
 * not parse has nothing else to check); then the schema and the semantic checks of validate.ts together, so
 * that one pass reports every problem: when the schema rejects parts of the file, the semantic checks run on a
 * draft of the parts that are well-formed and stay silent about what the broken parts hide (draft.ts).
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
  let draft: Scenario | undefined;
  let locate: Locate = (path, at) => source.locate(path, at);
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
        const read = readDraft(value as Record<string, unknown>);
        if (read) {
          draft = read.scenario;
          const where = (path: Path) => `line ${source.locate(read.sourcePath(path)).line}`;
          for (const finding of validateScenario(read.scenario, { where, gaps: read.gaps })) {
            const path = read.sourcePath(finding.path);
            if (!read.replaced(path)) problems.push(place({ ...finding, path }));
          }
          locate = (path, at) => source.locate(read.sourcePath(path), at);
        }
      }
    }
  }
  const sorted = sortProblems(problems);
  if (scenario && !sorted.some(isError)) return { ok: true, scenario, warnings: sorted, locate };
  // A file that passes the schema but not the whole-file checks is its own draft.
  draft ??= scenario;
  return { ok: false, problems: sorted, ...(draft ? { draft } : {}), locate };
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
