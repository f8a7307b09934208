import express, { Router, type RequestHandler } from 'express';
import type { ReceivedAlert } from '../../shared/alerts/alert';
import { readAlerts } from '../../shared/alerts/ingest';
import type { AppContext } from '../context';
import type { LiveDrill } from '../drills/live-drill';
import { alertToken, alertTokenMatches, presentedAlertToken } from '../gameday/alert-tokens';
import { requireStaff } from './access';
import { ApiError } from './errors';

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
 */
export function gamedayRouter(ctx: AppContext): Router {
  const router = Router();
  // The drill's queue is needed here, so only its owner can answer. On several nodes these routes are not forwarded
  // yet (issue #12): a request that reaches a node other than the drill's owner is refused with a 503, and the
  // sender (Alertmanager) tries again.
  const drillOr404 = async (id: string): Promise<LiveDrill> => {
    const location = await ctx.registry.locate(id);
    if (location.kind === 'here') return location.live;
    if (location.kind === 'refused') throw new ApiError(location.refusal.status, location.refusal.code, location.refusal.message);
    if (location.kind === 'elsewhere') throw new ApiError(503, 'unavailable', 'This drill is run by another server of the cluster just now; try again in a moment.');
    throw new ApiError(404, 'not-found', `There is no drill "${id}". Check the URL of the alert webhook.`);
  };
  const gameday = () => {
    if (!ctx.gameday) throw new ApiError(404, 'not-found', 'This server does not run live game days.');
    return ctx.gameday;
  };

  // The token before the body: nobody without it gets the server to parse 256 KB.
  const token: RequestHandler = async (req, res, next) => {
    const { box } = gameday();
    const live = await drillOr404(String(req.params.id));
    const presented = presentedAlertToken(req.get('authorization'));
    if (!presented) {
      res.set('WWW-Authenticate', 'Bearer realm="firedrill-alerts"');
      throw new ApiError(401, 'unauthorized', 'Send the drill\'s alert token as "Authorization: Bearer <token>" (Alertmanager: http_config.authorization.credentials). The facilitator makes one in the console.');
    }
    if (!alertTokenMatches(box, live.id, live.state, presented)) {
      throw new ApiError(401, 'unauthorized', 'That alert token does not open this drill (it may have been replaced or revoked); ask the facilitator for the current one.');
    }
    res.locals.live = live;
    next();
  };
  const json = express.json({ limit: ALERT_BODY_LIMIT, type: ['application/json', 'application/*+json'] });

  router.post('/drills/:id/alerts', token, json, async (req, res) => {
    const live = res.locals.live as LiveDrill;
    if (!req.is('application/json') && !req.is('application/*+json')) {
      throw new ApiError(415, 'invalid', 'Send the alert as JSON, with "Content-Type: application/json".');
    }
    const read = readAlerts(req.body);
    if (!read.ok) throw new ApiError(400, 'invalid', read.message);
    const outcome = await live.exclusive((turn) => {
      // Repeats (Alertmanager sends a group's alerts again at every group_interval) are skipped, not refused.
      const seen = new Map(Object.entries(turn.state.alerts).map(([fp, a]) => [fp, a.status]));
      const fresh: ReceivedAlert[] = [];
      for (const alert of read.alerts) {
        if (seen.get(alert.fingerprint) === alert.status) continue;
        seen.set(alert.fingerprint, alert.status);
        fresh.push(alert);
      }
      // Checked before anything is logged: a request is taken whole or not at all.
      const first = fresh[0] && turn.check({ type: 'alert.receive', alert: fresh[0] }, { kind: 'system' });
      if (first) return { ok: false as const, error: first };
      const injects: string[] = [];
      for (const alert of fresh) {
        const result = turn.submit({ type: 'alert.receive', alert }, { kind: 'system' });
        if (!result.ok) throw new ApiError(409, result.error.code === 'not-running' ? 'not-running' : 'conflict', result.error.message);
        for (const e of result.events) if (e.type === 'inject.delivered') injects.push(e.injectId);
      }
      return { ok: true as const, received: fresh.length, duplicates: read.alerts.length - fresh.length, injects };
    });
    if (!outcome.ok) throw new ApiError(409, outcome.error.code === 'not-running' ? 'not-running' : 'conflict', outcome.error.message);
    const body: AlertIngestResponse = { format: read.format, received: outcome.received, duplicates: outcome.duplicates, injects: outcome.injects };
    res.status(outcome.received ? 202 : 200).json(body);
  });

  const facilitator = async (req: express.Request): Promise<LiveDrill> => {
    gameday();
    const live = await drillOr404(String(req.params.id));
    if (requireStaff(req, live.record) !== 'facilitator') throw new ApiError(403, 'forbidden', 'Only the facilitator can issue or revoke the alert token.');
    return live;
  };

  router.get('/drills/:id/alerts/token', async (req, res) => {
    const live = await facilitator(req);
    const current = await live.read(() => live.state.alertToken);
    res.json({ active: current !== null, ...(current ? { issuedAt: current.t } : {}), url: `/api/drills/${live.id}/alerts` });
  });

  router.post('/drills/:id/alerts/token', async (req, res) => {
    const live = await facilitator(req);
    const { box } = gameday();
    const result = await live.exclusive((turn) => turn.submit({ type: 'alerts.token', action: 'issue' }, { kind: 'facilitator' }));
    if (!result.ok) throw new ApiError(409, result.error.code === 'not-running' ? 'not-running' : 'conflict', result.error.message);
    ctx.logger.info(`drill ${live.id}: alert token issued (#${result.event.seq})`);
    res.status(201).json({ token: alertToken(box, live.id, result.event.seq), url: `/api/drills/${live.id}/alerts`, issuedAt: result.event.t });
  });

  router.delete('/drills/:id/alerts/token', async (req, res) => {
    const live = await facilitator(req);
    const result = await live.exclusive((turn) => (turn.state.alertToken ? turn.submit({ type: 'alerts.token', action: 'revoke' }, { kind: 'facilitator' }) : undefined));
    if (result && !result.ok) throw new ApiError(409, result.error.code === 'not-running' ? 'not-running' : 'conflict', result.error.message);
    if (result) ctx.logger.info(`drill ${live.id}: alert token revoked`);
    res.json({ active: false });
  });

  router.get('/drills/:id/faults/webhooks', async (req, res) => {
    const live = await drillOr404(String(req.params.id));
    requireStaff(req, live.record);
    res.json({ webhooks: ctx.gameday?.faults.webhooks() ?? [] });
  });

  return router;
}
