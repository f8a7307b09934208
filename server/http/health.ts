import { Router } from 'express';
import type { HealthResponse } from '../../shared/protocol/messages';
import type { AppContext } from '../context';

/** `GET /api/health`: for load balancers and `npm start` smoke checks. */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const body: HealthResponse = { status: 'ok', drills: ctx.store.listLiveDrills().length, scenarios: ctx.scenarios.size };
    res.json(body);
  });
  return router;
}
