import pg from 'pg';
import type { DrillEvent } from '../../shared/drill/events';
import type { RunCursor } from '../../shared/runs/runs-page';
import type { RunSummary } from '../../shared/runs/summary';
import { commitBatch, type Batch, type Op } from './pg-batch';
import { checkAppend, WriteQueue, type Refusals } from './write-queue';
import { migratePg } from './pg-migrations';
import { FencedError, type DrillPatch, type DrillRecord, type EndedRun, type FinishedDrill, type OutboundRecord, type ParticipantPatch, type ParticipantRecord, type Store, type StoredSnapshot } from './store';
import { drillFromRow as fromRow, drillPatchColumns, participantFromRow, type DrillRow, type OutboundRow, type ParticipantRow } from './rows';

/** BIGINT (int8) as a JavaScript number: every value here (milliseconds, tokens) is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgStoreOptions {
  /** Connections for reads (writes have one of their own). Default 8. */
  poolSize?: number;
  /**
   * Fenced mode (a server node): every drill write needs the fencing token of the node's lease (`fence`), and a
   * drill created here gets its lease row, held by `holder` for `leaseMs`, in the same transaction; a transaction
   * left idle for `leaseMs` is ended by PostgreSQL. Without it (the CLI) writes are not fenced.
   */
  lease?: { holder: string; leaseMs: number };
}

/**
 * The store for several nodes: PostgreSQL, through `pg`. Same contract and guarantees as SQLite (see `Store`):
 * writes are group-committed per event-loop turn (server/store/pg-batch.ts), so the drill core's synchronous
 * journal buffers its events in memory and the turn is acknowledged only once the transaction holding them is
 * committed (`synchronous_commit` on: flushed to PostgreSQL's WAL). Reads go through a pool and see committed
 * data only. In fenced mode every drill write checks the drill's lease (docs/operations.md, "Several nodes").
 */
export class PgStore implements Store {
  readonly engine = 'postgres' as const;
  private readonly queue = new WriteQueue<Op>((batch) => this.run(batch));
  private writer?: pg.Client;
  private readonly fences = new Map<string, number>();

  private constructor(readonly pool: pg.Pool, private readonly url: string, private readonly options: PgStoreOptions) {}

  /** Commits so far. */
  get committedBatches(): number {
    return this.queue.commits;
  }

  /** Connects, brings the schema up to date (once, whatever the number of nodes starting) and returns the store. */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({ ...connectionConfig(url, options), max: options.poolSize ?? 8 });
    // An idle client losing its connection (the database restarted) must not crash the process.
    pool.on('error', () => undefined);
    try {
      await migratePg(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PgStore(pool, url, options);
  }

  fence(drillId: string, token: number | undefined): void {
    if (token === undefined) this.fences.delete(drillId);
    else this.fences.set(drillId, token);
  }

  createDrill(d: DrillRecord): void {
    this.write([d.id], (ops) => {
      ops.push({
        kind: 'sql', drillId: d.id,
        text: `INSERT INTO drills (id, scenario_id, scenario_json, title, join_code, facilitator_key_hash, observer_key_hash,
          created_at, started_at, ended_at, status, clock_t, clock_wall, clock_speed, engine_version, retired_json, forked_from)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        values: [d.id, d.scenarioId, JSON.stringify(d.scenario), d.title, d.joinCode, d.facilitatorKeyHash, d.observerKeyHash, d.createdAt,
          d.startedAt ?? null, d.endedAt ?? null, d.status, d.clock.t, d.clock.wall, d.clock.speed, d.engineVersion,
          d.retired ? JSON.stringify(d.retired) : null, d.forkedFrom ?? null],
      });
      const lease = this.options.lease;
      if (lease) {
        // The node that creates a drill owns it: the lease row comes with the drill, token 1.
        ops.push({
          kind: 'sql', drillId: d.id,
          text: `INSERT INTO drill_leases (drill_id, holder, token, expires_at) VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')`,
          values: [d.id, lease.holder, lease.leaseMs],
        });
        this.fences.set(d.id, 1);
      }
    }, d.id);
  }

  updateDrill(id: string, patch: DrillPatch): void {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    for (const [column, value] of drillPatchColumns(patch)) set(column, value);
    if (!sets.length) return;
    this.write([id], (ops) => ops.push({ kind: 'sql', drillId: id, text: `UPDATE drills SET ${sets.join(', ')} WHERE id = $1`, values, expectRow: `drill ${id} does not exist` }));
  }

  appendEvent(drillId: string, event: DrillEvent): void {
    this.write([drillId], (ops, batch) => {
      checkAppend(batch, drillId, event);
      ops.push({ kind: 'event', drillId, event: structuredClone(event) });
    });
  }

  addParticipant(p: ParticipantRecord): void {
    this.write([p.drillId], (ops) => ops.push({
      kind: 'sql', drillId: p.drillId,
      text: 'INSERT INTO participants (drill_id, id, name, token_hash, joined_at, removed, merged_into) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      values: [p.drillId, p.id, p.name, p.tokenHash, p.joinedAt, p.removed ?? false, p.mergedInto ?? null],
    }));
  }

  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): void {
    const sets: string[] = [];
    const values: unknown[] = [drillId, id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.removed !== undefined) set('removed', patch.removed);
    if (patch.mergedInto !== undefined) set('merged_into', patch.mergedInto);
    if (!sets.length) return;
    this.write([drillId], (ops) => ops.push({
      kind: 'sql', drillId, text: `UPDATE participants SET ${sets.join(', ')} WHERE drill_id = $1 AND id = $2`, values,
      expectRow: `participant ${id} of drill ${drillId} does not exist`,
    }));
  }

  setOutbound(drillId: string, record: OutboundRecord | undefined): void {
    this.write([drillId], (ops) => ops.push(record
      ? {
          kind: 'sql', drillId,
          text: `INSERT INTO outbound_hooks (drill_id, url_sealed, secret_sealed, url_hint, format, channels_json, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (drill_id) DO UPDATE SET url_sealed = excluded.url_sealed, secret_sealed = excluded.secret_sealed,
            url_hint = excluded.url_hint, format = excluded.format, channels_json = excluded.channels_json, updated_at = excluded.updated_at`,
          values: [drillId, record.urlSealed, record.secretSealed, record.urlHint, record.format, JSON.stringify(record.channels), record.updatedAt],
        }
      : { kind: 'sql', drillId, text: 'DELETE FROM outbound_hooks WHERE drill_id = $1', values: [drillId] }));
  }

  transaction<T>(fn: () => T): T {
    return this.queue.transaction(fn);
  }

  /** A PostgreSQL commit is flushed to its WAL before it returns: the same as `durable`. */
  committed(drillId?: string): Promise<void> {
    return this.durable(drillId);
  }

  durable(drillId?: string): Promise<void> {
    return this.queue.durable(drillId);
  }

  commit(drillId?: string): Promise<void> {
    return this.queue.commit(drillId);
  }

  async close(): Promise<void> {
    if (this.queue.closed) return;
    try {
      await this.commit();
    } finally {
      this.queue.closed = true;
      await this.writer?.end().catch(() => undefined);
      await this.pool.end().catch(() => undefined);
    }
  }

  async getDrill(id: string): Promise<DrillRecord | undefined> {
    return this.one<DrillRow>('SELECT * FROM drills WHERE id = $1', [id]).then((r) => r && fromRow(r));
  }

  async findLiveDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    return this.one<DrillRow>(`SELECT * FROM drills WHERE join_code = $1 AND status <> 'ended' AND retired_json IS NULL`, [joinCode]).then((r) => r && fromRow(r));
  }

  async listLiveDrills(): Promise<DrillRecord[]> {
    return (await this.rows<DrillRow>(`SELECT * FROM drills WHERE status <> 'ended' AND retired_json IS NULL ORDER BY created_at`)).map(fromRow);
  }

  async countLiveDrills(): Promise<number> {
    const row = await this.one<{ n: number }>(`SELECT COUNT(*)::int AS n FROM drills WHERE status <> 'ended' AND retired_json IS NULL`);
    return row?.n ?? 0;
  }

  async listDrills(): Promise<DrillRecord[]> {
    return (await this.rows<DrillRow>('SELECT * FROM drills ORDER BY created_at DESC')).map(fromRow);
  }

  async listFinishedDrills(scenarioId: string): Promise<FinishedDrill[]> {
    const drills = (await this.rows<DrillRow>(`SELECT * FROM drills WHERE scenario_id = $1 AND status = 'ended' ORDER BY ended_at, created_at`, [scenarioId])).map(fromRow);
    if (!drills.length) return [];
    const events = await this.rows<{ drill_id: string; json: string }>('SELECT drill_id, json FROM events WHERE drill_id = ANY($1) ORDER BY drill_id, seq', [drills.map((d) => d.id)]);
    const logs = new Map<string, DrillEvent[]>(drills.map((d) => [d.id, []]));
    for (const row of events) logs.get(row.drill_id)?.push(JSON.parse(row.json) as DrillEvent);
    return drills.map((drill) => ({ drill, events: logs.get(drill.id) ?? [] }));
  }

  async listEndedRuns(scenarioId: string, page: { limit: number; before?: RunCursor }): Promise<EndedRun[]> {
    const rows = await this.rows<DrillRow & { summary_json: string | null }>(`SELECT d.*, s.summary_json FROM drills d LEFT JOIN run_summaries s ON s.drill_id = d.id
      WHERE d.scenario_id = $1 AND d.status = 'ended'
        AND ($2::bigint IS NULL OR COALESCE(d.ended_at, d.created_at) < $2::bigint OR (COALESCE(d.ended_at, d.created_at) = $2::bigint AND d.id < $3))
      ORDER BY COALESCE(d.ended_at, d.created_at) DESC, d.id DESC LIMIT $4`, [scenarioId, page.before?.endedAt ?? null, page.before?.id ?? '', page.limit]);
    return rows.map((row) => ({ drill: fromRow(row), summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as RunSummary) }));
  }

  async countEndedRuns(scenarioId: string): Promise<number> {
    const row = await this.one<{ n: number }>(`SELECT COUNT(*)::int AS n FROM drills WHERE scenario_id = $1 AND status = 'ended'`, [scenarioId]);
    return row?.n ?? 0;
  }

  /** Derived data: written by whichever node made it, outside every drill's fence. */
  putRunSummary(summary: RunSummary): void {
    this.write([], (ops) => ops.push({
      kind: 'sql',
      text: `INSERT INTO run_summaries (drill_id, seq, summary_json) VALUES ($1, $2, $3)
        ON CONFLICT (drill_id) DO UPDATE SET seq = excluded.seq, summary_json = excluded.summary_json WHERE excluded.seq >= run_summaries.seq`,
      values: [summary.drillId, summary.seq, JSON.stringify(summary)],
    }));
  }

  /** Derived data, like run summaries: written outside every drill's fence (it is checked against the log when read). */
  putSnapshot(drillId: string, snapshot: StoredSnapshot): void {
    this.write([], (ops) => ops.push({
      kind: 'sql',
      text: `INSERT INTO drill_snapshots (drill_id, seq, engine_version, taken_at, snapshot_json) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (drill_id) DO UPDATE SET seq = excluded.seq, engine_version = excluded.engine_version, taken_at = excluded.taken_at,
        snapshot_json = excluded.snapshot_json WHERE excluded.seq >= drill_snapshots.seq`,
      values: [drillId, snapshot.seq, snapshot.engineVersion, snapshot.takenAt, snapshot.json],
    }));
  }

  async snapshot(drillId: string): Promise<StoredSnapshot | undefined> {
    const row = await this.one<{ seq: number; engine_version: number; taken_at: string; snapshot_json: string }>(
      'SELECT seq, engine_version, taken_at, snapshot_json FROM drill_snapshots WHERE drill_id = $1', [drillId]);
    return row && { seq: row.seq, engineVersion: row.engine_version, takenAt: Number(row.taken_at), json: row.snapshot_json };
  }

  async events(drillId: string, afterSeq = 0): Promise<DrillEvent[]> {
    return (await this.rows<{ json: string }>('SELECT json FROM events WHERE drill_id = $1 AND seq > $2 ORDER BY seq', [drillId, afterSeq])).map((r) => JSON.parse(r.json) as DrillEvent);
  }

  async findParticipantByToken(drillId: string, tokenHash: string): Promise<ParticipantRecord | undefined> {
    return this.one<ParticipantRow>('SELECT * FROM participants WHERE drill_id = $1 AND token_hash = $2', [drillId, tokenHash]).then((r) => r && participantFromRow(r));
  }

  async participant(drillId: string, id: string): Promise<ParticipantRecord | undefined> {
    return this.one<ParticipantRow>('SELECT * FROM participants WHERE drill_id = $1 AND id = $2', [drillId, id]).then((r) => r && participantFromRow(r));
  }

  async participants(drillId: string): Promise<ParticipantRecord[]> {
    return (await this.rows<ParticipantRow>('SELECT * FROM participants WHERE drill_id = $1 ORDER BY joined_at, id', [drillId])).map(participantFromRow);
  }

  async findLatestDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    return this.one<DrillRow>('SELECT * FROM drills WHERE join_code = $1 ORDER BY created_at DESC LIMIT 1', [joinCode]).then((r) => r && fromRow(r));
  }

  async getOutbound(drillId: string): Promise<OutboundRecord | undefined> {
    const r = await this.one<OutboundRow>('SELECT * FROM outbound_hooks WHERE drill_id = $1', [drillId]);
    return r && {
      drillId: r.drill_id, urlSealed: r.url_sealed, secretSealed: r.secret_sealed, urlHint: r.url_hint, format: r.format,
      channels: JSON.parse(r.channels_json) as string[], updatedAt: r.updated_at,
    };
  }

  private async rows<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(text, values)).rows;
  }

  private async one<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R | undefined> {
    return (await this.rows<R>(text, values))[0];
  }

  /**
   * One write (a unit of its own, or part of the running `transaction`). In fenced mode a drill this node holds no
   * lease for is refused at once: it must not be written at all.
   */
  private write(drills: string[], add: (ops: Op[], batch: Batch) => void, creates?: string): void {
    if (this.options.lease && creates === undefined) {
      for (const id of drills) {
        if (!this.fences.has(id)) throw new FencedError(id, `this node does not own drill ${id} (no lease): it must not write it`);
      }
    }
    this.queue.write(drills, add, creates);
  }

  private async run(batch: Batch): Promise<Refusals> {
    try {
      const client = await this.connection();
      return await commitBatch(client, batch, { fences: this.options.lease ? this.fences : undefined });
    } catch (error) {
      // The connection (or the commit) failed: nothing of the batch is stored. A fresh connection for the next one.
      const writer = this.writer;
      this.writer = undefined;
      void writer?.end().catch(() => undefined);
      throw error;
    }
  }

  private async connection(): Promise<pg.Client> {
    if (this.writer) return this.writer;
    const client = new pg.Client(connectionConfig(this.url, this.options));
    client.on('error', () => {
      if (this.writer === client) this.writer = undefined;
    });
    await client.connect();
    this.writer = client;
    return client;
  }
}

/**
 * How every connection of the store connects, the pool's and the writer's. In fenced mode a commit holds a share
 * lock on the lease rows it checks, so a takeover waits for it; a node frozen in the middle of one (a long GC pause,
 * SIGSTOP, a VM migration) would hold that lock, and the takeover, until it woke. PostgreSQL ends a session that
 * has sat idle in its transaction for a lease, releasing the lock: by then the node's lease has run out anyway, and
 * nothing of that commit was acknowledged.
 */
function connectionConfig(url: string, options: PgStoreOptions): pg.ClientConfig {
  return { connectionString: url, types, ...(options.lease ? { idle_in_transaction_session_timeout: options.lease.leaseMs } : {}) };
}
