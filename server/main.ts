/**
 * `npm start`: the Firedrill server. Configuration comes from the environment (docs/operations.md); the
 * line `listening on http://HOST:PORT` on stdout says it is ready (scripts and tests wait for it).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApplication } from './app';
import { systemClock } from './clock';
import { displayUrl, readConfig } from './config';
import { loadFaultWebhooks } from './gameday/fault-webhooks';
import { consoleLogger } from './log';
import { loadSecretBox } from './outbound/secret-box';
import { DEFAULT_JOIN_LIMIT } from './socket/join-limit';
import { DEFAULT_RATE_LIMIT } from './socket/rate-limit';
import { formatProblem, loadScenarioDirAsync, type ScenarioDir } from './scenario-files';
import type { Cluster } from './cluster/cluster';
import { defaultNodeId, nodeName } from './cluster/node-name';
import { describeLocation } from './store/open-store';
import { SqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';

/** Reads the scenario folder (letting the server serve between two files) and reports the files it skipped. */
async function loadScenarios(dir: string): Promise<ScenarioDir> {
  if (!existsSync(dir)) {
    consoleLogger.warn(`scenario folder ${dir} does not exist; no scenarios to offer (set FIREDRILL_SCENARIOS)`);
    return { scenarios: [], problems: [], files: {} };
  }
  const loaded = await loadScenarioDirAsync(dir);
  for (const problem of loaded.problems) console.error(formatProblem(problem));
  const bad = new Set(loaded.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  if (bad.size) consoleLogger.warn(`skipped ${bad.size} scenario file(s) with errors (listed above)`);
  return loaded;
}

async function main(): Promise<void> {
  const config = readConfig(process.env, process.argv.slice(2));
  // The scenario folder is read once the port is open: parsing and validating the 17 bundled files takes about
  // 0.4 s, and a restarted server's drills (restored from the store, each with the scenario it was pinned to)
  // need none of it, so their teams rejoin meanwhile. HTTP requests that read the scenarios wait for it.
  let readFolder!: () => void;
  const folder = new Promise<void>((resolve) => (readFolder = resolve)).then(() => loadScenarios(config.scenarios));
  // The node's name is only needed with several nodes; a port of 0 is only known once listening, so it is the
  // configured one (or a random suffix) that names the node.
  const node = nodeName(config.nodeId ?? defaultNodeId(config.port));
  if (config.redisUrl && !config.secretKey) {
    throw new Error('several nodes share the webhook secrets they seal: set the same FIREDRILL_SECRET_KEY (e.g. `openssl rand -hex 32`) on every node');
  }
  let store: Store;
  // PostgreSQL and Redis are loaded only when configured: one node on SQLite starts without them.
  if (config.databaseUrl) {
    const { PgStore } = await import('./store/pg-store');
    store = await PgStore.open(config.databaseUrl, config.redisUrl ? { lease: { holder: node, leaseMs: config.leaseMs } } : {});
  } else {
    // A long-running server checkpoints the WAL on a thread of its own (server/store/wal-checkpointer.ts).
    store = new SqliteStore(config.db, {}, { checkpointThread: true });
  }
  let cluster: Cluster | undefined;
  if (config.redisUrl) {
    const { joinCluster } = await import('./cluster/cluster');
    cluster = await joinCluster({
      redisUrl: config.redisUrl, nodeId: node, leaseMs: config.leaseMs, logger: consoleLogger,
      limits: { rateLimit: DEFAULT_RATE_LIMIT, joinLimit: DEFAULT_JOIN_LIMIT, createLimit: config.createLimit },
    }, store as import('./store/pg-store').PgStore, node);
  }
  const storeName = config.databaseUrl ? `PostgreSQL ${describeLocation({ engine: 'postgres', url: config.databaseUrl })}` : `database ${config.db}`;
  const secrets = loadSecretBox(config.secretKey, config.db);
  const faultWebhooks = loadFaultWebhooks(config.faultsFile, config.webhookAllowPrivate);
  const httpServer = createServer();
  const library = existsSync(config.scenarios) ? { dir: config.scenarios, files: {}, adminKey: config.adminKey } : { files: {} };
  const app = await createApplication(httpServer, {
    store, clock: systemClock, scenarios: folder, clientDir: config.clientDir, createLimit: config.createLimit,
    maxParticipants: config.maxParticipants, lobbyTtl: config.lobbyTtl, allowedOrigins: config.allowedOrigins, trustProxy: config.trustProxy,
    secretBox: secrets.box, outbound: { allowPrivate: config.webhookAllowPrivate }, library,
    ...(cluster ? { cluster: cluster.options } : {}),
    faults: { webhooks: faultWebhooks, allowPrivate: config.webhookAllowPrivate },
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  console.log(`firedrill: ${storeName}; webhook secrets sealed with ${secrets.source}`);
  if (cluster) console.log(`firedrill: node ${node} of a cluster (Redis ${describeRedis(config.redisUrl as string)}, drill leases of ${config.leaseMs / 1000} s); owns ${app.registry.size} drill(s)`);
  if (!existsSync(join(config.clientDir, 'index.html'))) console.log(`firedrill: no web client in ${config.clientDir} yet (npm run build); serving the API only`);
  console.log(`firedrill: the studio ${library.dir && config.adminKey ? `saves scenarios into ${config.scenarios} (FIREDRILL_ADMIN_KEY is set)` : 'cannot save to the library (set FIREDRILL_ADMIN_KEY to allow it)'}`);
  console.log(`firedrill: game-day fault webhooks: ${faultWebhooks.size ? [...faultWebhooks.keys()].join(', ') : 'none (set FIREDRILL_FAULTS_FILE to send faults; dry runs work without)'}`);
  if (config.dev) console.log('firedrill: dev mode; for the client run `npx vite` beside this (it proxies /api and /socket.io here)');
  console.log(`listening on ${displayUrl(config.host, port)}`);
  readFolder();
  // A folder that cannot be read is logged by the catalog; the server runs on without scenarios to offer.
  folder.then(({ scenarios }) => console.log(`firedrill: ${scenarios.length} scenario(s) from ${config.scenarios}`), () => undefined);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: saving drill clocks and closing connections…`);
    const force = setTimeout(() => {
      console.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    const release = async () => {
      await cluster?.close().catch(() => undefined);
      await store.close();
    };
    app.close().then(
      async () => {
        await release();
        console.log('stopped');
        process.exit(0);
      },
      async (error: unknown) => {
        console.error(`error while stopping: ${String(error)}`);
        await release().catch(() => undefined);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** A Redis URL for the log: without its password. */
function describeRedis(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error(`firedrill could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
