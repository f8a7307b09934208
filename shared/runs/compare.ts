/**
 * Two runs of one scenario side by side (the comparison page): objectives, dimensions, key times and decisions,
 * each row saying which run did better, so the page can mark differences in words and not by colour alone.
 */
import type { RatingOrNA, Scorecard } from '../scoring/types';
import { RUN_TIME_LABELS, summarizeRun, type RunTimes } from './summary';

/** Which run did better on a row; `same` when equal, `n/a` when it cannot be said (missing on one side). */
export type Better = 'a' | 'b' | 'same' | 'n/a';

export interface CompareRow<T> {
  id: string; label: string; a: T | null; b: T | null; better: Better;
  /** The two runs differ on this row (another option chosen at the same rating differs without being better). */
  differs: boolean;
}
export interface ObjectiveCell { value: number | null; rating: RatingOrNA; points: number | null; unit: 'ms' | 'score'; target: number }
export interface DecisionCell { option: string; label: string; rating: RatingOrNA | null }

export interface TwoRuns {
  scenario: { id: string; title: string };
  a: RunHead;
  b: RunHead;
  overall: CompareRow<number>;
  dimensions: CompareRow<number>[];
  objectives: CompareRow<ObjectiveCell>[];
  times: CompareRow<number>[];
  decisions: CompareRow<DecisionCell>[];
  /** How many rows differ, for the page's headline. */
  differences: number;
}

export interface RunHead { drillId: string | null; startedAt: number | null; durationMs: number; participants: number; capped: boolean }

const byHigher = (a: number | null, b: number | null): Better => (a === null || b === null ? 'n/a' : a > b ? 'a' : b > a ? 'b' : 'same');
/** Times: sooner is better; happening at all beats never. */
const bySooner = (a: number | null, b: number | null): Better => {
  if (a === null && b === null) return 'same';
  if (a === null) return 'b';
  if (b === null) return 'a';
  return a < b ? 'a' : b < a ? 'b' : 'same';
};

/**
 * Times as the page shows them: to a tenth of a minute (`formatMinutes`). Two times closer than that read the same
 * on the page, so they are the same here: a row must never say "B did better" between two cells that look alike.
 */
const shownTime = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6000));
/** An objective's cell as the page shows it: its rating and its value (a time to a tenth of a minute). */
const shownObjective = (o: ObjectiveCell | null) => (o ? { rating: o.rating, value: o.unit === 'ms' ? shownTime(o.value) : o.value } : null);

/** `shown` is what the page shows of a cell: two cells that show the same do not differ. */
function mark<T>(row: Omit<CompareRow<T>, 'differs'>, shown: (cell: T | null) => unknown = (cell) => cell): CompareRow<T> {
  return { ...row, differs: JSON.stringify(shown(row.a)) !== JSON.stringify(shown(row.b)) };
}

/** Compares `a` and `b` (scorecards of the same scenario; a different scenario still compares what matches). */
export function compareTwo(a: Scorecard, b: Scorecard): TwoRuns {
  const head = (c: Scorecard): RunHead => ({ drillId: c.drill.id, startedAt: c.drill.startedAt, durationMs: c.drill.durationMs, participants: c.drill.participants.length, capped: c.cap !== null });
  const dimensions = a.dimensions.map((d): Omit<CompareRow<number>, 'differs'> => {
    const other = b.dimensions.find((x) => x.id === d.id)?.score ?? null;
    return { id: d.id, label: d.title, a: d.score, b: other, better: byHigher(d.score, other) };
  });
  const ids = [...new Set([...a.objectives, ...b.objectives].map((o) => o.id))];
  const objectives = ids.map((id): CompareRow<ObjectiveCell> => {
    const [x, y] = [a.objectives.find((o) => o.id === id), b.objectives.find((o) => o.id === id)];
    const cell = (o: typeof x): ObjectiveCell | null => (o ? { value: o.value, rating: o.rating, points: o.points, unit: o.unit, target: o.target } : null);
    const [cx, cy] = [cell(x), cell(y)];
    // Cells that show the same neither differ nor make one run better.
    const alike = JSON.stringify(shownObjective(cx)) === JSON.stringify(shownObjective(cy));
    const better = x && y ? (alike ? 'same' : x.points !== null && y.points !== null && x.points !== y.points ? byHigher(x.points, y.points) : x.unit === 'ms' ? bySooner(shownTime(x.value), shownTime(y.value)) : byHigher(x.value, y.value)) : 'n/a';
    return { id, label: (x ?? y)!.title, a: cx, b: cy, better, differs: !alike };
  });
  const [ta, tb] = [summarizeRun(a, { drillId: '', seq: 0, endedAt: 0 }).times, summarizeRun(b, { drillId: '', seq: 0, endedAt: 0 }).times];
  const times = (Object.keys(RUN_TIME_LABELS) as (keyof RunTimes)[]).map((key): Omit<CompareRow<number>, 'differs'> => ({ id: key, label: RUN_TIME_LABELS[key], a: ta[key], b: tb[key], better: bySooner(shownTime(ta[key]), shownTime(tb[key])) }));
  const injects = [...new Set([...a.decisions, ...b.decisions].map((d) => d.injectId))];
  const decisions = injects.map((injectId): Omit<CompareRow<DecisionCell>, 'differs'> => {
    const [x, y] = [a.decisions.find((d) => d.injectId === injectId), b.decisions.find((d) => d.injectId === injectId)];
    const cell = (d: typeof x): DecisionCell | null => {
      const choice = d?.choice;
      if (!d || !choice) return null;
      return { option: choice.option, label: choice.label, rating: d.options.find((o) => o.id === choice.option)?.rating ?? null };
    };
    const [cx, cy] = [cell(x), cell(y)];
    const points = (c: DecisionCell | null) => (c?.rating ? { P: 3, S: 2, M: 1, U: 0, 'N/A': null }[c.rating] : null);
    const better = cx?.option === cy?.option ? 'same' : byHigher(points(cx), points(cy));
    return { id: injectId, label: (x ?? y)!.title, a: cx, b: cy, better };
  });
  const overall = mark({ id: 'overall', label: 'Overall', a: a.overall, b: b.overall, better: byHigher(a.overall, b.overall) });
  const marked = {
    dimensions: dimensions.map((row) => mark(row)), objectives,
    times: times.map((row) => mark(row, shownTime)), decisions: decisions.map((row) => mark(row)),
  };
  const rows = [overall, ...marked.dimensions, ...marked.objectives, ...marked.times, ...marked.decisions];
  return { scenario: { id: a.scenario.id, title: a.scenario.title }, a: head(a), b: head(b), overall, ...marked, differences: rows.filter((r) => r.differs).length };
}
