/**
 * Starts a real Firedrill server for the browser specs: its own process, a free port on 127.0.0.1, a SQLite
 * file in a temporary folder, a temporary copy of the bundled scenarios (the studio spec saves into it, never
 * into the repository's scenarios/), saving enabled with `E2E_ADMIN_KEY`, the built client, and the bundled
 * server run as `npm start` runs it (tests/e2e/run.ts builds both first). The server prints `listening on <url>`
 * when it is ready; we read that from stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer { url: string; process: ChildProcess; dir: string; scenarios: string }

/** The admin key the browser specs' server saves scenarios with. */
export const E2E_ADMIN_KEY = 'e2e-admin-key-do-not-use-anywhere-else';

const STARTUP_TIMEOUT_MS = 60_000;

export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
  const scenarios = join(dir, 'scenarios');
  cpSync('scenarios', scenarios, { recursive: true });
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist-server/main.mjs'], {
    // Private webhook targets allowed: the webhook spec's receiver listens on 127.0.0.1.
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', FIREDRILL_DB: join(dir, 'firedrill.db'), NODE_ENV: 'production',
      FIREDRILL_WEBHOOK_ALLOW_PRIVATE: 'true', FIREDRILL_SCENARIOS: scenarios, FIREDRILL_ADMIN_KEY: E2E_ADMIN_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print its URL within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0):\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('0.0.0.0', '127.0.0.1').replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { url, process: child, dir, scenarios };
}

export async function stopServer(server: RunningServer): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (server.process.exitCode === null) server.process.kill('SIGKILL');
  }
  rmSync(server.dir, { recursive: true, force: true });
}
