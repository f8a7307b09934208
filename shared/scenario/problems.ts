/**
 * What the scenario checks report, and the words they use: "did you mean" suggestions, paths written the way
 * an author reads them.
 */

/** A path into a scenario document: map keys and list indexes, as zod reports them. */
export type Path = (string | number)[];

/** A problem in a scenario file, with its 1-based position. */
export interface ScenarioProblem {
  line: number;
  col: number;
  message: string;
  path: Path;
  severity: 'error' | 'warning';
}

/**
 * A problem found in the parsed value, before it has a position. `at: 'key'` points at the key of the last
 * path segment (an unknown key, a state that cannot be reached) instead of its value.
 */
export interface Finding {
  path: Path;
  message: string;
  severity: 'error' | 'warning';
  at?: 'key';
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so that "tilte" is one edit from
 * "title": swapped letters are the commonest typo in hand-written YAML.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be what the author meant: at most one edit for
 * short words and about one edit in three for longer ones. Case is ignored ("IC" suggests "ic"). When two
 * candidates are equally close ("SEV9"), none is suggested: a guess would mislead.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const wanted = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const distance = editDistance(wanted, candidate.toLowerCase());
    const limit = Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 3));
    if (distance > limit || distance > bestDistance) continue;
    tied = distance === bestDistance;
    if (!tied) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return tied ? undefined : best;
}

/** ` — did you mean "x"?` when a candidate is close, else the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const found = closest(word, candidates);
  return found === undefined ? '' : ` — did you mean "${found}"?`;
}

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** A path as an author reads it: `states.detection.injects[1].to`; the empty path is "the top level". */
export function formatPath(path: Path): string {
  if (path.length === 0) return 'the top level';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A value quoted the way it would appear in a message: strings in double quotes, lists and maps by name. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
