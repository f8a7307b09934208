import type { DrillEvent } from '../../shared/drill/events';
import type { RunSummary } from '../../shared/runs/summary';
import { drillPatchColumns } from './rows';
import type { DrillPatch, DrillRecord, OutboundRecord, ParticipantPatch, ParticipantRecord, StoredSnapshot } from './store';

/**
 * One write of the SQLite store as a statement and its parameters (`SqliteStore` runs it in its open batch, with its
 * prepared statements cached by SQL), kept apart from the batching so that what a write stores reads in one place.
 */
export interface SqlWrite {
  sql: string;
  params: unknown[] | Record<string, unknown>;
  /** Refused with this message when the statement changes no row. */
  expectRow?: string;
  /** An event append: refused unless `seq` is the next one in the drill's log. */
  append?: { drillId: string; seq: number };
}

/** The next seq of a drill's log is checked against this (on the write connection, so it counts the open batch). */
export const LAST_SEQ_SQL = 'SELECT MAX(seq) AS seq FROM events WHERE drill_id = ?';

const INSERT_DRILL = `INSERT INTO drills (id, scenario_id, scenario_json, title, join_code, facilitator_key_hash,
  observer_key_hash, created_at, started_at, ended_at, status, clock_t, clock_wall, clock_speed, engine_version,
  retired_json, forked_from)
  VALUES (@id, @scenario_id, @scenario_json, @title, @join_code, @facilitator_key_hash, @observer_key_hash,
  @created_at, @started_at, @ended_at, @status, @clock_t, @clock_wall, @clock_speed, @engine_version,
  @retired_json, @forked_from)`;
const PUT_SUMMARY = `INSERT INTO run_summaries (drill_id, seq, summary_json) VALUES (?, ?, ?)
  ON CONFLICT (drill_id) DO UPDATE SET seq = excluded.seq, summary_json = excluded.summary_json WHERE excluded.seq >= run_summaries.seq`;
const PUT_SNAPSHOT = `INSERT INTO drill_snapshots (drill_id, seq, engine_version, taken_at, snapshot_json) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (drill_id) DO UPDATE SET seq = excluded.seq, engine_version = excluded.engine_version, taken_at = excluded.taken_at,
  snapshot_json = excluded.snapshot_json WHERE excluded.seq >= drill_snapshots.seq`;
const INSERT_EVENT = 'INSERT INTO events (drill_id, seq, t, json) VALUES (?, ?, ?, ?)';
const INSERT_PARTICIPANT = 'INSERT INTO participants (drill_id, id, name, token_hash, joined_at, removed, merged_into) VALUES (?, ?, ?, ?, ?, ?, ?)';
const UPSERT_OUTBOUND = `INSERT INTO outbound_hooks (drill_id, url_sealed, secret_sealed, url_hint, format, channels_json, updated_at)
  VALUES (@drill_id, @url_sealed, @secret_sealed, @url_hint, @format, @channels_json, @updated_at)
  ON CONFLICT (drill_id) DO UPDATE SET url_sealed = excluded.url_sealed, secret_sealed = excluded.secret_sealed,
  url_hint = excluded.url_hint, format = excluded.format, channels_json = excluded.channels_json, updated_at = excluded.updated_at`;
const DELETE_OUTBOUND = 'DELETE FROM outbound_hooks WHERE drill_id = ?';

export const sqliteWrites = {
  createDrill: (d: DrillRecord): SqlWrite => ({
    sql: INSERT_DRILL,
    params: {
      id: d.id, scenario_id: d.scenarioId, scenario_json: JSON.stringify(d.scenario), title: d.title,
      join_code: d.joinCode, facilitator_key_hash: d.facilitatorKeyHash, observer_key_hash: d.observerKeyHash,
      created_at: d.createdAt, started_at: d.startedAt ?? null, ended_at: d.endedAt ?? null, status: d.status,
      clock_t: d.clock.t, clock_wall: d.clock.wall, clock_speed: d.clock.speed, engine_version: d.engineVersion,
      retired_json: d.retired ? JSON.stringify(d.retired) : null, forked_from: d.forkedFrom ?? null,
    },
  }),

  /** Undefined when the patch sets nothing. */
  updateDrill(id: string, patch: DrillPatch): SqlWrite | undefined {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id };
    for (const [column, value] of drillPatchColumns(patch)) {
      sets.push(`${column} = @${column}`);
      params[column] = value;
    }
    if (!sets.length) return undefined;
    return { sql: `UPDATE drills SET ${sets.join(', ')} WHERE id = @id`, params, expectRow: `drill ${id} does not exist` };
  },

  appendEvent: (drillId: string, event: DrillEvent): SqlWrite => ({
    sql: INSERT_EVENT, params: [drillId, event.seq, event.t, JSON.stringify(event)], append: { drillId, seq: event.seq },
  }),

  addParticipant: (p: ParticipantRecord): SqlWrite => ({
    sql: INSERT_PARTICIPANT, params: [p.drillId, p.id, p.name, p.tokenHash, p.joinedAt, p.removed ? 1 : 0, p.mergedInto ?? null],
  }),

  /** Undefined when the patch sets nothing. */
  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): SqlWrite | undefined {
    const sets: string[] = [];
    const params: Record<string, unknown> = { drill_id: drillId, id };
    if (patch.name !== undefined) { sets.push('name = @name'); params.name = patch.name; }
    if (patch.removed !== undefined) { sets.push('removed = @removed'); params.removed = patch.removed ? 1 : 0; }
    if (patch.mergedInto !== undefined) { sets.push('merged_into = @merged_into'); params.merged_into = patch.mergedInto; }
    if (!sets.length) return undefined;
    return {
      sql: `UPDATE participants SET ${sets.join(', ')} WHERE drill_id = @drill_id AND id = @id`, params,
      expectRow: `participant ${id} of drill ${drillId} does not exist`,
    };
  },

  setOutbound: (drillId: string, record: OutboundRecord | undefined): SqlWrite => record
    ? {
        sql: UPSERT_OUTBOUND,
        params: {
          drill_id: drillId, url_sealed: record.urlSealed, secret_sealed: record.secretSealed, url_hint: record.urlHint,
          format: record.format, channels_json: JSON.stringify(record.channels), updated_at: record.updatedAt,
        },
      }
    : { sql: DELETE_OUTBOUND, params: [drillId] },

  putRunSummary: (summary: RunSummary): SqlWrite => ({ sql: PUT_SUMMARY, params: [summary.drillId, summary.seq, JSON.stringify(summary)] }),

  putSnapshot: (drillId: string, snapshot: StoredSnapshot): SqlWrite => ({
    sql: PUT_SNAPSHOT, params: [drillId, snapshot.seq, snapshot.engineVersion, snapshot.takenAt, snapshot.json],
  }),
};
