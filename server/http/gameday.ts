import express, { Router, type RequestHandler } from 'express';
import { readAlerts } from '../../shared/alerts/ingest';
import type { AppContext } from '../context';
import type { OpData, OpOf } from '../drills/ops';
import { presentedAlertToken } from '../gameday/alert-tokens';
import { requireStaff } from './access';
import { ApiError, opError } from './errors';

/** The most one alert request may carry: an Alertmanager group of 100 alerts with long annotations fits. */
export const ALERT_BODY_LIMIT = 256 * 1024;

/** What an accepted alert request answers. */
export interface AlertIngestResponse {
  format: 'alertmanager' | 'json';
  /** Alerts logged: each firing one is an inject (`injects`), each resolved one resolves its inject. */
  received: number;
  /** Alerts already in this state here (Alertmanager repeats a group's alerts): nothing logged for them. */
  duplicates: number;
  injects: string[];
}

/**
 * A live game day over HTTP (docs/game-day.md), mounted before the API's small body limit:
 *
 * - `POST /api/drills/:id/alerts`: real alerts in, Alertmanager's webhook format or a plain JSON alert, with the
 *   drill's ingest token as `Authorization: Bearer` (or basic auth's password). The token is checked before the
 *   body is read; the whole request is taken or, when one alert is malformed, none of it.
 * - `POST /api/drills/:id/alerts/token` (facilitator key): a new ingest token, answered this once; the old one stops
 *   working. `DELETE` revokes it. `GET` says whether one is in force.
 * - `GET /api/drills/:id/faults/webhooks` (staff key): the fault webhooks this server has, by name.
 *
 * Any node answers: what needs the drill (the token in force, logging the alerts) runs on its owner, through the
 * router (server/drills/host-gameday.ts).
 */
export function gamedayRouter(ctx: AppContext): Router {
  const router = Router();
  const gameday = () => {
    if (!ctx.gameday) throw new ApiError(404, 'not-found', 'This server does not run live game days.');
    return ctx.gameday;
  };
  /** The drill's owner answers (this node or another one, through the router); its refusal becomes the HTTP error. */
  const ask = async <N extends 'alert-auth' | 'alerts' | 'alert-token'>(id: string, op: OpOf<N>, unknown: string): Promise<OpData[N]> => {
    const reply = await ctx.router.ask<N>(id, op);
    if (reply.ok) return reply.data;
    if (reply.error.unknown) throw new ApiError(404, 'not-found', unknown);
    throw opError(reply.error);
  };
  const noAlertDrill = (id: string) => `There is no drill "${id}". Check the URL of the alert webhook.`;

  // The token before the body: nobody without it gets the server to parse 256 KB. The drill's owner checks it (the
  // token in force is in the drill's log), and checks it again with the alerts.
  const token: RequestHandler = async (req, res, next) => {
    gameday();
    const id = String(req.params.id);
    const presented = presentedAlertToken(req.get('authorization'));
    if (!presented) {
      if (!(await ctx.store.getDrill(id))) throw new ApiError(404, 'not-found', noAlertDrill(id));
      res.set('WWW-Authenticate', 'Bearer realm="firedrill-alerts"');
      throw new ApiError(401, 'unauthorized', 'Send the drill\'s alert token as "Authorization: Bearer <token>" (Alertmanager: http_config.authorization.credentials). The facilitator makes one in the console.');
    }
    await ask(id, { op: 'alert-auth', token: presented }, noAlertDrill(id));
    res.locals.token = presented;
    next();
  };
  const json = express.json({ limit: ALERT_BODY_LIMIT, type: ['application/json', 'application/*+json'] });

  router.post('/drills/:id/alerts', token, json, async (req, res) => {
    if (!req.is('application/json') && !req.is('application/*+json')) {
      throw new ApiError(415, 'invalid', 'Send the alert as JSON, with "Content-Type: application/json".');
    }
    const read = readAlerts(req.body);
    if (!read.ok) throw new ApiError(400, 'invalid', read.message);
    const id = String(req.params.id);
    const outcome = await ask(id, { op: 'alerts', token: res.locals.token as string, alerts: read.alerts }, noAlertDrill(id));
    const body: AlertIngestResponse = { format: read.format, ...outcome };
    res.status(outcome.received ? 202 : 200).json(body);
  });

  /** The facilitator key, checked against the stored drill (a key replaced a moment ago is already refused there). */
  const facilitator = async (req: express.Request): Promise<string> => {
    gameday();
    const record = await ctx.store.getDrill(String(req.params.id));
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${String(req.params.id)}". Check the link you were given.`);
    if (requireStaff(req, record) !== 'facilitator') throw new ApiError(403, 'forbidden', 'Only the facilitator can issue or revoke the alert token.');
    return record.id;
  };
  const tokenRoute = (action: 'status' | 'issue' | 'revoke') => async (req: express.Request, res: express.Response) => {
    const id = await facilitator(req);
    const result = await ask(id, { op: 'alert-token', action }, `There is no drill "${id}".`);
    const url = `/api/drills/${id}/alerts`;
    if (action === 'issue') return void res.status(201).json({ token: result.token, url, issuedAt: result.issuedAt });
    if (action === 'revoke') return void res.json({ active: false });
    res.json({ active: result.active, ...(result.issuedAt !== undefined ? { issuedAt: result.issuedAt } : {}), url });
  };
  router.get('/drills/:id/alerts/token', tokenRoute('status'));
  router.post('/drills/:id/alerts/token', tokenRoute('issue'));
  router.delete('/drills/:id/alerts/token', tokenRoute('revoke'));

  // This node's configuration (every node of a cluster reads the same FIREDRILL_FAULTS_FILE): no need for the owner.
  router.get('/drills/:id/faults/webhooks', async (req, res) => {
    const record = await ctx.store.getDrill(String(req.params.id));
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${String(req.params.id)}". Check the link you were given.`);
    requireStaff(req, record);
    res.json({ webhooks: ctx.gameday?.faults.webhooks() ?? [] });
  });

  return router;
}
