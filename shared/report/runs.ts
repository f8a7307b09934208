/**
 * This run among the earlier runs of its scenario: which run came just before (for "change since the previous
 * run") and the series of dimension scores across runs for the chart. Works with the public comparison
 * (`GET /api/scenarios/:id/runs`), where other runs are anonymous: this run is found by its id when the
 * comparison keeps it, else by its wall-clock start; a run not in the comparison yet (still running, or scored
 * from a log) is added after the runs that started before it.
 */
import type { RunComparison } from '../scoring/trend';
import type { DimensionId, Scorecard } from '../scoring/types';

/** How many runs the dimension chart shows at most (the latest, ending with this one). */
export const SHOWN_RUNS = 6;

export interface RunPoint {
  /** 1-based number of the run among all runs of the scenario. */
  number: number;
  startedAt: number | null;
  overall: number;
  current: boolean;
}

export interface RunSeries {
  runs: RunPoint[];
  dimensions: { id: DimensionId; title: string; scores: (number | null)[] }[];
}

export interface RunContext {
  /** The run just before this one, if any. */
  previous: { drillId: string | null; startedAt: number | null; overall: number; dimensions: Partial<Record<DimensionId, number | null>> } | null;
  /** Up to `SHOWN_RUNS` runs ending with this one. */
  series: RunSeries;
}

/** Places `card` among `comparison`'s runs (oldest first). */
export function runContext(card: Scorecard, comparison?: RunComparison): RunContext {
  const runs = comparison?.runs ?? [];
  const found = runs.findIndex((r) => (r.drillId !== null && r.drillId === card.drill.id) || (card.drill.startedAt !== null && r.startedAt === card.drill.startedAt));
  const before = found >= 0 ? found : card.drill.startedAt === null ? runs.length : runs.filter((r) => r.startedAt !== null && r.startedAt < (card.drill.startedAt as number)).length;
  const earlier = Array.from({ length: before }, (_, i) => i);
  const scoreAt = (id: DimensionId, i: number) => comparison?.dimensions.find((d) => d.id === id)?.scores[i] ?? null;
  const prev = before - 1;
  const previous = prev >= 0 ? {
    drillId: runs[prev].drillId, startedAt: runs[prev].startedAt, overall: runs[prev].overall,
    dimensions: Object.fromEntries(card.dimensions.map((d) => [d.id, scoreAt(d.id, prev)])),
  } : null;
  const shown = earlier.slice(-(SHOWN_RUNS - 1));
  return {
    previous,
    series: {
      runs: [
        ...shown.map((i): RunPoint => ({ number: i + 1, startedAt: runs[i].startedAt, overall: runs[i].overall, current: false })),
        { number: before + 1, startedAt: card.drill.startedAt, overall: card.overall, current: true },
      ],
      dimensions: card.dimensions.map((d) => ({ id: d.id, title: d.title, scores: [...shown.map((i) => scoreAt(d.id, i)), d.score] })),
    },
  };
}
