import express, { Router, type RequestHandler } from 'express';
import { MAX_SCENARIO_BYTES, SaveScenarioRequest, type ApiErrorBody, type SaveScenarioResponse, type ScenarioSource, type StudioInfo } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import type { Refusal } from '../scenario-library';
import { ApiError } from './errors';

/** The header the admin key travels in; never the address (addresses end up in logs and history). */
export const ADMIN_KEY_HEADER = 'x-firedrill-admin-key';

/**
 * What the scenario studio asks of the server: whether saving is on (`GET /api/studio`), a scenario's file to
 * edit a copy of (`GET /api/scenarios/:id/source`; with the admin key on a server that has one), and saving
 * into the scenario folder with the admin key (`PUT /api/scenarios/:id`). Mounted before the API's small body limit: a scenario file is bigger than a command.
 */
export function studioRouter(ctx: AppContext): Router {
  const router = Router();
  const library = ctx.library;

  router.get('/studio', (_req, res) => {
    const body: StudioInfo = { save: library.canSave, sourcesNeedKey: library.sourcesNeedKey };
    res.json(body);
  });

  router.get('/scenarios/:id/source', (req, res) => {
    const refusal = library.checkReadKey(req.get(ADMIN_KEY_HEADER));
    if (refusal) return send(res, refusal);
    // A script is not for the browser's cache or a proxy's.
    res.set('cache-control', 'private, no-store');
    const source: ScenarioSource | undefined = library.source(req.params.id);
    if (!source) throw new ApiError(404, 'not-found', `There is no scenario "${req.params.id}". GET /api/scenarios lists them.`);
    res.json(source);
  });

  // The key is checked before the body is read: nobody without it gets the server to parse 256 KB.
  const admin: RequestHandler = (req, res, next) => {
    const refusal = library.checkKey(req.get(ADMIN_KEY_HEADER));
    if (refusal) send(res, refusal);
    else next();
  };
  router.put('/scenarios/:id', admin, express.json({ limit: MAX_SCENARIO_BYTES + 1024 }), (req, res) => {
    const request = SaveScenarioRequest.safeParse(req.body);
    if (!request.success) throw new ApiError(400, 'invalid', `Send the scenario file as JSON { "text": "<YAML>" }, at most ${MAX_SCENARIO_BYTES / 1024} KB.`);
    const saved = library.save(String(req.params.id), request.data.text);
    if (!saved.ok) return send(res, saved);
    ctx.logger.info(`studio: ${saved.created ? 'added' : 'replaced'} scenario ${saved.id} (${saved.file}${saved.backup ? `; previous version in ${saved.backup}` : ''})`);
    const body: SaveScenarioResponse = { id: saved.id, file: saved.file, created: saved.created, warnings: saved.warnings, ...(saved.backup ? { backup: saved.backup } : {}) };
    res.status(saved.created ? 201 : 200).json(body);
  });
  return router;
}

function send(res: express.Response, refusal: Refusal): void {
  const body: ApiErrorBody = { error: { code: refusal.code, message: refusal.message, ...(refusal.problems ? { problems: refusal.problems } : {}) } };
  res.status(refusal.status).json(body);
}
