import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { DrillEvent } from '../../shared/drill/events';
import type { RunSummary } from '../../shared/runs/summary';
import { GroupCommit, type GroupCommitOptions } from './group-commit';
import { WalCheckpointer } from './wal-checkpointer';
import { openSqliteReader, openSqliteWriter, SqliteReads } from './sqlite-reads';
import { seqRefusal, type DrillPatch, type DrillRecord, type OutboundRecord, type ParticipantPatch, type ParticipantRecord, type Store, type StoredSnapshot } from './store';
import { LAST_SEQ_SQL, sqliteWrites, type SqlWrite } from './sqlite-writes';

const noop = () => undefined;

/**
 * The embedded default store: one SQLite file in WAL mode.
 *
 * The WAL is fsynced before the server acknowledges anything a commit holds, so an acknowledged action survives
 * a power cut, not only a process crash: as with `synchronous = FULL`, but the fsync runs in libuv's thread pool
 * after COMMIT (`syncWal`) instead of inside it, so the event loop (other drills' timers and broadcasts) never
 * waits for the disk. Writes are grouped (`GroupCommit`): those of one event-loop turn are one transaction. A drill
 * turn is broadcast once that transaction is committed (`committed`); its acknowledgement waits for the fsync
 * (`durable`), which one fsync at a time serves for every commit made before it started. A commit nobody waits on
 * (turns only the drill clock made) asks for no fsync of its own: the next one covers it.
 *
 * Two connections: `db` writes (and holds the open batch); reads go through a read-only connection, which in WAL
 * mode sees only committed transactions, so no read answers with something a process crash could take back (a
 * commit whose fsync is still running can be read for those few milliseconds; only a power cut could lose it).
 * (A `:memory:` database has one connection: its reads see the open batch.)
 */
export class SqliteStore extends SqliteReads implements Store {
  readonly engine = 'sqlite' as const;
  readonly db: Db;
  /** Prepared write statements by their SQL, made once. */
  private readonly statements = new Map<string, Statement>();
  private readonly lastSeq: Statement;
  private readonly tx: Record<'begin' | 'commit' | 'rollback', Statement>;
  private readonly batches: GroupCommit;
  private readonly walFile: string;
  /** The WAL, opened for fsync once the first batch is committed. */
  private walFd?: number;
  /** The fsync running, and the one queued behind it (every commit made before it starts shares it). */
  private syncRunning?: Promise<void>;
  private syncQueued?: Promise<void>;
  /** Runs a function as one atomic unit (a savepoint inside the open batch); made once, not per call. */
  private readonly unit: (fn: () => unknown) => unknown;
  /** Checkpoints the WAL on a worker thread instead of inside a COMMIT (none for `:memory:`). */
  private readonly checkpointer?: WalCheckpointer;

  /**
   * `batching`: when batches are committed (tests; the defaults are the server's). `checkpointThread`: checkpoint the
   * WAL on a worker thread instead of inside commits (the server; a short-lived command keeps SQLite's own).
   */
  constructor(file: string, batching: GroupCommitOptions = {}, { checkpointThread = false }: { checkpointThread?: boolean } = {}) {
    const db = openSqliteWriter(file);
    super(file === ':memory:' ? db : openSqliteReader(file));
    this.db = db;
    const p = (sql: string) => this.db.prepare(sql);
    this.lastSeq = p(LAST_SEQ_SQL);
    this.tx = { begin: p('BEGIN IMMEDIATE'), commit: p('COMMIT'), rollback: p('ROLLBACK') };
    this.unit = this.db.transaction((fn: () => unknown) => fn());
    this.batches = new GroupCommit({
      begin: () => this.beginBatch(),
      commit: () => this.commitBatch(),
      rollback: () => this.rollbackBatch(),
      inTransaction: () => this.db.inTransaction,
      ...(file === ':memory:' ? {} : { sync: () => this.syncWal() }),
    }, batching);
    this.walFile = `${file}-wal`;
    if (checkpointThread && file !== ':memory:') {
      // SQLite's automatic checkpoint would run inside a COMMIT, on the event loop; the worker does it instead.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(file, (error) => {
        this.db.pragma('wal_autocheckpoint = 1000');
        console.error(`SQLite: the WAL checkpoint thread failed (${error.message}); checkpoints run inside commits again`);
      });
    }
  }

  /** Commits so far (one per batch). */
  get committedBatches(): number {
    return this.batches.commits;
  }

  createDrill(d: DrillRecord): void {
    this.run(sqliteWrites.createDrill(d));
  }

  putRunSummary(summary: RunSummary): void {
    this.run(sqliteWrites.putRunSummary(summary));
  }

  putSnapshot(drillId: string, snapshot: StoredSnapshot): void {
    this.run(sqliteWrites.putSnapshot(drillId, snapshot));
  }

  updateDrill(id: string, patch: DrillPatch): void {
    this.run(sqliteWrites.updateDrill(id, patch));
  }

  appendEvent(drillId: string, event: DrillEvent): void {
    this.run(sqliteWrites.appendEvent(drillId, event));
  }

  addParticipant(p: ParticipantRecord): void {
    this.run(sqliteWrites.addParticipant(p));
  }

  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): void {
    this.run(sqliteWrites.updateParticipant(drillId, id, patch));
  }

  setOutbound(drillId: string, record: OutboundRecord | undefined): void {
    this.run(sqliteWrites.setOutbound(drillId, record));
  }

  /** Runs one write in the open batch, at once: a refused one throws here. */
  private run(write: SqlWrite | undefined): void {
    if (!write) return;
    this.batches.write(() => {
      if (write.append) {
        const { drillId, seq } = write.append;
        const { seq: last } = this.lastSeq.get(drillId) as { seq: number | null };
        const expected = (last ?? 0) + 1;
        if (seq !== expected) throw new Error(seqRefusal(drillId, seq, expected));
      }
      let statement = this.statements.get(write.sql);
      if (!statement) this.statements.set(write.sql, (statement = this.db.prepare(write.sql)));
      const result = statement.run(write.params);
      if (write.expectRow && result.changes === 0) throw new Error(write.expectRow);
    });
  }

  /** Inside the open batch: a savepoint (better-sqlite3 nests `db.transaction` that way). */
  transaction<T>(fn: () => T): T {
    return this.batches.write(() => this.unit(fn) as T);
  }

  /** Every write runs at once in the open transaction, so a refused one throws at the write: `drillId` adds nothing. */
  durable(_drillId?: string): Promise<void> {
    return this.batches.durable();
  }

  /** Resolves once the open batch is committed, before the WAL's fsync (`GroupCommit.committed`). */
  committed(_drillId?: string): Promise<void> {
    return this.batches.committed();
  }

  async commit(_drillId?: string): Promise<void> {
    this.batches.commit();
    await this.batches.durable();
  }

  /** One node owns every drill of a SQLite file: nothing to fence. */
  fence(_drillId: string, _token: number | undefined): void {}

  async close(): Promise<void> {
    // What is open is committed at once; the checkpoint thread's connection is closed before the last one.
    if (this.db.open) this.batches.commit();
    if (this.checkpointer) await this.checkpointer.close();
    this.closeNow();
  }

  /** Commits what is open and closes, at once (the CLI's commands, which never wait on anything else). */
  closeNow(): void {
    if (!this.db.open) return;
    this.checkpointer?.terminate();
    try {
      this.batches.commit();
    } finally {
      if (this.reader !== this.db) this.reader.close();
      // The last connection checkpoints the WAL into the database, synced, and removes it.
      this.db.close();
      if (this.walFd !== undefined) closeSync(this.walFd);
      this.walFd = undefined;
    }
  }

  /**
   * Makes every commit so far durable: an fsync of the WAL file in libuv's thread pool (what `synchronous = FULL`
   * does inside COMMIT, blocking the event loop for the length of the fsync). The WAL holds every committed frame
   * until a checkpoint, and SQLite syncs the WAL before checkpointing, so after this resolves the commit survives
   * a power cut. One fsync runs at a time; commits made meanwhile share the next one.
   */
  private syncWal(): Promise<void> {
    if (this.syncQueued) return this.syncQueued;
    if (!this.syncRunning) return (this.syncRunning = this.fsyncOnce());
    const queued = this.syncRunning.then(noop, noop).then(() => {
      this.syncQueued = undefined;
      return (this.syncRunning = this.fsyncOnce());
    });
    this.syncQueued = queued;
    return queued;
  }

  /** One fdatasync of the WAL; protected so that tests can hold it. */
  protected fsyncOnce(): Promise<void> {
    const done: Promise<void> = new Promise<void>((resolve, reject) => {
      if (!this.db.open) return resolve(); // closing checkpointed and synced the database
      this.walFd ??= openSync(this.walFile, 'r');
      // fdatasync, as SQLite itself syncs on Linux: the data and the size needed to read it back, not the mtime.
      fdatasync(this.walFd, (error) => (error && this.db.open ? reject(error) : resolve()));
    }).finally(() => {
      if (this.syncRunning === done) this.syncRunning = undefined;
    });
    return done;
  }

  /** The batch's transaction statements; protected so that tests can make a commit fail. */
  protected beginBatch(): void {
    this.tx.begin.run();
  }
  protected commitBatch(): void {
    this.tx.commit.run();
    this.checkpointer?.committed();
  }
  protected rollbackBatch(): void {
    this.tx.rollback.run();
  }
}
