import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCluster, nodeName } from '../../server/cluster/cluster';
import { DEFAULT_JOIN_LIMIT } from '../../server/socket/join-limit';
import { DEFAULT_RATE_LIMIT } from '../../server/socket/rate-limit';
import { redact } from '../../server/http/health';
import { memoryLogger } from '../../server/log';
import { MemoryStore } from '../../server/store/memory-store';
import { PgStore } from '../../server/store/pg-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { HealthResponse } from '../../shared/protocol/messages';
import { startTestServer, type TestServer } from './helpers';
import { postgresMissing, redisMissing, startPostgres, startRedis, type Postgres } from './services';

async function health(server: TestServer): Promise<{ status: number; body: HealthResponse; cache: string | null }> {
  const res = await fetch(`${server.url}/api/health`);
  return { status: res.status, body: (await res.json()) as HealthResponse, cache: res.headers.get('cache-control') };
}

/** A store whose database went away: every read fails with the driver's message (which may carry the URL). */
class UnreachableStore extends MemoryStore {
  override async countLiveDrills(): Promise<number> {
    throw new Error('connect ECONNREFUSED for postgres://firedrill:hunter2@db.internal:5432/firedrill');
  }
}

describe('GET /api/health on one node', () => {
  it('reports the node, store and adapter, uncached; 200 while the store answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-health-'));
    const store = new SqliteStore(join(dir, 'firedrill.db'));
    const server = await startTestServer({ store });
    try {
      await server.createDrill();
      const { status, body, cache } = await health(server);
      expect(status).toBe(200);
      expect(cache).toBe('no-store');
      expect(body).toEqual({
        status: 'ok', drills: 1, scenarios: 1, node: 'local', owned: 1, ownership: { kind: 'single' },
        store: { engine: 'sqlite', ok: true, ms: expect.any(Number) }, adapter: { kind: 'none', ok: true }, uptimeSeconds: expect.any(Number),
      });
    } finally {
      await server.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 degraded when the store does not answer, and never shows a password', async () => {
    const server = await startTestServer({ store: new UnreachableStore() });
    try {
      const { status, body } = await health(server);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'degraded', drills: 0, store: { engine: 'memory', ok: false } });
      expect(body.store.error).toBe('connect ECONNREFUSED for postgres://firedrill:***@db.internal:5432/firedrill');
      expect(JSON.stringify(body)).not.toContain('hunter2');
    } finally {
      await server.close();
    }
  });

  it('redacts credentials of any URL in a message', () => {
    expect(redact('redis://:s3cret@cache:6379 and postgresql://u:p%40ss@h/db')).toBe('redis://:***@cache:6379 and postgresql://u:***@h/db');
    expect(redact('postgres://u@h/db has no password')).toBe('postgres://u@h/db has no password');
  });
});

/** redis-server again on `port` (the one the node knows), stopped by its PID. */
function restartRedis(port: number): { stop(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-redis-again-'));
  const pidfile = join(dir, 'redis.pid');
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir, '--pidfile', pidfile, '--logfile', join(dir, 'log')], { stdio: 'pipe' });
  return {
    stop() {
      try {
        if (existsSync(pidfile)) process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGTERM');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let postgres: Postgres | undefined;
beforeAll(async () => {
  if (!postgresMissing && !redisMissing) postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

const missing = postgresMissing ?? redisMissing;
describe.skipIf(!!missing)(`GET /api/health on a node of several (real PostgreSQL and Redis)${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('reports its leases and Redis; 503 with the reason once Redis stops answering', async () => {
    const redis = await startRedis();
    const url = await postgres!.database();
    const node = nodeName('health-test');
    const store = await PgStore.open(url, { lease: { holder: node, leaseMs: 10_000 } });
    const logger = memoryLogger();
    const cluster = await joinCluster({
      redisUrl: redis.url, nodeId: node, leaseMs: 10_000, logger,
      limits: { rateLimit: DEFAULT_RATE_LIMIT, joinLimit: DEFAULT_JOIN_LIMIT, createLimit: false },
    }, store, node);
    const server = await startTestServer({ store, cluster: cluster.options, realTime: true });
    let redisStopped = false;
    let again: { stop(): void } | undefined;
    try {
      const empty = await health(server);
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ status: 'ok', node, owned: 0, ownership: { kind: 'leases', leases: 0 }, store: { engine: 'postgres', ok: true }, adapter: { kind: 'redis-streams', ok: true } });
      await server.createDrill();
      expect((await health(server)).body).toMatchObject({ drills: 1, owned: 1, ownership: { kind: 'leases', leases: 1 } });

      redis.stop();
      redisStopped = true;
      // redis-server exits shortly after SIGTERM; until then it still answers.
      let down = await health(server);
      for (let i = 0; i < 50 && down.status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        down = await health(server);
      }
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'degraded', store: { ok: true }, adapter: { kind: 'redis-streams', ok: false } });
      expect(down.body.adapter).toHaveProperty('error', expect.stringMatching(/\S/));
      expect(JSON.stringify(down.body)).not.toContain(String(redis.port));

      // Redis back on its port: the node is healthy again (its client reconnects by itself).
      again = restartRedis(redis.port);
      let up = await health(server);
      for (let i = 0; i < 100 && up.status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        up = await health(server);
      }
      expect(up.body).toMatchObject({ status: 'ok', adapter: { kind: 'redis-streams', ok: true } });
    } finally {
      await server.close();
      await cluster.close().catch(() => undefined);
      await store.close();
      if (!redisStopped) redis.stop();
      again?.stop();
    }
  }, 30_000);

  it('a node leaves the cluster even while Redis is down (it does not wait for Redis to come back)', async () => {
    const redis = await startRedis();
    const url = await postgres!.database();
    const node = nodeName('close-test');
    const store = await PgStore.open(url, { lease: { holder: node, leaseMs: 10_000 } });
    const cluster = await joinCluster({
      redisUrl: redis.url, nodeId: node, leaseMs: 10_000, logger: memoryLogger(),
      limits: { rateLimit: DEFAULT_RATE_LIMIT, joinLimit: DEFAULT_JOIN_LIMIT, createLimit: false },
    }, store, node);
    try {
      redis.stop();
      // Give redis-server time to exit, so the bus has lost its connection when it is closed.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const closed = await Promise.race([cluster.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 8000))]);
      expect(closed).toBe('closed');
    } finally {
      await store.close();
    }
  }, 20_000);
});
