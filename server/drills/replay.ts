import { Drill } from '../../shared/drill/drill';
import type { DrillSnapshot } from '../../shared/drill/snapshot';
import type { DrillEvent } from '../../shared/drill/events';
import { sameJson } from '../../shared/json';
import type { Scenario } from '../../shared/scenario/schema';

/** Where a regenerated log first differs from the stored one. */
export interface Divergence { seq: number; stored?: DrillEvent; regenerated?: DrillEvent }

export interface Replayed {
  drill: Drill;
  /** The log the replay produced (the drill's own log). */
  regenerated: readonly DrillEvent[];
  /** Undefined when the regenerated log starts with the whole stored log. */
  divergence?: Divergence;
  /** From now on, every new event of `drill` goes to `journal`. */
  attach(journal: (event: DrillEvent) => void): void;
  /** The seq of the snapshot it was restored from (`restoreStored`); undefined after a full replay. */
  from?: number;
}

/**
 * Rebuilds a drill from its stored log: the inputs are replayed at their drill times on a simulated clock,
 * then drill time is brought up to the last stored event, so every pending timer (injects, contact replies,
 * contingencies, the end) is scheduled again exactly as before. Throws if an input no longer replays.
 *
 * The regenerated log may be longer than the stored one: a crash between appending a command and appending
 * the events it caused loses only events nobody was told about; the replay brings them back.
 */
export function replayStored(scenario: Scenario, stored: readonly DrillEvent[]): Replayed {
  let sink: (event: DrillEvent) => void = () => {};
  const drill = Drill.replay(scenario, stored, { journal: (event) => sink(event) });
  const last = stored.at(-1);
  if (last) drill.advanceTo(last.t);
  const regenerated = drill.log;
  let divergence: Divergence | undefined;
  for (let i = 0; i < stored.length; i++) {
    if (!sameJson(stored[i], regenerated[i])) {
      divergence = { seq: i + 1, stored: stored[i], regenerated: regenerated[i] };
      break;
    }
  }
  return { drill, regenerated, divergence, attach: (journal) => { sink = journal; } };
}

/**
 * Like `replayStored`, from a snapshot (`Drill.restore`): the stored events up to the snapshot's seq are taken as
 * they are and only the inputs after it are replayed; `divergence` says where the regenerated tail first differs.
 * Throws `SnapshotError` when the snapshot does not fit the log (or engine), an `Error` when the tail does not
 * replay: the caller then replays the whole log (`replayStored`), which stays the judge of the log.
 */
export function restoreStored(scenario: Scenario, stored: readonly DrillEvent[], snapshot: DrillSnapshot): Replayed {
  let sink: (event: DrillEvent) => void = () => {};
  const drill = Drill.restore(scenario, snapshot, stored, { journal: (event) => sink(event) });
  const regenerated = drill.log;
  let divergence: Divergence | undefined;
  for (let i = snapshot.seq; i < stored.length; i++) {
    if (!sameJson(stored[i], regenerated[i])) {
      divergence = { seq: i + 1, stored: stored[i], regenerated: regenerated[i] };
      break;
    }
  }
  return { drill, regenerated, divergence, attach: (journal) => { sink = journal; }, from: snapshot.seq };
}
