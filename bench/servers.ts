import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer, NODE_BUNDLE } from '../server/bundle';
import type { CreateDrillResponse, DrillEventsResponse } from '../shared/protocol/messages';
import { freePort, spawnServer, type Spawned } from './processes';
import { BENCH_SCENARIOS_DIR, BENCH_SCENARIO_ID } from './schedule';
import type { DrillSlot } from './worker-protocol';

const READY_TIMEOUT_MS = 60_000;

/** Where the bench bundles the server: inside the project, so that the bundle finds node_modules. */
const BENCH_BUNDLE = fileURLToPath(new URL('../dist-server/bench/', import.meta.url));
let bundled: Promise<string> | undefined;

/**
 * The server as `npm start` runs it: the bundle of server/bundle.ts under plain Node. Bundled from the working
 * tree once per bench run, so the figures are always of the current source.
 */
export function firedrillScript(): Promise<string> {
  bundled ??= bundleServer(BENCH_BUNDLE).then(() => join(BENCH_BUNDLE, 'main.mjs'));
  return bundled;
}

/**
 * Starts the real server (server/main.ts, bundled as `npm start` runs it) on loopback with its own SQLite file and
 * only the bench scenario. `port` is fixed for a restart on the same address; otherwise a free one is picked.
 */
export async function startFiredrill(db: string, port?: number): Promise<Spawned & { port: number }> {
  const chosen = port ?? (await freePort());
  const spawned = await spawnServer({
    script: await firedrillScript(),
    // The bench creates up to 200 drills from one address: past the default limit (30 per 10 minutes) they would get 429.
    env: { PORT: String(chosen), HOST: '127.0.0.1', FIREDRILL_DB: db, FIREDRILL_SCENARIOS: BENCH_SCENARIOS_DIR, FIREDRILL_CREATE_LIMIT: 'off' },
    nodeArgs: profileArgs(),
    timeoutMs: READY_TIMEOUT_MS,
  });
  return { ...spawned, port: chosen };
}

/** FIREDRILL_BENCH_PROFILE=<dir>: every server the bench starts, real and bare, writes a V8 CPU profile there on its exit. */
function profileArgs(): string[] {
  const dir = process.env.FIREDRILL_BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

const BASELINE_BUNDLE = fileURLToPath(new URL('../dist-server/bench/baseline/', import.meta.url));
let baselineBundled: Promise<string> | undefined;

/**
 * The bare floor, bundled like the real server and run with plain Node, so that neither pays tsx at its start
 * (the recovery floor times a restart).
 */
function baselineScript(): Promise<string> {
  baselineBundled ??= build({
    entryPoints: { 'baseline-server': fileURLToPath(new URL('./baseline-server.ts', import.meta.url)) },
    outdir: BASELINE_BUNDLE, ...NODE_BUNDLE,
  }).then(() => join(BASELINE_BUNDLE, 'baseline-server.mjs'));
  return baselineBundled;
}

/**
 * Starts the bare Socket.IO floor with the payload schedule it plays; `port` is fixed for a restart on the same
 * address, `args` are its recovery options (`--views`, `--resume`: see bench/baseline-server.ts).
 */
export async function startBaseline(schedule: string, options: { port?: number; args?: string[] } = {}): Promise<Spawned & { port: number }> {
  const port = options.port ?? (await freePort());
  const spawned = await spawnServer({ script: await baselineScript(), args: ['--schedule', schedule, '--port', String(port), ...(options.args ?? [])], nodeArgs: profileArgs(), timeoutMs: READY_TIMEOUT_MS });
  return { ...spawned, port };
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Creates `count` drills of the bench scenario over HTTP, a few at a time. */
export async function createDrills(url: string, count: number): Promise<DrillSlot[]> {
  const slots: DrillSlot[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, k) => {
        const response = await fetch(`${url}/api/drills`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scenarioId: BENCH_SCENARIO_ID, title: `Bench drill ${i + k}` }),
        });
        const created = await json<CreateDrillResponse>(response, 'POST /api/drills');
        return { index: i + k, drillId: created.drillId, joinCode: created.joinCode, facilitatorKey: created.facilitatorKey };
      }),
    );
    slots.push(...batch);
  }
  return slots;
}

/** Room slots for the baseline server: the same layout, no drills behind them. */
export function baselineSlots(count: number): DrillSlot[] {
  return Array.from({ length: count }, (_, index) => ({ index, drillId: `room-${index}`, joinCode: '', facilitatorKey: '' }));
}

/** A drill's stored log, as the facilitator reads it (`GET /api/drills/:id/events`). */
export async function storedEvents(url: string, slot: Pick<DrillSlot, 'drillId' | 'facilitatorKey'>): Promise<DrillEventsResponse['events']> {
  const response = await fetch(`${url}/api/drills/${encodeURIComponent(slot.drillId)}/events`, { headers: { 'x-firedrill-key': slot.facilitatorKey } });
  return (await json<DrillEventsResponse>(response, `GET /api/drills/${slot.drillId}/events`)).events;
}

export const dbFile = (dir: string, name: string) => join(dir, `${name}.db`);
