import { Router } from 'express';
import { compareRuns, renderReport, score, type RunComparison, type Scorecard } from '../../shared/scoring';
import type { AppContext } from '../context';
import type { DrillRecord } from '../store/store';
import { requireStaff, staffAccess } from './access';
import { ApiError } from './errors';

/** How many of a scenario's latest finished runs `GET /api/scenarios/:id/runs` compares. */
export const MAX_RUNS = 20;

/**
 * Scorecards and reports, mounted at `/api`:
 * - `GET /drills/:id/scorecard` — the full Scorecard (JSON), facilitator or observer key;
 * - `GET /drills/:id/report.md` — the after-action report (Markdown), facilitator or observer key;
 * - `GET /scenarios/:id/runs` — finished runs of a scenario compared per objective and dimension. Public,
 *   so it carries numbers only: no names or post texts, and no drill ids except the caller's own run when
 *   `?drill=<id>&key=<its facilitator or observer key>` is given.
 *
 * A drill still running is scored up to its latest event.
 */
export function reportsRouter(ctx: AppContext): Router {
  const router = Router();
  const scorecardOf = (record: DrillRecord): Scorecard => score(record.scenario, ctx.store.events(record.id), { drillId: record.id });
  const staffDrill = (id: string, req: Parameters<typeof requireStaff>[0]): DrillRecord => {
    const record = ctx.store.getDrill(id);
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${id}". Check the link you were given.`);
    requireStaff(req, record);
    return record;
  };

  router.get('/drills/:id/scorecard', (req, res) => {
    res.json(scorecardOf(staffDrill(req.params.id, req)));
  });

  router.get('/drills/:id/report.md', (req, res) => {
    const record = staffDrill(req.params.id, req);
    res.type('text/markdown; charset=utf-8').send(renderReport(scorecardOf(record)));
  });

  router.get('/scenarios/:id/runs', (req, res) => {
    const finished = ctx.store.listFinishedDrills(req.params.id).slice(-MAX_RUNS);
    if (finished.length === 0 && !ctx.scenarios.get(req.params.id)) {
      throw new ApiError(404, 'not-found', `There is no scenario "${req.params.id}". GET /api/scenarios lists them.`);
    }
    // `?drill=&key=`: the caller's own run keeps its id (so a page can mark it); every other run stays anonymous.
    const own = typeof req.query.drill === 'string' ? ctx.store.getDrill(req.query.drill) : undefined;
    const ownId = own && own.scenarioId === req.params.id && staffAccess(req, own) ? own.id : undefined;
    const body: RunComparison = compareRuns(finished.map(({ drill, events }) => score(drill.scenario, events, drill.id === ownId ? { drillId: drill.id } : {})));
    res.json(body);
  });

  return router;
}
