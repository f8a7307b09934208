import { Worker } from 'node:worker_threads';

/** Commits after which a checkpoint starts at once (each commit appends a few pages to the WAL). */
export const CHECKPOINT_COMMITS = 250;
/** Otherwise a checkpoint runs this often (wall ms) while anything was committed since the last one. */
export const CHECKPOINT_EVERY_MS = 1000;

interface CheckpointReply { ok: boolean; busy?: number; log?: number; checkpointed?: number; message?: string }

/**
 * Keeps a SQLite WAL from growing without stopping the event loop. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses `wal_autocheckpoint` pages: it copies the WAL into the database and fsyncs both, which held
 * the event loop (every drill's timers and broadcasts) for 10–35 ms a few times a minute under load. The writer
 * turns it off (`wal_autocheckpoint = 0`) and this runs the same checkpoint (PASSIVE: it never blocks the writer or
 * a reader) on a worker thread with its own connection, every `CHECKPOINT_EVERY_MS` while anything is committed, or
 * sooner after `CHECKPOINT_COMMITS` commits. One checkpoint runs at a time. If the worker fails, the writer's
 * automatic checkpoint is turned back on, so the WAL never grows without bound.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private running = false;
  private closed = false;
  private failed = false;
  private commits = 0;
  private readonly timer: NodeJS.Timeout;
  /** Checkpoints done so far (tests, diagnostics). */
  done = 0;

  constructor(file: string, private readonly fallback: (error: Error) => void) {
    this.worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), { workerData: { file } });
    this.worker.unref();
    this.worker.on('message', (reply: CheckpointReply) => {
      this.running = false;
      if (!reply.ok) return this.fail(new Error(reply.message ?? 'checkpoint failed'));
      this.done++;
    });
    this.worker.on('error', (error) => this.fail(error));
    this.timer = setInterval(() => {
      if (this.commits > 0) this.checkpoint();
    }, CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  /** A batch was committed: its pages are in the WAL until a checkpoint. */
  committed(): void {
    if (++this.commits >= CHECKPOINT_COMMITS) this.checkpoint();
  }

  /** Starts a checkpoint now unless one is running. */
  checkpoint(): void {
    if (this.running || this.closed || this.failed) return;
    this.running = true;
    this.commits = 0;
    this.worker.postMessage('checkpoint');
  }

  /** Stops the worker and closes its connection (before the writer's own close, which checkpoints what is left). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    if (this.failed) return;
    // Referenced while closing: an unreferenced worker and timer would let the process end in the middle.
    this.worker.ref();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
  }

  /** Stops at once without waiting (a synchronous close): the writer's own close checkpoints what is left. */
  terminate(): void {
    this.closed = true;
    clearInterval(this.timer);
    void this.worker.terminate();
  }

  private fail(error: Error): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    clearInterval(this.timer);
    this.running = false;
    this.fallback(error);
    void this.worker.terminate();
  }
}
