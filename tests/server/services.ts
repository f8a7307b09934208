import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  stop(): void;
}

/**
 * Starts PostgreSQL in a fresh data directory (initdb; as the `postgres` user when the tests run as root, which
 * initdb refuses), trust authentication for the `firedrill` role, its socket in the same directory, fsync off.
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = pgBin();
  if (!bin) throw new Error(postgresMissing);
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-pg-'));
  const asRoot = userInfo().uid === 0;
  const run = (program: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    execFileSync(file, argv, { stdio: 'pipe' });
  };
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'firedrill', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`, 'start']);
  const admin = `postgres://firedrill@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    port,
    async database() {
      const name = `t${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://firedrill@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
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
