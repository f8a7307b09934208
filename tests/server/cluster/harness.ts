import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io as connectClient } from 'socket.io-client';
import type { CreateDrillResponse, JoinRequest } from '../../../shared/protocol/messages';
import { FIXTURES, Player, type Client } from '../helpers';
import { postgresMissing, redisMissing, startPostgres, startRedis, type Postgres, type Redis } from '../services';

/**
 * A real cluster for tests: a throwaway PostgreSQL and Redis (tests/server/services.ts) and N server processes
 * (`server/main.ts` under node with the tsx loader, as `npm start` runs it) on free ports of 127.0.0.1, each with its
 * own `FIREDRILL_NODE_ID` and a short lease so that failover happens in seconds. Everything is stopped by PID.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

/** Why the cluster suites cannot run here; undefined when they can. */
export const clusterMissing: string | undefined = postgresMissing ?? redisMissing;

/** The lease the test nodes run with: short, so that a takeover comes within seconds. */
export const TEST_LEASE_MS = 2000;

export interface ClusterNode {
  /** FIREDRILL_NODE_ID (the bus name adds a per-process suffix). */
  id: string;
  url: string;
  port: number;
  proc: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string | null>;
  /** Sends a signal by PID (SIGKILL, SIGSTOP, SIGCONT, SIGTERM). */
  signal(signal: NodeJS.Signals): void;
  /** Whether the process has exited. */
  readonly gone: boolean;
  /** Everything the node logged so far (stdout and stderr). */
  log(): string;
}

export interface TestCluster {
  postgres: Postgres;
  redis: Redis;
  databaseUrl: string;
  nodes: ClusterNode[];
  /** Starts one more node (or a node again under an id used before) on the same PostgreSQL and Redis. */
  startNode(id: string, env?: Record<string, string>): Promise<ClusterNode>;
  /** Stops every node (SIGKILL by PID), the players, Redis and PostgreSQL; removes the temporary files. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes?: number;
  leaseMs?: number;
  /** Extra environment for every node (e.g. FIREDRILL_CREATE_LIMIT). */
  env?: Record<string, string>;
  /** Scenario files besides the test fixture (e.g. the bundled game-day template). */
  scenarios?: string[];
  /** Fault webhooks (FIREDRILL_FAULTS_FILE), by name. */
  faults?: Record<string, { url: string; secret: string }>;
}

/** The bundled scenarios folder. */
export const BUNDLED_SCENARIOS = join(ROOT, 'scenarios');

/** Starts PostgreSQL, Redis and the nodes (`node-a`, `node-b`, …) together (their migrations wait for each other in PostgreSQL). */
export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await postgres.database();
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-cluster-'));
  const nodes: ClusterNode[] = [];
  const leaseMs = options.leaseMs ?? TEST_LEASE_MS;
  const scenarios = join(dir, 'scenarios');
  mkdirSync(scenarios);
  for (const file of [join(FIXTURES, 'scenarios', 'drill-test.yaml'), ...(options.scenarios ?? [])]) copyFileSync(file, join(scenarios, file.split('/').at(-1)!));
  const faultsFile = join(dir, 'faults.json');
  if (options.faults) writeFileSync(faultsFile, JSON.stringify({ webhooks: options.faults }));
  const baseEnv: Record<string, string> = {
    HOST: '127.0.0.1', PORT: '0',
    FIREDRILL_DATABASE_URL: databaseUrl, FIREDRILL_REDIS_URL: redis.url, FIREDRILL_LEASE: `${leaseMs}ms`,
    FIREDRILL_SECRET_KEY: 'ab'.repeat(32), FIREDRILL_SCENARIOS: scenarios, ...(options.faults ? { FIREDRILL_FAULTS_FILE: faultsFile } : {}),
    FIREDRILL_CLIENT: join(dir, 'no-client'), FIREDRILL_DB: join(dir, 'unused.db'), FIREDRILL_WEBHOOK_ALLOW_PRIVATE: 'true',
    ...options.env,
  };
  const cluster: TestCluster = {
    postgres, redis, databaseUrl, nodes,
    async startNode(id, env = {}) {
      const node = await startNode(id, { ...baseEnv, ...env }, nodes);
      return node;
    },
    async stop() {
      for (const node of nodes) {
        if (node.gone) continue;
        try {
          node.signal('SIGCONT');
          node.signal('SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await Promise.all(nodes.map((node) => Promise.race([node.exited, new Promise((r) => setTimeout(r, 2000))])));
      redis.stop();
      postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const count = options.nodes ?? 3;
    const ids = Array.from({ length: count }, (_, i) => `node-${String.fromCharCode(97 + i)}`);
    await Promise.all(ids.map((id) => cluster.startNode(id)));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** Starts `server/main.ts` with `env` and waits for its `listening on` line (tracked in `nodes` before it is ready). */
function startNode(id: string, env: Record<string, string>, nodes: ClusterNode[]): Promise<ClusterNode> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT, env: { ...process.env, ...env, FIREDRILL_NODE_ID: id }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let gone = false;
  const exited = new Promise<number | string | null>((done) => proc.once('exit', (code, signal) => {
    gone = true;
    done(code ?? signal);
  }));
  const node: ClusterNode = {
    id, url: '', port: 0, proc, stdout, stderr, exited,
    signal: (signal) => {
      if (!gone && proc.pid) process.kill(proc.pid, signal);
    },
    get gone() { return gone; },
    log: () => `${stdout.join('')}${stderr.join('')}`,
  };
  nodes.push(node);
  proc.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${id} did not start within 60 s:\n${node.log()}`)), 60_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      stdout.push(chunk.toString());
      const match = /listening on (http:\/\/\S+)/.exec(stdout.join(''));
      if (match && !node.url) {
        clearTimeout(timer);
        node.url = match[1];
        node.port = Number(new URL(match[1]).port);
        done(node);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${id} exited with ${code}:\n${node.log()}`));
    });
  });
}

/** A socket.io-client socket to `url` (websocket only, no automatic reconnection unless asked). */
export function connect(url: string, options: { reconnection?: boolean; from?: string } = {}): Promise<Client> {
  const socket: Client = connectClient(url, {
    transports: ['websocket'], forceNew: true, reconnection: options.reconnection ?? false, reconnectionDelay: 100, reconnectionDelayMax: 500,
    // A client address of its own (the nodes trust X-Forwarded-For from loopback, as from a proxy in front).
    ...(options.from ? { extraHeaders: { 'x-forwarded-for': options.from } } : {}),
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no socket to ${url} within 10 s`)), 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      done(socket);
    });
  });
}

/** Connects to `url` and joins with `request`; the player holds the view it got. */
export async function joinAt(url: string, request: JoinRequest, options: { reconnection?: boolean } = {}): Promise<Player> {
  const player = new Player(await connect(url, options));
  const reply = await player.request('drill:join', request);
  if (!reply.ok) throw new Error(`join at ${url} refused: ${reply.error.code}: ${reply.error.message}`);
  player.accept(reply.data.view);
  player.token = reply.data.token;
  return player;
}

/** Asks `url` to create a drill of the fixture scenario, from client address `from` (X-Forwarded-For) when given. */
export function postDrill(url: string, from?: string, scenarioId = 'drill-test'): Promise<Response> {
  return fetch(`${url}/api/drills`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) }, body: JSON.stringify({ scenarioId }),
  });
}

/** Creates a drill (of the fixture scenario unless told) over HTTP on `url`. */
export async function createDrill(url: string, from?: string, scenarioId?: string): Promise<CreateDrillResponse> {
  const response = await postDrill(url, from, scenarioId);
  if (response.status !== 201) throw new Error(`creating a drill on ${url}: HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as CreateDrillResponse;
}

/** Polls `check` every 50 ms until it holds (returns its value); fails after `ms`. */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Which node holds the drill's lease now (its FIREDRILL_NODE_ID), from PostgreSQL. */
export async function leaseHolder(databaseUrl: string, drillId: string): Promise<{ node: string; token: number; expiresInMs: number } | undefined> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ holder: string; token: string; ms: string }>(
      `SELECT holder, token, EXTRACT(EPOCH FROM (expires_at - now())) * 1000 AS ms FROM drill_leases WHERE drill_id = $1`, [drillId]);
    if (!rows[0]) return undefined;
    return { node: rows[0].holder.split('#')[0], token: Number(rows[0].token), expiresInMs: Number(rows[0].ms) };
  } finally {
    await client.end();
  }
}
