import type { Pool } from 'pg';

/**
 * PostgreSQL schema migrations, applied in order, each once, all pending ones in one transaction (PostgreSQL's DDL
 * is transactional) under an advisory lock, so that several nodes starting together migrate once. Never edit a
 * migration that has shipped: add the next one. `schema_version` holds the number of the last one applied.
 *
 * The tables are SQLite's (server/store/migrations.ts) with PostgreSQL's types; the numbering is this engine's own.
 * Times are milliseconds since the epoch (BIGINT), as in SQLite, so that both stores give back the same records.
 */
export const PG_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'drills, events, participants, outbound webhooks (SQLite migrations 1 to 3)',
    sql: `
      CREATE TABLE drills (
        id TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        scenario_json TEXT NOT NULL,
        title TEXT NOT NULL,
        join_code TEXT NOT NULL,
        facilitator_key_hash TEXT NOT NULL,
        observer_key_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        started_at BIGINT,
        ended_at BIGINT,
        status TEXT NOT NULL CHECK (status IN ('lobby', 'running', 'paused', 'ended')),
        clock_t BIGINT NOT NULL DEFAULT 0,
        clock_wall BIGINT NOT NULL,
        clock_speed DOUBLE PRECISION NOT NULL DEFAULT 1,
        engine_version INTEGER NOT NULL DEFAULT 1,
        retired_json TEXT,
        forked_from TEXT
      );
      -- Join codes are short, so they are unique only among drills that can still be joined.
      CREATE UNIQUE INDEX drills_live_join_code ON drills (join_code) WHERE status <> 'ended' AND retired_json IS NULL;
      CREATE INDEX drills_status ON drills (status);
      CREATE INDEX drills_scenario ON drills (scenario_id, status, ended_at);
      CREATE INDEX drills_join_code ON drills (join_code, created_at);

      CREATE TABLE events (
        drill_id TEXT NOT NULL REFERENCES drills (id),
        seq INTEGER NOT NULL,
        t BIGINT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (drill_id, seq)
      );

      CREATE TABLE participants (
        drill_id TEXT NOT NULL REFERENCES drills (id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        joined_at BIGINT NOT NULL,
        removed BOOLEAN NOT NULL DEFAULT false,
        merged_into TEXT,
        PRIMARY KEY (drill_id, id)
      );
      CREATE UNIQUE INDEX participants_token ON participants (drill_id, token_hash);

      CREATE TABLE outbound_hooks (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        url_sealed TEXT NOT NULL,
        secret_sealed TEXT NOT NULL,
        url_hint TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('slack', 'json')),
        channels_json TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'drill ownership leases with fencing tokens',
    sql: `
      -- One owner per drill (docs/operations.md, "Several nodes"): the node that holds the lease runs the drill's
      -- queue and timers and renews the lease; every write of the drill checks that the lease still carries the
      -- token the node writes with. A takeover raises the token, so a node that lost its lease can never append.
      CREATE TABLE drill_leases (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        holder TEXT NOT NULL,
        token BIGINT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        acquired_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX drill_leases_expiry ON drill_leases (expires_at);
    `,
  },
  {
    version: 3,
    name: 'run summaries',
    sql: `
      -- What the runs list and the trend read of an ended drill (shared/runs/summary.ts), kept when it ends.
      CREATE TABLE run_summaries (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        seq INTEGER NOT NULL,
        summary_json TEXT NOT NULL
      );
      CREATE INDEX drills_runs ON drills (scenario_id, status, (COALESCE(ended_at, created_at)), id);
    `,
  },
  {
    version: 4,
    name: 'drill snapshots',
    sql: `
      -- The latest snapshot of each drill (shared/drill/snapshot.ts): a restore replays only the events after its
      -- seq. Derived from the log; ignored when it does not fit it (or another engine took it), never copied.
      CREATE TABLE drill_snapshots (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        seq INTEGER NOT NULL,
        engine_version INTEGER NOT NULL,
        taken_at BIGINT NOT NULL,
        snapshot_json TEXT NOT NULL
      );
    `,
  },
];

/** Any fixed number: the advisory lock that makes concurrent migrations wait for each other. */
const MIGRATION_LOCK = 0x66697265; // "fire"

/** Brings the database up to the latest schema. Refuses a database written by a newer Firedrill. */
export async function migratePg(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    if (!rows.length) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    let current = rows[0]?.version ?? 0;
    const latest = PG_MIGRATIONS.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(`the database is at schema version ${current}, but this Firedrill knows only up to ${latest}; upgrade Firedrill or use another FIREDRILL_DATABASE_URL`);
    }
    for (const migration of PG_MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('UPDATE schema_version SET version = $1', [migration.version]);
      current = migration.version;
    }
    await client.query('COMMIT');
    return current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
