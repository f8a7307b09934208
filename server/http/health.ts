import { Router } from 'express';
import type { HealthResponse } from '../../shared/protocol/messages';
import type { AppContext } from '../context';

/** How long the health check waits for the store or Redis before it calls the node degraded. */
export const HEALTH_PROBE_MS = 2000;

/** An answer, or why there was none (in words safe to show anyone: no credentials). */
type Probe<T> = { ok: true; value: T; ms: number } | { ok: false; error: string; ms: number };

async function probe<T>(work: () => Promise<T>, what: string): Promise<Probe<T>> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${HEALTH_PROBE_MS / 1000} s`)), HEALTH_PROBE_MS);
  });
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const value = await Promise.race([work(), late]);
    return { ok: true, value, ms: ms() };
  } catch (error) {
    return { ok: false, error: redact(error instanceof Error ? error.message : String(error)), ms: ms() };
  } finally {
    clearTimeout(timer);
  }
}

/** Drops credentials from an error message: `scheme://user:password@host` becomes `scheme://user:***@host`. */
export function redact(message: string): string {
  return message.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, '$1:***@').slice(0, 300);
}

/**
 * `GET /api/health`: for load balancers, monitoring and `npm start` smoke checks; anyone may read it, so it says
 * nothing secret (no URLs, no credentials, no drill ids). It says which node answered, how many drills it runs (and
 * holds leases for, with several nodes), whether its store answers (and how fast) and whether its adapter to the
 * other nodes (Redis) answers; `503` with `status: "degraded"` when one does not, or not within 2 s, so that a load
 * balancer stops sending clients to a node that cannot serve them. Each check costs one cheap query and one Redis
 * PING.
 */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  const started = Date.now();
  router.get('/', async (_req, res) => {
    const adapterHealth = ctx.adapterHealth;
    const [drills, adapter] = await Promise.all([
      probe(() => ctx.store.countLiveDrills(), `the ${ctx.store.engine} store`),
      adapterHealth
        ? probe(async () => {
            const answer = await adapterHealth();
            if (!answer.ok) throw new Error(answer.error ?? 'Redis does not answer');
          }, 'Redis')
        : undefined,
    ]);
    const { ownership } = ctx.registry;
    // PgLeases counts the leases it holds; the interface does not promise it, so it is read only where present.
    const leases = ownership.shared && 'count' in ownership && typeof ownership.count === 'number' ? ownership.count : undefined;
    const body: HealthResponse = {
      status: drills.ok && (adapter?.ok ?? true) ? 'ok' : 'degraded',
      drills: drills.ok ? drills.value : 0,
      scenarios: ctx.scenarios.size,
      node: ctx.node,
      owned: ctx.registry.size,
      ownership: leases === undefined ? { kind: 'single' } : { kind: 'leases', leases },
      store: { engine: ctx.store.engine, ok: drills.ok, ms: drills.ms, ...(drills.ok ? {} : { error: drills.error }) },
      adapter: adapter
        ? { kind: 'redis-streams', ok: adapter.ok, ms: adapter.ms, ...(adapter.ok ? {} : { error: adapter.error }) }
        : { kind: 'none', ok: true },
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
    };
    res.set('Cache-Control', 'no-store').status(body.status === 'ok' ? 200 : 503).json(body);
  });
  return router;
}
