import { Router } from 'express';
import { CreateDrillRequest, type DrillDetails, type DrillEventsResponse } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import { drillSummary, drillView, publicStatus } from '../drills/view';
import { describeZodError } from '../validation';
import { requireStaff, staffAccess } from './access';
import { addressKey, retryWords } from './create-limit';
import { ApiError, queryCount } from './errors';

/**
 * `POST /api/drills` (at most `ctx.createLimiter` allows per client address: 429 with Retry-After beyond
 * that), `GET /api/drills/:id`, `GET /api/drills/:id/status` (the public status page: no seat or key),
 * `GET /api/drills/:id/events`.
 */
export function drillsRouter(ctx: AppContext): Router {
  const router = Router();
  const drillOr404 = (id: string) => {
    const live = ctx.registry.get(id);
    if (live) return live;
    const refusal = ctx.registry.refusal(id);
    if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
    throw new ApiError(404, 'not-found', `There is no drill "${id}". Check the link you were given.`);
  };

  router.post('/', (req, res) => {
    const parsed = CreateDrillRequest.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'invalid', describeZodError(parsed.error));
    const scenario = ctx.scenarios.get(parsed.data.scenarioId);
    if (!scenario) throw new ApiError(404, 'not-found', `There is no scenario "${parsed.data.scenarioId}". GET /api/scenarios lists them.`);
    // Counted only for requests that would create a drill: a malformed one costs the server nothing.
    const wait = ctx.createLimiter?.take(addressKey(req.ip)) ?? 0;
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      throw new ApiError(429, 'rate-limited', `Too many drills created from this address; try again in ${retryWords(wait)}.`);
    }
    const { secrets } = ctx.registry.create(scenario, parsed.data.title);
    ctx.logger.info(`drill ${secrets.drillId} created: ${scenario.id}, join code ${secrets.joinCode}`);
    res.status(201).location(`/api/drills/${secrets.drillId}`).json(secrets);
  });

  router.get('/:id', async (req, res) => {
    const live = drillOr404(req.params.id);
    const role = staffAccess(req, live.record);
    const body: DrillDetails = await live.read(() => ({
      ...drillSummary(live),
      ...(role ? { view: drillView(live, { kind: role }, ctx.online(live.id)) } : {}),
    }));
    res.json(body);
  });

  // What customers would see. Public like a real status page: the drill's link is all it takes. Polled by the
  // page, so never cached (a stale page is worse than a slow one).
  router.get('/:id/status', async (req, res) => {
    const live = drillOr404(req.params.id);
    const body = await live.read(() => publicStatus(live.state, live.scenario['starts-at']));
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.get('/:id/events', (req, res) => {
    const record = ctx.store.getDrill(req.params.id);
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${req.params.id}". Check the link you were given.`);
    requireStaff(req, record);
    const after = queryCount(req.query.after, 'after') ?? 0;
    const body: DrillEventsResponse = { drillId: record.id, events: ctx.store.events(record.id, after) };
    res.json(body);
  });

  return router;
}
