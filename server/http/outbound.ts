import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { OpOf } from '../drills/ops';
import { OUTBOUND_CHANNELS } from '../outbound/messages';
import { describeZodError } from '../validation';
import { requireStaff } from './access';
import { ApiError, opError } from './errors';

export const OutboundRequest = z.strictObject({
  url: z.string().trim().max(2000, { message: 'That URL is too long (at most 2000 characters).' }).optional(),
  channels: z.array(z.enum(OUTBOUND_CHANNELS, { message: `pick channels from ${OUTBOUND_CHANNELS.join(', ')}` })).max(OUTBOUND_CHANNELS.length).optional(),
  format: z.enum(['auto', 'slack', 'json']).optional(),
  newSecret: z.boolean().optional(),
});

/**
 * The drill's outbound webhook (docs/operations.md, "Outbound webhooks"), facilitator key only:
 * `GET /api/drills/:id/outbound` (status; never the URL), `PUT` (set it; answers the signing secret when one was
 * made), `DELETE` (stop mirroring), `POST …/outbound/test` (queue a test message). Webhooks are sent by the drill's
 * owner, so these are asked of it, whichever node the request reached.
 */
export function outboundRouter(ctx: AppContext): Router {
  const router = Router();
  const ask = async (req: Request<{ id: string }>, op: Omit<OpOf<'outbound'>, 'op'>) => {
    const record = await ctx.store.getDrill(req.params.id);
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${req.params.id}". Check the link you were given.`);
    if (requireStaff(req, record) !== 'facilitator') throw new ApiError(403, 'forbidden', 'Only the facilitator can set up the webhook.');
    const reply = await ctx.router.ask(record.id, { op: 'outbound', ...op });
    if (!reply.ok) throw opError(reply.error);
    return reply.data;
  };

  router.get('/:id/outbound', async (req, res) => {
    const { status } = await ask(req, { action: 'status' });
    res.set('Cache-Control', 'no-store').json(status);
  });

  router.put('/:id/outbound', async (req, res) => {
    const parsed = OutboundRequest.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'invalid', describeZodError(parsed.error));
    const result = await ask(req, { action: 'configure', request: parsed.data });
    ctx.logger.info(`drill ${req.params.id}: webhook set to ${result.status.target} (${result.status.channels.join(', ')})`);
    res.set('Cache-Control', 'no-store').json(result);
  });

  router.delete('/:id/outbound', async (req, res) => {
    res.json((await ask(req, { action: 'remove' })).status);
  });

  router.post('/:id/outbound/test', async (req, res) => {
    res.status(202).json((await ask(req, { action: 'test' })).status);
  });

  return router;
}
