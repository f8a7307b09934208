import { resolve } from 'node:path';
import { parseDuration } from '../shared/duration';
import { DEFAULT_LEASE_MS } from './cluster/pg-leases';
import { LOBBY_TTL_MS } from './drills/registry';
import { DEFAULT_CREATE_LIMIT, parseCreateLimit, type CreateLimit } from './http/create-limit';
import { DEFAULT_MAX_PARTICIPANTS } from './socket/handlers';
import { DEV_ORIGINS, parseOrigins } from './socket/origin';
import { MIN_ADMIN_KEY_LENGTH } from './scenario-library';
import { parseTrustedProxies } from './http/trusted-proxies';

/** How `npm start` runs, from the environment (see docs/operations.md). */
export interface ServerConfig {
  port: number;
  /** Interface to bind; undefined = every interface, so the team can join from their own machines. */
  host?: string;
  /** SQLite file (when `databaseUrl` is unset). */
  db: string;
  /** PostgreSQL (`FIREDRILL_DATABASE_URL`): the store of several nodes; unset: the SQLite file `db`. */
  databaseUrl?: string;
  /** Redis (`FIREDRILL_REDIS_URL`): several nodes (adapter, node bus, shared limits); needs `databaseUrl`. */
  redisUrl?: string;
  /** This node's name in the cluster (`FIREDRILL_NODE_ID`); default host:port. */
  nodeId?: string;
  /** How long a drill lease lasts unless renewed (`FIREDRILL_LEASE`, wall ms). */
  leaseMs: number;
  /** Folder of scenario files. */
  scenarios: string;
  /** Folder of the built web client. */
  clientDir: string;
  /** Drills one client address may create; `false`: no limit. */
  createLimit: CreateLimit | false;
  /** Participants one drill takes. */
  maxParticipants: number;
  /** Wall ms a drill may wait in the lobby before it expires. */
  lobbyTtl: number;
  /** Web origins besides the server's own that may open a socket. */
  allowedOrigins: string[];
  /** Reverse proxies besides loopback whose X-Forwarded-* headers are believed (`FIREDRILL_TRUST_PROXY`). */
  trustProxy: string[];
  /** Seals webhook URLs; when unset, a key file next to the database is used (created on first start). */
  secretKey?: string;
  /** Webhooks may post to loopback and private addresses (a chat server on the same network; tests). */
  webhookAllowPrivate: boolean;
  /** A live game day's fault webhooks (docs/game-day.md): a JSON file of names, URLs and signing secrets. */
  faultsFile?: string;
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
    ...storesOf(env),
    leaseMs: parseLease(env.FIREDRILL_LEASE),
    scenarios: resolve(env.FIREDRILL_SCENARIOS?.trim() || './scenarios'),
    clientDir: resolve(env.FIREDRILL_CLIENT?.trim() || './dist'),
    createLimit: env.FIREDRILL_CREATE_LIMIT?.trim() ? parseCreateLimit(env.FIREDRILL_CREATE_LIMIT) : DEFAULT_CREATE_LIMIT,
    maxParticipants: parseMaxParticipants(env.FIREDRILL_MAX_PARTICIPANTS),
    lobbyTtl: parseLobbyTtl(env.FIREDRILL_LOBBY_TTL),
    // In --dev the Vite dev server (another origin) proxies the socket here.
    allowedOrigins: [...parseOrigins(env.FIREDRILL_ALLOWED_ORIGINS), ...(argv.includes('--dev') ? DEV_ORIGINS : [])],
    trustProxy: parseTrustedProxies(env.FIREDRILL_TRUST_PROXY),
    ...(env.FIREDRILL_SECRET_KEY?.trim() ? { secretKey: env.FIREDRILL_SECRET_KEY } : {}),
    webhookAllowPrivate: parseFlag(env.FIREDRILL_WEBHOOK_ALLOW_PRIVATE, 'FIREDRILL_WEBHOOK_ALLOW_PRIVATE'),
    ...(env.FIREDRILL_FAULTS_FILE?.trim() ? { faultsFile: resolve(env.FIREDRILL_FAULTS_FILE.trim()) } : {}),
    ...adminKeyOf(env),
    dev: argv.includes('--dev'),
  };
}

function storesOf(env: NodeJS.ProcessEnv): Pick<ServerConfig, 'databaseUrl' | 'redisUrl' | 'nodeId'> {
  const databaseUrl = env.FIREDRILL_DATABASE_URL?.trim() || undefined;
  const redisUrl = env.FIREDRILL_REDIS_URL?.trim() || undefined;
  const nodeId = env.FIREDRILL_NODE_ID?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new Error('FIREDRILL_DATABASE_URL must be a PostgreSQL URL like postgres://firedrill:secret@db.example.com:5432/firedrill (unset it to use the SQLite file FIREDRILL_DB)');
  }
  if (redisUrl && !/^rediss?:\/\//i.test(redisUrl)) throw new Error('FIREDRILL_REDIS_URL must be a Redis URL like redis://redis.example.com:6379');
  if (redisUrl && !databaseUrl) {
    throw new Error('FIREDRILL_REDIS_URL runs this server as one node of several, and several nodes share a PostgreSQL store: set FIREDRILL_DATABASE_URL too (or unset FIREDRILL_REDIS_URL for one node)');
  }
  if (nodeId && !/^[\w.:-]{1,100}$/.test(nodeId)) throw new Error('FIREDRILL_NODE_ID may use letters, digits and . _ : - (at most 100), like web-1');
  return { ...(databaseUrl ? { databaseUrl } : {}), ...(redisUrl ? { redisUrl } : {}), ...(nodeId ? { nodeId } : {}) };
}

function parseLease(text: string | undefined): number {
  if (!text?.trim()) return DEFAULT_LEASE_MS;
  const value = parseDuration(text.trim());
  if (value === undefined || value < 500 || value > 5 * 60_000) throw new Error(`FIREDRILL_LEASE must be a duration from 500ms to 5m, like 10s, not "${text}"`);
  return value;
}

function parseMaxParticipants(text: string | undefined): number {
  if (!text?.trim()) return DEFAULT_MAX_PARTICIPANTS;
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 1000) throw new Error(`FIREDRILL_MAX_PARTICIPANTS must be a whole number from 1 to 1000, not "${text}"`);
  return value;
}

function parseLobbyTtl(text: string | undefined): number {
  if (!text?.trim()) return LOBBY_TTL_MS;
  const value = parseDuration(text.trim());
  if (value === undefined || value < 60_000) throw new Error(`FIREDRILL_LOBBY_TTL must be a duration of at least a minute, like 24h or 90m, not "${text}"`);
  return value;
}

function parseFlag(raw: string | undefined, name: string): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  throw new Error(`${name} must be true or false, not "${raw}"`);
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
