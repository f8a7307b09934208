/**
 * Timers in drill time. Nothing here reads a real clock: time moves only when `advanceTo` is called, so the
 * same inputs always produce the same outputs (live, in tests, and when the server replays a log).
 *
 * Every timer also says what it is for (`TimerJob`, plain data), so that the pending timers can be written into
 * a drill snapshot and set again on restore with their original due times and tie-break order
 * (`snapshot`, `restore`).
 */

/** What a pending timer does when it fires, as data (see `Drill` for how each kind is run). */
export type TimerJob =
  /** The scenario's duration is up: the drill ends. */
  | { kind: 'end' }
  /** The scenario machine's delayed (`after`) event of `state`, `delay` ms after it was entered. */
  | { kind: 'after'; state: string; delay: number }
  /** One later point of an inject's telemetry series. */
  | { kind: 'telemetry'; series: string; value: number }
  /** A paged contact answers. */
  | { kind: 'reply'; contact: string };

/** A pending timer as data: its job, due time and the order it was set in (timers due together run in it). */
export interface PendingTimer { at: number; order: number; job: TimerJob }

/** The scheduler as data: the time, the pending timers, and the next tie-break order number. */
export interface SchedulerSnapshot { now: number; order: number; timers: PendingTimer[] }

interface Timer { id: number; at: number; order: number; fn: () => void; job?: TimerJob }

export class Scheduler {
  private timers: Timer[] = [];
  private nextId = 1;
  private order = 0;
  private current = 0;

  /** Current drill time in ms. */
  get now(): number {
    return this.current;
  }

  /**
   * Schedules `fn` at `now + delay` drill-ms; timers due at the same time run in the order they were set.
   * `job` describes the timer for snapshots (a timer without one makes `snapshot` fail).
   */
  setTimeout(fn: () => void, delay: number, job?: TimerJob): number {
    return this.insert({ id: this.nextId++, at: this.current + Math.max(0, delay), order: this.order++, fn, job });
  }

  clearTimeout(id: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  clearAll(): void {
    this.timers = [];
  }

  /** Drill time of the next timer, if any. */
  nextDue(): number | undefined {
    return this.timers[0]?.at;
  }

  /** Runs every timer due at or before `t`, each at its own due time, then sets the time to `t`. */
  advanceTo(t: number): void {
    if (t < this.current) throw new Error(`drill time cannot go back (${t} < ${this.current})`);
    while (this.timers.length && this.timers[0].at <= t) {
      const timer = this.timers.shift()!;
      this.current = timer.at;
      timer.fn();
    }
    this.current = t;
  }

  /** The time and pending timers as data. Throws if a pending timer has no job (it could not be set again). */
  snapshot(): SchedulerSnapshot {
    return {
      now: this.current,
      order: this.order,
      timers: this.timers.map(({ at, order, job }) => {
        if (!job) throw new Error(`a timer due at ${at} ms has no job: the drill cannot be snapshotted`);
        return { at, order, job: { ...job } };
      }),
    };
  }

  /**
   * Sets the time and the pending timers from `snapshot` (replacing any), each running `bind(job)` when due.
   * Returns the ids of the restored timers, in the snapshot's order.
   */
  restore(snapshot: SchedulerSnapshot, bind: (job: TimerJob) => () => void): number[] {
    this.timers = [];
    this.current = snapshot.now;
    this.order = snapshot.order;
    return snapshot.timers.map(({ at, order, job }) => this.insert({ id: this.nextId++, at, order, fn: bind(job), job }));
  }

  private insert(timer: Timer): number {
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
    return timer.id;
  }
}
