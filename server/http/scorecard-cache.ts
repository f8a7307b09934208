import { score, type Scorecard } from '../../shared/scoring';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillRecord, Store } from '../store/store';

/** How many drills' scorecards the server keeps (the most recently asked for). */
export const SCORECARD_CACHE_SIZE = 64;

interface Entry {
  /** Seq of the last event the card was scored from (0: an empty log). */
  seq: number;
  card: Scorecard;
}

/**
 * Scorecards kept per (drill, last seq): scoring reads the whole log, so a reload, or forty participants opening
 * the scorecard at the end of a drill, would otherwise each re-score it. A request reads only the events after
 * the cached card's last seq (a stored event is never rewritten, so the card stands while there are none); any
 * new event, an evaluator's override included, makes it score the log again. Requests for the same drill that
 * arrive while it is being scored wait for that one scoring. At most `size` drills are kept, least recently
 * used first out.
 */
export class ScorecardCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  /** How many times a log was scored (for tests and the bench). */
  scored = 0;

  constructor(private readonly store: Store, private readonly size = SCORECARD_CACHE_SIZE) {}

  /** The drill's scorecard as of its latest committed event. */
  async get(record: DrillRecord): Promise<Scorecard> {
    const running = this.inFlight.get(record.id);
    if (running) return (await running).card;
    const task = this.refresh(record);
    this.inFlight.set(record.id, task);
    try {
      return (await task).card;
    } finally {
      this.inFlight.delete(record.id);
    }
  }

  private async refresh(record: DrillRecord): Promise<Entry> {
    const cached = this.entries.get(record.id);
    if (cached) {
      const tail = await this.store.events(record.id, cached.seq);
      if (tail.length === 0) return this.keep(record.id, cached);
    }
    const events = await this.store.events(record.id);
    this.scored++;
    return this.keep(record.id, { seq: lastSeq(events), card: score(record.scenario, events, { drillId: record.id }) });
  }

  private keep(id: string, entry: Entry): Entry {
    this.entries.delete(id);
    this.entries.set(id, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.size) break;
      this.entries.delete(oldest);
    }
    return entry;
  }
}

const lastSeq = (events: readonly DrillEvent[]): number => events.reduce((max, e) => Math.max(max, e.seq), 0);
