import { Drill } from '../../shared/drill/drill';
import type { DrillSnapshot } from '../../shared/drill/snapshot';
import type { DrillEvent } from '../../shared/drill/events';
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

/**
 * Whether two JSON-like values are equal as `canonical` sees them (`canonical(a) === canonical(b)`): key order and
 * members set to undefined do not count, an undefined array item is null. Walks both at once and stops at the first
 * difference instead of writing two strings: a restart compares every event it replays.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key) || x[key] === undefined) continue;
    defined++;
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
  }
  for (const key in y) if (Object.hasOwn(y, key) && y[key] !== undefined) defined--;
  return defined === 0;
}

/** JSON with sorted keys and no undefined members, so that two equal events always compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
