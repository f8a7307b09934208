/**
 * Stand-in for server/main.ts while it does not exist: the same application on 127.0.0.1:PORT (0 = any free
 * port) with a SQLite file at FIREDRILL_DB, serving dist/. Prints the URL like main.ts does. Not used once
 * server/main.ts exists (see server.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApplication } from '../../server/app';
import { systemClock } from '../../server/clock';
import { loadScenarioDir } from '../../server/scenario-files';
import { SqliteStore } from '../../server/store/sqlite-store';

const httpServer = createServer();
const store = new SqliteStore(process.env.FIREDRILL_DB ?? ':memory:');
const { scenarios } = loadScenarioDir(process.env.FIREDRILL_SCENARIOS ?? 'scenarios');
const app = await createApplication(httpServer, { store, clock: systemClock, scenarios, clientDir: 'dist' });
httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`Firedrill listening on http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
});
const stop = async () => {
  await app.close();
  store.close?.();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
