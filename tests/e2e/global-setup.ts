import { writeFileSync } from 'node:fs';
import { startServer, stopServer } from './server';

/** One server for every spec (each test makes its own drill); its URL reaches the workers via the environment. */
export default async function globalSetup() {
  const server = await startServer();
  process.env.FIREDRILL_E2E_URL = server.url;
  process.env.FIREDRILL_E2E_SCENARIOS = server.scenarios;
  writeFileSync('test-results/.e2e-server-url', server.url);
  writeFileSync('test-results/.e2e-scenarios-dir', server.scenarios);
  return async () => stopServer(server);
}
