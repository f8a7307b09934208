/**
 * Group commit for a store whose commits run elsewhere (PostgreSQL, over its connection; `pg-batch.ts` commits a
 * batch): the writes of an event-loop turn, from every drill, are buffered in memory and sent as one batch once the
 * turn is over; while one batch commits, the next one fills up and goes as soon as the first is done (so batches
 * grow with the commit time).
 *
 * A batch is made of **units**: one `Store.transaction` (a drill turn) or one lone write. The committer runs them in
 * one transaction and may leave out the units of some drills (a refused write: a seq that is not the next, a
 * constraint, a fencing token); the writers of those drills hear why through `durable(drillId)`, everyone else's
 * writes are kept. A failure of the commit itself fails the whole batch (`NotSavedError` for everyone in it).
 */
import type { DrillEvent } from '../../shared/drill/events';
import { NotSavedError } from './group-commit';
import { seqRefusal } from './store';

export interface Unit<O> {
  ops: O[];
  /** Drills the unit writes. */
  drills: Set<string>;
}

/** How a committed batch went for each drill that was left out. */
export type Refusals = Map<string, NotSavedError>;

export interface Batch<O> {
  units: Unit<O>[];
  /** Drills created in this batch. */
  created: Set<string>;
  /** The last seq appended per drill in this batch, so that the next append can be checked at once. */
  lastSeq: Map<string, number>;
  /** Resolves with the drills whose writes were refused, once committed; rejects when nothing of it was stored. */
  done: Promise<Refusals>;
  settle(result: { refusals: Refusals } | { error: NotSavedError }): void;
  settled: boolean;
}

export function newBatch<O>(): Batch<O> {
  let settle!: Batch<O>['settle'];
  const done = new Promise<Refusals>((resolve, reject) => {
    settle = (result) => ('error' in result ? reject(result.error) : resolve(result.refusals));
  });
  // Writers await it; a batch nobody awaits must not become an unhandled rejection.
  done.catch(() => undefined);
  const batch: Batch<O> = {
    units: [], created: new Set(), lastSeq: new Map(), done, settled: false,
    settle: (result) => {
      batch.settled = true;
      settle(result);
    },
  };
  return batch;
}

/**
 * Commits one batch: resolves with the drills left out (and why), throws `NotSavedError` (or anything: it becomes
 * one) when nothing of it was stored.
 */
export type Committer<O> = (batch: Batch<O>) => Promise<Refusals>;

export class WriteQueue<O> {
  private open?: Batch<O>;
  private inflight?: Batch<O>;
  private unit?: Unit<O>;
  /** The batch each drill last wrote in, until it settles (for `durable(drillId)`). */
  private readonly lastBatch = new Map<string, Batch<O>>();
  closed = false;
  /** Commits so far. */
  commits = 0;

  constructor(private readonly committer: Committer<O>) {}

  /**
   * One write (a unit of its own, or part of the running `transaction`): `add` puts its ops in the unit. `creates`:
   * the drill it creates (a second create of it in the same batch is refused at once).
   */
  write(drills: string[], add: (ops: O[], batch: Batch<O>) => void, creates?: string): void {
    this.transaction(() => {
      const batch = this.batch();
      const unit = this.unit as Unit<O>;
      if (creates !== undefined) {
        if (batch.created.has(creates)) throw new Error(`drill ${creates} already exists`);
        batch.created.add(creates);
      }
      add(unit.ops, batch);
      for (const id of drills) {
        unit.drills.add(id);
        this.lastBatch.set(id, batch);
      }
    });
  }

  /** Runs `fn` as one unit: if it throws, none of its writes go out and the batch is as it was before it. */
  transaction<T>(fn: () => T): T {
    if (this.unit) return fn();
    const batch = this.batch();
    const unit: Unit<O> = { ops: [], drills: new Set() };
    const lastSeq = new Map(batch.lastSeq);
    const created = new Set(batch.created);
    this.unit = unit;
    try {
      const result = fn();
      if (unit.ops.length) batch.units.push(unit);
      return result;
    } catch (error) {
      batch.lastSeq = lastSeq;
      batch.created = created;
      throw error;
    } finally {
      this.unit = undefined;
    }
  }

  durable(drillId?: string): Promise<void> {
    const batch = drillId !== undefined ? this.lastBatch.get(drillId) : (this.open ?? this.inflight);
    if (!batch || batch.settled) return Promise.resolve();
    return batch.done.then((refusals) => {
      const refused = drillId !== undefined ? refusals.get(drillId) : undefined;
      if (refused) throw refused;
    });
  }

  commit(drillId?: string): Promise<void> {
    const waiting = this.durable(drillId);
    this.kick();
    return waiting;
  }

  /** The open batch, opening one (its commit is scheduled for the end of this event-loop turn). */
  private batch(): Batch<O> {
    if (this.closed) throw new Error('the store is closed');
    if (!this.open) {
      this.open = newBatch();
      setImmediate(() => this.kick());
    }
    return this.open;
  }

  /** Commits the open batch unless one is being committed (then it goes right after that one). */
  private kick(): void {
    if (this.inflight || !this.open) return;
    const batch = this.open;
    this.open = undefined;
    this.inflight = batch;
    void this.run(batch).finally(() => {
      this.inflight = undefined;
      for (const [id, b] of this.lastBatch) if (b === batch) this.lastBatch.delete(id);
      this.kick();
    });
  }

  private async run(batch: Batch<O>): Promise<void> {
    if (!batch.units.length) return batch.settle({ refusals: new Map() });
    try {
      const refusals = await this.committer(batch);
      this.commits++;
      batch.settle({ refusals });
    } catch (error) {
      batch.settle({ error: error instanceof NotSavedError ? error : new NotSavedError(error) });
    }
  }
}

/**
 * Checks an append against the batch's own log (at once: within a batch the next seq is known) and records it;
 * against the stored log it is checked at commit.
 */
export function checkAppend<O>(batch: Batch<O>, drillId: string, event: Pick<DrillEvent, 'seq'>): void {
  const last = batch.lastSeq.get(drillId);
  if (last !== undefined && event.seq !== last + 1) throw new Error(seqRefusal(drillId, event.seq, last + 1));
  if (last === undefined && batch.created.has(drillId) && event.seq !== 1) throw new Error(seqRefusal(drillId, event.seq, 1));
  batch.lastSeq.set(drillId, event.seq);
}
