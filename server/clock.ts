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

/** The longest delay Node's `setTimeout` takes: a longer one (2^31 ms and up) fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The timer functions a real clock runs on (tests pass recording ones). */
export interface TimerFunctions {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * A clock on real timers. Delays are clamped to 0…`MAX_TIMER_MS` per timer and a longer wait is chained in
 * steps, so no delay, however far off, ever fires early or spins.
 */
export function realClock(timers: TimerFunctions = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }, now: () => number = Date.now): Clock {
  return {
    now,
    setTimeout(fn, ms) {
      const handle: { current?: unknown } = {};
      const due = now() + Math.max(0, Number.isFinite(ms) ? ms : MAX_TIMER_MS);
      const arm = (wait: number) => {
        handle.current = timers.setTimeout(() => {
          const left = due - now();
          if (left > 0) arm(left);
          else fn();
        }, Math.min(MAX_TIMER_MS, Math.max(0, wait)));
      };
      arm(due - now());
      return handle;
    },
    clearTimeout(handle) {
      timers.clearTimeout((handle as { current?: unknown }).current);
    },
  };
}

/** The real clock. */
export const systemClock: Clock = realClock();

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
