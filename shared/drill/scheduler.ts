/**
 * Timers in drill time. Nothing here reads a real clock: time moves only when `advanceTo` is called, so the
 * same inputs always produce the same outputs (live, in tests, and when the server replays a log).
 */
interface Timer { id: number; at: number; order: number; fn: () => void }

export class Scheduler {
  private timers: Timer[] = [];
  private nextId = 1;
  private order = 0;
  private current = 0;

  /** Current drill time in ms. */
  get now(): number {
    return this.current;
  }

  /** Schedules `fn` at `now + delay` drill-ms; timers due at the same time run in the order they were set. */
  setTimeout(fn: () => void, delay: number): number {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, delay), order: this.order++, fn };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
    return timer.id;
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
}
