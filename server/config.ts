import { resolve } from 'node:path';
import { DEFAULT_CREATE_LIMIT, parseCreateLimit, type CreateLimit } from './http/create-limit';
import { MIN_ADMIN_KEY_LENGTH } from './scenario-library';

/** How `npm start` runs, from the environment (see docs/operations.md). */
export interface ServerConfig {
  port: number;
  /** Interface to bind; undefined = every interface, so the team can join from their own machines. */
  host?: string;
  /** SQLite file. */
  db: string;
  /** Folder of scenario files. */
  scenarios: string;
  /** Folder of the built web client. */
  clientDir: string;
  /** Drills one client address may create; `false`: no limit. */
  createLimit: CreateLimit | false;
  /** Lets the studio save scenarios into `scenarios` for whoever presents it; unset: saving is off. */
  adminKey?: string;
  dev: boolean;
}

/** Reads the configuration; throws with a message that says what to fix. */
export function readConfig(env: NodeJS.ProcessEnv, argv: readonly string[] = []): ServerConfig {
  const rawPort = env.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new Error(`PORT must be a port number from 0 to 65535, not "${rawPort}"`);
  return {
    port,
    host: env.HOST?.trim() || undefined,
    db: resolve(env.FIREDRILL_DB?.trim() || './data/firedrill.db'),
    scenarios: resolve(env.FIREDRILL_SCENARIOS?.trim() || './scenarios'),
    clientDir: resolve(env.FIREDRILL_CLIENT?.trim() || './dist'),
    createLimit: env.FIREDRILL_CREATE_LIMIT?.trim() ? parseCreateLimit(env.FIREDRILL_CREATE_LIMIT) : DEFAULT_CREATE_LIMIT,
    ...adminKeyOf(env),
    dev: argv.includes('--dev'),
  };
}

/** The URL to print for a bound address: a wildcard address is reachable as localhost from this machine. */
export function displayUrl(host: string | undefined, port: number): string {
  const shown = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

function adminKeyOf(env: NodeJS.ProcessEnv): { adminKey?: string } {
  const key = env.FIREDRILL_ADMIN_KEY?.trim();
  if (!key) return {};
  if (key.length < MIN_ADMIN_KEY_LENGTH) {
    throw new Error(`FIREDRILL_ADMIN_KEY must be at least ${MIN_ADMIN_KEY_LENGTH} characters: a long random secret, such as the output of \`openssl rand -base64 24\``);
  }
  return { adminKey: key };
}
