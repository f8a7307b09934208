import { Router } from 'express';
import type { HealthResponse } from '../../shared/protocol/messages';
import type { AppContext } from '../context';

/**
 * `GET /api/health`: for load balancers and `npm start` smoke checks. Says which node answered, what it runs, and
 * whether its store and (with several nodes) its adapter answer; `503` with `status: "degraded"` when one does not,
 * so that a load balancer stops sending clients to a node that cannot serve them.
 */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [drills, adapter] = await Promise.all([
      ctx.store.countLiveDrills().then((n) => ({ n }), (error: unknown) => ({ error: (error as Error).message })),
      ctx.adapterHealth ? ctx.adapterHealth().catch((error: unknown) => ({ ok: false, error: (error as Error).message })) : { ok: true },
    ]);
    const storeOk = 'n' in drills;
    const body: HealthResponse = {
      status: storeOk && adapter.ok ? 'ok' : 'degraded',
      drills: storeOk ? drills.n : 0,
      scenarios: ctx.scenarios.size,
      node: ctx.node,
      owned: ctx.registry.size,
      store: { engine: ctx.store.engine, ok: storeOk, ...(storeOk ? {} : { error: drills.error }) },
      adapter: { kind: ctx.adapterHealth ? 'redis-streams' : 'memory', ...adapter },
    };
    res.status(body.status === 'ok' ? 200 : 503).json(body);
  });
  return router;
}
