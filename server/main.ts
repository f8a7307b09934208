/**
 * `npm start`: the Firedrill server. Configuration comes from the environment (docs/operations.md); the
 * line `listening on http://HOST:PORT` on stdout says it is ready (scripts and tests wait for it).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Scenario } from '../shared/scenario/schema';
import { createApplication } from './app';
import { systemClock } from './clock';
import { displayUrl, readConfig } from './config';
import { loadFaultWebhooks } from './gameday/fault-webhooks';
import { consoleLogger } from './log';
import { loadSecretBox } from './outbound/secret-box';
import { formatProblem, loadScenarioDir } from './scenario-files';
import { SqliteStore } from './store/sqlite-store';

function loadScenarios(dir: string): { scenarios: Scenario[]; files: Record<string, string> } {
  if (!existsSync(dir)) {
    consoleLogger.warn(`scenario folder ${dir} does not exist; no scenarios to offer (set FIREDRILL_SCENARIOS)`);
    return { scenarios: [], files: {} };
  }
  const { scenarios, problems, files } = loadScenarioDir(dir);
  for (const problem of problems) console.error(formatProblem(problem));
  const bad = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
  if (bad.size) consoleLogger.warn(`skipped ${bad.size} scenario file(s) with errors (listed above)`);
  return { scenarios, files };
}

async function main(): Promise<void> {
  const config = readConfig(process.env, process.argv.slice(2));
  const { scenarios, files } = loadScenarios(config.scenarios);
  const store = new SqliteStore(config.db);
  const secrets = loadSecretBox(config.secretKey, config.db);
  const faultWebhooks = loadFaultWebhooks(config.faultsFile, config.webhookAllowPrivate);
  const httpServer = createServer();
  const library = existsSync(config.scenarios) ? { dir: config.scenarios, files, adminKey: config.adminKey } : { files: {} };
  const app = await createApplication(httpServer, {
    store, clock: systemClock, scenarios, clientDir: config.clientDir, createLimit: config.createLimit,
    maxParticipants: config.maxParticipants, lobbyTtl: config.lobbyTtl, allowedOrigins: config.allowedOrigins,
    secretBox: secrets.box, outbound: { allowPrivate: config.webhookAllowPrivate }, library,
    faults: { webhooks: faultWebhooks, allowPrivate: config.webhookAllowPrivate },
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  console.log(`firedrill: ${scenarios.length} scenario(s) from ${config.scenarios}; database ${config.db}; webhook secrets sealed with ${secrets.source}`);
  if (!existsSync(join(config.clientDir, 'index.html'))) console.log(`firedrill: no web client in ${config.clientDir} yet (npm run build); serving the API only`);
  console.log(`firedrill: the studio ${library.dir && config.adminKey ? `saves scenarios into ${config.scenarios} (FIREDRILL_ADMIN_KEY is set)` : 'cannot save to the library (set FIREDRILL_ADMIN_KEY to allow it)'}`);
  console.log(`firedrill: game-day fault webhooks: ${faultWebhooks.size ? [...faultWebhooks.keys()].join(', ') : 'none (set FIREDRILL_FAULTS_FILE to send faults; dry runs work without)'}`);
  if (config.dev) console.log('firedrill: dev mode; for the client run `npx vite` beside this (it proxies /api and /socket.io here)');
  console.log(`listening on ${displayUrl(config.host, port)}`);

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
    app.close().then(
      () => {
        store.close();
        console.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`error while stopping: ${String(error)}`);
        store.close();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`firedrill could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
