import type { DrillEvent } from './events';
import { initialDrillState, reduceDrill, type DrillState } from './state';
import { canSee, viewOf } from './view';
import type { Scenario } from '../scenario/schema';

/**
 * The drill as it was at any event of its log: the stored events folded with the live drill's own reducer
 * (`reduceDrill`), so a replay shows exactly what the state was after that event — no second copy of the rules.
 * Stored events already hold what the scenario produced (injects, replies, state changes), so nothing is
 * re-run: the scenario machine and timers are only needed to *write* a log (`Drill.replay`), not to read one.
 */

/** Whose eyes a replay shows: staff see everything; a role sees what a holder of that role alone was sent. */
export type Viewpoint = { kind: 'facilitator' } | { kind: 'role'; role: string };

/** The participant id a role viewpoint looks through: never a real seat (ids are generated, never empty-prefixed). */
export const ROLE_VIEWER = '\u0000viewpoint';

/**
 * The drill state a viewpoint sees, by the same filter the server applies to a participant's socket (`viewOf`):
 * a role viewpoint is a participant holding that role and no other. The roster of who held which role stays
 * as it was (every participant sees the roles), so only the filter uses the stand-in holder.
 */
export function viewpointState(state: DrillState, viewpoint: Viewpoint): DrillState {
  if (viewpoint.kind === 'facilitator') return viewOf(state, { kind: 'facilitator' });
  const seen = viewOf({ ...state, roles: { [viewpoint.role]: ROLE_VIEWER } }, { kind: 'participant', id: ROLE_VIEWER });
  return { ...seen, roles: state.roles };
}

/** Whether a log event is one the viewpoint would have been sent, judged with the state at that moment. */
export function viewpointSees(event: DrillEvent, viewpoint: Viewpoint, state: DrillState): boolean {
  if (viewpoint.kind === 'facilitator') return true;
  return canSee(event, { kind: 'participant', id: ROLE_VIEWER }, { roles: { [viewpoint.role]: ROLE_VIEWER }, injects: state.injects });
}

/** The state after the events up to and including `seq` (all of them when `seq` is past the end). */
export function foldTo(initial: DrillState, events: readonly DrillEvent[], seq: number): DrillState {
  let state = initial;
  for (const event of events) {
    if (event.seq > seq) break;
    state = reduceDrill(state, event);
  }
  return state;
}

/** How many events of a seq-ordered log have a seq of at most `seq`. */
export function countUpTo(events: readonly DrillEvent[], seq: number): number {
  return countAtMost(events, 'seq', seq);
}

/**
 * The seq of the last event at or before drill time `t` (0: none yet). Drill time never goes back along a log
 * (every event is stamped with the drill's clock, which only moves forward), so a binary search finds it.
 */
export function seqAtTime(events: readonly DrillEvent[], t: number): number {
  const count = countAtMost(events, 't', t);
  return count === 0 ? 0 : events[count - 1].seq;
}

/** How many events of a log ordered by `key` have a `key` of at most `value` (a binary search). */
function countAtMost(events: readonly DrillEvent[], key: 'seq' | 't', value: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid][key] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RewindOptions {
  /** A checkpoint (the whole state) is kept every this many events: memory against the cost of a step back. */
  every?: number;
}

/**
 * A log that can be scrubbed: `at(seq)` is `foldTo(initial, events, seq)`, computed incrementally. A step forward
 * folds only the new events; any other move starts from the nearest checkpoint at or before the target (one is
 * kept every `every` events as the fold passes it), so once the log has been folded through, any jump costs fewer
 * than `every` reductions. The reducer never mutates a state, so checkpoints share structure safely.
 */
export class Rewind {
  readonly events: readonly DrillEvent[];
  private readonly every: number;
  private readonly checkpoints: DrillState[];
  private cursor: { count: number; state: DrillState };
  private reduced = 0;

  constructor(initial: DrillState, events: readonly DrillEvent[], options: RewindOptions = {}) {
    this.events = [...events].sort((a, b) => a.seq - b.seq);
    this.every = Math.max(1, Math.floor(options.every ?? 64));
    this.checkpoints = [initial];
    this.cursor = { count: 0, state: initial };
  }

  /** A rewind of a drill's stored log, from the scenario's initial state. */
  static of(scenario: Scenario, events: readonly DrillEvent[], options?: RewindOptions): Rewind {
    return new Rewind(initialDrillState(scenario), events, options);
  }

  /** The seq of the log's last event (0 for an empty log). */
  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** How many checkpoints are kept (for tests: memory is one state per `every` events). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** How many events have been folded so far, all moves together (for tests: the cost of scrubbing, counted). */
  get reductions(): number {
    return this.reduced;
  }

  /** The state after every event up to and including `seq`. */
  at(seq: number): DrillState {
    const count = countUpTo(this.events, seq);
    // Back, or forward past a checkpoint: start from the nearest checkpoint at or before the target.
    const k = Math.min(Math.floor(count / this.every), this.checkpoints.length - 1);
    if (count < this.cursor.count || k * this.every > this.cursor.count) {
      this.cursor = { count: k * this.every, state: this.checkpoints[k] };
    }
    let { state } = this.cursor;
    for (let i = this.cursor.count; i < count; i++) {
      state = reduceDrill(state, this.events[i]);
      this.reduced++;
      if ((i + 1) % this.every === 0 && (i + 1) / this.every === this.checkpoints.length) this.checkpoints.push(state);
    }
    this.cursor = { count, state };
    return state;
  }

  /** The event with this seq, if the log has it. */
  event(seq: number): DrillEvent | undefined {
    const i = countUpTo(this.events, seq) - 1;
    return i >= 0 && this.events[i].seq === seq ? this.events[i] : undefined;
  }

  /** The events up to and including `seq`. */
  upTo(seq: number): readonly DrillEvent[] {
    return this.events.slice(0, countUpTo(this.events, seq));
  }
}
