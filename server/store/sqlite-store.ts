import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import type { DrillEvent } from '../../shared/drill/events';
import { GroupCommit, type GroupCommitOptions } from './group-commit';
import { WalCheckpointer } from './wal-checkpointer';
import { migrate } from './migrations';
import type { RunCursor } from '../../shared/runs/runs-page';
import type { RunSummary } from '../../shared/runs/summary';
import type { DrillPatch, DrillRecord, EndedRun, FinishedDrill, OutboundRecord, ParticipantPatch, ParticipantRecord, Store, StoredSnapshot } from './store';
import { drillFromRow as fromRow, drillPatchColumns, participantFromRow, type DrillRow, type OutboundRow, type ParticipantRow } from './rows';

const noop = () => undefined;

/**
 * The embedded default store: one SQLite file in WAL mode.
 *
 * Every commit is fsynced to the WAL before the server acknowledges what it holds, so an acknowledged action
 * survives a power cut, not only a process crash: as with `synchronous = FULL`, but the fsync runs in libuv's
 * thread pool after COMMIT (`syncWal`) instead of inside it, so the event loop (other drills' timers and
 * broadcasts) never waits for the disk; writers hear of their batch only once it is synced.
 * Commits are grouped (`GroupCommit`): the writes of one event-loop turn, across every drill, are one
 * transaction and one fsync (a long turn is cut every few milliseconds), so the fsyncs a second no longer grow
 * with the number of drills and events.
 *
 * Two connections: `db` writes (and holds the open batch); reads go through a read-only connection, which in WAL
 * mode sees only committed transactions, so no read answers with something a process crash could take back (a
 * commit whose fsync is still running can be read for those few milliseconds; only a power cut could lose it).
 * (A `:memory:` database has one connection: its reads see the open batch.)
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  readonly db: Db;
  /** The read connection (`db` itself for `:memory:`). */
  private readonly reader: Db;
  private readonly q: Record<string, Statement>;
  private readonly tx: Record<'begin' | 'commit' | 'rollback', Statement>;
  private readonly batches: GroupCommit;
  private readonly walFile: string;
  /** The WAL, opened for fsync once the first batch is committed. */
  private walFd?: number;
  /** The fsync running, and the one queued behind it (every commit made before it starts shares it). */
  private syncRunning?: Promise<void>;
  private syncQueued?: Promise<void>;
  /** `UPDATE drills` statements by the columns they set (a clock checkpoint, a status change…), prepared once. */
  private readonly updates = new Map<string, Statement>();
  /** Runs a function as one atomic unit (a savepoint inside the open batch); made once, not per call. */
  private readonly unit: (fn: () => unknown) => unknown;
  /** Checkpoints the WAL on a worker thread instead of inside a COMMIT (none for `:memory:`). */
  private readonly checkpointer?: WalCheckpointer;

  /**
   * `batching`: when batches are committed (tests; the defaults are the server's). `checkpointThread`: checkpoint the
   * WAL on a worker thread instead of inside commits (the server; a short-lived command keeps SQLite's own).
   */
  constructor(file: string, batching: GroupCommitOptions = {}, { checkpointThread = false }: { checkpointThread?: boolean } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: SQLite does not fsync at commit; `syncWal` does, in the thread pool, before any writer is told.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.reader = file === ':memory:' ? this.db : new Database(file, { readonly: true, fileMustExist: true });
    if (this.reader !== this.db) this.reader.pragma('busy_timeout = 5000');
    const p = (sql: string) => this.db.prepare(sql);
    const r = (sql: string) => this.reader.prepare(sql);
    this.q = {
      insertDrill: p(`INSERT INTO drills (id, scenario_id, scenario_json, title, join_code, facilitator_key_hash,
        observer_key_hash, created_at, started_at, ended_at, status, clock_t, clock_wall, clock_speed, engine_version,
        retired_json, forked_from)
        VALUES (@id, @scenario_id, @scenario_json, @title, @join_code, @facilitator_key_hash, @observer_key_hash,
        @created_at, @started_at, @ended_at, @status, @clock_t, @clock_wall, @clock_speed, @engine_version,
        @retired_json, @forked_from)`),
      getDrill: r('SELECT * FROM drills WHERE id = ?'),
      byJoinCode: r(`SELECT * FROM drills WHERE join_code = ? AND status <> 'ended' AND retired_json IS NULL`),
      live: r(`SELECT * FROM drills WHERE status <> 'ended' AND retired_json IS NULL ORDER BY created_at`),
      liveCount: r(`SELECT COUNT(*) AS n FROM drills WHERE status <> 'ended' AND retired_json IS NULL`),
      all: r('SELECT * FROM drills ORDER BY created_at DESC'),
      finished: r(`SELECT * FROM drills WHERE scenario_id = ? AND status = 'ended' ORDER BY ended_at, created_at`),
      runs: r(`SELECT d.*, s.summary_json FROM drills d LEFT JOIN run_summaries s ON s.drill_id = d.id
        WHERE d.scenario_id = @scenario AND d.status = 'ended'
          AND (@before_at IS NULL OR COALESCE(d.ended_at, d.created_at) < @before_at OR (COALESCE(d.ended_at, d.created_at) = @before_at AND d.id < @before_id))
        ORDER BY COALESCE(d.ended_at, d.created_at) DESC, d.id DESC LIMIT @limit`),
      runsCount: r(`SELECT COUNT(*) AS n FROM drills WHERE scenario_id = ? AND status = 'ended'`),
      putSummary: p(`INSERT INTO run_summaries (drill_id, seq, summary_json) VALUES (?, ?, ?)
        ON CONFLICT (drill_id) DO UPDATE SET seq = excluded.seq, summary_json = excluded.summary_json WHERE excluded.seq >= run_summaries.seq`),
      putSnapshot: p(`INSERT INTO drill_snapshots (drill_id, seq, engine_version, taken_at, snapshot_json) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (drill_id) DO UPDATE SET seq = excluded.seq, engine_version = excluded.engine_version, taken_at = excluded.taken_at,
        snapshot_json = excluded.snapshot_json WHERE excluded.seq >= drill_snapshots.seq`),
      snapshot: r('SELECT seq, engine_version, taken_at, snapshot_json FROM drill_snapshots WHERE drill_id = ?'),
      // On the write connection: the next seq counts the events of the open batch.
      lastSeq: p('SELECT MAX(seq) AS seq FROM events WHERE drill_id = ?'),
      insertEvent: p('INSERT INTO events (drill_id, seq, t, json) VALUES (?, ?, ?, ?)'),
      events: r('SELECT json FROM events WHERE drill_id = ? AND seq > ? ORDER BY seq'),
      insertParticipant: p('INSERT INTO participants (drill_id, id, name, token_hash, joined_at) VALUES (?, ?, ?, ?, ?)'),
      byToken: r('SELECT * FROM participants WHERE drill_id = ? AND token_hash = ?'),
      participant: r('SELECT * FROM participants WHERE drill_id = ? AND id = ?'),
      participants: r('SELECT * FROM participants WHERE drill_id = ? ORDER BY joined_at, rowid'),
      latestByJoinCode: r('SELECT * FROM drills WHERE join_code = ? ORDER BY created_at DESC LIMIT 1'),
      getOutbound: r('SELECT * FROM outbound_hooks WHERE drill_id = ?'),
      upsertOutbound: p(`INSERT INTO outbound_hooks (drill_id, url_sealed, secret_sealed, url_hint, format, channels_json, updated_at)
        VALUES (@drill_id, @url_sealed, @secret_sealed, @url_hint, @format, @channels_json, @updated_at)
        ON CONFLICT (drill_id) DO UPDATE SET url_sealed = excluded.url_sealed, secret_sealed = excluded.secret_sealed,
        url_hint = excluded.url_hint, format = excluded.format, channels_json = excluded.channels_json, updated_at = excluded.updated_at`),
      deleteOutbound: p('DELETE FROM outbound_hooks WHERE drill_id = ?'),
    };
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
    this.batches.write(() => this.q.insertDrill.run({
      id: d.id, scenario_id: d.scenarioId, scenario_json: JSON.stringify(d.scenario), title: d.title,
      join_code: d.joinCode, facilitator_key_hash: d.facilitatorKeyHash, observer_key_hash: d.observerKeyHash,
      created_at: d.createdAt, started_at: d.startedAt ?? null, ended_at: d.endedAt ?? null, status: d.status,
      clock_t: d.clock.t, clock_wall: d.clock.wall, clock_speed: d.clock.speed, engine_version: d.engineVersion,
      retired_json: d.retired ? JSON.stringify(d.retired) : null, forked_from: d.forkedFrom ?? null,
    }));
  }

  async getDrill(id: string): Promise<DrillRecord | undefined> {
    const row = this.q.getDrill.get(id) as DrillRow | undefined;
    return row && fromRow(row);
  }

  async findLiveDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    const row = this.q.byJoinCode.get(joinCode) as DrillRow | undefined;
    return row && fromRow(row);
  }

  async listLiveDrills(): Promise<DrillRecord[]> {
    return (this.q.live.all() as DrillRow[]).map(fromRow);
  }

  async countLiveDrills(): Promise<number> {
    return (this.q.liveCount.get() as { n: number }).n;
  }

  async listDrills(): Promise<DrillRecord[]> {
    return (this.q.all.all() as DrillRow[]).map(fromRow);
  }

  async listFinishedDrills(scenarioId: string): Promise<FinishedDrill[]> {
    return (this.q.finished.all(scenarioId) as DrillRow[]).map((row) => ({ drill: fromRow(row), events: this.readEvents(row.id) }));
  }

  async listEndedRuns(scenarioId: string, page: { limit: number; before?: RunCursor }): Promise<EndedRun[]> {
    const rows = this.q.runs.all({ scenario: scenarioId, before_at: page.before?.endedAt ?? null, before_id: page.before?.id ?? '', limit: page.limit }) as (DrillRow & { summary_json: string | null })[];
    return rows.map((row) => ({ drill: fromRow(row), summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as RunSummary) }));
  }

  async countEndedRuns(scenarioId: string): Promise<number> {
    return (this.q.runsCount.get(scenarioId) as { n: number }).n;
  }

  putRunSummary(summary: RunSummary): void {
    this.batches.write(() => this.q.putSummary.run(summary.drillId, summary.seq, JSON.stringify(summary)));
  }

  putSnapshot(drillId: string, snapshot: StoredSnapshot): void {
    this.batches.write(() => this.q.putSnapshot.run(drillId, snapshot.seq, snapshot.engineVersion, snapshot.takenAt, snapshot.json));
  }

  async snapshot(drillId: string): Promise<StoredSnapshot | undefined> {
    const row = this.q.snapshot.get(drillId) as { seq: number; engine_version: number; taken_at: number; snapshot_json: string } | undefined;
    return row && { seq: row.seq, engineVersion: row.engine_version, takenAt: row.taken_at, json: row.snapshot_json };
  }

  updateDrill(id: string, patch: DrillPatch): void {
    const sets: string[] = [];
    const values: Record<string, unknown> = { id };
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = @${column}`);
      values[column] = value;
    };
    for (const [column, value] of drillPatchColumns(patch)) set(column, value);
    if (!sets.length) return;
    const sql = `UPDATE drills SET ${sets.join(', ')} WHERE id = @id`;
    let statement = this.updates.get(sql);
    if (!statement) this.updates.set(sql, (statement = this.db.prepare(sql)));
    const prepared = statement;
    const result = this.batches.write(() => prepared.run(values));
    if (result.changes === 0) throw new Error(`drill ${id} does not exist`);
  }

  appendEvent(drillId: string, event: DrillEvent): void {
    this.batches.write(() => {
      const { seq: last } = this.q.lastSeq.get(drillId) as { seq: number | null };
      const expected = (last ?? 0) + 1;
      if (event.seq !== expected) throw new Error(`event seq ${event.seq} is not the next one (${expected}) in drill ${drillId}`);
      this.q.insertEvent.run(drillId, event.seq, event.t, JSON.stringify(event));
    });
  }

  async events(drillId: string, afterSeq = 0): Promise<DrillEvent[]> {
    return this.readEvents(drillId, afterSeq);
  }

  private readEvents(drillId: string, afterSeq = 0): DrillEvent[] {
    return (this.q.events.all(drillId, afterSeq) as { json: string }[]).map((r) => JSON.parse(r.json) as DrillEvent);
  }

  addParticipant(p: ParticipantRecord): void {
    this.batches.write(() => this.q.insertParticipant.run(p.drillId, p.id, p.name, p.tokenHash, p.joinedAt));
  }

  async findParticipantByToken(drillId: string, tokenHash: string): Promise<ParticipantRecord | undefined> {
    const row = this.q.byToken.get(drillId, tokenHash) as ParticipantRow | undefined;
    return row && participantFromRow(row);
  }

  async participant(drillId: string, id: string): Promise<ParticipantRecord | undefined> {
    const row = this.q.participant.get(drillId, id) as ParticipantRow | undefined;
    return row && participantFromRow(row);
  }

  async participants(drillId: string): Promise<ParticipantRecord[]> {
    return (this.q.participants.all(drillId) as ParticipantRow[]).map(participantFromRow);
  }

  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): void {
    const sets: string[] = [];
    const values: Record<string, unknown> = { drill_id: drillId, id };
    if (patch.name !== undefined) { sets.push('name = @name'); values.name = patch.name; }
    if (patch.removed !== undefined) { sets.push('removed = @removed'); values.removed = patch.removed ? 1 : 0; }
    if (patch.mergedInto !== undefined) { sets.push('merged_into = @merged_into'); values.merged_into = patch.mergedInto; }
    if (!sets.length) return;
    const result = this.batches.write(() => this.db.prepare(`UPDATE participants SET ${sets.join(', ')} WHERE drill_id = @drill_id AND id = @id`).run(values));
    if (result.changes === 0) throw new Error(`participant ${id} of drill ${drillId} does not exist`);
  }

  async findLatestDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    const row = this.q.latestByJoinCode.get(joinCode) as DrillRow | undefined;
    return row && fromRow(row);
  }

  async getOutbound(drillId: string): Promise<OutboundRecord | undefined> {
    const r = this.q.getOutbound.get(drillId) as OutboundRow | undefined;
    return r && {
      drillId: r.drill_id, urlSealed: r.url_sealed, secretSealed: r.secret_sealed, urlHint: r.url_hint, format: r.format,
      channels: JSON.parse(r.channels_json) as string[], updatedAt: r.updated_at,
    };
  }

  setOutbound(drillId: string, record: OutboundRecord | undefined): void {
    this.batches.write(() => {
      if (!record) return this.q.deleteOutbound.run(drillId);
      return this.q.upsertOutbound.run({
        drill_id: drillId, url_sealed: record.urlSealed, secret_sealed: record.secretSealed, url_hint: record.urlHint,
        format: record.format, channels_json: JSON.stringify(record.channels), updated_at: record.updatedAt,
      });
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

  private fsyncOnce(): Promise<void> {
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
