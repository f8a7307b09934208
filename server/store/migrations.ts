import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order, each once, each in its own transaction. Never edit a migration that
 * has shipped: add the next one. `schema_version` holds the number of the last one applied.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'drills, events, participants',
    sql: `
      CREATE TABLE drills (
        id TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        scenario_json TEXT NOT NULL,
        title TEXT NOT NULL,
        join_code TEXT NOT NULL,
        facilitator_key_hash TEXT NOT NULL,
        observer_key_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('lobby', 'running', 'paused', 'ended')),
        clock_t INTEGER NOT NULL DEFAULT 0,
        clock_wall INTEGER NOT NULL,
        clock_speed REAL NOT NULL DEFAULT 1
      );
      -- Join codes are short, so they are unique only among drills that can still be joined.
      CREATE UNIQUE INDEX drills_live_join_code ON drills (join_code) WHERE status <> 'ended';
      CREATE INDEX drills_status ON drills (status);
      CREATE INDEX drills_scenario ON drills (scenario_id, status, ended_at);

      CREATE TABLE events (
        drill_id TEXT NOT NULL REFERENCES drills (id),
        seq INTEGER NOT NULL,
        t INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (drill_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE participants (
        drill_id TEXT NOT NULL REFERENCES drills (id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (drill_id, id)
      );
      CREATE UNIQUE INDEX participants_token ON participants (drill_id, token_hash);
    `,
  },
  {
    version: 2,
    name: 'engine version, retired drills, forks',
    sql: `
      -- The engine that last wrote each log: a server with an older one refuses to replay it.
      ALTER TABLE drills ADD COLUMN engine_version INTEGER NOT NULL DEFAULT 1;
      -- Out of service for good (expired lobby, or kept read-only by an operator): JSON {kind, at, reason, forkedTo?}.
      ALTER TABLE drills ADD COLUMN retired_json TEXT;
      ALTER TABLE drills ADD COLUMN forked_from TEXT;
      -- A retired drill can no longer be joined: its code is free again (a fork may take it over).
      DROP INDEX drills_live_join_code;
      CREATE UNIQUE INDEX drills_live_join_code ON drills (join_code) WHERE status <> 'ended' AND retired_json IS NULL;
    `,
  },
  {
    version: 3,
    name: 'removed and merged seats, join codes of ended drills, outbound webhooks',
    sql: `
      ALTER TABLE participants ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE participants ADD COLUMN merged_into TEXT;
      -- "That drill has ended" needs the code's latest drill, ended ones included.
      CREATE INDEX drills_join_code ON drills (join_code, created_at);
      CREATE TABLE outbound_hooks (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        url_sealed TEXT NOT NULL,
        secret_sealed TEXT NOT NULL,
        url_hint TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('slack', 'json')),
        channels_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'run summaries',
    sql: `
      -- What the runs list and the trend read of an ended drill (shared/runs/summary.ts): kept when it ends, so
      -- no page about a scenario's runs reads whole logs. Derived from the log; rebuilt when missing.
      CREATE TABLE run_summaries (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        seq INTEGER NOT NULL,
        summary_json TEXT NOT NULL
      );
      -- Pages of runs, newest first: ended drills of a scenario by when they ended.
      CREATE INDEX drills_runs ON drills (scenario_id, status, COALESCE(ended_at, created_at), id);
    `,
  },
  {
    version: 5,
    name: 'drill snapshots',
    sql: `
      -- The latest snapshot of each drill (shared/drill/snapshot.ts): a restart replays only the events after its
      -- seq. Derived from the log; ignored when it does not fit it (or another engine took it), never copied.
      CREATE TABLE drill_snapshots (
        drill_id TEXT PRIMARY KEY REFERENCES drills (id),
        seq INTEGER NOT NULL,
        engine_version INTEGER NOT NULL,
        taken_at INTEGER NOT NULL,
        snapshot_json TEXT NOT NULL
      );
    `,
  },
];

/** Brings the database up to the latest schema. Refuses a file written by a newer Firedrill. */
export function migrate(db: Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  let current = row?.version ?? 0;
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`the database is at schema version ${current}, but this Firedrill knows only up to ${latest}; upgrade Firedrill or use another FIREDRILL_DB`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('UPDATE schema_version SET version = ?').run(migration.version);
    })();
    current = migration.version;
  }
  return current;
}
