import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { UNAVAILABLE_MESSAGE } from '../drills/registry';
import { OUTBOUND_CHANNELS } from '../outbound/messages';
import { OutboundConfigError } from '../outbound/outbound';
import { describeZodError } from '../validation';
import { requireStaff } from './access';
import { ApiError } from './errors';

export const OutboundRequest = z.strictObject({
  url: z.string().trim().max(2000, { message: 'That URL is too long (at most 2000 characters).' }).optional(),
  channels: z.array(z.enum(OUTBOUND_CHANNELS, { message: `pick channels from ${OUTBOUND_CHANNELS.join(', ')}` })).max(OUTBOUND_CHANNELS.length).optional(),
  format: z.enum(['auto', 'slack', 'json']).optional(),
  newSecret: z.boolean().optional(),
});

/**
 * The drill's outbound webhook (docs/operations.md, "Outbound webhooks"), facilitator key only:
 * `GET /api/drills/:id/outbound` (status; never the URL), `PUT` (set it; answers the signing secret when one was
 * made), `DELETE` (stop mirroring), `POST …/outbound/test` (queue a test message).
 */
export function outboundRouter(ctx: AppContext): Router {
  const router = Router();
  const facilitatorOnly = (req: Parameters<typeof requireStaff>[0], id: string) => {
    const live = ctx.registry.get(id);
    if (!live) {
      if (ctx.registry.isUnavailable(id)) throw new ApiError(503, 'unavailable', UNAVAILABLE_MESSAGE);
      throw new ApiError(404, 'not-found', `There is no drill "${id}". Check the link you were given.`);
    }
    if (requireStaff(req, live.record) !== 'facilitator') throw new ApiError(403, 'forbidden', 'Only the facilitator can set up the webhook.');
    if (!ctx.outbound) throw new ApiError(404, 'not-found', 'This server does not mirror drills to webhooks.');
    return { live, outbound: ctx.outbound };
  };
  const configError = (error: unknown) => {
    if (error instanceof OutboundConfigError) throw new ApiError(400, 'invalid', error.message);
    throw error;
  };

  router.get('/:id/outbound', (req, res) => {
    const { outbound } = facilitatorOnly(req, req.params.id);
    res.set('Cache-Control', 'no-store').json(outbound.status(req.params.id));
  });

  router.put('/:id/outbound', async (req, res) => {
    const { live, outbound } = facilitatorOnly(req, req.params.id);
    const parsed = OutboundRequest.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'invalid', describeZodError(parsed.error));
    const result = await outbound.configure(live.id, live.title, parsed.data).catch(configError);
    ctx.logger.info(`drill ${live.id}: webhook set to ${result.status.target} (${result.status.channels.join(', ')})`);
    res.set('Cache-Control', 'no-store').json(result);
  });

  router.delete('/:id/outbound', async (req, res) => {
    const { live, outbound } = facilitatorOnly(req, req.params.id);
    res.json(await outbound.remove(live.id));
  });

  router.post('/:id/outbound/test', (req, res) => {
    const { live, outbound } = facilitatorOnly(req, req.params.id);
    try {
      res.status(202).json(outbound.test(live.id, live.title));
    } catch (error) {
      configError(error);
    }
  });

  return router;
}
