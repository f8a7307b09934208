import type { Actor, DrillCommand } from '../../shared/drill/commands';
import type { Drill, SubmitResult } from '../../shared/drill/drill';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillError } from '../../shared/drill/rules';
import type { DrillState } from '../../shared/drill/state';
import type { Upcoming } from '../../shared/drill/upcoming';
import type { ClockInfo } from '../../shared/protocol/messages';
import type { Scenario } from '../../shared/scenario/schema';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log';
import type { ClockCheckpoint, DrillPatch, DrillRecord, Store } from '../store/store';
import type { CheckpointBatcher, Checkpointed } from './checkpoints';
import { DrillClock } from './drill-clock';
import { replayStored } from './replay';
import { SerialQueue } from './serial-queue';

/** What one turn of the queue did, for the socket layer to fan out. */
export interface Batch {
  /** Events persisted and applied in this turn, in seq order. */
  events: DrillEvent[];
  before: DrillState;
  after: DrillState;
  /** Set when the drill clock's status or speed changed. */
  clock?: ClockInfo;
  /** Set when the schedule ahead changed. */
  upcoming?: Upcoming[];
}

/** What a task running alone on the drill may do. */
export interface DrillTurn {
  readonly state: DrillState;
  /** Drill time of this turn. */
  readonly t: number;
  readonly wall: number;
  submit(command: DrillCommand, by: Actor): SubmitResult;
  /** Checks a command without applying it. */
  check(command: DrillCommand, by: Actor): DrillError | undefined;
}

export interface LiveDrillDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Saves the clock of every running drill together, once a wall second; without it only changes are saved. */
  checkpoints?: CheckpointBatcher;
}

/**
 * One drill being played: the deterministic core, one serial queue that everything goes through, the drill
 * clock, and one real timer armed for the core's next due happening. Every event is appended to the store
 * by the core's journal before it takes effect; listeners hear about a turn only after that. While it runs,
 * its clock is in the server's checkpoint batch (`deps.checkpoints`).
 */
export class LiveDrill implements Checkpointed {
  readonly id: string;
  readonly record: DrillRecord;
  private readonly queue = new SerialQueue();
  private readonly clock: DrillClock;
  private pending: DrillEvent[] = [];
  private timer?: TimerHandle;
  private readonly listeners = new Set<(batch: Batch) => void>();
  private lastUpcoming: string;
  private closed = false;
  private broken = false;

  /**
   * `drill` must journal through the function given to `attach`; `t` is the drill time to resume at (the
   * later of the stored clock checkpoint and the last event), so downtime never counts as drill time.
   */
  constructor(
    record: DrillRecord,
    private drill: Drill,
    attach: (journal: (event: DrillEvent) => void) => void,
    t: number,
    private readonly deps: LiveDrillDeps,
  ) {
    this.id = record.id;
    this.record = record;
    attach((event) => this.journal(event));
    this.clock = new DrillClock(drill.state.status, drill.state.speed, t, deps.clock.now());
    this.lastUpcoming = JSON.stringify(drill.upcoming());
  }

  get state(): DrillState {
    return this.drill.state;
  }
  get log(): readonly DrillEvent[] {
    return this.drill.log;
  }
  get scenario(): Scenario {
    return this.drill.scenario;
  }
  get title(): string {
    return this.record.title;
  }
  upcoming(): Upcoming[] {
    return this.drill.upcoming();
  }
  clockInfo(): ClockInfo {
    return this.clock.info(this.deps.clock.now());
  }

  /** Hears every turn that changed something. Returns the unsubscribe function. */
  onBatch(listener: (batch: Batch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `task` alone on the drill, after drill time has caught up with the clock. Whatever it submits is
   * persisted, applied and broadcast before `done` is called with its result, still inside the same turn,
   * so a reply can never overtake or be overtaken by the broadcast of what it did.
   */
  exclusive<T>(task: (turn: DrillTurn) => T, done?: (result: T) => void): Promise<T> {
    return this.queue.run(() => this.turn(task, done));
  }

  /** Starts timers after creation or restore: catches up with the clock and arms the next due happening. */
  resume(): Promise<void> {
    return this.exclusive(() => undefined);
  }

  /**
   * Stops the drill for good after its queued work (on shutdown, or to unload an ended drill) and returns where
   * the clock of a running drill stands, for the caller to save; undefined when there is nothing to save. The
   * registry saves the clocks of all drills it closes in one transaction.
   */
  async close(): Promise<ClockCheckpoint | undefined> {
    await this.queue.idle();
    this.closed = true;
    this.disarm();
    return this.clock.running && !this.broken ? this.clock.checkpoint(this.deps.clock.now()) : undefined;
  }

  /** For the checkpoint batch: the clock to save at `wall` while running. */
  checkpointAt(wall: number): ClockCheckpoint | undefined {
    return this.closed || this.broken || !this.clock.running ? undefined : this.clock.checkpoint(wall);
  }

  /** For the checkpoint batch: `checkpoint` is stored. */
  checkpointed(checkpoint: ClockCheckpoint): void {
    this.record.clock = checkpoint;
  }

  private turn<T>(task: (turn: DrillTurn) => T, done?: (result: T) => void): T {
    if (this.closed) throw new Error(`drill ${this.id} is closed: the server is shutting down, or the drill was unloaded (try again)`);
    if (this.broken) throw new Error(`drill ${this.id} is unavailable: its log could not be saved (see the server log)`);
    const before = this.drill.state;
    const wall = this.deps.clock.now();
    const t = this.clock.now(wall);
    let result: T;
    try {
      this.drill.advanceTo(t);
      const drill = this.drill;
      result = task({
        state: drill.state, t, wall,
        submit: (command, by) => drill.submit(command, by, { t, wall }),
        check: (command, by) => drill.check(command, by),
      });
    } catch (error) {
      // What was journaled before the failure is stored: report it, then rebuild the core from the store,
      // because a half-applied step may have moved the scenario machine without a stored event.
      try {
        this.settle(before, wall);
      } catch (settleError) {
        this.deps.logger.error(`drill ${this.id}: could not report a failed step: ${String(settleError)}`);
      }
      this.rebuild(wall);
      throw error;
    }
    this.settle(before, wall);
    done?.(result);
    return result;
  }

  /** Replaces the in-memory core by a replay of the stored log; marks the drill unavailable if that fails. */
  private rebuild(wall: number): void {
    const before = this.drill.state;
    try {
      const stored = this.deps.store.events(this.id);
      const replayed = replayStored(this.scenario, stored);
      if (replayed.divergence) throw new Error(`the stored log does not replay the same way from seq ${replayed.divergence.seq}`);
      for (const event of replayed.regenerated.slice(stored.length)) this.journal(event);
      replayed.attach((event) => this.journal(event));
      this.drill = replayed.drill;
      this.drill.advanceTo(this.clock.now(wall));
      this.settle(before, wall);
      this.deps.logger.warn(`drill ${this.id}: rebuilt from its stored log after a failed step`);
    } catch (error) {
      this.broken = true;
      this.disarm();
      this.deps.logger.error(`drill ${this.id}: cannot continue, the store is failing: ${(error as Error).message}`);
    }
  }

  /** The core's journal: store first; only what was stored is applied and reported. */
  private journal(event: DrillEvent): void {
    this.deps.store.appendEvent(this.id, event);
    this.pending.push(event);
  }

  private settle(before: DrillState, wall: number): void {
    const events = this.pending;
    this.pending = [];
    const after = this.drill.state;
    const clockChanged = this.clock.follow(after.status, after.speed, this.drill.now, wall);
    const patch: DrillPatch = {};
    if (after.status !== before.status) {
      patch.status = after.status;
      if (after.status === 'running' && this.record.startedAt === undefined) patch.startedAt = wall;
      if (after.status === 'ended') patch.endedAt = wall;
    }
    if (clockChanged) patch.clock = this.clock.checkpoint(wall);
    if (Object.keys(patch).length) {
      this.deps.store.updateDrill(this.id, patch);
      Object.assign(this.record, patch);
    }
    const upcoming = this.drill.upcoming();
    const upcomingJson = JSON.stringify(upcoming);
    const upcomingChanged = upcomingJson !== this.lastUpcoming;
    this.lastUpcoming = upcomingJson;
    if (events.length || clockChanged || upcomingChanged) {
      const batch: Batch = {
        events, before, after,
        ...(clockChanged ? { clock: this.clock.info(wall) } : {}),
        ...(upcomingChanged ? { upcoming } : {}),
      };
      for (const listener of this.listeners) {
        try {
          listener(batch);
        } catch (error) {
          this.deps.logger.error(`drill ${this.id}: a listener failed: ${(error as Error).stack ?? String(error)}`);
        }
      }
    }
    this.arm();
  }

  /** One real timer for the core's next due happening, converted to wall time; re-armed after every turn. */
  private arm(): void {
    const { clock } = this.deps;
    if (this.timer) clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.broken || !this.clock.running) return this.disarm();
    this.deps.checkpoints?.add(this);
    const due = this.drill.nextDue();
    if (due !== undefined) {
      this.timer = clock.setTimeout(() => {
        this.timer = undefined;
        this.exclusive(() => undefined).catch((error: unknown) => this.deps.logger.error(`drill ${this.id}: timer turn failed: ${String(error)}`));
      }, this.clock.wallDelay(due, clock.now()));
    }
  }

  private disarm(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.deps.checkpoints?.remove(this);
  }
}
