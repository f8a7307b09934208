import { reduceDrill } from '../../../shared/drill/state';
import type { DrillEvent } from '../../../shared/drill/events';
import type { ClockInfo, DrillView, EventMessage } from '../../../shared/protocol/messages';

/** Outcome of folding one pushed event into the local view. */
export type FoldResult =
  | { kind: 'applied'; view: DrillView; lastSeq: number }
  /** Already have it (a recovered socket may replay what the view contained). */
  | { kind: 'stale' }
  /** Something between our last event and this one never arrived: ask for a fresh view. */
  | { kind: 'gap' };

/**
 * Folds one event of a `drill:turn` into the view with the same reducer the server runs. `lastSeq` is the seq of the last
 * event this client applied (or the seq of the view it was given); the server's `prev` names the last event it
 * sent to this socket, so `prev > lastSeq` means something was lost on the way.
 */
export function foldEvent(view: DrillView, lastSeq: number, message: EventMessage): FoldResult {
  const { event, prev } = message;
  if (event.seq <= lastSeq) return { kind: 'stale' };
  if (prev > lastSeq) return { kind: 'gap' };
  const state = reduceDrill(view.state, event);
  return { kind: 'applied', view: { ...view, state, clock: clockAfter(view.clock, event) }, lastSeq: event.seq };
}

/**
 * Keeps the local clock honest even before the clock sample of the same turn is applied: a start, pause, resume,
 * speed change or end is itself a clock fact at the event's drill time.
 */
export function clockAfter(clock: ClockInfo, event: DrillEvent): ClockInfo {
  switch (event.type) {
    case 'drill.start':
    case 'drill.resume':
      return { ...clock, status: 'running', t: event.t, wall: Date.now() };
    case 'drill.pause':
      return { ...clock, status: 'paused', t: event.t, wall: Date.now() };
    case 'drill.speed':
      return { ...clock, speed: event.speed, t: event.t, wall: Date.now() };
    case 'drill.ended':
      return { ...clock, status: 'ended', t: event.t, wall: Date.now() };
    default:
      return clock;
  }
}

/**
 * Drill time now, extrapolated from the last clock sample. `sampledAt` is the local monotonic time the sample
 * arrived, so the computer's own clock (or its offset from the server's) never matters.
 */
export function drillNow(clock: ClockInfo, sampledAt: number, now: number, limit?: number): number {
  const t = clock.status === 'running' ? clock.t + Math.max(0, now - sampledAt) * clock.speed : clock.t;
  return limit === undefined ? t : Math.min(t, limit);
}

/** Merges two event lists by seq (staff keep the log from HTTP plus what the socket pushed since). */
export function mergeLog(a: readonly DrillEvent[], b: readonly DrillEvent[]): DrillEvent[] {
  const bySeq = new Map<number, DrillEvent>();
  for (const event of a) bySeq.set(event.seq, event);
  for (const event of b) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}
