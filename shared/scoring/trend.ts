/**
 * Trend: earlier runs of the same scenario side by side, per objective and dimension, so a team sees
 * whether it improves.
 */
import type { DimensionId, DimensionScore, ObjectiveResult, RatingOrNA } from './types';

/** What a comparison reads of a run: a scorecard has it, and so has a stored run summary (shared/runs). */
export interface ComparableRun {
  scenario: { id: string };
  drill: { id: string | null; startedAt: number | null };
  overall: number;
  objectives: readonly Pick<ObjectiveResult, 'id' | 'title' | 'unit' | 'target' | 'value' | 'rating' | 'points'>[];
  dimensions: readonly Pick<DimensionScore, 'id' | 'title' | 'score'>[];
}

export type Trend = 'improving' | 'declining' | 'steady' | 'first';

export interface RunSummary { drillId: string | null; startedAt: number | null; overall: number }

export interface ObjectiveRun { value: number | null; rating: RatingOrNA; points: number | null }

export interface ObjectiveTrend {
  id: string;
  title: string;
  unit: 'ms' | 'score';
  /** The target in the latest run that has this objective. */
  target: number;
  /** One entry per run, aligned with `RunComparison.runs`; `null` where the run did not have the objective. */
  runs: (ObjectiveRun | null)[];
  /** The latest rated run against the one before it. */
  trend: Trend;
}

export interface DimensionTrend { id: DimensionId; title: string; scores: (number | null)[]; trend: Trend }

export interface RunComparison {
  scenarioId: string | null;
  runs: RunSummary[];
  overall: Trend;
  dimensions: DimensionTrend[];
  objectives: ObjectiveTrend[];
}

/**
 * Compares scorecards of runs of one scenario, oldest first (sorted by start time when every run has one,
 * otherwise kept in the given order).
 */
export function compareRuns(scorecards: readonly ComparableRun[]): RunComparison {
  const cards = scorecards.every((c) => c.drill.startedAt !== null)
    ? [...scorecards].sort((a, b) => (a.drill.startedAt as number) - (b.drill.startedAt as number))
    : [...scorecards];
  const latest = cards[cards.length - 1];
  const ids = [...new Set([...(latest?.objectives ?? []), ...cards.flatMap((c) => c.objectives)].map((o) => o.id))];
  const objectives = ids.map((id): ObjectiveTrend => {
    const found = cards.map((c) => c.objectives.find((o) => o.id === id) ?? null);
    const last = [...found].reverse().find((o) => o !== null)!;
    const runs = found.map((o) => (o ? { value: o.value, rating: o.rating, points: o.points } : null));
    const rated = runs.filter((r): r is ObjectiveRun => r !== null && r.points !== null);
    return { id, title: last.title, unit: last.unit, target: last.target, runs, trend: trendOf(rated, last.unit) };
  });
  const dimensions = (latest?.dimensions ?? []).map((d): DimensionTrend => {
    const scores = cards.map((c) => c.dimensions.find((x) => x.id === d.id)?.score ?? null);
    return { id: d.id, title: d.title, scores, trend: trendOfNumbers(scores.filter((s): s is number => s !== null)) };
  });
  return {
    scenarioId: latest?.scenario.id ?? null,
    runs: cards.map((c) => ({ drillId: c.drill.id, startedAt: c.drill.startedAt, overall: c.overall })),
    overall: trendOfNumbers(cards.map((c) => c.overall)),
    dimensions,
    objectives,
  };
}

function trendOfNumbers(values: number[]): Trend {
  if (values.length < 2) return 'first';
  const delta = values[values.length - 1] - values[values.length - 2];
  return delta > 0 ? 'improving' : delta < 0 ? 'declining' : 'steady';
}

/** Points decide; equal points fall back to the value (less time is better, a higher rubric score is better). */
function trendOf(rated: ObjectiveRun[], unit: 'ms' | 'score'): Trend {
  if (rated.length < 2) return 'first';
  const [before, now] = rated.slice(-2);
  const byPoints = trendOfNumbers([before.points as number, now.points as number]);
  if (byPoints !== 'steady') return byPoints;
  if (before.value === now.value) return 'steady';
  if (now.value === null) return 'declining';
  if (before.value === null) return 'improving';
  const better = unit === 'ms' ? now.value < before.value : now.value > before.value;
  return better ? 'improving' : 'declining';
}
