import { ENGINE_VERSION } from '../../shared/drill/drill';
import type { DrillSnapshot } from '../../shared/drill/snapshot';
import type { DrillStatus } from '../../shared/drill/state';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillRecord, Store, StoredSnapshot } from '../store/store';
import { restoreStored, type Replayed } from './replay';

/** A drill takes a snapshot once this many events were logged since its last one... */
export const SNAPSHOT_EVERY_EVENTS = 200;
/** ...or, when anything was logged since, once this many wall ms have passed; and at once when its status changed. */
export const SNAPSHOT_EVERY_MS = 5_000;

/** A drill the keeper snapshots: `read` runs between two of its turns, when everything it applied is committed. */
export interface Snapshotted {
  readonly id: string;
  read<T>(read: () => T): Promise<T>;
  takeSnapshot(): DrillSnapshot;
}

export interface SnapshotDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Events between two snapshots of a busy drill; default `SNAPSHOT_EVERY_EVENTS`. */
  everyEvents?: number;
  /** Wall ms between two snapshots of a drill that logged anything; default `SNAPSHOT_EVERY_MS`. */
  everyMs?: number;
}

interface Watch { drill: Snapshotted; seq: number; status: DrillStatus; takenSeq: number; takenStatus: DrillStatus; takenAt: number; taking: boolean }

/**
 * Keeps a recent snapshot of every drill that changes, so that a restart (or another node taking a drill over)
 * replays only the events after it (docs/architecture.md, "Recovery"). Drills tell it what they committed
 * (`committed`, from `LiveDrill.publish`); on the clock checkpoints' tick (once a wall second while drills run) it
 * snapshots the drills that are due, and a drill whose status changed (started, paused, ended) at once. Each is
 * taken between two of the drill's turns (so a snapshot only ever describes committed events) and written into the
 * store's current batch, beside the checkpoints: no commit or fsync of its own, stored events never touched.
 */
export class SnapshotKeeper {
  private readonly watched = new Map<string, Watch>();
  private closed = false;
  /** Snapshots written so far (diagnostics, tests). */
  written = 0;

  constructor(private readonly deps: SnapshotDeps) {}

  /**
   * A drill was loaded (restored from a snapshot or by replay) at `seq` with `status`: its next snapshot is due
   * once it logs more (a drill replayed in full gets one then, not in the middle of a restart).
   */
  loaded(drill: Snapshotted, seq: number, status: DrillStatus): void {
    if (this.closed) return;
    this.watched.set(drill.id, { drill, seq, status, takenSeq: seq, takenStatus: status, takenAt: this.deps.clock.now(), taking: false });
  }

  /** The drill committed events up to `seq` and now has `status`; a status change is snapshotted at once. */
  committed(drill: Snapshotted, seq: number, status: DrillStatus): void {
    if (this.closed) return;
    let watch = this.watched.get(drill.id);
    if (!watch || watch.drill !== drill) {
      // Created here: nothing before its start is worth a snapshot of its own (a lobby log is short).
      watch = { drill, seq, status, takenSeq: 0, takenStatus: 'lobby', takenAt: this.deps.clock.now(), taking: false };
      this.watched.set(drill.id, watch);
    }
    watch.seq = Math.max(watch.seq, seq);
    watch.status = status;
    if (watch.seq > watch.takenSeq && watch.status !== watch.takenStatus && !watch.taking) void this.take(watch);
  }

  /** The drill is no longer served here: nothing more is taken of it. */
  forget(id: string): void {
    this.watched.delete(id);
  }

  /** Takes and writes every snapshot that is due now (the checkpoints' tick; tests call it directly). Resolves once written. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    const everyEvents = this.deps.everyEvents ?? SNAPSHOT_EVERY_EVENTS;
    const everyMs = this.deps.everyMs ?? SNAPSHOT_EVERY_MS;
    const due = [...this.watched.values()].filter((w) => !w.taking && w.seq > w.takenSeq &&
      (w.seq - w.takenSeq >= everyEvents || now - w.takenAt >= everyMs || w.status !== w.takenStatus));
    const results = await Promise.all(due.map((watch) => this.take(watch)));
    return results.filter(Boolean).length;
  }

  close(): void {
    this.closed = true;
    this.watched.clear();
  }

  private async take(watch: Watch): Promise<boolean> {
    const { store, clock, logger } = this.deps;
    watch.taking = true;
    try {
      // Between two turns: the drill's state is what its committed log says.
      return await watch.drill.read(() => {
        if (this.watched.get(watch.drill.id) !== watch) return false;
        const snapshot = watch.drill.takeSnapshot();
        const takenAt = clock.now();
        store.putSnapshot(watch.drill.id, { seq: snapshot.seq, engineVersion: ENGINE_VERSION, takenAt, json: JSON.stringify(snapshot) });
        watch.takenSeq = snapshot.seq;
        watch.takenStatus = snapshot.state.status;
        watch.takenAt = takenAt;
        this.written++;
        return true;
      });
    } catch (error) {
      // An optimisation only: the log is the truth, the next restore replays more of it.
      logger.warn(`drill ${watch.drill.id}: no snapshot taken (${error instanceof Error ? error.message : String(error)})`);
      watch.takenAt = clock.now();
      return false;
    } finally {
      watch.taking = false;
    }
  }
}

/**
 * A stored drill rebuilt from its latest snapshot plus the events after it, or undefined when it has none, or (saying
 * why in the log) when the snapshot is unreadable, from another engine, does not fit the log, or the events after it do
 * not replay the same way: the caller then replays the whole log, which decides (and quarantines).
 */
export function replayFromSnapshot(record: DrillRecord, stored: readonly DrillEvent[], saved: StoredSnapshot | undefined | Error, logger: Logger): Replayed | undefined {
  if (saved === undefined) return undefined;
  const refuse = (why: string): undefined => {
    logger.warn(`drill ${record.id}: its snapshot${saved instanceof Error ? '' : ` at seq ${saved.seq}`} is not used (${why}); replaying its whole log (${stored.length} events)`);
    return undefined;
  };
  if (saved instanceof Error) return refuse(`it could not be read: ${saved.message}`);
  if (saved.engineVersion !== ENGINE_VERSION) return refuse(`taken by engine ${saved.engineVersion}, this server runs engine ${ENGINE_VERSION}`);
  try {
    const replayed = restoreStored(record.scenario, stored, JSON.parse(saved.json) as DrillSnapshot);
    if (replayed.divergence) return refuse(`the events after it do not replay the same way from seq ${replayed.divergence.seq}`);
    return replayed;
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
}
