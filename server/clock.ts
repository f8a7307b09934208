/**
 * Wall time, injected everywhere the server waits or stamps. Drill time is derived from it (drills/drill-clock),
 * so a test that drives a `ManualClock` drives every drill, checkpoint and expiry timer without sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque to callers: whatever the clock's `setTimeout` returned. */
export type TimerHandle = object;

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface ManualTimer { at: number; order: number; fn: () => void }

/**
 * A clock that moves only when told to: `advance(ms)` runs every timer due by then, each at its own due time,
 * in the order they were set. For tests; never reads the real time.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Set<ManualTimer>();
  private order = 0;

  constructor(start = Date.UTC(2025, 0, 1, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = { at: this.current + Math.max(0, ms), order: this.order++, fn };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as ManualTimer);
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers (including ones they set) at their due times. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!next) break;
      this.timers.delete(next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
  }
}
