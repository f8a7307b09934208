/**
 * Takes turns between a burst of requests and what they wait for.
 *
 * A drill's turn is broadcast at its commit, but its reply (a command's seq, a join's view) leaves only once the
 * commit is durable: the fsync runs in libuv's thread pool, and the event loop hears it is done only after the
 * socket reads that arrived with the request. When many requests arrive together (200 facilitators starting
 * their drills at once), every turn in that read ran first, and the first senders waited for all the others'
 * turns before hearing of their own.
 *
 * The gate lets requests run at once while the current pass of the event loop has been busy for less than
 * `budgetMs`; after that, and while any request waits, requests queue in arrival order (so one socket's requests
 * keep their order) and run in the next passes, again for `budgetMs` each, after the I/O that came in meanwhile:
 * finished fsyncs, whose replies then leave, and new reads, which queue behind. The work is the same; a reply no
 * longer waits for all the turns that arrived after it.
 */

// Captured at load: test code that fakes the global timers must not stall the requests.
const defer: (fn: () => void) => void = setImmediate;

export interface RequestGateOptions {
  /** How long one pass of the event loop runs requests before the next ones queue; default 5 ms. */
  budgetMs?: number;
  /** Monotonic milliseconds; default `performance.now`. */
  now?: () => number;
  /** Runs `fn` after the I/O of the current pass of the event loop; default `setImmediate`. */
  defer?: (fn: () => void) => void;
}

export class RequestGate {
  private readonly waiting: (() => void)[] = [];
  /** When the current pass started running requests as they came; cleared once it has ended. */
  private passStart?: number;
  /** When the current pass started running waiting requests. */
  private drainStart = 0;
  private draining = false;
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly defer: (fn: () => void) => void;
  /** Requests that had to wait (for diagnostics and tests). */
  deferred = 0;

  constructor(options: RequestGateOptions = {}) {
    this.budgetMs = options.budgetMs ?? 5;
    this.now = options.now ?? (() => performance.now());
    this.defer = options.defer ?? defer;
  }

  /** Runs `request` now, or after the requests before it and the I/O that came in meanwhile. */
  run(request: () => void): void {
    if (this.waiting.length === 0 && this.withinBudget()) return request();
    this.deferred++;
    this.waiting.push(request);
    this.schedule();
  }

  /** How many requests wait. */
  get backlog(): number {
    return this.waiting.length;
  }

  private withinBudget(): boolean {
    const now = this.now();
    if (this.passStart === undefined) {
      this.passStart = now;
      this.defer(() => { this.passStart = undefined; });
      return true;
    }
    return now - this.passStart < this.budgetMs;
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = true;
    this.defer(() => this.pass());
  }

  /** A pass of the event loop after its I/O: waiting requests run, in order, for up to `budgetMs`. */
  private pass(): void {
    this.draining = false;
    this.drainStart = this.now();
    this.next();
  }

  private next(): void {
    const request = this.waiting.shift();
    if (!request) return;
    try {
      request();
    } finally {
      // A request's work is a chain of promise reactions, run once this callback returns. The next request waits
      // until that chain has run as far as it can without I/O: a tick queued from the microtask queue runs only
      // once the queue is empty. Then it goes on in this pass while the budget lasts, or in the next. (Also after a
      // request that threw: the ones behind it still run.)
      queueMicrotask(() => process.nextTick(() => {
        if (!this.waiting.length) return;
        if (this.now() - this.drainStart < this.budgetMs) this.next();
        else this.schedule();
      }));
    }
  }
}
