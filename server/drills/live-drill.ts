import { ENGINE_VERSION, type Drill } from '../../shared/drill/drill';
import type { DrillSnapshot } from '../../shared/drill/snapshot';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillState } from '../../shared/drill/state';
import type { Upcoming } from '../../shared/drill/upcoming';
import type { ClockInfo } from '../../shared/protocol/messages';
import type { Scenario } from '../../shared/scenario/schema';
import type { TimerHandle } from '../clock';
import { NotSavedError } from '../store/group-commit';
import { FencedError, type ClockCheckpoint, type DrillPatch, type DrillRecord } from '../store/store';
import type { Checkpointed } from './checkpoints';
import { DrillClock } from './drill-clock';
import type { Batch, DrillTurn, LiveDrillDeps } from './live-drill-types';
import { replayStored } from './replay';
import { SerialQueue } from './serial-queue';

// Its types live in live-drill-types.ts; importers keep importing them from here.
export type { Batch, DrillTurn, LiveDrillDeps } from './live-drill-types';

/**
 * One drill being played: the deterministic core, one serial queue that everything goes through, the drill
 * clock, and one real timer armed for the core's next due happening. Every event is appended to the store
 * by the core's journal before it takes effect; listeners and the task's `done` hear about a turn only after
 * the store committed it (group commit: one commit for every drill's writes of an event-loop turn), and the
 * queue's next task waits for that. While it runs, its clock is in the server's checkpoint batch
 * (`deps.checkpoints`).
 */
export class LiveDrill implements Checkpointed {
  readonly id: string;
  readonly record: DrillRecord;
  private readonly queue = new SerialQueue();
  private clock: DrillClock;
  /** Events journaled since the last publish: in the store's open batch, not yet told to anyone. */
  private pending: DrillEvent[] = [];
  /** The state listeners last heard of. */
  private published: DrillState;
  /** The clock's status or speed changed since the last publish. */
  private clockChanged = false;
  /** Wall time of the last `stage` (the clock's anchor when it changed). */
  private stagedAt: number;
  /** Changes to `record` written in the open batch; applied to `record` once committed. */
  private patch: DrillPatch = {};
  /** Something was written since the last publish: the turn waits for its commit. */
  private dirty = false;
  private timer?: TimerHandle;
  private readonly listeners = new Set<(batch: Batch) => void>();
  private lastUpcoming: string;
  /** Drill time of the soonest item of the schedule told last (it leaves the schedule once that time passes). */
  private upcomingDue?: number;
  private closed = false;
  private broken = false;
  /** Stepped down: another node owns the drill (see `LiveDrillDeps.fenced`). */
  private moved?: FencedError;

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
    this.stagedAt = deps.clock.now();
    this.clock = new DrillClock(drill.state.status, drill.state.speed, t, this.stagedAt);
    this.published = drill.state;
    const upcoming = drill.upcoming();
    this.lastUpcoming = JSON.stringify(upcoming);
    this.upcomingDue = upcoming[0]?.at; // soonest first (upcomingOf sorts by time)
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
  /** The core as data (`Drill.snapshot`); call it between turns (`read`), when everything applied is committed. */
  takeSnapshot(): DrillSnapshot {
    return this.drill.snapshot();
  }
  clockInfo(): ClockInfo {
    return this.clock.info(this.deps.clock.now());
  }

  /** Hears every turn that changed something, once it is committed. Returns the unsubscribe function. */
  onBatch(listener: (batch: Batch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `task` alone on the drill, after drill time has caught up with the clock. Whatever it writes (events
   * it submits, store writes it makes itself) is one atomic unit, committed with the other drills' turns of the
   * same event-loop turn; its events are broadcast then, and the drill's next turn may start. `done` is called
   * with the result once the commit is durable (SQLite: the WAL's fsync), between two turns of the drill:
   * nothing is acknowledged before it would survive a power cut, and a reply never overtakes the broadcast of what
   * it did (docs/architecture.md, "Journal before apply").
   *
   * Fails with what `task` threw (nothing it wrote is kept; the drill is rebuilt from the store), or with
   * `NotSavedError` when the commit failed (the batch was rolled back; the drill is rebuilt from the store) or when
   * the fsync after it did (the events were committed and told; a retry with the same command id is answered
   * with the original seq).
   */
  async exclusive<T>(task: (turn: DrillTurn) => T, done?: (result: T) => void): Promise<T> {
    let durable: Promise<void> = Promise.resolve();
    const result = await this.queue.run(() => this.turn(task, (wait) => (durable = wait)));
    await durable;
    if (done) await this.queue.run(() => done(result));
    return result;
  }

  /**
   * Runs `read` alone on the drill without changing it: between two turns, when everything the drill has
   * applied is committed and has been told. For views and checks (staff joins, resyncs, HTTP reads): it opens no
   * store transaction and does not move drill time (a due timer runs in its own turn, right after). `done`
   * runs in the same queue turn, so a reply cannot be overtaken by a later broadcast.
   */
  read<T>(read: () => T, done?: (result: T) => void): Promise<T> {
    return this.queue.run(() => {
      if (this.moved) throw this.moved;
      if (this.broken) throw new Error(`drill ${this.id} is unavailable: its log could not be saved (see the server log)`);
      const result = read();
      done?.(result);
      return result;
    });
  }

  /** Starts timers after creation or restore: catches up with the clock and arms the next due happening. */
  resume(): Promise<void> {
    return this.clockTurn();
  }

  /**
   * A turn only the drill clock makes (the timer, catching up after a restore): injects and timed transitions,
   * nothing anyone sent, so nobody waits for its fsync. The next acknowledged command's fsync covers it, and a
   * power cut before then can only take back the clock's own events, which the restored drill delivers again at
   * the same drill times.
   */
  private clockTurn(): Promise<void> {
    return this.queue.run(() => this.turn(() => undefined));
  }

  /**
   * Stops the drill for good after its queued work (on shutdown, or to unload an ended drill) and returns where
   * the clock of a running drill stands, for the caller to save; undefined when there is nothing to save. The
   * registry saves the clocks of all drills it closes together, in one commit.
   */
  async close(): Promise<ClockCheckpoint | undefined> {
    await this.queue.idle();
    this.closed = true;
    this.disarm();
    return this.clock.running && !this.broken && !this.moved ? this.clock.checkpoint(this.deps.clock.now()) : undefined;
  }

  /** For the checkpoint batch: the clock to save at `wall` while running. */
  checkpointAt(wall: number): ClockCheckpoint | undefined {
    return this.closed || this.broken || this.moved || !this.clock.running ? undefined : this.clock.checkpoint(wall);
  }

  /** For the checkpoint batch: `checkpoint` is committed. */
  checkpointed(checkpoint: ClockCheckpoint): void {
    this.record.clock = checkpoint;
  }

  /** `durable`: for a turn someone waits on, hears what resolves once its writes survive a power cut. */
  private async turn<T>(task: (turn: DrillTurn) => T, durable?: (wait: Promise<void>) => void): Promise<T> {
    if (this.moved) throw this.moved;
    if (this.closed) throw new Error(`drill ${this.id} is closed: the server is shutting down, or the drill was unloaded (try again)`);
    if (this.broken) throw new Error(`drill ${this.id} is unavailable: its log could not be saved (see the server log)`);
    // The previous turn published: the clock is as everyone was told, and everything written is committed.
    const saved = this.clock.copy();
    const wall = this.deps.clock.now();
    const t = this.clock.now(wall);
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    try {
      result = this.deps.store.transaction(() => {
        this.drill.advanceTo(t);
        const drill = this.drill;
        const value = task({
          state: drill.state, t, wall,
          submit: (command, by, cid) => drill.submit(command, by, { t, wall, ...(cid !== undefined ? { cid } : {}) }),
          check: (command, by) => drill.check(command, by),
          patchRecord: (patch) => {
            this.deps.store.updateDrill(this.id, patch);
            Object.assign(this.patch, patch);
            this.dirty = true;
          },
        });
        this.stage(wall);
        return value;
      });
    } catch (error) {
      // The store kept none of the turn's writes, but the core may be part-way through a step that moved the
      // scenario machine: rebuild it from the store (unless another node owns it now).
      failure = { error };
      this.discard(saved);
      if (error instanceof FencedError) this.stepDown(error);
      else await this.rebuild(wall, 'a failed step');
    }
    if (durable) {
      // Asked before the commit, so that the store syncs it (and, with nothing written, whatever it committed
      // before: a retried command is answered only once the original is durable).
      const wait = this.deps.store.durable(this.id);
      wait.catch(() => undefined); // a failed commit is reported by `persist`
      durable(wait);
    }
    const notSaved = await this.persist(saved);
    if (this.moved) throw this.moved;
    if (!this.broken) this.publish();
    if (failure) throw failure.error;
    if (notSaved) throw notSaved;
    return result as T;
  }

  /**
   * Waits until what this turn wrote is committed (with the batch it joined). If its batch is rolled back
   * instead, nothing of the turn is stored and nothing of it was told to anyone: the drill goes back to its last
   * published clock and is rebuilt from the store (whose own writes are waited for in full). Returns the failure
   * to report.
   */
  private async persist(saved: DrillClock): Promise<NotSavedError | undefined> {
    let failure: NotSavedError | undefined;
    for (let attempt = 0; this.dirty && !this.broken && !this.moved; attempt++) {
      try {
        await (attempt === 0 ? this.deps.store.committed(this.id) : this.deps.store.durable(this.id));
        this.dirty = false;
      } catch (error) {
        const notSaved = error instanceof NotSavedError ? error : new NotSavedError(error);
        failure ??= notSaved;
        this.discard(saved);
        if (error instanceof FencedError) {
          this.stepDown(error);
          break;
        }
        if (attempt > 0) {
          this.breakDown(`the rebuild could not be saved either (${describe(notSaved)})`);
          break;
        }
        this.deps.logger.error(`drill ${this.id}: a commit failed (${describe(notSaved)}), nothing of the turn was kept; rebuilding from the store`);
        await this.rebuild(this.deps.clock.now(), 'a failed commit');
      }
    }
    return failure;
  }

  /** Forgets what was written since the last publish (the store no longer has it) and the clock's changes. */
  private discard(saved: DrillClock): void {
    this.pending = [];
    this.patch = {};
    this.dirty = false;
    this.clockChanged = false;
    this.clock = saved.copy();
  }

  /**
   * Replaces the in-memory core by a replay of the stored (committed) log and catches up with the clock,
   * writing what the replay regenerates; marks the drill unavailable if that fails.
   */
  private async rebuild(wall: number, after: string): Promise<void> {
    try {
      const stored = await this.deps.store.events(this.id);
      this.deps.store.transaction(() => {
        const replayed = replayStored(this.scenario, stored);
        if (replayed.divergence) throw new Error(`REPLAY MISMATCH at seq ${replayed.divergence.seq}: the stored log does not replay the same way`);
        for (const event of replayed.regenerated.slice(stored.length)) this.journal(event);
        replayed.attach((event) => this.journal(event));
        this.drill = replayed.drill;
        this.upcomingDue = -Infinity; // work the schedule out again at the next publish
        this.drill.advanceTo(this.clock.now(wall));
        this.stage(wall);
      });
      this.deps.logger.warn(`drill ${this.id}: rebuilt from its stored log after ${after}`);
    } catch (error) {
      this.pending = [];
      this.patch = {};
      this.dirty = false;
      if (error instanceof FencedError) return this.stepDown(error);
      this.breakDown(`rebuilding it from the store failed: ${describe(error)}`);
    }
  }

  /**
   * Another node owns the drill now: stop at once (no timers, nothing more written or told), forget what the turn
   * did, and let the registry drop the drill. The new owner rebuilt it from the store, with everything this node
   * committed while it still held the lease.
   */
  private stepDown(error: FencedError): void {
    if (this.moved) return;
    this.moved = error;
    this.pending = [];
    this.patch = {};
    this.dirty = false;
    this.disarm();
    this.deps.logger.warn(`drill ${this.id}: ${describe(error)}; another node owns it now, stepping down`);
    this.deps.fenced?.(this, error);
  }

  /** Another node owns the drill now (its lease was lost): stop serving it at once. */
  stepDownFor(error: FencedError): void {
    this.stepDown(error);
  }

  /** Whether the drill stepped down (another node owns it). */
  get stepped(): boolean {
    return this.moved !== undefined;
  }

  private breakDown(reason: string): void {
    this.broken = true;
    this.disarm();
    this.deps.logger.error(`drill ${this.id}: cannot continue, ${reason}`);
    this.deps.broken?.(this, `it could not continue: ${reason}`);
  }

  /** The core's journal: into the store's batch first; only what was stored is applied, and told once committed. */
  private journal(event: DrillEvent): void {
    this.deps.store.appendEvent(this.id, event);
    this.pending.push(event);
    this.dirty = true;
  }

  /** Follows the core with the clock and writes what changed about the drill record (status, times, clock). */
  private stage(wall: number): void {
    const after = this.drill.state;
    this.stagedAt = wall;
    const clockChanged = this.clock.follow(after.status, after.speed, this.drill.now, wall);
    this.clockChanged ||= clockChanged;
    const stored = { ...this.record, ...this.patch };
    const patch: DrillPatch = {};
    if (after.status !== stored.status) {
      patch.status = after.status;
      if (after.status === 'running' && stored.startedAt === undefined) patch.startedAt = wall;
      if (after.status === 'ended') patch.endedAt = wall;
    }
    if (clockChanged) patch.clock = this.clock.checkpoint(wall);
    // This engine wrote to the log (also after the end: hot-wash edits): an older engine must not replay it.
    if (this.pending.length && stored.engineVersion < ENGINE_VERSION) patch.engineVersion = ENGINE_VERSION;
    if (Object.keys(patch).length) {
      this.deps.store.updateDrill(this.id, patch);
      Object.assign(this.patch, patch);
      this.dirty = true;
    }
  }

  /** Tells the listeners what the turn did, now that it is committed, and re-arms the timer. */
  private publish(): void {
    Object.assign(this.record, this.patch);
    this.patch = {};
    const events = this.pending;
    this.pending = [];
    const before = this.published;
    const after = this.drill.state;
    this.published = after;
    const clockChanged = this.clockChanged;
    this.clockChanged = false;
    // The schedule ahead changes with an event, a clock change, or drill time passing one of its items (a skipped
    // transition leaves it without an event); otherwise it is the one told last and is not worked out again.
    let upcoming: Upcoming[] | undefined;
    let upcomingChanged = false;
    if (events.length || clockChanged || (this.upcomingDue !== undefined && this.drill.now >= this.upcomingDue)) {
      upcoming = this.drill.upcoming();
      this.upcomingDue = upcoming[0]?.at;
      const upcomingJson = JSON.stringify(upcoming);
      upcomingChanged = upcomingJson !== this.lastUpcoming;
      this.lastUpcoming = upcomingJson;
    }
    if (events.length || clockChanged || upcomingChanged) {
      const batch: Batch = {
        events, before, after,
        ...(clockChanged ? { clock: this.clock.info(this.stagedAt) } : {}),
        ...(upcomingChanged && upcoming ? { upcoming } : {}),
      };
      for (const listener of this.listeners) {
        try {
          listener(batch);
        } catch (error) {
          this.deps.logger.error(`drill ${this.id}: a listener failed: ${(error as Error).stack ?? String(error)}`);
        }
      }
    }
    // Snapshot hook (docs/architecture.md, "Recovery"): the keeper snapshots the drill later, between two turns.
    if (events.length) this.deps.snapshots?.committed(this, after.seq, after.status);
    this.arm();
  }

  /** One real timer for the core's next due happening, converted to wall time; re-armed after every turn. */
  private arm(): void {
    const { clock } = this.deps;
    if (this.timer) clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.broken || this.moved || !this.clock.running) return this.disarm();
    this.deps.checkpoints?.add(this);
    const due = this.drill.nextDue();
    if (due !== undefined) {
      this.timer = clock.setTimeout(() => {
        this.timer = undefined;
        this.clockTurn().catch((error: unknown) => {
          if (!(error instanceof FencedError)) this.deps.logger.error(`drill ${this.id}: timer turn failed: ${String(error)}`);
        });
      }, this.clock.wallDelay(due, clock.now()));
    }
  }

  private disarm(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.deps.checkpoints?.remove(this);
  }
}

/** What went wrong, in words for the log: for a failed commit, what the database said. */
function describe(error: unknown): string {
  if (error instanceof NotSavedError && error.cause !== undefined) return describe(error.cause);
  return error instanceof Error ? error.message : String(error);
}
