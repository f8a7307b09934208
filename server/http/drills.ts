import { Router } from 'express';
import { CreateDrillRequest, type DrillEventsResponse } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import { describeZodError } from '../validation';
import { requireStaff, staffAccess } from './access';
import { addressKey, retryWords } from './create-limit';
import { ApiError, opError, queryCount } from './errors';

/**
 * `POST /api/drills` (at most `ctx.limits` allows per client address: 429 with Retry-After beyond that),
 * `GET /api/drills/:id`, `GET /api/drills/:id/status` (the public status page: no seat or key),
 * `GET /api/drills/:id/events`. Any node answers: what needs the running drill is asked of its owner.
 */
export function drillsRouter(ctx: AppContext): Router {
  const router = Router();
  const notFound = (id: string) => new ApiError(404, 'not-found', `There is no drill "${id}". Check the link you were given.`);

  router.post('/', async (req, res) => {
    const parsed = CreateDrillRequest.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'invalid', describeZodError(parsed.error));
    const scenario = ctx.scenarios.get(parsed.data.scenarioId);
    if (!scenario) throw new ApiError(404, 'not-found', `There is no scenario "${parsed.data.scenarioId}". GET /api/scenarios lists them.`);
    // Counted only for requests that would create a drill: a malformed one costs the server nothing.
    const wait = await ctx.limits.takeCreate(addressKey(req.ip));
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      throw new ApiError(429, 'rate-limited', `Too many drills created from this address; try again in ${retryWords(wait)}.`);
    }
    const { secrets } = await ctx.registry.create(scenario, parsed.data.title);
    ctx.logger.info(`drill ${secrets.drillId} created: ${scenario.id}, join code ${secrets.joinCode}`);
    res.status(201).location(`/api/drills/${secrets.drillId}`).json(secrets);
  });

  router.get('/:id', async (req, res) => {
    const record = await ctx.store.getDrill(req.params.id);
    if (!record) throw notFound(req.params.id);
    const reply = await ctx.router.ask(record.id, { op: 'details', ...withRole(staffAccess(req, record)) });
    if (!reply.ok) throw opError(reply.error);
    res.json(reply.data);
  });

  // What customers would see. Public like a real status page: the drill's link is all it takes. Polled by the
  // page, so never cached (a stale page is worse than a slow one).
  router.get('/:id/status', async (req, res) => {
    const reply = await ctx.router.ask(req.params.id, { op: 'status' });
    if (!reply.ok) throw reply.error.unknown ? notFound(req.params.id) : opError(reply.error);
    res.set('Cache-Control', 'no-store').json(reply.data);
  });

  router.get('/:id/events', async (req, res) => {
    const record = await ctx.store.getDrill(req.params.id);
    if (!record) throw notFound(req.params.id);
    requireStaff(req, record);
    const after = queryCount(req.query.after, 'after') ?? 0;
    const body: DrillEventsResponse = { drillId: record.id, events: await ctx.store.events(record.id, after) };
    res.json(body);
  });

  return router;
}

const withRole = (role: 'facilitator' | 'observer' | undefined) => (role ? { role } : {});
