import { Router, type Request } from 'express';
import { decodeCursor, RUNS_PAGE, runsPage, type PreviousItems, type RunsPage } from '../../shared/runs/runs-page';
import { score } from '../../shared/scoring';
import type { AppContext } from '../context';
import { secretMatches } from '../ids';
import { requireStaff, staffAccess } from './access';
import { ApiError } from './errors';

/** The header a browser lists the drills it holds keys for in ("id:key,id:key"), to see those runs by name. */
export const KEYS_HEADER = 'x-firedrill-keys';
/** Most drills one request may name in `x-firedrill-keys`. */
const MAX_KEYS = 20;

/**
 * A scenario's runs, mounted at `/api`:
 * - `GET /scenarios/:id/runs` — one page of its finished runs, newest first across pages (`?limit=` 1–100,
 *   default 20; `?before=` the `page.next` of the previous page), with the trend of the page. Public, so it
 *   carries numbers only: no names, no post texts and no drill ids, except for runs whose facilitator or
 *   observer key the caller shows (`?drill=<id>&key=<key>`, or `x-firedrill-keys: id:key,…`): those keep their id
 *   and team. Read from run summaries, never from logs (a drill that ended before summaries gets one here).
 * - `GET /drills/:id/previous-items` — the action items the latest ended run of the same scenario left open
 *   (latest values), for the drill's facilitator or observer key.
 */
export function runsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/scenarios/:id/runs', async (req, res) => {
    const scenarioId = req.params.id;
    const limit = pageLimit(req.query.limit);
    const before = req.query.before === undefined ? undefined : decodeCursor(String(req.query.before));
    if (req.query.before !== undefined && !before) throw new ApiError(400, 'invalid', 'That is not a page of runs: pass ?before= exactly as page.next gave it.');
    const [rows, total] = await Promise.all([ctx.store.listEndedRuns(scenarioId, { limit: limit + 1, before }), ctx.store.countEndedRuns(scenarioId)]);
    if (total === 0 && !ctx.scenarios.get(scenarioId)) {
      throw new ApiError(404, 'not-found', `There is no scenario "${scenarioId}". GET /api/scenarios lists them.`);
    }
    const page = rows.slice(0, limit);
    const summaries = [];
    for (const run of page) summaries.push(await ctx.runSummaries.backfill(run));
    const readable = new Set<string>();
    const own = typeof req.query.drill === 'string' ? page.find((r) => r.drill.id === req.query.drill) : undefined;
    if (own && staffAccess(req, own.drill)) readable.add(own.drill.id);
    for (const [id, key] of presentedKeys(req)) {
      const run = page.find((r) => r.drill.id === id);
      if (run && (secretMatches(key, run.drill.facilitatorKeyHash) || secretMatches(key, run.drill.observerKeyHash))) readable.add(id);
    }
    const body: RunsPage = runsPage(summaries, { readable, limit, total, more: rows.length > limit });
    res.set('Cache-Control', readable.size ? 'private, no-store' : 'no-store').json(body);
  });

  router.get('/drills/:id/previous-items', async (req, res) => {
    const record = await ctx.store.getDrill(req.params.id);
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${req.params.id}". Check the link you were given.`);
    requireStaff(req, record);
    const previous = (await ctx.store.listEndedRuns(record.scenarioId, { limit: 2 })).find((r) => r.drill.id !== record.id && (r.drill.endedAt ?? r.drill.createdAt) <= (record.endedAt ?? Infinity));
    let body: PreviousItems = { run: null, items: [] };
    if (previous) {
      const card = score(previous.drill.scenario, await ctx.store.events(previous.drill.id), { drillId: previous.drill.id });
      const findings = new Map([...card.improvements, ...card.strengths].map((f) => [f.id, f.text]));
      body = {
        run: { endedAt: previous.drill.endedAt ?? previous.drill.createdAt, overall: card.overall },
        items: card.actionItems.filter((a) => a.status !== 'done').map((a) => ({ ...a, findingText: a.finding ? findings.get(a.finding) ?? null : null })),
      };
    }
    res.set('Cache-Control', 'private, no-store').json(body);
  });

  return router;
}

function pageLimit(raw: unknown): number {
  if (raw === undefined) return RUNS_PAGE.default;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > RUNS_PAGE.max) throw new ApiError(400, 'invalid', `?limit= is a whole number from 1 to ${RUNS_PAGE.max}.`);
  return n;
}

/** The `id:key` pairs of `x-firedrill-keys` (at most 20; malformed entries are skipped). */
function presentedKeys(req: Request): [string, string][] {
  const header = req.get(KEYS_HEADER);
  if (!header) return [];
  return header.split(',').slice(0, MAX_KEYS).map((pair) => pair.trim().split(':')).filter((p): p is [string, string] => p.length === 2 && !!p[0] && !!p[1]);
}
