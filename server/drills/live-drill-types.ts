import type { Actor, DrillCommand } from '../../shared/drill/commands';
import type { SubmitResult } from '../../shared/drill/drill';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillError } from '../../shared/drill/rules';
import type { DrillState } from '../../shared/drill/state';
import type { Upcoming } from '../../shared/drill/upcoming';
import type { ClockInfo } from '../../shared/protocol/messages';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { DrillPatch, FencedError, Store } from '../store/store';
import type { CheckpointBatcher } from './checkpoints';
import type { LiveDrill } from './live-drill';
import type { SnapshotKeeper } from './snapshots';

/** What one turn of the queue did, for the socket layer to fan out. */
export interface Batch {
  /** Events committed and applied in this turn, in seq order. */
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
  /** Applies a command; `cid` is its sender's command id (a retry with the same id gets the first result). */
  submit(command: DrillCommand, by: Actor, cid?: string): SubmitResult;
  /** Checks a command without applying it. */
  check(command: DrillCommand, by: Actor): DrillError | undefined;
  /** Changes the drill's record (a rotated key hash) in this turn's writes; `record` shows it once committed. */
  patchRecord(patch: DrillPatch): void;
}

export interface LiveDrillDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Saves the clock of every running drill together, once a wall second; without it only changes are saved. */
  checkpoints?: CheckpointBatcher;
  /** The drill gave up for good (its store failed, or its log no longer replays): the registry quarantines it. */
  broken?: (live: LiveDrill, reason: string) => void;
  /**
   * Another node owns the drill now (a write was refused by the fencing token): this one must stop serving it at
   * once, without writing anything more. The registry drops it (no quarantine: the new owner serves it).
   */
  fenced?: (live: LiveDrill, error: FencedError) => void;
  /** Hears what every turn committed and snapshots the drill now and then (`takeSnapshot`, between turns). */
  snapshots?: SnapshotKeeper;
}
