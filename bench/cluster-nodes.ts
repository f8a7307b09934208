import { randomBytes } from 'node:crypto';
import { postgresMissing, redisMissing, startPostgres, startRedis, type Postgres, type Redis } from '../tests/server/services';
import { freePort, spawnServer, stop, type Spawned } from './processes';
import { BENCH_SCENARIOS_DIR } from './schedule';
import { firedrillScript } from './servers';

/**
 * The cluster bench's servers: a throwaway PostgreSQL and Redis on this machine (as the tests start them: Debian's
 * packages, free ports, stopped after), and Firedrill nodes as child processes (stopped by PID).
 */
export interface Services {
  postgres: Postgres;
  redis: Redis;
  stop(): void;
}

export async function startServices(): Promise<Services> {
  const missing = postgresMissing ?? redisMissing;
  if (missing) throw new Error(`the cluster bench needs PostgreSQL and Redis: ${missing}`);
  const postgres = await startPostgres();
  let redis: Redis;
  try {
    redis = await startRedis();
  } catch (error) {
    postgres.stop();
    throw error;
  }
  return {
    postgres, redis,
    stop() {
      try {
        redis.stop();
      } finally {
        postgres.stop();
      }
    },
  };
}

export interface Node extends Spawned { port: number; name: string }

/** How a node stores and talks: SQLite file; PostgreSQL alone; PostgreSQL + Redis (one of several). */
export type NodeStore = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string } | { kind: 'cluster'; url: string; redisUrl: string; leaseMs?: number };

/** A shared secret key for the nodes of one run (several nodes must seal webhooks alike). */
const SECRET = randomBytes(32).toString('hex');

/**
 * Starts one Firedrill node (server/main.ts, bundled as `npm start` runs it) on loopback with the bench scenario and
 * no creation limit.
 */
export async function startNode(name: string, store: NodeStore): Promise<Node> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port), HOST: '127.0.0.1', FIREDRILL_SCENARIOS: BENCH_SCENARIOS_DIR, FIREDRILL_CREATE_LIMIT: 'off',
    FIREDRILL_NODE_ID: name, FIREDRILL_SECRET_KEY: SECRET,
  };
  if (store.kind === 'sqlite') env.FIREDRILL_DB = store.file;
  else env.FIREDRILL_DATABASE_URL = store.url;
  if (store.kind === 'cluster') {
    env.FIREDRILL_REDIS_URL = store.redisUrl;
    if (store.leaseMs) env.FIREDRILL_LEASE = `${store.leaseMs}ms`;
  }
  const spawned = await spawnServer({ script: await firedrillScript(), env, timeoutMs: 60_000 });
  return { ...spawned, port, name };
}

/** Starts `count` nodes of one cluster, one after the other (they migrate the schema once, under a lock). */
export async function startCluster(count: number, url: string, redisUrl: string, leaseMs?: number): Promise<Node[]> {
  const nodes: Node[] = [];
  try {
    for (let i = 0; i < count; i++) nodes.push(await startNode(`bench-${String.fromCharCode(97 + i)}`, { kind: 'cluster', url, redisUrl, leaseMs }));
  } catch (error) {
    await stopNodes(nodes);
    throw error;
  }
  return nodes;
}

export async function stopNodes(nodes: readonly Node[]): Promise<void> {
  for (const node of nodes) await stop(node.child);
}
