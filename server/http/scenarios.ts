import { Router } from 'express';
import type { ScenarioDetail, ScenarioSummary } from '../../shared/protocol/messages';
import { publicScenario, scenarioSummary } from '../../shared/protocol/public-scenario';
import { scenarioGraph } from '../../shared/scenario/graph';
import type { AppContext } from '../context';
import { ApiError } from './errors';

/** `GET /api/scenarios` (the library) and `GET /api/scenarios/:id` (public part + state graph). */
export function scenariosRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const body: ScenarioSummary[] = ctx.scenarios.list().map(scenarioSummary);
    res.json(body);
  });
  router.get('/:id', (req, res) => {
    const scenario = ctx.scenarios.get(req.params.id);
    if (!scenario) throw new ApiError(404, 'not-found', `There is no scenario "${req.params.id}". GET /api/scenarios lists them.`);
    const body: ScenarioDetail = { ...publicScenario(scenario), graph: scenarioGraph(scenario) };
    res.json(body);
  });
  return router;
}
