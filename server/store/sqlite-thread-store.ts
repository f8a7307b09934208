import { Worker } from 'node:worker_threads';
import type { DrillEvent } from '../../shared/drill/events';
import type { RunSummary } from '../../shared/runs/summary';
import { NotSavedError } from './group-commit';
import { openSqliteReader, openSqliteWriter, SqliteReads } from './sqlite-reads';
import { LAST_SEQ_SQL, sqliteWrites, type SqlWrite } from './sqlite-writes';
import type { DrillPatch, DrillRecord, OutboundRecord, ParticipantPatch, ParticipantRecord, Store, StoredSnapshot } from './store';
import { WalCheckpointer } from './wal-checkpointer';
import { checkAppend, WriteQueue, type Batch, type Refusals } from './write-queue';

type Reply =
  | { type: 'committed'; id: number; refusals: [string, string][] }
  | { type: 'failed'; id: number; message: string }
  | { type: 'closed' };

interface Waiting {
  resolve(refusals: Refusals): void;
  reject(error: NotSavedError): void;
}

/**
 * The server's SQLite store: the same file, tables and guarantees as `SqliteStore`, with every write made on a
 * thread of its own (server/store/sqlite-writer-worker.mjs) instead of the event loop.
 *
 * A drill turn's writes are buffered in memory (`WriteQueue`, as for PostgreSQL): at the end of the event-loop
 * turn, every drill's writes of that turn go to the writer thread as one batch, which it commits as one transaction,
 * fsynced inside COMMIT (`synchronous = FULL`); a batch's writers hear of it, and acknowledge or broadcast, only once
 * the thread says it is committed. While one batch commits, the next fills up. So the event loop never runs an
 * INSERT, a COMMIT or an fsync: other drills' timers, broadcasts and socket requests go on meanwhile, on the other
 * core. A refused write (a seq that is not the next one, a join code in use, a row that does not exist) leaves out
 * that drill's writes of the batch, and `durable(drillId)` rejects for it; a write the batch itself already makes
 * impossible (a gap in its own appends) is refused at once.
 *
 * Reads run on the event loop through a read-only connection, which sees committed transactions only. The WAL is
 * checkpointed by a second thread (`WalCheckpointer`). If the writer thread dies, the batch it held is failed
 * (`NotSavedError`: nothing of it was stored) and the next batch starts a new one.
 */
export class SqliteThreadStore extends SqliteReads implements Store {
  readonly engine = 'sqlite' as const;
  private readonly queue = new WriteQueue<SqlWrite>((batch) => this.send(batch));
  private writer?: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private readonly checkpointer: WalCheckpointer;
  /** Set once the WAL checkpoint thread failed: the writer checkpoints inside its commits (SQLite's own way). */
  private autocheckpoint = false;

  constructor(private readonly file: string) {
    if (file === ':memory:') throw new Error('the writer thread needs a database file; use SqliteStore for :memory:');
    // Created and migrated here, once; then the writer thread has the only write connection.
    openSqliteWriter(file, 'FULL').close();
    super(openSqliteReader(file));
    this.checkpointer = new WalCheckpointer(file, (error) => {
      this.autocheckpoint = true;
      this.writer?.postMessage({ type: 'autocheckpoint' });
      console.error(`SQLite: the WAL checkpoint thread failed (${error.message}); checkpoints run inside commits again`);
    });
  }

  /** Commits so far (one per batch). */
  get committedBatches(): number {
    return this.queue.commits;
  }

  createDrill(d: DrillRecord): void {
    this.write(d.id, sqliteWrites.createDrill(d), d.id);
  }

  updateDrill(id: string, patch: DrillPatch): void {
    this.write(id, sqliteWrites.updateDrill(id, patch));
  }

  appendEvent(drillId: string, event: DrillEvent): void {
    this.queue.write([drillId], (ops, batch) => {
      checkAppend(batch, drillId, event);
      ops.push(sqliteWrites.appendEvent(drillId, event));
    });
  }

  addParticipant(p: ParticipantRecord): void {
    this.write(p.drillId, sqliteWrites.addParticipant(p));
  }

  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): void {
    this.write(drillId, sqliteWrites.updateParticipant(drillId, id, patch));
  }

  setOutbound(drillId: string, record: OutboundRecord | undefined): void {
    this.write(drillId, sqliteWrites.setOutbound(drillId, record));
  }

  putRunSummary(summary: RunSummary): void {
    this.write(summary.drillId, sqliteWrites.putRunSummary(summary));
  }

  putSnapshot(drillId: string, snapshot: StoredSnapshot): void {
    this.write(drillId, sqliteWrites.putSnapshot(drillId, snapshot));
  }

  transaction<T>(fn: () => T): T {
    return this.queue.transaction(fn);
  }

  durable(drillId?: string): Promise<void> {
    return this.queue.durable(drillId);
  }

  commit(drillId?: string): Promise<void> {
    return this.queue.commit(drillId);
  }

  /** One node owns every drill of a SQLite file: nothing to fence. */
  fence(_drillId: string, _token: number | undefined): void {}

  /** Commits what is open, stops the checkpoint thread, then the writer thread (whose close checkpoints the WAL). */
  async close(): Promise<void> {
    if (this.queue.closed) return;
    try {
      await this.commit().catch(() => undefined);
    } finally {
      this.queue.closed = true;
      await this.checkpointer.close();
      this.reader.close();
      await this.stopWriter();
    }
  }

  private write(drillId: string, write: SqlWrite | undefined, creates?: string): void {
    if (write) this.queue.write([drillId], (ops) => ops.push(write), creates);
  }

  private send(batch: Batch<SqlWrite>): Promise<Refusals> {
    const id = this.nextId++;
    const units = batch.units.map((unit) => ({ drills: [...unit.drills], writes: unit.ops }));
    return new Promise<Refusals>((resolve, reject) => {
      const thread = this.thread();
      this.waiting.set(id, { resolve, reject });
      // A batch on its way keeps the process alive until it is committed; an idle thread does not.
      thread.ref();
      thread.postMessage({ type: 'batch', id, units });
    });
  }

  /** The writer thread, started on first use and again after it died. */
  protected thread(): Worker {
    if (this.writer) return this.writer;
    const worker = new Worker(new URL('./sqlite-writer-worker.mjs', import.meta.url), {
      workerData: { file: this.file, lastSeqSql: LAST_SEQ_SQL, checkpointThread: true },
    });
    worker.unref();
    if (this.autocheckpoint) worker.postMessage({ type: 'autocheckpoint' });
    worker.on('message', (reply: Reply) => this.replied(reply));
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) => this.died(worker, new Error(`the SQLite writer thread exited (code ${code})`)));
    this.writer = worker;
    return worker;
  }

  private replied(reply: Reply): void {
    if (reply.type === 'closed') return;
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (!this.waiting.size) this.writer?.unref();
    if (reply.type === 'failed') return waiting.reject(new NotSavedError(new Error(reply.message)));
    this.checkpointer.committed();
    waiting.resolve(new Map(reply.refusals.map(([drill, message]) => [drill, new NotSavedError(new Error(message))])));
  }

  /** Whatever the thread held is not stored (its transaction died with its connection); the next batch starts another. */
  private died(worker: Worker, error: Error): void {
    if (this.writer !== worker) return;
    this.writer = undefined;
    for (const [id, waiting] of this.waiting) {
      this.waiting.delete(id);
      waiting.reject(new NotSavedError(error));
    }
    if (!this.queue.closed) console.error(`SQLite: ${error.message}; the next write starts a new writer thread`);
  }

  /**
   * Asks the thread to close its connection (after the batch it may be running) and waits for it to exit. Never
   * `terminate()`: stopping a thread in the middle of a SQLite call brings the whole process down.
   */
  private async stopWriter(): Promise<void> {
    const worker = this.writer;
    if (!worker) return;
    this.writer = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage({ type: 'close' });
    await exited;
  }
}
