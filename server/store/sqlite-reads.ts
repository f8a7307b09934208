import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import type { DrillEvent } from '../../shared/drill/events';
import type { RunCursor } from '../../shared/runs/runs-page';
import type { RunSummary } from '../../shared/runs/summary';
import { migrate } from './migrations';
import { drillFromRow as fromRow, participantFromRow, type DrillRow, type OutboundRow, type ParticipantRow } from './rows';
import type { DrillRecord, EndedRun, FinishedDrill, OutboundRecord, ParticipantRecord, StoredSnapshot } from './store';

/**
 * Opens the SQLite store's write connection (creating the file and its folder) in WAL mode and brings the schema up
 * to date. `synchronous = NORMAL`: SQLite does not fsync inside COMMIT; the store fsyncs the WAL itself, off the event
 * loop, before any writer is told (`SqliteStore.syncWal`).
 */
export function openSqliteWriter(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** A read-only connection to a store's file (which must exist and be migrated). */
export function openSqliteReader(file: string): Db {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}

/**
 * Every read of the SQLite store, on one connection: a read-only connection of its own, which in WAL mode sees
 * committed transactions only, so no read answers with something a crash could take back (for `:memory:`, the write
 * connection itself).
 */
export abstract class SqliteReads {
  private readonly r: Record<string, Statement>;

  protected constructor(protected readonly reader: Db) {
    const r = (sql: string) => reader.prepare(sql);
    this.r = {
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
      snapshot: r('SELECT seq, engine_version, taken_at, snapshot_json FROM drill_snapshots WHERE drill_id = ?'),
      events: r('SELECT json FROM events WHERE drill_id = ? AND seq > ? ORDER BY seq'),
      byToken: r('SELECT * FROM participants WHERE drill_id = ? AND token_hash = ?'),
      participant: r('SELECT * FROM participants WHERE drill_id = ? AND id = ?'),
      participants: r('SELECT * FROM participants WHERE drill_id = ? ORDER BY joined_at, rowid'),
      latestByJoinCode: r('SELECT * FROM drills WHERE join_code = ? ORDER BY created_at DESC LIMIT 1'),
      getOutbound: r('SELECT * FROM outbound_hooks WHERE drill_id = ?'),
    };
  }

  async getDrill(id: string): Promise<DrillRecord | undefined> {
    const row = this.r.getDrill.get(id) as DrillRow | undefined;
    return row && fromRow(row);
  }

  async findLiveDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    const row = this.r.byJoinCode.get(joinCode) as DrillRow | undefined;
    return row && fromRow(row);
  }

  async listLiveDrills(): Promise<DrillRecord[]> {
    return (this.r.live.all() as DrillRow[]).map(fromRow);
  }

  async countLiveDrills(): Promise<number> {
    return (this.r.liveCount.get() as { n: number }).n;
  }

  async listDrills(): Promise<DrillRecord[]> {
    return (this.r.all.all() as DrillRow[]).map(fromRow);
  }

  async listFinishedDrills(scenarioId: string): Promise<FinishedDrill[]> {
    return (this.r.finished.all(scenarioId) as DrillRow[]).map((row) => ({ drill: fromRow(row), events: this.readEvents(row.id) }));
  }

  async listEndedRuns(scenarioId: string, page: { limit: number; before?: RunCursor }): Promise<EndedRun[]> {
    const rows = this.r.runs.all({ scenario: scenarioId, before_at: page.before?.endedAt ?? null, before_id: page.before?.id ?? '', limit: page.limit }) as (DrillRow & { summary_json: string | null })[];
    return rows.map((row) => ({ drill: fromRow(row), summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as RunSummary) }));
  }

  async countEndedRuns(scenarioId: string): Promise<number> {
    return (this.r.runsCount.get(scenarioId) as { n: number }).n;
  }

  async snapshot(drillId: string): Promise<StoredSnapshot | undefined> {
    const row = this.r.snapshot.get(drillId) as { seq: number; engine_version: number; taken_at: number; snapshot_json: string } | undefined;
    return row && { seq: row.seq, engineVersion: row.engine_version, takenAt: row.taken_at, json: row.snapshot_json };
  }

  async events(drillId: string, afterSeq = 0): Promise<DrillEvent[]> {
    return this.readEvents(drillId, afterSeq);
  }

  private readEvents(drillId: string, afterSeq = 0): DrillEvent[] {
    return (this.r.events.all(drillId, afterSeq) as { json: string }[]).map((r) => JSON.parse(r.json) as DrillEvent);
  }

  async findParticipantByToken(drillId: string, tokenHash: string): Promise<ParticipantRecord | undefined> {
    const row = this.r.byToken.get(drillId, tokenHash) as ParticipantRow | undefined;
    return row && participantFromRow(row);
  }

  async participant(drillId: string, id: string): Promise<ParticipantRecord | undefined> {
    const row = this.r.participant.get(drillId, id) as ParticipantRow | undefined;
    return row && participantFromRow(row);
  }

  async participants(drillId: string): Promise<ParticipantRecord[]> {
    return (this.r.participants.all(drillId) as ParticipantRow[]).map(participantFromRow);
  }

  async findLatestDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    const row = this.r.latestByJoinCode.get(joinCode) as DrillRow | undefined;
    return row && fromRow(row);
  }

  async getOutbound(drillId: string): Promise<OutboundRecord | undefined> {
    const r = this.r.getOutbound.get(drillId) as OutboundRow | undefined;
    return r && {
      drillId: r.drill_id, urlSealed: r.url_sealed, secretSealed: r.secret_sealed, urlHint: r.url_hint, format: r.format,
      channels: JSON.parse(r.channels_json) as string[], updatedAt: r.updated_at,
    };
  }
}
