import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log';
import { FencedError, type ClockCheckpoint, type Store } from '../store/store';

/** Wall ms between two batched clock checkpoints while any drill runs. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/** A drill whose clock the batch saves while it runs. */
export interface Checkpointed {
  readonly id: string;
  /** Where its clock stands at `wall`, or undefined when there is nothing to save (not running any more). */
  checkpointAt(wall: number): ClockCheckpoint | undefined;
  /** The checkpoint is committed. */
  checkpointed(checkpoint: ClockCheckpoint): void;
}

export interface CheckpointDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Wall ms between batches; default `CHECKPOINT_INTERVAL_MS`. */
  interval?: number;
}

/**
 * Saves the clocks of all running drills together: one timer for the whole server, and every `interval` of
 * wall time one write with a checkpoint per running drill, whatever the number of drills and their speed. It
 * joins the store's group commit (the batch of that event-loop turn), so it adds no fsync of its own. Drills
 * still write their clock in the turn that changes their status or speed (start, pause, resume, speed, end);
 * see `LiveDrill.stage`.
 *
 * Reading a drill's clock outside its queue is safe: the synchronous part of a turn is never half-done when the
 * timer fires, and a clock the turn changed but whose commit is still awaited is written into that same batch
 * (the batch commits before the next timers run), so both are kept or rolled back together.
 */
export class CheckpointBatcher {
  private readonly running = new Set<Checkpointed>();
  private readonly tickers = new Set<() => void>();
  private timer?: TimerHandle;

  constructor(private readonly deps: CheckpointDeps) {}

  get interval(): number {
    return this.deps.interval ?? CHECKPOINT_INTERVAL_MS;
  }

  /** The drill runs: its clock goes into every batch from now on. */
  add(drill: Checkpointed): void {
    this.running.add(drill);
    this.arm();
  }

  /** The drill stopped running (paused, ended, closed): its last checkpoint was written on its own. */
  remove(drill: Checkpointed): void {
    this.running.delete(drill);
    if (!this.running.size) this.disarm();
  }

  /** Writes the checkpoints of every running drill now, together. Returns how many. */
  flush(): number {
    const wall = this.deps.clock.now();
    return this.write([...this.running].map((drill) => [drill, drill.checkpointAt(wall)] as const));
  }

  /**
   * Writes the given checkpoints as one atomic unit (skipping undefined ones) into the store's current batch,
   * and tells each drill once that is committed. Returns how many were written; a failing store is logged and
   * writes none (the previous checkpoints stay).
   */
  write(checkpoints: readonly (readonly [Checkpointed, ClockCheckpoint | undefined])[]): number {
    const due = checkpoints.filter((entry): entry is readonly [Checkpointed, ClockCheckpoint] => entry[1] !== undefined);
    if (!due.length) return 0;
    const { store, logger } = this.deps;
    const failed = (error: unknown) => logger.error(`clock checkpoint failed: ${(error as Error).message}`);
    // One unit per drill: on PostgreSQL a drill whose lease moved on is refused alone (the others are saved).
    let written = 0;
    for (const [drill, clock] of due) {
      try {
        store.transaction(() => store.updateDrill(drill.id, { clock }));
      } catch (error) {
        failed(error);
        continue;
      }
      written++;
      store.durable(drill.id).then(() => drill.checkpointed(clock), (error: unknown) => {
        if (!(error instanceof FencedError)) failed(error);
      });
    }
    return written;
  }

  /** Also runs `ticker` on every batch's timer, after the checkpoints (the snapshot keeper's tick). */
  onTick(ticker: () => void): void {
    this.tickers.add(ticker);
  }

  close(): void {
    this.running.clear();
    this.disarm();
  }

  private arm(): void {
    if (this.timer || !this.running.size) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
      for (const ticker of this.tickers) ticker();
      this.arm();
    }, this.interval);
  }

  private disarm(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
