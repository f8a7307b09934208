import { sameJson } from '../json';
import type { Scenario } from '../scenario/schema';
import type { DrillEvent } from './events';
import type { SchedulerSnapshot } from './scheduler';
import type { DrillState } from './state';

/** The layout of `DrillSnapshot`; raise it when the fields change (an older snapshot is then ignored). */
export const SNAPSHOT_FORMAT = 1;

/**
 * A drill as plain JSON data at a step boundary (`Drill.snapshot`), so that a restore replays only the events
 * after `seq` (`Drill.restore`). An optimisation only: the stored log stays the truth, and a snapshot that does
 * not fit (another engine or format, another scenario, a log that does not have its last event) is refused.
 */
export interface DrillSnapshot {
  format: number;
  /** `ENGINE_VERSION` of the engine that took it: another engine's snapshot is never trusted. */
  engine: number;
  scenario: { id: string; version: number };
  /** The seq of the last event it includes (0: none). */
  seq: number;
  /** Drill time it was taken at (at or after the last event's). */
  t: number;
  /** The event at `seq`, to check that the stored log is the one it was taken from. */
  last?: DrillEvent;
  /**
   * A digest of the events up to `seq` (`digestEvents`): a restore checks the stored log against it, so a log
   * changed behind the server's back is replayed in full (and quarantined) as it would be without a snapshot.
   */
  digest: string;
  state: DrillState;
  /** Drill time the current scenario state was entered. */
  enteredAt: number;
  /** Drill time the drill was started. */
  startedAt: number;
  /** Contacts paged and not answered yet → drill time their reply is due. */
  replies: [string, number][];
  /** The pending timers (due time, tie-break order, job) and the next order number. */
  scheduler: SchedulerSnapshot;
  /** XState's persisted snapshot of the scenario machine, while it runs (started, not ended). */
  machine?: unknown;
}

/** A snapshot that does not fit the drill or its log: replay the whole log instead. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/**
 * Throws `SnapshotError` unless `snapshot` was taken by engine `engine` with this layout, of this scenario, from
 * a log whose first `snapshot.seq` events are `events`' (the last of them compared as JSON, the others by digest).
 */
export function checkSnapshot(scenario: Scenario, snapshot: DrillSnapshot, events: readonly DrillEvent[], engine: number): void {
  const refuse = (why: string) => { throw new SnapshotError(why); };
  if (snapshot.format !== SNAPSHOT_FORMAT) refuse(`snapshot layout ${String(snapshot.format)}, this server reads ${SNAPSHOT_FORMAT}`);
  if (snapshot.engine !== engine) refuse(`taken by engine ${String(snapshot.engine)}, this server runs engine ${engine}`);
  if (snapshot.scenario?.id !== scenario.id || snapshot.scenario.version !== scenario.version) refuse('taken of another scenario');
  if (!Number.isInteger(snapshot.seq) || snapshot.seq < 0 || snapshot.state?.seq !== snapshot.seq) refuse(`its seq (${String(snapshot.seq)}) does not match its state`);
  if (snapshot.seq > events.length) refuse(`taken at seq ${snapshot.seq}, the stored log has ${events.length} event(s)`);
  if (snapshot.seq > 0 && !sameJson(events[snapshot.seq - 1], snapshot.last)) refuse(`the stored event at seq ${snapshot.seq} is not the one it was taken after`);
  if (typeof snapshot.digest !== 'string' || digestEvents(EMPTY_DIGEST, events.slice(0, snapshot.seq)) !== snapshot.digest) {
    refuse(`the stored events up to seq ${snapshot.seq} are not the ones it was taken from`);
  }
  // Drill time never goes back in a log: an event after the snapshot stamped earlier than it was written by a
  // server that resumed from an older clock (the snapshot did not count then), and would not replay from it.
  const next = events[snapshot.seq];
  if (next && next.t < snapshot.t) refuse(`taken at drill time ${snapshot.t}, after the next stored event's (${next.t}, seq ${next.seq})`);
  if (!Array.isArray(snapshot.replies) || !Array.isArray(snapshot.scheduler?.timers)) refuse('it is not a drill snapshot');
}

/** The digest of no events. */
export const EMPTY_DIGEST = '811c9dc5:1000193';

/**
 * Chains `events` onto the digest `from` (two 32-bit FNV-1a style lanes over each event's JSON): cheap to extend
 * event by event, and any change to a stored event changes it. A check of the log, not a cryptographic hash.
 */
export function digestEvents(from: string, events: readonly DrillEvent[]): string {
  const [a, b] = from.split(':').map((x) => Number.parseInt(x, 16) >>> 0);
  let h1 = a;
  let h2 = b;
  for (const event of events) {
    const text = JSON.stringify(event);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
  }
  return `${(h1 >>> 0).toString(16)}:${(h2 >>> 0).toString(16)}`;
}
