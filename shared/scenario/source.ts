import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { jsonSyntaxError } from './json-syntax';
import type { Path, ScenarioProblem } from './problems';

/** A 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

/** Scenario text parsed once, so that every problem found later can be pointed at its place in the text. */
export interface ScenarioSource {
  /** The parsed value (plain JS); undefined when the text has syntax errors. */
  value: unknown;
  /** Syntax errors, YAML warnings and duplicate keys, already positioned. */
  problems: ScenarioProblem[];
  /** Where `path` is written: the key itself with `at: 'key'`, else its value; the enclosing map when missing. */
  locate(path: Path, at?: 'key'): Position;
}

/** Hints for the YAML mistakes authors make most, keyed by the `yaml` package's error codes. */
const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML does not allow tabs for indentation; indent with spaces',
  MULTIPLE_DOCS: 'a scenario file holds one YAML document; remove the extra "---"',
  BLOCK_AS_IMPLICIT_KEY: 'this line looks like a key inside a value; quote a value that contains ": ", or put the nested keys on their own, more indented lines',
  MULTILINE_IMPLICIT_KEY: 'a key must be followed by ":" on the same line; quote a value that contains ": " or " #"',
  BAD_INDENT: 'the indentation does not line up with the lines above',
};

/** Parses scenario text (YAML, or JSON when `format` is 'json') and indexes its node positions. */
export function readSource(text: string, format: 'yaml' | 'json' = 'yaml'): ScenarioSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, col };
  };
  const problem = (offset: number, message: string, severity: 'error' | 'warning' = 'error', path: Path = []): ScenarioProblem =>
    ({ ...at(offset), message, path, severity });
  const problems: ScenarioProblem[] = [];

  const json = format === 'json' ? jsonSyntaxError(text) : undefined;
  if (json) problems.push(problem(json.offset, `JSON syntax error: ${json.message}`));
  else {
    // One syntax error tends to set off others on the same line; the first says what went wrong.
    const lines = new Set<number>();
    for (const error of doc.errors) {
      const found = problem(error.pos[0], `YAML syntax error: ${yamlHint(error.code, error.message)}`);
      if (!lines.has(found.line)) problems.push(found);
      lines.add(found.line);
    }
  }
  for (const warning of doc.warnings) problems.push(problem(warning.pos[0], lowerFirst(warning.message), 'warning'));
  let broken = problems.some((p) => p.severity === 'error');
  for (const p of structureProblems(doc, (offset) => at(offset).line)) {
    problems.push(problem(p.offset, p.message, 'error', p.path));
    broken ||= p.fatal;
  }

  // Duplicate keys leave a readable document (the last one wins), so the schema can still say more.
  let value: unknown;
  if (!broken) {
    try {
      value = doc.toJS();
    } catch (error) {
      problems.push(problem(0, `YAML error: ${lowerFirst((error as Error).message)}`));
    }
  }
  return { value, problems, locate: (path, where) => at(offsetOf(doc, path, where)) };
}

function yamlHint(code: string, message: string): string {
  if (/^Missing closing .?quote/.test(message)) return 'a quoted value is never closed; add the closing quote';
  return YAML_HINTS[code] ?? lowerFirst(message);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

interface StructureProblem { offset: number; message: string; path: Path; fatal: boolean }

/**
 * Duplicate keys and aliases to anchors that do not exist, with the path where each occurs. A missing anchor
 * is fatal (the document has no value to check); a duplicate key is not.
 */
function structureProblems(doc: Document, lineAt: (offset: number) => number): StructureProblem[] {
  const found: StructureProblem[] = [];
  const seen = new Set<Node>();
  const walk = (node: unknown, path: Path) => {
    if (isAlias(node)) {
      if (!node.resolve(doc)) found.push({ offset: node.range?.[0] ?? 0, message: `the alias "*${node.source}" has no anchor "&${node.source}" before it`, path, fatal: true });
      return;
    }
    // An anchored node can be reached twice; look at it once.
    if (!isMap(node) && !isSeq(node)) return;
    if (seen.has(node)) return;
    seen.add(node);
    if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    const first = new Map<string, number>();
    for (const pair of node.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
      if (key !== undefined) {
        const earlier = first.get(key);
        if (earlier === undefined) first.set(key, offset);
        else found.push({ offset, message: `duplicate key "${key}"; it is already set on line ${lineAt(earlier)}`, path: [...path, key], fatal: false });
      }
      walk(pair.value, [...path, key ?? '?']);
    }
  };
  walk(doc.contents, []);
  return found;
}

/**
 * Character offset of a path in the document. Walks maps by key (compared as text, so a state called `404`
 * is found) and lists by index, stopping at the deepest node that exists: a missing key points at its map.
 */
function offsetOf(doc: Document, path: Path, where?: 'key'): number {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let complete = true;
  for (const segment of path) {
    const container = isAlias(node) ? node.resolve(doc) : node;
    let next: unknown;
    let nextKey: Node | undefined;
    if (isMap(container)) {
      const pair = (container.items as Pair[]).findLast((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair) {
        next = pair.value;
        nextKey = pair.key as Node;
      }
    } else if (isSeq(container) && typeof segment === 'number') next = container.items[segment];
    if (next === undefined && nextKey === undefined) {
      complete = false;
      break;
    }
    node = next;
    key = nextKey;
  }
  const start = (n: unknown) => (n && typeof n === 'object' && 'range' in n ? (n as Node).range?.[0] : undefined);
  if (complete && where === 'key' && key) return start(key) ?? 0;
  // An empty value (`title:`) has a zero-width range at the end of the line; its key is where the eye goes.
  const empty = isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1];
  if ((node === null || node === undefined || empty) && key) return start(key) ?? 0;
  return start(node) ?? 0;
}
