import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Throwaway PostgreSQL and Redis servers for tests, started from Debian's packages (`postgresql`, `redis-server`;
 * `.ci/run` installs them) on free ports, and stopped by the tests. Where a package is missing, `*Missing` says why
 * and the suites that need it are skipped with that message.
 */

/** Where Debian keeps PostgreSQL's server programs (the newest version installed). */
function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** Why the PostgreSQL suites cannot run here; undefined when they can. */
export const postgresMissing: string | undefined = pgBin() ? undefined : 'PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does it)';
/** Why the Redis suites cannot run here; undefined when they can. */
export const redisMissing: string | undefined = existsSync('/usr/bin/redis-server') ? undefined : 'redis-server is not installed (apt-get install -y redis-server; .ci/run does it)';

/** A free TCP port on 127.0.0.1 (the kernel's choice, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Postgres {
  port: number;
  /** A new empty database on this server, as a URL. */
  database(): Promise<string>;
  /**
   * A base backup of the whole server (`pg_basebackup`, plain format, the WAL it needs fetched with it) into a new
   * folder; returns the folder (the caller removes it).
   */
  baseBackup(): string;
  /** Runs SQL as the superuser in `database` (default `postgres`), returning the rows. */
  sql(query: string, database?: string): Promise<Record<string, unknown>[]>;
  /** Where `archive: true` copies finished WAL segments (`archive_command`); the caller removes it. */
  archive?: string;
  stop(): void;
}

export interface PostgresOptions {
  /**
   * Continuous archiving as docs/operations.md ("Point in time") describes it: `wal_level = replica`,
   * `archive_mode = on`, and an `archive_command` that copies each finished WAL segment into `Postgres.archive`.
   */
  archive?: boolean;
}

/** Runs a program as the `postgres` user when the tests run as root (initdb and postgres refuse root). */
function asPostgres(file: string, args: string[]): void {
  const [program, argv] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  execFileSync(program, argv, { stdio: 'pipe' });
}

/** A PostgreSQL program (server or client: initdb, pg_ctl, pg_dump, …) of the newest version installed. */
export function pgProgram(name: string): string {
  const bin = pgBin();
  if (!bin) throw new Error(postgresMissing);
  return join(bin, name);
}

/** A folder PostgreSQL's user owns (mode 0700, as a data directory must be). */
function postgresDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (userInfo().uid === 0) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Starts PostgreSQL in a fresh data directory (initdb; as the `postgres` user when the tests run as root, which
 * initdb refuses), trust authentication for the `firedrill` role, its socket in the same directory, fsync off.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres> {
  const dir = postgresDir('firedrill-pg-');
  const data = join(dir, 'data');
  asPostgres(pgProgram('initdb'), ['-D', data, '-U', 'firedrill', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  let archive: string | undefined;
  if (options.archive) {
    // Outside the server's folder, as an archive is off the machine: it outlives the server (`stop` removes the folder).
    archive = postgresDir('firedrill-pg-archive-');
    appendFileSync(join(data, 'postgresql.conf'), `\nwal_level = replica\narchive_mode = on\narchive_command = 'cp %p ${archive}/%f'\n`);
  }
  return launch(dir, data, archive);
}

/**
 * Starts a second server from a base backup (`Postgres.baseBackup`) and the WAL archive of the first, recovering to
 * the named restore point (`SELECT pg_create_restore_point(name)`) and then taking writes: a point-in-time restore
 * as docs/operations.md describes it. Resolves once recovery is over.
 */
export async function restorePostgres(backup: string, archive: string, restorePoint: string): Promise<Postgres> {
  const dir = postgresDir('firedrill-pg-restored-');
  const data = join(dir, 'data');
  asPostgres('cp', ['-a', backup, data]);
  appendFileSync(join(data, 'postgresql.conf'), `\nrestore_command = 'cp ${archive}/%f %p'\nrecovery_target_name = '${restorePoint}'\nrecovery_target_action = 'promote'\n`);
  asPostgres('touch', [join(data, 'recovery.signal')]);
  const restored = await launch(dir, data);
  for (let i = 0; i < 200; i++) {
    const [{ recovering }] = await restored.sql('SELECT pg_is_in_recovery() AS recovering');
    if (!recovering) return restored;
    await new Promise((r) => setTimeout(r, 50));
  }
  restored.stop();
  throw new Error('the restored PostgreSQL did not finish recovery within 10 s');
}

async function launch(dir: string, data: string, archive?: string): Promise<Postgres> {
  const port = await freePort();
  asPostgres(pgProgram('pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`, 'start']);
  const url = (database: string) => `postgres://firedrill@127.0.0.1:${port}/${database}`;
  let n = 0;
  const sql = async (query: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query(query)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  return {
    port,
    ...(archive ? { archive } : {}),
    async database() {
      const name = `t${process.pid}_${++n}`;
      await sql(`CREATE DATABASE ${name}`);
      return url(name);
    },
    baseBackup() {
      const backup = join(postgresDir('firedrill-pg-backup-'), 'base');
      asPostgres(pgProgram('pg_basebackup'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'firedrill', '-D', backup, '-X', 'fetch', '--checkpoint=fast', '--no-sync']);
      return backup;
    },
    sql,
    stop() {
      try {
        asPostgres(pgProgram('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      }
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('there is no postgres user to run initdb as (apt-get install -y postgresql creates it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface Redis {
  port: number;
  url: string;
  stop(): void;
}

/** Starts redis-server on a free port, daemonized, without persistence; stopped by its PID. */
export async function startRedis(): Promise<Redis> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-redis-'));
  const port = await freePort();
  const pidfile = join(dir, 'redis.pid');
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir, '--pidfile', pidfile, '--logfile', join(dir, 'log')], { stdio: 'pipe' });
  for (let i = 0; i < 100 && !existsSync(pidfile); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop() {
      try {
        if (existsSync(pidfile)) {
          const pid = Number(readFileSync(pidfile, 'utf8').trim());
          process.kill(pid, 'SIGTERM');
          // Redis writes its last log lines as it exits: wait for it (up to 2 s) before removing its folder.
          const pause = new Int32Array(new SharedArrayBuffer(4));
          for (let i = 0; i < 40 && alive(pid); i++) Atomics.wait(pause, 0, 0, 50);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      }
    },
  };
}

/** Whether a process exists (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
