/**
 * Polling for the public status page, kept apart from React so it can be tested with fake timers: one request at
 * a time, the next one `interval` after the previous answer, none while the tab is hidden (and one at once when
 * it is shown again), and none at all once `done` says nothing more can change (the drill ended) or `fatal` says
 * asking again is pointless (no such drill).
 */

export interface Visibility {
  hidden(): boolean;
  /** Calls `listener` whenever the page is hidden or shown; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PollOptions<T> {
  load: () => Promise<T>;
  onResult: (result: T) => void;
  onError: (error: unknown) => void;
  /** Stop after this answer: nothing more can change. */
  done?: (result: T) => boolean;
  /** Stop after this error: asking again cannot help. */
  fatal?: (error: unknown) => boolean;
  interval: number;
  visibility: Visibility;
  timers?: Timers;
}

/** The browser's page visibility (`document.visibilityState`). */
export const documentVisibility: Visibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  subscribe: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Starts polling at once (unless the page is hidden); returns `stop`. */
export function startPolling<T>(options: PollOptions<T>): () => void {
  const { load, onResult, onError, done = () => false, fatal = () => false, interval, visibility, timers = realTimers } = options;
  let timer: unknown;
  let inFlight = false;
  let finished = false;
  let stopped = false;

  const cancel = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };
  const schedule = () => {
    cancel();
    if (stopped || finished || visibility.hidden()) return;
    timer = timers.set(() => {
      timer = undefined;
      void tick();
    }, interval);
  };
  const tick = async () => {
    if (stopped || finished || inFlight) return;
    inFlight = true;
    try {
      const result = await load();
      if (stopped) return;
      onResult(result);
      if (done(result)) finished = true;
    } catch (error) {
      if (stopped) return;
      onError(error);
      if (fatal(error)) finished = true;
    } finally {
      inFlight = false;
    }
    schedule();
  };

  const unsubscribe = visibility.subscribe(() => {
    if (visibility.hidden()) cancel();
    else if (timer === undefined && !inFlight) void tick();
  });
  if (!visibility.hidden()) void tick();

  return () => {
    stopped = true;
    cancel();
    unsubscribe();
  };
}
