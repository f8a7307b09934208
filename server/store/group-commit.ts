/**
 * Group commit: one transaction for many writes instead of one per write, and one fsync for many commits. The
 * store wraps each write in `write`; the first one opens a batch (BEGIN) and schedules its commit; `commit`
 * commits at once. Whoever must not acknowledge before its writes would survive a power cut awaits `durable()`
 * (the batch is then synced after its commit; a sync covers every commit made before it started); a drill turn
 * awaits `committed()` and is broadcast when its batch commits, and a batch nobody awaits is not synced on its own.
 *
 * When a batch is committed:
 * - at the end of the event-loop turn that opened it (`setImmediate`): every write of that turn joins it (the drill
 *   turns that timers falling due together, or the requests of one socket read, ran);
 * - earlier, when a turn is long: a unit of work (a write outside any other, e.g. a drill turn's transaction)
 *   that starts once the batch has been open for `maxWaitMs` commits it first, so that a wave of timers or a
 *   burst of messages is told as it goes instead of all at the end. `maxWaitMs` is `minWaitMs` (2 ms) or
 *   `commitShare` (4) times the recent commit time, whichever is larger: when commits get slow (a busy disk),
 *   batches grow with them, and commits take at most about a fifth of a saturated server's time.
 */

import { ServiceError } from '../errors';

/** The database's own transaction statements, for one connection. */
export interface TransactionControl {
  begin(): void;
  commit(): void;
  rollback(): void;
  /** Whether a transaction is open (SQLite rolls one back by itself after some I/O errors). */
  inTransaction(): boolean;
  /**
   * Makes what `commit` wrote durable, off the event loop (SQLite: an fsync of the WAL in libuv's thread pool).
   * A batch's writers hear of it only once this resolves. Without it `commit` itself is durable.
   */
  sync?(): Promise<void>;
}

export interface GroupCommitOptions {
  /** A batch is cut no earlier than this (wall ms since its first write); default 2. `Infinity`: one batch per event-loop turn. */
  minWaitMs?: number;
  /** ...nor earlier than this many times the recent commit time; default 4. */
  commitShare?: number;
  /** Monotonic milliseconds; default `performance.now`. */
  now?: () => number;
  /** Runs `fn` at the end of the event-loop turn; default `setImmediate`. */
  defer?: (fn: () => void) => void;
}

/**
 * What the writers of a batch hear when its commit failed (or the database rolled it back): nothing of the batch
 * is stored. Socket requests answer it as `internal` with this message.
 */
export class NotSavedError extends ServiceError {
  constructor(cause: unknown) {
    super('internal', 'Could not save; try again.', { cause });
    this.name = 'NotSavedError';
  }
}

interface OpenBatch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: NotSavedError): void;
  openedAt: number;
  /** Someone waits for this batch to be durable (`durable()` while it was open): its commit is synced. */
  awaited?: boolean;
  /** Resolves once the batch is committed (before its sync); rejects with `NotSavedError` if it was rolled back. */
  committed: Promise<void>;
  settle(error?: NotSavedError): void;
}

export class GroupCommit {
  private batch?: OpenBatch;
  private scheduled = false;
  /** How many `write` calls are running (a write inside another is part of the same unit of work). */
  private depth = 0;
  /** The last committed batch while its `sync` runs: `durable()` waits for it. */
  private syncing?: Promise<void>;
  /** A batch was committed without a sync (nobody waited for it to be durable): the next `durable()` syncs. */
  private unsynced = false;
  /** Moving average of the commit time (ms). */
  private commitMs = 0;
  private readonly minWaitMs: number;
  private readonly commitShare: number;
  private readonly now: () => number;
  private readonly defer: (fn: () => void) => void;
  /** Commits so far (for diagnostics and tests). */
  commits = 0;

  constructor(private readonly tx: TransactionControl, options: GroupCommitOptions = {}) {
    this.minWaitMs = options.minWaitMs ?? 2;
    this.commitShare = options.commitShare ?? 4;
    this.now = options.now ?? (() => performance.now());
    this.defer = options.defer ?? ((fn) => setImmediate(fn));
  }

  /** Whether writes are waiting for their commit. */
  get pending(): boolean {
    return this.batch !== undefined;
  }

  /** How long a batch may stay open before the next unit of work commits it (ms). */
  get maxWaitMs(): number {
    return Math.max(this.minWaitMs, this.commitShare * this.commitMs);
  }

  /** Runs one write (or an atomic group of them) inside the open batch, opening one first. */
  write<T>(fn: () => T): T {
    if (this.depth === 0 && this.batch && this.now() - this.batch.openedAt >= this.maxWaitMs) {
      try {
        this.commit();
      } catch {
        // That batch's writers are told through `durable()`; this write goes into the next one.
      }
    }
    const batch = this.open();
    this.depth++;
    try {
      return fn();
    } catch (error) {
      // After SQLITE_FULL, SQLITE_IOERR and the like SQLite may roll back the whole transaction on its own:
      // then every write of the batch is gone, and its writers must hear so now.
      if (this.batch === batch && !this.tx.inTransaction()) this.fail(batch, error);
      throw error;
    } finally {
      this.depth--;
    }
  }

  /**
   * Resolves once every write made so far is committed (at once if none is waiting); rejects with
   * `NotSavedError` if their batch was rolled back instead.
   */
  durable(): Promise<void> {
    if (this.batch) {
      this.batch.awaited = true;
      return this.batch.promise;
    }
    if (this.unsynced) return this.sync();
    return this.syncing ?? Promise.resolve();
  }

  /**
   * Resolves once every write made so far is committed, without waiting for its sync (at once if none is waiting):
   * when the open batch is cut, so that the drill turns of one event-loop turn share a commit. The batch is synced
   * only if someone called `durable()` while it was open (a drill turn that is to be acknowledged). After a process
   * crash a committed batch is there (SQLite's WAL is in the operating system's hands at COMMIT); only a power cut
   * before the next sync can take it back. Rejects with `NotSavedError` when the commit fails, as `durable()` would.
   */
  committed(): Promise<void> {
    return this.batch?.committed ?? Promise.resolve();
  }

  /** Commits the open batch now. If that fails it is rolled back, its writers are told, and this throws. */
  commit(): void {
    const batch = this.batch;
    if (!batch) return;
    if (this.depth > 0) throw new Error('cannot commit in the middle of a write');
    this.batch = undefined;
    try {
      if (!this.tx.inTransaction()) throw new Error('the database rolled the transaction back');
      const started = this.now();
      this.tx.commit();
      const took = this.now() - started;
      this.commitMs = this.commits === 0 ? took : 0.8 * this.commitMs + 0.2 * took;
      this.commits++;
    } catch (error) {
      throw this.fail(batch, error);
    }
    batch.settle();
    if (!this.tx.sync) return batch.resolve();
    if (!batch.awaited) {
      // Nobody waits for it to survive a power cut (a turn only the drill clock made, derived data): no fsync
      // now. Whoever asks `durable()` next gets one, and it covers this commit too.
      this.unsynced = true;
      return batch.resolve();
    }
    // Committed, and durable once synced: the event loop goes on meanwhile (fan-out, timers, other drills' turns).
    this.sync().then(() => batch.resolve(), (error: unknown) => batch.reject(error as NotSavedError));
  }

  /** Syncs every commit so far (`tx.sync`); `durable()` waits for the last one started. */
  private sync(): Promise<void> {
    this.unsynced = false;
    const synced = this.tx.sync!().catch((error: unknown) => {
      throw new NotSavedError(error);
    });
    synced.catch(() => undefined); // told through the promise returned; never an unhandled rejection here
    this.syncing = synced;
    void synced.then(noop, noop).then(() => {
      if (this.syncing === synced) this.syncing = undefined;
    });
    return synced;
  }

  private open(): OpenBatch {
    if (this.batch) return this.batch;
    this.tx.begin();
    let resolve!: () => void;
    let reject!: (error: NotSavedError) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Writers await this promise; a batch nobody awaits must not become an unhandled rejection.
    promise.catch(() => undefined);
    let settle!: (error?: NotSavedError) => void;
    const committed = new Promise<void>((res, rej) => {
      settle = (error) => (error ? rej(error) : res());
    });
    committed.catch(() => undefined);
    this.batch = { promise, resolve, reject, openedAt: this.now(), committed, settle };
    if (!this.scheduled) {
      this.scheduled = true;
      this.defer(() => {
        this.scheduled = false;
        try {
          this.commit();
        } catch {
          // The batch's writers were told through `durable()`.
        }
      });
    }
    return this.batch;
  }

  /** Rolls `batch` back and refuses it to everyone waiting on it (its commit and its sync); returns why. */
  private fail(batch: OpenBatch, error: unknown): NotSavedError {
    if (this.batch === batch) this.batch = undefined;
    this.rollbackQuietly();
    const failure = new NotSavedError(error);
    batch.reject(failure);
    batch.settle(failure);
    return failure;
  }

  private rollbackQuietly(): void {
    try {
      if (this.tx.inTransaction()) this.tx.rollback();
    } catch {
      // Nothing more to undo: the connection has no transaction left, or is closed.
    }
  }
}

const noop = (): void => undefined;
