import express, { Router } from 'express';
import type { AppContext } from '../context';
import { drillsRouter } from './drills';
import { apiErrors, apiNotFound } from './errors';
import { gamedayRouter } from './gameday';
import { healthRouter } from './health';
import { outboundRouter } from './outbound';
import { reportsRouter } from './reports';
import { runsRouter } from './runs';
import { scenariosRouter } from './scenarios';
import { studioRouter } from './studio';

/** Request bodies are small (a scenario id and a title); anything bigger is refused with 413 (scenario files: studio.ts). */
export const BODY_LIMIT = '16kb';

/**
 * The HTTP API, every router mounted here and only here. Adding one is one line: routers may share a prefix
 * (a `/drills` router for scorecards next to this one is fine; Express tries them in order).
 */
export function apiRouter(ctx: AppContext): Router {
  const api = Router();
  // API answers carry keys (creation), private views, logs and reports: no cache may keep them. Routes that
  // want more say so themselves (reports add `private`).
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // `npm start` reads the scenario folder once its port is open (a restarted server serves its drills first):
  // what reads the scenarios waits for it, a fraction of a second at most after the start.
  api.use((req, _res, next) => {
    if (ctx.scenarios.loaded || !readsScenarios(req.method, req.path)) return next();
    void ctx.scenarios.ready.then(() => next());
  });
  // Before the body limit: saving a scenario file sends more than 16 KB (the studio router sets its own limit).
  api.use(studioRouter(ctx));
  // Alertmanager sends up to 256 KB of alerts; the router checks the alert token before it reads the body.
  api.use(gamedayRouter(ctx));
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use('/health', healthRouter(ctx));
  api.use('/scenarios', scenariosRouter(ctx));
  api.use('/drills', drillsRouter(ctx));
  api.use('/drills', outboundRouter(ctx));
  api.use(reportsRouter(ctx));
  api.use(runsRouter(ctx));
  api.use(apiNotFound);
  api.use(apiErrors(ctx.logger));
  return api;
}

/**
 * The routes that read the scenario catalog: the list and each scenario (with its runs and its source), creating a
 * drill, the studio, health.
 */
function readsScenarios(method: string, path: string): boolean {
  return path.startsWith('/scenarios') || path === '/studio' || path.startsWith('/health') || (method === 'POST' && /^\/drills\/?$/.test(path));
}
