/**
 * `GET /api/scenarios/:id/runs`: one page of a scenario's finished runs, newest first across pages, read from
 * stored run summaries. The trend fields (`overall`, `dimensions`, `objectives`) compare the runs of the page,
 * oldest first, exactly as `compareRuns` compares scorecards, and `runs` is in that order.
 */
import { compareRuns, type RunComparison } from '../scoring/trend';
import type { ActionItemSummary } from '../scoring/types';
import { comparableRun, type RunCounts, type RunSummary, type RunTimes } from './summary';

/** One run as the list shows it. `drillId` and `team` only for a reader who may open that drill; otherwise null. */
export interface RunEntry {
  drillId: string | null;
  /** Wall ms. */
  startedAt: number | null;
  endedAt: number;
  overall: number;
  capped: boolean;
  durationMs: number;
  endedReason: RunSummary['endedReason'];
  dimensions: RunSummary['dimensions'];
  times: RunTimes;
  counts: RunCounts;
  team: RunSummary['team'] | null;
}

export interface RunsPage extends Omit<RunComparison, 'runs'> {
  /** Oldest first within the page. */
  runs: RunEntry[];
  page: {
    limit: number;
    /** Finished runs of the scenario in all. */
    total: number;
    /** Pass as `?before=` for the next (older) page; null on the last page. */
    next: string | null;
  };
}

export const RUNS_PAGE = { default: 20, max: 100 } as const;

/** Where a page starts: after the run that ended at `endedAt` with id `id` (newest-first order). */
export interface RunCursor { endedAt: number; id: string }

export function encodeCursor(cursor: RunCursor): string {
  return `${cursor.endedAt}_${cursor.id}`;
}

/** The cursor in `text`, or undefined when it is not one this server gave out. */
export function decodeCursor(text: string): RunCursor | undefined {
  const match = /^(\d{1,16})_([A-Za-z0-9_-]{1,64})$/.exec(text);
  return match ? { endedAt: Number(match[1]), id: match[2] } : undefined;
}

/**
 * The page body from the page's summaries (newest first, as the store lists them). `readable`: drills whose
 * id and team this reader may see; `more`: whether older runs follow.
 */
export function runsPage(summaries: readonly RunSummary[], options: { readable: ReadonlySet<string>; limit: number; total: number; more: boolean }): RunsPage {
  // compareRuns orders by start when every run has one: the list follows the same order, so that
  // `dimensions[].scores` and `objectives[].runs` line up with `runs`.
  const reversed = [...summaries].reverse();
  const oldestFirst = reversed.every((s) => s.startedAt !== null) ? reversed.sort((a, b) => (a.startedAt as number) - (b.startedAt as number)) : reversed;
  const comparison = compareRuns(oldestFirst.map((s) => comparableRun(s, true)));
  const last = summaries.at(-1);
  return {
    ...comparison,
    scenarioId: summaries[0]?.scenarioId ?? null,
    runs: oldestFirst.map((s) => {
      const mine = options.readable.has(s.drillId);
      return {
        drillId: mine ? s.drillId : null, startedAt: s.startedAt, endedAt: s.endedAt, overall: s.overall, capped: s.capped,
        durationMs: s.durationMs, endedReason: s.endedReason, dimensions: s.dimensions, times: s.times, counts: s.counts, team: mine ? s.team : null,
      };
    }),
    page: { limit: options.limit, total: options.total, next: options.more && last ? encodeCursor({ endedAt: last.endedAt, id: last.drillId }) : null },
  };
}

/** `GET /api/drills/:id/previous-items`: what the last run of the scenario left open, for the facilitator's console. */
export interface PreviousItems {
  /** The latest ended run of the same scenario before this drill (null: this is the first). */
  run: { endedAt: number; overall: number } | null;
  /** Its action items not done yet, with their latest values; `findingText` names the finding an item answers. */
  items: (ActionItemSummary & { findingText: string | null })[];
}
