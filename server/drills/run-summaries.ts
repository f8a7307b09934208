import type { DrillEvent } from '../../shared/drill/events';
import { summarizeRun, type RunSummary } from '../../shared/runs/summary';
import { score } from '../../shared/scoring';
import type { Logger } from '../log';
import { runEndedAt, type DrillRecord, type EndedRun, type Store } from '../store/store';

/** The summary of an ended drill from its whole log. */
export function runSummaryOf(record: DrillRecord, events: readonly DrillEvent[]): RunSummary {
  return summarizeRun(score(record.scenario, events, { drillId: record.id }), { drillId: record.id, seq: events.at(-1)?.seq ?? 0, endedAt: runEndedAt(record) });
}

/**
 * Keeps run summaries: written when a drill ends and again after each later change (an action item edited in
 * the hot wash, an evaluator's override), from the log the drill already holds in memory; drills that ended
 * before summaries existed get theirs the first time a page lists them (`backfill`).
 */
export class RunSummaries {
  /** Drills whose summary is due, by id, with what to summarise; one write per drill per turn. */
  private readonly due = new Map<string, { record: DrillRecord; log: () => readonly DrillEvent[] }>();
  private scheduled = false;

  constructor(private readonly deps: { store: Store; logger: Logger }) {}

  /** An ended drill changed (or just ended): its summary is rewritten after this turn, off the broadcast's path. */
  changed(record: DrillRecord, log: () => readonly DrillEvent[]): void {
    this.due.set(record.id, { record, log });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every summary that is due now (tests call it to skip the wait). */
  flush(): void {
    this.scheduled = false;
    const due = [...this.due.values()];
    this.due.clear();
    for (const { record, log } of due) {
      try {
        this.deps.store.putRunSummary(runSummaryOf(record, log()));
      } catch (error) {
        // Derived data: the runs page rebuilds a missing summary from the log.
        this.deps.logger.warn(`drill ${record.id}: run summary not kept (${(error as Error).message}); the runs page will rebuild it`);
      }
    }
  }

  /** The summary of a listed run, made from its log and kept when there is none yet (or the stored one is older than the drill's end). */
  async backfill(run: EndedRun): Promise<RunSummary> {
    if (run.summary && run.summary.endedAt === runEndedAt(run.drill)) return run.summary;
    const summary = runSummaryOf(run.drill, await this.deps.store.events(run.drill.id));
    try {
      this.deps.store.putRunSummary(summary);
    } catch (error) {
      this.deps.logger.warn(`drill ${run.drill.id}: run summary not kept (${(error as Error).message})`);
    }
    return summary;
  }
}
