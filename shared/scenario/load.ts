import { parseDocument } from 'yaml';
import { Scenario } from './schema';

/** A problem in a scenario file, with its 1-based position. */
export interface ScenarioProblem { line: number; col: number; message: string; path: (string | number)[] }
export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** Parses and validates scenario text (YAML or JSON). PROVISIONAL: positions and semantic checks come next. */
export function loadScenario(text: string): LoadResult {
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, problems: doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1, message: e.message, path: [] })) };
  const parsed = Scenario.safeParse(doc.toJS());
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ line: 1, col: 1, message: i.message, path: i.path as (string | number)[] })) };
  return { ok: true, scenario: parsed.data };
}
