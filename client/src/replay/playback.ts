import type { DrillEvent } from '../../../shared/drill/events';
import { countUpTo, seqAtTime } from '../../../shared/drill/rewind';

/** Replay speeds: drill time per second of watching. */
export const SPEEDS = [1, 5, 15, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** PageUp / PageDown move the replay by this much drill time. */
export const PAGE_MS = 60_000;

/** Where the replay stands: an event of the log (`seq`, 0 before the first) and the drill time shown (`t`). */
export interface Playhead { seq: number; t: number }

/** Drill time of the event `seq` (0 before the first event). */
export function timeOf(events: readonly DrillEvent[], seq: number): number {
  const count = countUpTo(events, seq);
  return count === 0 ? 0 : events[count - 1].t;
}

/** The playhead on an event, with its drill time. */
export function at(events: readonly DrillEvent[], seq: number): Playhead {
  const last = events.at(-1)?.seq ?? 0;
  const s = Math.min(Math.max(0, seq), last);
  return { seq: s, t: timeOf(events, s) };
}

/**
 * Where a key on the scrubber moves the playhead: arrows one event, PageUp / PageDown a minute of drill time (the
 * replay then shows every event up to that time), Home / End the ends. Undefined: not a scrub key.
 */
export function keyTarget(key: string, events: readonly DrillEvent[], from: Playhead): Playhead | undefined {
  const last = events.at(-1)?.seq ?? 0;
  switch (key) {
    case 'ArrowRight': case 'ArrowUp': return at(events, from.seq + 1);
    case 'ArrowLeft': case 'ArrowDown': return at(events, from.seq - 1);
    case 'Home': return at(events, 0);
    case 'End': return at(events, last);
    case 'PageUp': {
      const t = Math.min(from.t + PAGE_MS, timeOf(events, last));
      return { seq: Math.max(from.seq, seqAtTime(events, t)), t };
    }
    case 'PageDown': {
      const t = Math.max(0, from.t - PAGE_MS);
      return { seq: Math.min(from.seq, seqAtTime(events, t)), t };
    }
    default: return undefined;
  }
}

/**
 * The playhead after `elapsedMs` of watching at `speed`: drill time runs on, and the replay shows every event up
 * to it. `done` once it reaches the last event (the player stops there).
 */
export function advance(events: readonly DrillEvent[], from: Playhead, elapsedMs: number, speed: number): Playhead & { done: boolean } {
  const end = events.at(-1)?.t ?? 0;
  const t = Math.min(end, from.t + Math.max(0, elapsedMs) * speed);
  const seq = t >= end ? events.at(-1)?.seq ?? 0 : Math.max(from.seq, seqAtTime(events, t));
  return { seq, t, done: t >= end };
}
