import { z } from 'zod';
import { closest, didYouMean, formatPath, showValue, type Finding, type Path } from './problems';
import { Condition, Scenario, STARTS_AT_MESSAGE } from './schema';
import { objectKeysAt, shapeKeys, unionOptions } from './schema-walk';

type Issue = z.core.$ZodIssue;

const DURATION_HINT = 'write it like "45s", "5m" or "1h30m"';
/** zod's own messages start like this; any other message was written in schema.ts for authors. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;

/**
 * Rewrites zod's issues for a scenario into findings an author understands, each with the path where the
 * problem is written. `root` is the parsed file, read to quote the offending values and to see which keys
 * are missing.
 */
export function schemaFindings(issues: readonly Issue[], root: unknown): Finding[] {
  return describeAll(issues, [], root);
}

/**
 * Findings for zod issues whose paths are relative to `prefix`. `injct` in a map that lacks `inject` gets one
 * message ("did you mean"), not a second "missing" one.
 */
function describeAll(issues: readonly Issue[], prefix: Path, root: unknown): Finding[] {
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = [...prefix, ...(issue.path as Path)];
    for (const key of issue.keys) {
      const meant = closest(key, unusedKeys(path, root));
      if (meant) suggested.add(`${formatPath(path)}\u0000${meant}`);
    }
  }
  return issues
    .flatMap((issue) => describeIssue(issue, prefix, root))
    .filter((f) => !(f.message.startsWith('missing "') && suggested.has(`${formatPath(f.path.slice(0, -1))}\u0000${String(f.path.at(-1))}`)));
}

/** Findings for one zod issue whose path is relative to `prefix`. */
function describeIssue(issue: Issue, prefix: Path, root: unknown): Finding[] {
  const path = [...prefix, ...(issue.path as Path)];
  const value = valueAt(root, path);
  const where = formatPath(path);
  const error = (message: string, at?: 'key'): Finding[] => [{ path, message, severity: 'error', ...(at ? { at } : {}) }];

  if (value === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_key') {
    const parent = path.slice(0, -1);
    const known = issue.code === 'invalid_union' && issue.discriminator ? `; it is one of ${unionTags(issue).join(', ')}` : '';
    return error(`missing "${String(path.at(-1))}"${parent.length ? ` in ${formatPath(parent)}` : ''}${known}`);
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key "${key}"${path.length ? ` in ${where}` : ''}${didYouMean(key, unusedKeys(path, root))}`,
        severity: 'error' as const,
        at: 'key' as const,
      }));
    case 'invalid_type':
      if (isDurationIssue(issue)) return error(`${showValue(value)} is not a duration; ${DURATION_HINT}`);
      if (value === null) return error(`${where} has no value; it must be ${noun(issue)}`);
      // A map where a list belongs is nearly always a forgotten "- " in front of the entry.
      if (issue.expected === 'array' && typeof value === 'object') return error(`${where} must be a list, not a map; start each entry with "- "`);
      return error(`${where} must be ${noun(issue)}, not ${showValue(value)}`);
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      if (allowed.length === 1) return error(`${where} must be ${allowed[0]}${ZOD_DEFAULT.test(issue.message) ? '' : `; ${issue.message}`}`);
      return error(`${where} must be one of ${allowed.join(', ')}${typeof value === 'string' ? didYouMean(value, allowed) : ''}`);
    }
    case 'invalid_format':
      return typeof value === 'string' ? error(badId(value)) : error(`${where}: ${issue.message}`);
    case 'invalid_key':
      return error(badId(String(path.at(-1))), 'key');
    case 'custom':
      if (isDurationIssue(issue)) return error(`${showValue(value)} is not a duration; ${DURATION_HINT}`);
      if (issue.message === STARTS_AT_MESSAGE) return error(`${showValue(value)} ${STARTS_AT_MESSAGE}`);
      return error(`${where}: ${issue.message}`);
    case 'too_small':
    case 'too_big':
      return error(sizeMessage(where, issue));
    case 'invalid_union':
      if (issue.discriminator) {
        const options = unionTags(issue);
        return error(`${where} must be one of ${options.join(', ')}${typeof value === 'string' ? didYouMean(value, options) : ''}`);
      }
      if (isConditionPath(path)) return conditionFindings(path, value, root);
      return unionFindings(issue, path, value, root);
    default:
      return error(`${where}: ${issue.message}`);
  }
}

/** For a union such as `target` (a duration or a number): explain the branch the author was aiming at. */
function unionFindings(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path, value: unknown, root: unknown): Finding[] {
  const shallow = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');
  // A branch that got past the type check (a string that is not a duration) shows what the author meant.
  const aimed = issue.errors.find((branch) => branch.some((i) => !shallow(i)));
  if (aimed) return aimed.flatMap((i) => describeIssue(i, path, root));
  const wanted = new Set<string>();
  for (const branch of issue.errors) {
    for (const i of branch) {
      if (i.code === 'invalid_value') wanted.add(i.values.map((v) => JSON.stringify(v)).join(' or '));
      else if (i.code === 'invalid_type') wanted.add(isDurationIssue(i) ? 'a duration like "5m"' : noun(i));
    }
  }
  return [{ path, message: `${formatPath(path)} must be ${[...wanted].join(' or ')}, not ${showValue(value)}`, severity: 'error' }];
}

/** The tags a discriminated union accepts (`measure.kind`): zod lists them on the issue. */
function unionTags(issue: Extract<Issue, { code: 'invalid_union' }>): string[] {
  return ('options' in issue ? (issue.options ?? []) : []).map(String);
}

function isDurationIssue(issue: Issue): boolean {
  return /not a duration|durations are strings/.test(issue.message);
}

function noun(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  const nouns: Record<string, string> = {
    string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list',
    object: 'a map of keys', record: 'a map',
  };
  return nouns[issue.expected] ?? issue.expected;
}

function badId(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const hint = slug && slug !== text ? ` — did you mean "${slug}"?` : '';
  return `${showValue(text)} is not a valid id: ids are lower-case kebab-case, like "vendor-support"${hint}`;
}

function sizeMessage(where: string, issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'string') {
    if (small && limit === 1) return `${where} must not be empty`;
    const unit = issue.origin === 'array' ? 'entries' : 'characters';
    return `${where} must have ${small ? 'at least' : 'at most'} ${limit} ${unit}`;
  }
  if (issue.inclusive === false) return `${where} must be ${small ? 'more' : 'less'} than ${limit}`;
  return `${where} must be ${small ? 'at least' : 'at most'} ${limit}`;
}

/** Keys the schema allows at `path` that the author has not used yet: the candidates for "did you mean". */
function unusedKeys(path: Path, root: unknown): string[] {
  if (isConditionPath(path)) return [...CONDITION_KEYS];
  const value = valueAt(root, path);
  const present = value && typeof value === 'object' ? Object.keys(value) : [];
  return objectKeysAt(Scenario, path, root).filter((k) => !present.includes(k));
}

/** The value at `path` in a parsed document, or undefined. */
function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

// Conditions are a zod union of ten one-key maps, so zod can only say "Invalid input" with ten nested
// reasons. Instead the author's condition is read key by key: one unknown key, one message.

const BRANCHES = new Map(unionOptions(Condition).map((branch) => [shapeKeys(branch)[0], branch]));

/** Every condition key, in the order the format guide lists them. */
export const CONDITION_KEYS: readonly string[] = [...BRANCHES.keys()];

const ONE_OF = `a condition is one of: ${CONDITION_KEYS.join(', ')}`;

/** True for the paths where the format puts a condition: a transition's `when` or `unless`, or inside one. */
function isConditionPath(path: Path): boolean {
  if (path[0] !== 'states' || path.length < 5) return false;
  const [, , list, , key] = path;
  if (!((list === 'on' && key === 'when') || (list === 'after' && key === 'unless'))) return false;
  // Below `when`: `all`/`any` then an index, or `not`.
  for (let i = 5; i < path.length; i++) {
    const segment = path[i];
    if (segment === 'not') continue;
    if ((segment === 'all' || segment === 'any') && typeof path[i + 1] === 'number') i++;
    else return false;
  }
  return true;
}

/** What is wrong with the condition written at `path` (an empty list when nothing is). */
function conditionFindings(path: Path, value: unknown, root: unknown): Finding[] {
  const where = formatPath(path);
  const error = (message: string, at: Path = path, key = false): Finding => ({ path: at, message, severity: 'error', ...(key ? { at: 'key' as const } : {}) });

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [error(`${where} must be a condition, not ${showValue(value)}; ${ONE_OF}`)];
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return [error(`${where} is an empty condition; ${ONE_OF}`)];
  const unknown = keys.filter((k) => !BRANCHES.has(k));
  if (unknown.length) {
    return unknown.map((k) => {
      const hint = didYouMean(k, CONDITION_KEYS);
      return error(`unknown condition "${k}" in ${where}${hint ? `${hint} (${ONE_OF})` : `; ${ONE_OF}`}`, [...path, k], true);
    });
  }
  if (keys.length > 1) {
    return [error(
      `a condition has one key, but ${where} has ${keys.length} (${keys.join(', ')}); to combine them write all: [...] or any: [...]`,
      [...path, keys[1]],
      true,
    )];
  }
  const [key] = keys;
  const inner = (value as Record<string, unknown>)[key];
  if (key === 'not') return conditionFindings([...path, key], inner, root);
  if (key === 'all' || key === 'any') {
    const listPath = [...path, key];
    if (!Array.isArray(inner)) return [error(`${formatPath(listPath)} must be a list of conditions, not ${showValue(inner)}`, listPath)];
    if (inner.length === 0) return [error(`${formatPath(listPath)} must not be empty`, listPath)];
    return inner.flatMap((item, index) => conditionFindings([...listPath, index], item, root));
  }
  const result = z.safeParse(BRANCHES.get(key)!, value);
  return result.success ? [] : describeAll(result.error.issues, path, root);
}
